"""The risk engine (incidents/rules/risk/): ENISA arithmetic, the EDPB's own examples, strict
parsing of facts, and properties that must hold over the whole space of facts.

No database: the engine is pure, and these tests never touch the ORM.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import pytest

from incidents.rules import risk
from incidents.rules.risk import (
    RISK_LEVELS,
    Recommendation,
    evaluate,
    parse_facts,
    recommendation_to_dict,
    render_reason,
)
from incidents.rules.risk.severity import severity_band

PROJECT = Path(__file__).resolve().parents[3]
LANGS = ("nb", "nn", "en")


def rank(level: str) -> int:
    return RISK_LEVELS.index(level)


def assess(**data: Any) -> Recommendation:
    return evaluate(parse_facts(data))


def codes(rec: Recommendation) -> list[str]:
    return [reason.code for reason in rec.reasons]


def sentences(rec: Recommendation, language: str) -> list[str]:
    return cast(list[str], recommendation_to_dict(rec, language)["reasons"])


def rows(tables: dict[str, object], name: str) -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], tables[name])


# ---------------------------------------------------------------------------------------------
# ENISA: SE = DPC × EI + CB
# ---------------------------------------------------------------------------------------------

ARITHMETIC = [
    # (facts, dpc, ei, cb, score, band) - worked out by hand from LAW.md's tables
    (
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic"],
            "confidentiality_exposure": "known_recipients",
        },
        1,
        1.0,
        0.25,
        1.25,
        "low",
    ),
    (
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic"],
            "confidentiality_exposure": "unknown_recipients",
            "malicious": True,
        },
        1,
        1.0,
        1.0,
        2.0,
        "medium",
    ),
    (
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["financial", "basic"],
            "identifiability": "significant",
            "confidentiality_exposure": "unknown_recipients",
            "malicious": True,
        },
        3,
        0.75,
        1.0,
        3.25,
        "high",
    ),
    (
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["financial"],
            "confidentiality_exposure": "no_evidence",
        },
        3,
        1.0,
        0.0,
        3.0,
        "high",
    ),
    (
        {
            "breach_types": ["availability", "integrity"],
            "data_categories": ["basic", "special"],
            "integrity_impact": "no_misuse",
            "availability_impact": "temporary",
            "malicious": True,
        },
        4,
        1.0,
        0.75,
        4.75,
        "very_high",
    ),
    (
        {
            "breach_types": ["confidentiality", "integrity", "availability"],
            "data_categories": ["location"],
            "identifiability": "limited",
            "confidentiality_exposure": "known_recipients",
            "integrity_impact": "misused_unrecoverable",
            "availability_impact": "permanent",
        },
        2,
        0.5,
        1.25,
        2.25,
        "medium",
    ),
    (
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["payment_card"],
            "identifiability": "negligible",
            "confidentiality_exposure": "no_evidence",
        },
        4,
        0.25,
        0.0,
        1.0,
        "low",
    ),
    (
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["special"],
            "dpc_adjustment": 2,
            "dpc_adjustment_reason": "a year of therapy notes",
            "confidentiality_exposure": "known_recipients",
        },
        4,  # 4 + 2 is clamped to 4
        1.0,
        0.25,
        4.25,
        "very_high",
    ),
    (
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic"],
            "dpc_adjustment": -3,
            "dpc_adjustment_reason": "names only, already in the phone book",
            "confidentiality_exposure": "known_recipients",
        },
        1,  # 1 - 3 is clamped to 1
        1.0,
        0.25,
        1.25,
        "low",
    ),
]


@pytest.mark.parametrize(("data", "dpc", "ei", "cb", "score", "band"), ARITHMETIC)
def test_enisa_arithmetic(data: dict[str, Any], dpc: int, ei: float, cb: float, score: float, band: str) -> None:
    severity = assess(**data).severity
    assert (severity.dpc, severity.ei, severity.cb, severity.score, severity.band) == (dpc, ei, cb, score, band)


@pytest.mark.parametrize(
    ("category", "score"),
    [
        ("basic", 1),
        ("behavioural", 2),
        ("location", 2),
        ("communication", 2),
        ("financial", 3),
        ("national_id", 3),
        ("credentials", 3),
        ("official_documents", 3),
        ("payment_card", 4),
        ("special", 4),
        ("criminal", 4),
    ],
)
def test_each_category_has_its_documented_dpc(category: str, score: int) -> None:
    rec = assess(breach_types=["confidentiality"], data_categories=[category], confidentiality_exposure="no_evidence")
    assert rec.severity.dpc == score
    assert risk.CATEGORY_SCORES[category].score == score


@pytest.mark.parametrize(
    ("score", "band"), [(1.99, "low"), (2.0, "medium"), (2.99, "medium"), (3.0, "high"), (4.0, "very_high")]
)
def test_band_boundaries(score: float, band: str) -> None:
    assert severity_band(score) == band


def test_identifiability_not_given_is_counted_as_maximum_and_said() -> None:
    base = {
        "breach_types": ["confidentiality"],
        "data_categories": ["financial"],
        "confidentiality_exposure": "no_evidence",
    }
    missing = assess(**base)
    given_max = assess(**base, identifiability="maximum")
    assert missing.severity.ei == 1.0
    assert "ASSUMED_IDENTIFIABILITY" in codes(missing)
    assert "ASSUMED_IDENTIFIABILITY" not in codes(given_max)


def test_circumstances_count_only_the_breach_types_present() -> None:
    rec = assess(
        breach_types=["confidentiality"],
        data_categories=["basic"],
        confidentiality_exposure="known_recipients",
        availability_impact="permanent",  # no availability breach: not counted
    )
    assert rec.severity.cb == 0.25
    ignored = [r for r in rec.reasons if r.code == "IGNORED_ELEMENTS"]
    assert ignored and ignored[0].get("fields") == ("availability_impact",)


def test_a_missing_effect_is_assessed_as_the_worst_and_said() -> None:
    missing = assess(breach_types=["confidentiality"], data_categories=["basic"], subjects_count=5)
    worst = assess(
        breach_types=["confidentiality"],
        data_categories=["basic"],
        subjects_count=5,
        confidentiality_exposure="unknown_recipients",
    )
    assert missing.severity == worst.severity
    assert missing.risk_level == worst.risk_level == "risk"
    assert "ASSUMED_WORST" in codes(missing)


def test_trusted_recipients_are_known_recipients_when_exposure_is_missing() -> None:
    rec = assess(breach_types=["confidentiality"], data_categories=["financial"], recipient_trusted=True)
    assert rec.severity.cb == 0.25
    assert rec.risk_level == "unlikely"
    assert "ASSUMED_KNOWN_RECIPIENTS" in codes(rec)


# ---------------------------------------------------------------------------------------------
# The EDPB's examples: (id, facts, notify Datatilsynet, tell the people)
# EDPB Guidelines 01/2021 (cases 01-18) and 9/2022 Annex B (WP250 rev.01).
# ---------------------------------------------------------------------------------------------

EDPB_EXAMPLES: list[tuple[str, dict[str, Any], bool, bool]] = [
    (
        "01-2021 case 01: ransomware, data encrypted at rest, backup restored in hours, no exfiltration",
        {
            "breach_types": ["availability", "integrity"],
            "data_categories": ["basic"],
            "identifiability": "maximum",
            "integrity_impact": "no_misuse",
            "availability_impact": "recoverable",
            "malicious": True,
            "data_unintelligible": True,
            "subjects_count": 40,
        },
        False,
        False,
    ),
    (
        "01-2021 case 02: ransomware without backup, restored from paper after five working days",
        {
            "breach_types": ["availability", "integrity"],
            "data_categories": ["basic"],
            "identifiability": "maximum",
            "integrity_impact": "no_misuse",
            "availability_impact": "temporary",
            "malicious": True,
            "subjects_count": 40,
        },
        True,
        False,
    ),
    (
        "01-2021 case 03: hospital ransomware, backup took two days, surgeries cancelled",
        {
            "breach_types": ["availability", "integrity"],
            "data_categories": ["basic", "special"],
            "identifiability": "maximum",
            "integrity_impact": "no_misuse",
            "availability_impact": "temporary",
            "malicious": True,
            "vulnerable_subjects": True,
            "subjects_count": 5000,
        },
        True,
        True,
    ),
    (
        "01-2021 case 04: ransomware without backup and with exfiltration; ID numbers and card data",
        {
            "breach_types": ["confidentiality", "integrity", "availability"],
            "data_categories": ["basic", "national_id", "payment_card"],
            "identifiability": "maximum",
            "confidentiality_exposure": "unknown_recipients",
            "integrity_impact": "no_misuse",
            "availability_impact": "permanent",
            "malicious": True,
            "subjects_count": 5000,
        },
        True,
        True,
    ),
    (
        "01-2021 case 05: malicious code on a recruitment website exfiltrated 213 job applications",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic"],
            "identifiability": "maximum",
            "confidentiality_exposure": "unknown_recipients",
            "malicious": True,
            "subjects_count": 213,
        },
        True,
        True,
    ),
    (
        "01-2021 case 06: SQL injection took strongly hashed, salted passwords under pseudonyms",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["credentials"],
            "identifiability": "limited",
            "confidentiality_exposure": "unknown_recipients",
            "malicious": True,
            "data_unintelligible": True,
            "subjects_count": 1200,
        },
        False,
        False,
    ),
    (
        "01-2021 case 07: credential stuffing at a bank; identity data and fiscal codes leaked",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic", "national_id", "financial"],
            "identifiability": "maximum",
            "confidentiality_exposure": "unknown_recipients",
            "malicious": True,
            "subjects_count": 100_000,
        },
        True,
        True,
    ),
    (
        "01-2021 case 08: a leaving employee copied customers' contact data for his new business",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic"],
            "identifiability": "maximum",
            "confidentiality_exposure": "known_recipients",
            "malicious": True,
            "subjects_count": 250,
        },
        True,
        False,
    ),
    (
        "01-2021 case 09: spreadsheet to an insurance agent bound by secrecy, deletion confirmed",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic", "financial"],
            "dpc_adjustment": -1,
            "dpc_adjustment_reason": "insurance type and amount only",
            "identifiability": "maximum",
            "confidentiality_exposure": "known_recipients",
            "recipient_trusted": True,
            "subjects_count": 24,
        },
        False,
        False,
    ),
    (
        "01-2021 case 10: encrypted tablets stolen from a day-care centre, backup and remote wipe",
        {
            "breach_types": ["confidentiality", "availability"],
            "data_categories": ["basic"],
            "identifiability": "maximum",
            "confidentiality_exposure": "unknown_recipients",
            "availability_impact": "recoverable",
            "malicious": True,
            "data_unintelligible": True,
            "vulnerable_subjects": True,
            "subjects_count": 60,
        },
        False,
        False,
    ),
    (
        "01-2021 case 11: stolen notebook, no password or encryption, 100,000 customers",
        {
            "breach_types": ["confidentiality", "availability"],
            "data_categories": ["basic"],
            "identifiability": "maximum",
            "confidentiality_exposure": "unknown_recipients",
            "availability_impact": "recoverable",
            "malicious": True,
            "subjects_count": 100_000,
        },
        True,
        True,
    ),
    (
        "01-2021 case 12: paper log book stolen from a drug rehabilitation centre, no copy",
        {
            "breach_types": ["confidentiality", "availability"],
            "data_categories": ["basic", "special"],
            "identifiability": "maximum",
            "confidentiality_exposure": "unknown_recipients",
            "availability_impact": "permanent",
            "malicious": True,
            "vulnerable_subjects": True,
            "subjects_count": 40,
        },
        True,
        True,
    ),
    (
        "01-2021 case 13: two packing slips swapped between two customers (snail mail mistake)",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic"],
            "identifiability": "maximum",
            "confidentiality_exposure": "known_recipients",
            "subjects_count": 2,
        },
        False,
        False,
    ),
    (
        "01-2021 case 14: job seekers' national identity numbers e-mailed to all job seekers",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic", "national_id"],
            "identifiability": "maximum",
            "confidentiality_exposure": "known_recipients",
            "subjects_count": 60_000,
        },
        True,
        True,
    ),
    (
        "01-2021 case 16: two car-insurance letters in one envelope",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic", "financial"],
            "dpc_adjustment": -1,
            "dpc_adjustment_reason": "premiums only; no account or card data",
            "identifiability": "maximum",
            "confidentiality_exposure": "known_recipients",
            "subjects_count": 1,
        },
        True,
        False,
    ),
    (
        "01-2021 case 17: impostor had a customer's bills redirected to his own e-mail",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic", "financial", "communication"],
            "identifiability": "maximum",
            "confidentiality_exposure": "known_recipients",
            "malicious": True,
            "subjects_count": 1,
        },
        True,
        True,
    ),
    (
        "01-2021 case 18: mailbox rules forwarded invoices; a supplier's bank account was altered",
        {
            "breach_types": ["confidentiality", "integrity"],
            "data_categories": ["basic", "financial"],
            "identifiability": "maximum",
            "confidentiality_exposure": "unknown_recipients",
            "integrity_impact": "misused_recoverable",
            "malicious": True,
            "subjects_count": 80,
        },
        True,
        True,
    ),
    (
        "9/2022 Annex B 1: encrypted USB backup stolen, key safe, original intact",
        {
            "breach_types": ["confidentiality", "availability"],
            "data_categories": ["basic"],
            "identifiability": "maximum",
            "confidentiality_exposure": "unknown_recipients",
            "availability_impact": "recoverable",
            "malicious": True,
            "data_unintelligible": True,
        },
        False,
        False,
    ),
    (
        "9/2022 Annex B 3: a power outage of a few minutes at a call centre",
        {
            "breach_types": ["availability"],
            "data_categories": ["basic"],
            "availability_impact": "recoverable",
            "subjects_count": 3000,
        },
        False,
        False,
    ),
    (
        "9/2022 Annex B 6: usernames, passwords and purchase history published by an attacker",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic", "credentials", "behavioural"],
            "identifiability": "maximum",
            "confidentiality_exposure": "unknown_recipients",
            "malicious": True,
            "subjects_count": 20_000,
        },
        True,
        True,
    ),
    (
        "9/2022 Annex B 8: hospital medical records unavailable for 30 hours after a cyber-attack",
        {
            "breach_types": ["availability"],
            "data_categories": ["basic", "special"],
            "identifiability": "maximum",
            "availability_impact": "temporary",
            "malicious": True,
            "vulnerable_subjects": True,
            "subjects_count": 10_000,
        },
        True,
        True,
    ),
]


@pytest.mark.parametrize(
    ("title", "data", "authority", "people"), EDPB_EXAMPLES, ids=[e[0][:40] for e in EDPB_EXAMPLES]
)
def test_edpb_examples_come_out_as_the_edpb_decided(
    title: str, data: dict[str, Any], authority: bool, people: bool
) -> None:
    rec = assess(**data)
    assert (rec.notify_authority, rec.notify_data_subjects) == (authority, people), [
        render_reason(r, "en") for r in rec.reasons
    ]


def test_shared_acceptance_cases() -> None:
    cases_file = PROJECT.parent / "shared" / "acceptance" / "risk_cases.json"
    if not cases_file.exists():
        pytest.skip("the shared acceptance cases are not next to this checkout")
    for case in json.loads(cases_file.read_text(encoding="utf-8"))["cases"]:
        rec = evaluate(parse_facts(case["facts"]))
        want = (case["expected"]["notify_authority"], case["expected"]["notify_data_subjects"])
        assert (rec.notify_authority, rec.notify_data_subjects) == want, case["id"]


# Avvik's reading of the EDPB's "depending on" examples and of LAW.md's rules.


def test_ransomware_without_backup_is_for_the_authority_not_the_people_when_data_are_basic() -> None:
    # 9/2022 Annex B 4: report to the SA; tell people depending on the data and the effect.
    rec = assess(
        breach_types=["availability", "integrity"],
        data_categories=["basic"],
        availability_impact="permanent",
        integrity_impact="no_misuse",
        malicious=True,
        subjects_count=300,
    )
    assert (rec.risk_level, rec.notify_authority, rec.notify_data_subjects) == ("risk", True, False)


def test_encrypted_data_without_backup_can_still_be_a_risk() -> None:
    rec = assess(
        breach_types=["availability"],
        data_categories=["basic"],
        availability_impact="permanent",
        data_unintelligible=True,
        subjects_count=30,
    )
    assert rec.notify_authority
    assert "A_ENCRYPTED_NO_HELP" in codes(rec)


def test_mis_sent_email_with_a_patients_test_results_is_high() -> None:
    rec = assess(
        breach_types=["confidentiality"],
        data_categories=["basic", "special"],
        confidentiality_exposure="known_recipients",
        vulnerable_subjects=True,
        subjects_count=1,
    )
    assert (rec.risk_level, rec.notify_data_subjects) == ("high", True)
    assert "C_SENSITIVE_AGGRAVATED" in codes(rec)


def test_psychotherapist_newsletter_in_cc_is_high() -> None:
    # 9/2022 Annex B 10: a mailing list of a psychotherapist reveals health data.
    rec = assess(
        breach_types=["confidentiality"],
        data_categories=["basic", "special"],
        confidentiality_exposure="known_recipients",
        subjects_count=300,
    )
    assert rec.risk_level == "high"


def test_special_data_to_one_known_recipient_are_high_for_the_harm_they_do() -> None:
    # Issue #18: the harm the data can do decides. Before, a diagnosis to one known recipient was
    # only a "risk"; a diagnosis that reaches someone who should not know it cannot be undone.
    rec = assess(
        breach_types=["confidentiality"],
        data_categories=["basic", "special"],
        confidentiality_exposure="known_recipients",
        subjects_count=3,
    )
    assert (rec.risk_level, rec.notify_authority, rec.notify_data_subjects) == ("high", True, True)
    assert "C_HARM" in codes(rec)


def test_special_data_to_one_known_trusted_recipient_are_a_risk_but_not_high() -> None:
    rec = assess(
        breach_types=["confidentiality"],
        data_categories=["basic", "special"],
        confidentiality_exposure="known_recipients",
        recipient_trusted=True,
        subjects_count=3,
    )
    assert (rec.risk_level, rec.notify_authority, rec.notify_data_subjects) == ("risk", True, False)
    assert "C_TRUSTED_LIMITED" in codes(rec) and "C_TRUSTED" not in codes(rec)


def test_criminal_offence_data_are_at_least_a_risk_even_without_evidence_of_access() -> None:
    rec = assess(
        breach_types=["confidentiality"],
        data_categories=["criminal"],
        confidentiality_exposure="no_evidence",
        subjects_count=1,
    )
    assert rec.risk_level == "risk"
    assert "C_AT_LEAST_RISK" in codes(rec)


def test_cc_marketing_email_to_many_is_for_the_authority_only() -> None:
    # 9/2022 Annex B 10: e-mail addresses visible to all; many people but basic data.
    rec = assess(
        breach_types=["confidentiality"],
        data_categories=["basic"],
        confidentiality_exposure="known_recipients",
        subjects_count=2500,
    )
    assert (rec.risk_level, rec.flags) == ("risk", ("over_100_subjects",))


def test_data_already_public_lowers_the_confidentiality_part_one_step() -> None:
    base = {
        "breach_types": ["confidentiality"],
        "data_categories": ["basic", "special"],
        "confidentiality_exposure": "unknown_recipients",
        "malicious": True,
        "subjects_count": 10,
    }
    assert assess(**base).risk_level == "high"
    lowered = assess(**base, data_already_public=True)
    assert lowered.risk_level == "risk"
    assert "C_PUBLIC" in codes(lowered)
    assert (
        assess(
            breach_types=["confidentiality"],
            data_categories=["basic"],
            confidentiality_exposure="known_recipients",
            subjects_count=500,
            data_already_public=True,
        ).risk_level
        == "unlikely"
    )


def test_a_trusted_recipient_does_not_count_when_someone_meant_harm() -> None:
    base = {
        "breach_types": ["confidentiality"],
        "data_categories": ["financial"],
        "confidentiality_exposure": "known_recipients",
        "recipient_trusted": True,
    }
    assert assess(**base).risk_level == "unlikely"
    rec = assess(**base, malicious=True)
    assert rec.risk_level == "high"
    assert "C_TRUSTED_NOT_USED" in codes(rec)


def test_credentials_published_openly_are_high() -> None:
    rec = assess(
        breach_types=["confidentiality"], data_categories=["credentials"], confidentiality_exposure="unknown_recipients"
    )
    assert rec.risk_level == "high"


def test_altered_health_records_that_may_have_been_used_are_high() -> None:
    rec = assess(breach_types=["integrity"], data_categories=["special"], integrity_impact="misused_unrecoverable")
    assert rec.risk_level == "high"
    assert assess(breach_types=["integrity"], data_categories=["special"], integrity_impact="no_misuse").risk_level == (
        "unlikely"
    )


ENCRYPTED_SPECIAL_DATA_COPIED_OUT = {
    "data_categories": ["special"],
    "subjects_count": 500,
    "data_unintelligible": True,
    "exfiltration": "confirmed",
    "malicious": True,
}


def test_encryption_exempts_only_where_the_dpo_chose_a_confidentiality_breach() -> None:
    # Art. 34(3)(a) is the DPO's own account of a disclosure. An availability breach whose
    # confidentiality part is only implied (data copied out) is assessed with the encryption,
    # but the exemption is not claimed on the DPO's behalf.
    implied = assess(
        breach_types=["availability"], availability_impact="temporary", **ENCRYPTED_SPECIAL_DATA_COPIED_OUT
    )
    assert implied.exemption is None
    assert "EX_34_3_A" not in codes(implied)
    chosen = assess(
        breach_types=["confidentiality"],
        confidentiality_exposure="unknown_recipients",
        **ENCRYPTED_SPECIAL_DATA_COPIED_OUT,
    )
    assert chosen.exemption == "34_3_a"
    assert codes(chosen)[-1] == "EX_34_3_A"


def test_an_exemption_that_applies_is_not_also_called_unnecessary() -> None:
    rec = assess(
        breach_types=["confidentiality"],
        confidentiality_exposure="unknown_recipients",
        measures_remove_high_risk=True,
        **ENCRYPTED_SPECIAL_DATA_COPIED_OUT,
    )
    assert rec.exemption == "34_3_a"
    assert "EX_NOT_NEEDED" not in codes(rec)
    nothing_claimed = assess(breach_types=["confidentiality"], data_categories=["basic"], subjects_count=3)
    assert "EX_NOT_NEEDED" not in codes(nothing_claimed)
    # Control: with nothing exempted, measures claimed for a risk that was never high are said to be unneeded.
    plain = assess(
        breach_types=["confidentiality"],
        confidentiality_exposure="known_recipients",
        data_categories=["basic"],
        subjects_count=3,
        measures_remove_high_risk=True,
    )
    assert plain.exemption is None
    assert "EX_NOT_NEEDED" in codes(plain)
