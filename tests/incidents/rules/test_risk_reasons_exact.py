"""Each reason names exactly what the rules found, no more and no less: the category that set
the data score, the factors that raised a part, the assumption made for a missing answer. A
DPO who reads "ukjente mottakere" where the recipients were known, or misses the note that a
trusted recipient did not count, decides on a wrong account of the case.

Every case lists all reasons but the starting point of the confidentiality part (C_START) and
the closing sentence (LEVEL_*), which other tests pin.
"""

from __future__ import annotations

from typing import Any

import pytest

from incidents.rules.risk import Recommendation, evaluate, parse_facts, render_reason
from incidents.rules.risk.facts import Facts

C = ["confidentiality"]
FEW = {"identifiability": "maximum", "subjects_count": 10}
SKIPPED = {"C_START", "LEVEL_UNLIKELY", "LEVEL_RISK", "LEVEL_HIGH"}


def assess(**data: Any) -> Recommendation:
    return evaluate(parse_facts(data))


def facts(types: list[str], categories: list[str], **extra: Any) -> dict[str, Any]:
    """Facts of a few people who can be identified directly, unless ``extra`` says otherwise."""
    return {"breach_types": types, "data_categories": categories, **FEW, **extra}


def confidential(categories: list[str], exposure: str, **extra: Any) -> dict[str, Any]:
    return facts(C, categories, confidentiality_exposure=exposure, **extra)


def found(rec: Recommendation) -> list[tuple[str, dict[str, Any]]]:
    return [(reason.code, dict(reason.params)) for reason in rec.reasons if reason.code not in SKIPPED]


def severity(
    category: str, dpc: int, cb: float, score: float, band: str, ei: float = 1.0
) -> tuple[str, dict[str, Any]]:
    return ("SEVERITY", {"band": band, "category": category, "cb": cb, "dpc": dpc, "ei": ei, "score": score})


CASES = [
    pytest.param(
        confidential(["basic"], "known_recipients"),
        "unlikely",
        [severity("basic", 1, 0.25, 1.25, "low")],
        id="ordinary-data-to-a-known-recipient-say-nothing-more",
    ),
    pytest.param(
        confidential(["financial", "national_id"], "known_recipients"),
        "risk",
        [severity("national_id", 3, 0.25, 3.25, "high")],
        id="on-a-tie-the-first-category-in-the-list-sets-the-score",
    ),
    pytest.param(
        confidential(["special"], "known_recipients", context_reveals_special=True),
        "high",
        [
            severity("special", 4, 0.25, 4.25, "very_high"),
            ("CONTEXT_SPECIAL", {"dpc": 4}),
            ("C_AT_LEAST_RISK", {"factors": ("sensitive",)}),
            ("C_HARM", {"harms": ("discrimination",)}),
        ],
        id="special-data-stay-named-as-such-when-the-context-also-reveals-them",
    ),
    pytest.param(
        confidential(["basic"], "known_recipients", context_reveals_special=True),
        "high",
        [
            severity("context_special", 4, 0.25, 4.25, "very_high"),
            ("CONTEXT_SPECIAL", {"dpc": 4}),
            ("C_AT_LEAST_RISK", {"factors": ("sensitive",)}),
            ("C_HARM", {"harms": ("discrimination",)}),
        ],
        id="ordinary-data-that-reveal-special-facts-are-named-by-the-context",
    ),
    pytest.param(
        confidential(["behavioural"], "known_recipients", dpc_adjustment=1, dpc_adjustment_reason="  mange barn  "),
        "risk",
        [
            severity("behavioural", 3, 0.25, 3.25, "high"),
            ("DPC_ADJUSTED", {"adjustment": 1, "base": 2, "dpc": 3, "why": "mange barn"}),
        ],
        id="an-adjustment-of-one-is-said-with-the-score-before-and-after",
    ),
    pytest.param(
        confidential(["payment_card"], "known_recipients", malicious=True),
        "high",
        [
            severity("payment_card", 4, 0.75, 4.75, "very_high"),
            ("C_AT_LEAST_RISK", {"factors": ("malicious",)}),
            ("C_SERIOUS_EXPOSED", {"band": "very_high", "factors": ("malicious",)}),
            ("C_FRAUD", {"categories": ("payment_card",), "score": 4.75}),
        ],
        id="the-fraud-score-keeps-its-decimals",
    ),
    pytest.param(
        confidential(
            ["payment_card"], "unknown_recipients", malicious=True, identifiability="significant", subjects_count=10
        ),
        "high",
        [
            severity("payment_card", 4, 1.0, 4.0, "very_high", ei=0.75),
            ("C_AT_LEAST_RISK", {"factors": ("malicious", "unknown_recipients")}),
            ("C_SERIOUS_EXPOSED", {"band": "very_high", "factors": ("unknown_recipients", "malicious")}),
            ("C_FRAUD", {"categories": ("payment_card",), "score": 4.0}),
        ],
        id="the-fraud-score-is-weighed-by-how-identifiable-people-are",
    ),
    pytest.param(
        facts(["availability"], ["basic"], availability_impact="temporary", malicious=True, exfiltration="likely"),
        "risk",
        [
            severity("basic", 1, 1.25, 2.25, "medium"),
            ("CONFIDENTIALITY_IMPLIED", {"factors": ("exfiltrated",)}),
            ("C_AT_LEAST_RISK", {"factors": ("malicious", "unknown_recipients")}),
            ("A_LOSS", {"impact": "temporary"}),
        ],
        id="data-copied-out-imply-a-confidentiality-breach-and-say-so",
    ),
    pytest.param(
        facts(["integrity"], ["basic"], integrity_impact="no_misuse", access_without_need=True),
        "risk",
        [
            severity("basic", 1, 0.25, 1.25, "low"),
            ("CONFIDENTIALITY_IMPLIED", {"factors": ("snooping",)}),
            ("C_SNOOPING", {}),
            ("I_NO_MISUSE", {}),
        ],
        id="snooping-implies-a-confidentiality-breach-and-only-snooping-is-named",
    ),
    pytest.param(
        facts(["availability"], ["basic"], availability_impact="temporary", data_unintelligible=True),
        "risk",
        [
            severity("basic", 1, 0.25, 1.25, "low"),
            ("A_ENCRYPTED_NO_HELP", {}),
            ("A_LOSS", {"impact": "temporary"}),
        ],
        id="encryption-is-said-not-to-help-against-a-temporary-loss",
    ),
    pytest.param(
        facts(["confidentiality", "integrity"], ["basic"], recipient_trusted=True),
        "risk",
        [
            severity("basic", 1, 0.75, 1.75, "low"),
            ("ASSUMED_WORST", {"types": ("integrity",), "values": ("misused_unrecoverable",)}),
            ("ASSUMED_KNOWN_RECIPIENTS", {}),
            ("C_TRUSTED", {}),
            ("I_MISUSE", {"impact": "misused_unrecoverable"}),
        ],
        id="the-worst-is-assumed-only-for-the-chosen-part-a-trusted-recipient-does-not-cover",
    ),
    pytest.param(
        confidential(["basic"], "known_recipients", recipient_trusted=True),
        "unlikely",
        [severity("basic", 1, 0.25, 1.25, "low"), ("C_TRUSTED", {})],
        id="a-trusted-recipient-with-the-exposure-given-needs-no-assumption-and-no-warning",
    ),
    pytest.param(
        facts(
            ["integrity"], ["basic"], integrity_impact="misused_recoverable", malicious=True, exfiltration="ruled_out"
        ),
        "risk",
        [
            severity("basic", 1, 0.75, 1.75, "low"),
            ("EXFILTRATION_RULED_OUT", {}),
            ("I_MISUSE", {"impact": "misused_recoverable"}),
        ],
        id="an-attack-where-nothing-left-says-why-confidentiality-is-not-assessed",
    ),
    pytest.param(
        confidential(["basic"], "unknown_recipients", recipient_trusted=True),
        "risk",
        [
            severity("basic", 1, 0.5, 1.5, "low"),
            ("C_TRUSTED_NOT_USED", {"factors": ("unknown_recipients",)}),
            ("C_AT_LEAST_RISK", {"factors": ("unknown_recipients",)}),
        ],
        id="a-trusted-recipient-does-not-count-when-others-are-unknown",
    ),
    pytest.param(
        confidential(["basic"], "known_recipients", recipient_trusted=True, access_without_need=True),
        "risk",
        [
            severity("basic", 1, 0.25, 1.25, "low"),
            ("C_TRUSTED_NOT_USED", {"factors": ("snooping",)}),
            ("C_SNOOPING", {}),
        ],
        id="a-snooper-is-not-a-trusted-recipient",
    ),
    pytest.param(
        confidential(["special"], "no_evidence", identifiability="negligible", subjects_count=10),
        "risk",
        [
            severity("special", 4, 0.0, 1.0, "low", ei=0.25),
            ("C_AT_LEAST_RISK", {"factors": ("sensitive",)}),
            ("C_NOT_DISCLOSED", {"band": "low"}),
        ],
        id="special-data-without-evidence-of-access-are-said-not-disclosed-whatever-the-band",
    ),
    pytest.param(
        confidential(["special"], "unknown_recipients"),
        "high",
        [
            severity("special", 4, 0.5, 4.5, "very_high"),
            ("C_AT_LEAST_RISK", {"factors": ("sensitive", "unknown_recipients")}),
            ("C_HARM", {"harms": ("discrimination",)}),
            ("C_SENSITIVE_AGGRAVATED", {"factors": ("unknown_recipients",)}),
            ("C_SERIOUS_EXPOSED", {"band": "very_high", "factors": ("unknown_recipients",)}),
        ],
        id="special-data-to-unknown-recipients-name-the-unknown-recipients",
    ),
    pytest.param(
        confidential(["special"], "known_recipients", malicious=True),
        "high",
        [
            severity("special", 4, 0.75, 4.75, "very_high"),
            ("C_AT_LEAST_RISK", {"factors": ("sensitive", "malicious")}),
            ("C_HARM", {"harms": ("discrimination",)}),
            ("C_SENSITIVE_AGGRAVATED", {"factors": ("malicious",)}),
            ("C_SERIOUS_EXPOSED", {"band": "very_high", "factors": ("malicious",)}),
        ],
        id="special-data-taken-on-purpose-name-the-malice",
    ),
    pytest.param(
        confidential(["payment_card"], "known_recipients", vulnerable_subjects=True),
        "high",
        [
            severity("payment_card", 4, 0.25, 4.25, "very_high"),
            ("C_AT_LEAST_RISK", {"factors": ("vulnerable",)}),
            ("C_SERIOUS_EXPOSED", {"band": "very_high", "factors": ("vulnerable",)}),
            ("C_FRAUD", {"categories": ("payment_card",), "score": 4.25}),
        ],
        id="a-serious-breach-of-vulnerable-people-names-them",
    ),
    pytest.param(
        confidential(
            ["basic"],
            "known_recipients",
            recipient_trusted=True,
            data_already_public=True,
            identifiability="maximum",
            subjects_count=150,
        ),
        "unlikely",
        [
            severity("basic", 1, 0.25, 1.25, "low"),
            ("C_AT_LEAST_RISK", {"factors": ("over_100",)}),
            ("C_PUBLIC", {}),
            ("C_TRUSTED_LIMITED", {"factors": ("over_100",)}),
        ],
        id="a-limited-trusted-recipient-never-raises-a-part-public-data-lowered",
    ),
]


@pytest.mark.parametrize(("facts", "level", "reasons"), CASES)
def test_the_reasons_name_exactly_what_was_found(facts: dict[str, Any], level: str, reasons: list[Any]) -> None:
    rec = assess(**facts)
    assert found(rec) == reasons
    assert rec.risk_level == level


def test_the_adjustment_reads_with_its_sign_both_scores_and_the_reason_trimmed() -> None:
    rec = assess(
        breach_types=C,
        data_categories=["behavioural"],
        dpc_adjustment=1,
        dpc_adjustment_reason="  mange barn  ",
        confidentiality_exposure="known_recipients",
        **FEW,
    )
    (adjusted,) = [reason for reason in rec.reasons if reason.code == "DPC_ADJUSTED"]
    assert (
        render_reason(adjusted, "nb")
        == "Datatypen er justert med +1, fra 2 til 3 på skalaen 1–4. Begrunnelse: mange barn"
    )


def test_no_adjustment_no_context_and_a_known_count_leave_no_notes() -> None:
    rec = assess(breach_types=C, data_categories=["basic"], confidentiality_exposure="known_recipients", **FEW)
    notes = {"DPC_ADJUSTED", "CONTEXT_SPECIAL", "COUNT_UNKNOWN", "IGNORED_ELEMENTS", "ASSUMED_IDENTIFIABILITY"}
    assert notes.isdisjoint(reason.code for reason in rec.reasons)
    unknown = assess(breach_types=C, data_categories=["basic"], confidentiality_exposure="known_recipients")
    assert {"COUNT_UNKNOWN", "ASSUMED_IDENTIFIABILITY"} <= {reason.code for reason in unknown.reasons}


@pytest.mark.parametrize(
    ("count", "note"),
    [
        (24, None),
        (25, ("VOLUME_UNDER_LIMIT", {"count": 25, "level": "risk", "other_level": "high"})),
        (100, ("VOLUME_UNDER_LIMIT", {"count": 100, "level": "risk", "other_level": "high"})),
        (101, ("VOLUME_OVER_LIMIT", {"count": 101, "level": "high", "other_level": "risk"})),
        (400, ("VOLUME_OVER_LIMIT", {"count": 400, "level": "high", "other_level": "risk"})),
        (401, None),
    ],
)
def test_the_volume_note_covers_25_to_400_people_and_100_is_under_the_limit(count: int, note: Any) -> None:
    rec = assess(
        breach_types=C,
        data_categories=["behavioural"],
        confidentiality_exposure="known_recipients",
        identifiability="maximum",
        subjects_count=count,
    )
    notes = [(reason.code, dict(reason.params)) for reason in rec.reasons if reason.code.startswith("VOLUME_")]
    assert notes == ([note] if note else [])


def test_facts_without_any_breach_type_are_unlikely_to_be_a_risk() -> None:
    # parse_facts refuses them; direct construction (e.g. an old stored assessment) does not.
    rec = evaluate(Facts(breach_types=(), data_categories=("basic",)))
    assert rec.risk_level == "unlikely"
    assert rec.levels_by_breach_type == ()
    assert rec.reasons[-1].code == "LEVEL_UNLIKELY"
