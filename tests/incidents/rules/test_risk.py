"""The risk engine (incidents/rules/risk/): ENISA arithmetic, the EDPB's own examples, strict
parsing of facts, and properties that must hold over the whole space of facts.

No database: the engine is pure, and these tests never touch the ORM.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incidents.rules import risk
from incidents.rules.risk import (
    AVAILABILITY_IMPACT,
    BREACH_TYPES,
    CONFIDENTIALITY_EXPOSURE,
    DATA_CATEGORIES,
    EXFILTRATION,
    IDENTIFIABILITY,
    INTEGRITY_IMPACT,
    RISK_LEVELS,
    Facts,
    FactsError,
    Recommendation,
    enisa_tables,
    evaluate,
    facts_to_dict,
    parse_facts,
    recommendation_to_dict,
    render_reason,
    rules_table,
)
from incidents.rules.risk.facts import MESSAGES
from incidents.rules.risk.labels import (
    BAND_LABELS,
    BREACH_TYPE_LABELS,
    CATEGORY_LABELS,
    format_count,
    format_number,
    join_words,
    label_of,
    normalize_language,
)
from incidents.rules.risk.reasons import render_param
from incidents.rules.risk.severity import ENISA_DPC, severity_band
from incidents.rules.risk.vocabulary import t

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


# ---------------------------------------------------------------------------------------------
# Art. 34(3) exemptions
# ---------------------------------------------------------------------------------------------

HIGH = {
    "breach_types": ["confidentiality"],
    "data_categories": ["basic", "special"],
    "confidentiality_exposure": "unknown_recipients",
    "malicious": True,
    "subjects_count": 400,
}


def test_measures_that_remove_the_high_risk_exempt_from_telling_the_people() -> None:
    rec = assess(**HIGH, measures_remove_high_risk=True)
    assert (rec.risk_level, rec.notify_authority, rec.notify_data_subjects, rec.exemption) == (
        "high",
        True,
        False,
        "34_3_b",
    )
    assert not rec.public_communication
    assert "EX_34_3_B" in codes(rec)


def test_disproportionate_effort_means_a_public_communication() -> None:
    rec = assess(**HIGH, disproportionate_effort=True)
    assert (rec.notify_data_subjects, rec.exemption, rec.public_communication) == (False, "34_3_c", True)


def test_measures_win_over_disproportionate_effort() -> None:
    rec = assess(**HIGH, measures_remove_high_risk=True, disproportionate_effort=True)
    assert (rec.exemption, rec.public_communication) == ("34_3_b", False)


def test_no_exemption_is_recommended_when_the_risk_is_not_high() -> None:
    rec = assess(
        breach_types=["confidentiality"],
        data_categories=["basic"],
        confidentiality_exposure="known_recipients",
        subjects_count=3,
        measures_remove_high_risk=True,
        disproportionate_effort=True,
    )
    assert rec.exemption is None
    assert not rec.public_communication
    assert "EX_NOT_NEEDED" in codes(rec)


def test_encryption_is_the_34_3_a_ground_where_the_disclosure_would_have_been_high() -> None:
    rec = assess(**HIGH, data_unintelligible=True)
    assert (rec.risk_level, rec.notify_authority, rec.notify_data_subjects, rec.exemption) == (
        "unlikely",
        False,
        False,
        "34_3_a",
    )
    assert "data_unintelligible" in rec.flags


def test_encryption_does_not_exempt_from_an_availability_high_risk() -> None:
    rec = assess(
        breach_types=["confidentiality", "availability"],
        data_categories=["basic", "special"],
        confidentiality_exposure="unknown_recipients",
        availability_impact="permanent",
        vulnerable_subjects=True,
        malicious=True,
        data_unintelligible=True,
    )
    assert dict(rec.levels_by_breach_type) == {"confidentiality": "unlikely", "availability": "high"}
    assert (rec.notify_data_subjects, rec.exemption) == (True, None)


# ---------------------------------------------------------------------------------------------
# Output shape and reasons
# ---------------------------------------------------------------------------------------------


def test_recommendation_dict_has_exactly_the_contract_shape() -> None:
    rec = assess(**HIGH)
    data = recommendation_to_dict(rec, "nb")
    assert set(data) == {
        "severity",
        "risk_level",
        "notify_authority",
        "notify_data_subjects",
        "public_communication",
        "exemption",
        "flags",
        "reasons",
    }
    assert set(cast(dict[str, object], data["severity"])) == {"dpc", "ei", "cb", "score", "band"}
    assert data["flags"] == ["over_100_subjects"]
    assert json.loads(json.dumps(data)) == data


def test_reasons_follow_the_language() -> None:
    rec = assess(**HIGH)
    nb, nn, en = (sentences(rec, lang) for lang in LANGS)
    assert nb != nn != en
    assert any("høy risiko" in r for r in nb)
    assert any("høg risiko" in r for r in nn)
    assert any("high risk" in r for r in en)
    assert recommendation_to_dict(rec, "de")["reasons"] == nb
    assert recommendation_to_dict(rec, "nn-NO")["reasons"] == nn
    assert recommendation_to_dict(rec, "en-GB,en;q=0.8")["reasons"] == en


def test_numbers_are_written_the_norwegian_way() -> None:
    rec = assess(
        breach_types=["confidentiality"], data_categories=["basic"], confidentiality_exposure="known_recipients"
    )
    severity = next(r for r in rec.reasons if r.code == "SEVERITY")
    assert "1,25" in render_reason(severity, "nb")
    assert "1.25" in render_reason(severity, "en")


NYNORSK_ONLY = re.compile(r"\b(ikkje|dei|høg|frå|kva|kvifor|korleis|opplysningar|personopplysningar|råka)\b", re.I)
BOKMAL_ONLY = re.compile(
    r"\b(ikke|høy|hvis|hva|hvorfor|hvordan|fra|mer|berørte|personopplysninger|opplysninger)\b", re.I
)


def test_rules_table_is_complete_in_every_language() -> None:
    assert len({rule.code for rule in risk.RULES}) == len(risk.RULES)
    for lang in LANGS:
        table = rules_table(lang)
        assert [row["code"] for row in table] == [rule.code for rule in risk.RULES]
        for row in table:
            assert all(row[key].strip() for key in ("part", "check", "effect", "text", "source")), row
            assert "{" not in row["text"]


def test_nynorsk_and_bokmal_are_kept_apart() -> None:
    for rule in risk.RULES:
        for text in (rule.check, rule.does, rule.text):
            assert not BOKMAL_ONLY.search(text["nn"]), (rule.code, text["nn"])
            assert not NYNORSK_ONLY.search(text["nb"]), (rule.code, text["nb"])
    for messages in MESSAGES.values():
        assert not BOKMAL_ONLY.search(messages["nn"]), messages["nn"]
        assert not NYNORSK_ONLY.search(messages["nb"]), messages["nb"]


def test_enisa_tables_carry_the_weights_and_the_category_map() -> None:
    for lang in LANGS:
        tables = enisa_tables(lang)
        assert tables["formula"] == "SE = DPC × EI + CB"
        weights = {row["value"]: row["weight"] for row in rows(tables, "ease_of_identification")}
        assert weights == {"negligible": 0.25, "limited": 0.5, "significant": 0.75, "maximum": 1.0}
        mapped = {row["category"]: row["score"] for row in rows(tables, "category_map")}
        assert mapped == {code: risk.CATEGORY_SCORES[code].score for code in DATA_CATEGORIES}
        bands = [row["band"] for row in rows(tables, "bands")]
        assert bands == ["low", "medium", "high", "very_high"]
    assert enisa_tables("nn")["intro"] != enisa_tables("nb")["intro"]


def test_the_module_works_without_django() -> None:
    code = (
        "import sys; import incidents.rules.risk as r; "
        "r.evaluate(r.parse_facts({'breach_types': ['integrity'], 'data_categories': ['basic']})); "
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------------------------------------
# Parsing: strict, every error named by its field, in the requested language
# ---------------------------------------------------------------------------------------------

GOOD: dict[str, Any] = {
    "breach_types": ["availability", "integrity"],
    "data_categories": ["basic"],
    "identifiability": "maximum",
    "integrity_impact": "no_misuse",
    "availability_impact": "recoverable",
    "malicious": True,
    "data_unintelligible": True,
    "subjects_count": 40,
}

BAD_FACTS = [
    ({"breach_types": []}, "breach_types"),
    ({"breach_types": ["confidentiality", "leakage"]}, "breach_types"),
    ({"breach_types": "confidentiality"}, "breach_types"),
    ({"data_categories": ["shoe_size"]}, "data_categories"),
    ({"data_categories": []}, "data_categories"),
    ({"identifiability": "somewhat"}, "identifiability"),
    ({"confidentiality_exposure": "everyone"}, "confidentiality_exposure"),
    ({"integrity_impact": 2}, "integrity_impact"),
    ({"availability_impact": "gone"}, "availability_impact"),
    ({"subjects_count": -5}, "subjects_count"),
    ({"subjects_count": 5.0}, "subjects_count"),
    ({"subjects_count": True}, "subjects_count"),
    ({"records_count": "many"}, "records_count"),
    ({"dpc_adjustment": 7}, "dpc_adjustment"),
    ({"dpc_adjustment": True}, "dpc_adjustment"),
    ({"dpc_adjustment": 1}, "dpc_adjustment_reason"),
    ({"dpc_adjustment": -2, "dpc_adjustment_reason": "   "}, "dpc_adjustment_reason"),
    ({"dpc_adjustment_reason": "x" * 10_001}, "dpc_adjustment_reason"),
    ({"malicious": "yes"}, "malicious"),
    ({"vulnerable_subjects": 1}, "vulnerable_subjects"),
    ({"recipient_trusted": None}, "recipient_trusted"),
    ({"colour_of_the_sky": "blue"}, "colour_of_the_sky"),
]


@pytest.mark.parametrize("language", LANGS)
@pytest.mark.parametrize(("change", "field"), BAD_FACTS)
def test_bad_facts_are_refused_by_name(change: dict[str, Any], field: str, language: str) -> None:
    with pytest.raises(FactsError) as caught:
        parse_facts({**GOOD, **change}, language)
    assert list(caught.value.errors) == [field]
    messages = caught.value.errors[field]
    assert messages and all(isinstance(m, str) and m.strip() for m in messages)


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"colour_of_the_sky": "blue"}, "colour_of_the_sky", ("ikke", "ikkje", "not")),
        ({"breach_types": []}, "breach_types", ("Velg", "Vel", "Choose")),
        ({"identifiability": "somewhat"}, "identifiability", ("ikke en gyldig", "ikkje ein gyldig", "not a valid")),
        ({"subjects_count": -5}, "subjects_count", ("hvis du ikke vet", "om du ikkje veit", "if you do not know")),
        ({"dpc_adjustment": 1}, "dpc_adjustment_reason", ("Skriv hvorfor", "Skriv kvifor", "Say why")),
    ],
)
def test_error_messages_are_in_the_requested_language(
    change: dict[str, Any], field: str, words: tuple[str, ...]
) -> None:
    texts = []
    for language, word in zip(LANGS, words, strict=True):
        with pytest.raises(FactsError) as caught:
            parse_facts({**GOOD, **change}, language)
        text = " ".join(caught.value.errors[field])
        assert word in text, (language, text)
        texts.append(text)
    assert len(set(texts)) == 3


def test_unknown_language_gives_bokmal_errors() -> None:
    with pytest.raises(FactsError) as caught:
        parse_facts({**GOOD, "malicious": "yes"}, "sv")
    assert caught.value.errors["malicious"] == [MESSAGES["not_bool"]["nb"]]


def test_all_errors_are_collected_before_refusing() -> None:
    with pytest.raises(FactsError) as caught:
        parse_facts(
            {
                "breach_types": ["leakage"],
                "data_categories": [],
                "subjects_count": -1,
                "colour": "blue",
                "malicious": 0,
            },
            "en",
        )
    assert set(caught.value.errors) == {"breach_types", "data_categories", "subjects_count", "colour", "malicious"}
    assert "colour" not in str(caught.value.errors["breach_types"])


def test_unknown_values_are_each_named() -> None:
    with pytest.raises(FactsError) as caught:
        parse_facts({**GOOD, "data_categories": ["basic", "shoe_size", "hair_colour"]}, "en")
    messages = caught.value.errors["data_categories"]
    assert len(messages) == 2
    assert "shoe_size" in messages[0] and "hair_colour" in messages[1]


def test_a_near_miss_field_name_gets_a_suggestion() -> None:
    with pytest.raises(FactsError) as caught:
        parse_facts({**GOOD, "breach_type": ["integrity"]}, "nb")
    assert "breach_types" in caught.value.errors["breach_type"][0]


def test_missing_required_lists_are_named() -> None:
    with pytest.raises(FactsError) as caught:
        parse_facts({})
    assert set(caught.value.errors) == {"breach_types", "data_categories"}


def test_not_an_object_is_refused() -> None:
    with pytest.raises(FactsError) as caught:
        parse_facts(["confidentiality"])  # type: ignore[arg-type]
    assert "non_field_errors" in caught.value.errors


def test_parsing_normalises_lists_and_defaults() -> None:
    facts = parse_facts(
        {
            "breach_types": ["integrity", "confidentiality", "integrity"],
            "data_categories": ["special", "basic", "special"],
            "subjects_count": None,
            "identifiability": None,
            "dpc_adjustment_reason": None,
        }
    )
    assert facts.breach_types == ("confidentiality", "integrity")
    assert facts.data_categories == ("basic", "special")
    assert (facts.dpc_adjustment, facts.dpc_adjustment_reason, facts.identifiability) == (0, "", None)
    assert (facts.malicious, facts.subjects_count) == (False, None)


def test_ten_thousand_characters_of_reason_are_accepted() -> None:
    facts = parse_facts({**GOOD, "dpc_adjustment": 1, "dpc_adjustment_reason": "ø" * 10_000})
    assert len(facts.dpc_adjustment_reason) == 10_000


def test_facts_refuse_unknown_codes_when_built_directly() -> None:
    with pytest.raises(FactsError):
        Facts(breach_types=("leakage",), data_categories=("basic",))
    with pytest.raises(FactsError):
        Facts(breach_types=("integrity",), data_categories=("basic",), integrity_impact="gone")


# ---------------------------------------------------------------------------------------------
# Properties over the whole space of facts
# ---------------------------------------------------------------------------------------------


@st.composite
def facts(draw: st.DrawFn) -> Facts:
    adjustment = draw(st.integers(risk.ADJUSTMENT_MIN, risk.ADJUSTMENT_MAX))
    return Facts(
        breach_types=tuple(draw(st.sets(st.sampled_from(BREACH_TYPES), min_size=1))),
        data_categories=tuple(draw(st.sets(st.sampled_from(DATA_CATEGORIES), min_size=1))),
        dpc_adjustment=adjustment,
        dpc_adjustment_reason="context" if adjustment else "",
        identifiability=draw(st.none() | st.sampled_from(tuple(IDENTIFIABILITY))),
        confidentiality_exposure=draw(st.none() | st.sampled_from(CONFIDENTIALITY_EXPOSURE)),
        integrity_impact=draw(st.none() | st.sampled_from(INTEGRITY_IMPACT)),
        availability_impact=draw(st.none() | st.sampled_from(AVAILABILITY_IMPACT)),
        malicious=draw(st.booleans()),
        data_unintelligible=draw(st.booleans()),
        subjects_count=draw(st.none() | st.integers(0, 2_000_000)),
        records_count=draw(st.none() | st.integers(0, 2_000_000)),
        vulnerable_subjects=draw(st.booleans()),
        recipient_trusted=draw(st.booleans()),
        data_already_public=draw(st.booleans()),
        measures_remove_high_risk=draw(st.booleans()),
        disproportionate_effort=draw(st.booleans()),
        access_without_need=draw(st.booleans()),
        exfiltration=draw(st.sampled_from(EXFILTRATION)),
        context_reveals_special=draw(st.booleans()),
    )


def never_lower(before: Facts, after: Facts) -> None:
    old, new = evaluate(before), evaluate(after)
    assert rank(new.risk_level) >= rank(old.risk_level), (before, after, old.risk_level, new.risk_level)
    assert new.severity.score >= old.severity.score


@given(facts(), st.sampled_from(DATA_CATEGORIES))
def test_adding_a_data_category_never_lowers_the_risk(f: Facts, category: str) -> None:
    never_lower(f, dataclasses.replace(f, data_categories=(*f.data_categories, category)))


@given(facts())
def test_malice_never_lowers_the_risk(f: Facts) -> None:
    never_lower(f, dataclasses.replace(f, malicious=True))


@given(facts())
def test_vulnerable_people_never_lower_the_risk(f: Facts) -> None:
    never_lower(f, dataclasses.replace(f, vulnerable_subjects=True))


@given(facts())
def test_access_without_a_work_need_never_lowers_the_risk(f: Facts) -> None:
    never_lower(dataclasses.replace(f, access_without_need=False), dataclasses.replace(f, access_without_need=True))


@given(facts())
def test_a_context_that_reveals_special_data_never_lowers_the_risk(f: Facts) -> None:
    never_lower(
        dataclasses.replace(f, context_reveals_special=False), dataclasses.replace(f, context_reveals_special=True)
    )


@given(facts(), st.data())
def test_exfiltration_confirmed_likely_unknown_ruled_out_in_that_order_of_risk(f: Facts, data: st.DataObject) -> None:
    # ruled_out < unknown < likely < confirmed: "unknown" is never read as "ruled_out".
    current = data.draw(st.sampled_from(EXFILTRATION))
    worse = data.draw(st.sampled_from(EXFILTRATION[EXFILTRATION.index(current) :]))
    never_lower(dataclasses.replace(f, exfiltration=current), dataclasses.replace(f, exfiltration=worse))


@given(facts())
def test_after_an_attack_unknown_exfiltration_is_at_least_a_risk_unless_unintelligible(f: Facts) -> None:
    f = dataclasses.replace(
        f, malicious=True, exfiltration="unknown", data_unintelligible=False, data_already_public=False
    )
    assert evaluate(f).notify_authority


@given(facts())
def test_a_trusted_recipient_never_clears_special_data_or_many_people(f: Facts) -> None:
    f = dataclasses.replace(
        f,
        recipient_trusted=True,
        data_unintelligible=False,
        data_already_public=False,
        breach_types=("confidentiality",),
    )
    if f.context_reveals_special or {"special", "criminal"} & set(f.data_categories) or (f.subjects_count or 0) > 100:
        assert evaluate(f).notify_authority


@given(facts(), st.integers(0, 10_000_000))
def test_more_people_never_lower_the_risk(f: Facts, more: int) -> None:
    never_lower(f, dataclasses.replace(f, subjects_count=(f.subjects_count or 0) + more))


@given(facts(), st.sampled_from(tuple(risk.ELEMENT_FIELDS.values())), st.data())
def test_a_worse_exposure_or_impact_never_lowers_the_risk(
    f: Facts, element: tuple[str, tuple[str, ...]], data: st.DataObject
) -> None:
    name, vocabulary = element
    current = data.draw(st.sampled_from(vocabulary))
    worse = data.draw(st.sampled_from(vocabulary[vocabulary.index(current) :]))
    before: dict[str, Any] = {name: current}
    after: dict[str, Any] = {name: worse}
    never_lower(dataclasses.replace(f, **before), dataclasses.replace(f, **after))


@given(facts())
def test_a_missing_exposure_is_assessed_like_unknown_recipients(f: Facts) -> None:
    f = dataclasses.replace(f, recipient_trusted=False)
    missing = evaluate(dataclasses.replace(f, confidentiality_exposure=None))
    unknown = evaluate(dataclasses.replace(f, confidentiality_exposure="unknown_recipients"))
    assert (missing.risk_level, missing.severity) == (unknown.risk_level, unknown.severity)


@given(facts())
def test_unintelligible_data_in_a_confidentiality_only_breach_never_means_telling_people(f: Facts) -> None:
    rec = evaluate(dataclasses.replace(f, breach_types=("confidentiality",), data_unintelligible=True))
    assert not rec.notify_data_subjects
    assert rec.risk_level == "unlikely"


@given(facts())
def test_same_facts_same_answer(f: Facts) -> None:
    again = parse_facts(json.loads(json.dumps(facts_to_dict(f))))
    assert again == f
    assert evaluate(f) == evaluate(f) == evaluate(again)
    assert recommendation_to_dict(evaluate(f), "nn") == recommendation_to_dict(evaluate(again), "nn")


@settings(max_examples=200)
@given(facts())
def test_every_answer_explains_itself_in_every_language(f: Facts) -> None:
    rec = evaluate(f)
    assert rec.reasons
    assert rec.reasons[0].code == "SEVERITY"
    assert sum(r.code.startswith("LEVEL_") for r in rec.reasons) == 1
    assert {r.code for r in rec.reasons} <= set(risk.RULES_BY_CODE)
    for lang in LANGS:
        for text in sentences(rec, lang):
            assert text.strip() and "{" not in text and "}" not in text


@given(facts())
def test_the_outcome_is_consistent(f: Facts) -> None:
    rec = evaluate(f)
    if rec.notify_data_subjects or rec.risk_level != "unlikely":
        assert rec.notify_authority
    assert rec.notify_authority == (rec.risk_level != "unlikely")
    assert rec.notify_data_subjects == (rec.risk_level == "high" and rec.exemption is None)
    assert rec.public_communication == (rec.exemption == "34_3_c")
    if rec.exemption in {"34_3_b", "34_3_c"}:
        assert rec.risk_level == "high"
    if rec.exemption == "34_3_a":
        assert f.data_unintelligible and "confidentiality" in f.breach_types
    assert rec.risk_level == max((lvl for _k, lvl in rec.levels_by_breach_type), key=rank)
    assert ("over_100_subjects" in rec.flags) == (f.subjects_count is not None and f.subjects_count > 100)
    assert ("data_unintelligible" in rec.flags) == f.data_unintelligible
    assert rec.severity.band == severity_band(rec.severity.score)
    assert risk.DPC_MIN <= rec.severity.dpc <= risk.DPC_MAX


# ---------------------------------------------------------------------------------------------
# The 100-people boundary (ENISA's flag: *more than* 100 people)
# ---------------------------------------------------------------------------------------------

DISCLOSED_TO_STRANGERS = {
    "breach_types": ["confidentiality"],
    "data_categories": ["behavioural"],
    "identifiability": "maximum",
    "confidentiality_exposure": "unknown_recipients",
}


@pytest.mark.parametrize(("count", "flagged"), [(None, False), (0, False), (99, False), (100, False), (101, True)])
def test_the_over_100_flag_starts_at_101_people(count: int | None, flagged: bool) -> None:
    rec = assess(**DISCLOSED_TO_STRANGERS, subjects_count=count)
    assert ("over_100_subjects" in rec.flags) is flagged
    assert ("over_100_subjects" in cast(list[str], recommendation_to_dict(rec)["flags"])) is flagged


def test_exactly_100_people_is_not_yet_so_many_that_the_risk_is_high() -> None:
    hundred = assess(**DISCLOSED_TO_STRANGERS, subjects_count=100)
    hundred_and_one = assess(**DISCLOSED_TO_STRANGERS, subjects_count=101)
    assert hundred.severity.band == hundred_and_one.severity.band == "medium"
    assert "C_VOLUME" not in codes(hundred) and hundred.risk_level == "risk"
    assert "C_VOLUME" in codes(hundred_and_one) and hundred_and_one.risk_level == "high"
    assert hundred_and_one.reasons[codes(hundred_and_one).index("C_VOLUME")].get("count") == 101
    assert "101 personer er berørt" in " ".join(sentences(hundred_and_one, "nb"))


@pytest.mark.parametrize(
    ("category", "code", "before", "after"),
    [
        ("financial", "C_AT_LEAST_RISK", None, ("over_100",)),
        ("special", "C_AT_LEAST_RISK", ("sensitive",), ("sensitive", "over_100")),
        ("special", "C_SENSITIVE_AGGRAVATED", None, ("over_100",)),
    ],
)
def test_more_than_100_people_is_a_factor_named_in_the_reasons(
    category: str, code: str, before: tuple[str, ...] | None, after: tuple[str, ...]
) -> None:
    def factors(count: int) -> object:
        rec = assess(
            breach_types=["confidentiality"],
            data_categories=[category],
            identifiability="maximum",
            confidentiality_exposure="known_recipients",
            subjects_count=count,
        )
        return next((reason.get("factors") for reason in rec.reasons if reason.code == code), None)

    assert factors(100) == before
    assert factors(101) == after


def test_many_people_are_not_a_high_risk_without_disclosure_or_below_the_medium_band() -> None:
    no_evidence = assess(**{**DISCLOSED_TO_STRANGERS, "confidentiality_exposure": "no_evidence"}, subjects_count=5000)
    assert "C_VOLUME" not in codes(no_evidence)
    low = assess(**{**DISCLOSED_TO_STRANGERS, "identifiability": "negligible"}, subjects_count=5000)
    assert low.severity.band == "low" and "C_VOLUME" not in codes(low)


# ---------------------------------------------------------------------------------------------
# What the page «Slik vurderer Avvik risiko» and the error messages are built from
# ---------------------------------------------------------------------------------------------


def test_the_page_tables_default_to_bokmal_and_follow_the_language() -> None:
    assert rules_table() == rules_table("nb") != rules_table("en")
    assert enisa_tables() == enisa_tables("nb") != enisa_tables("en")
    assert rules_table("en")[0]["check"] == risk.RULES[0].check["en"]
    texts = [row["text"] for row in rules_table("nb")]
    assert not any("{" in text for text in texts)
    assert any("…" in text for text in texts) and not any("XX" in text for text in texts)


def test_the_enisa_tables_have_the_shape_the_page_reads() -> None:
    tables = enisa_tables("en")
    assert set(tables) == {
        "formula",
        "intro",
        "data_processing_context",
        "category_map",
        "ease_of_identification",
        "circumstances",
        "bands",
        "flags",
    }
    first = rows(tables, "data_processing_context")[0]
    assert set(first) == {"category", "name", "base", "adjustments"}
    assert first["category"] == ENISA_DPC[0][0] and first["base"] == ENISA_DPC[0][1]
    assert first["name"] == ENISA_DPC[0][2]["en"]
    assert first["adjustments"] == ENISA_DPC[0][3]["en"]
    special = next(row for row in rows(tables, "category_map") if row["category"] == "special")
    assert special == {
        "category": "special",
        "name": CATEGORY_LABELS["special"]["en"],
        "enisa_category": risk.CATEGORY_SCORES["special"].enisa,
        "score": risk.CATEGORY_SCORES["special"].score,
        "why": risk.CATEGORY_SCORES["special"].why["en"],
    }
    assert rows(tables, "ease_of_identification")[0] == {
        "value": "negligible",
        "weight": 0.25,
        "description": risk.IDENTIFIABILITY_LABELS["negligible"]["en"],
    }
    circumstances = rows(tables, "circumstances")
    assert [row["element"] for row in circumstances] == [*BREACH_TYPES, "malicious"]
    confidentiality = circumstances[0]
    assert set(confidentiality) == {"element", "name", "levels"}
    assert confidentiality["name"] == BREACH_TYPE_LABELS["confidentiality"]["en"]
    assert [set(level) for level in confidentiality["levels"]] == [{"value", "points", "description"}] * 3
    assert [(level["value"], level["points"]) for level in confidentiality["levels"]] == list(
        risk.CB_POINTS["confidentiality"].items()
    )
    assert all(level["description"] for level in confidentiality["levels"])
    malicious = circumstances[-1]
    assert malicious["levels"] == [{"value": "malicious", "points": 0.5, "description": ""}]
    assert malicious["name"] and malicious["name"] != "malicious"
    band = rows(tables, "bands")[0]
    assert set(band) == {"band", "name", "range", "description"}
    assert band["band"] == "low" and band["name"] == risk.BAND_LABELS["low"]["en"] and band["description"]
    assert isinstance(band["range"], str) and band["range"]
    flags = rows(tables, "flags")
    assert [row["flag"] for row in flags] == ["over_100_subjects", "data_unintelligible"]
    assert all(set(row) == {"flag", "description"} and row["description"] for row in flags)


def test_a_reason_renders_itself_and_reads_its_parameters() -> None:
    reason = risk.Reason.of("C_VOLUME", {"count": 101, "band": "medium"})
    assert reason.render() == render_reason(reason, "nb") and reason.render("en") == render_reason(reason, "en")
    assert reason.get("count") == 101 and reason.get("missing") is None and reason.get("missing", 7) == 7


def test_a_facts_error_names_only_the_fields() -> None:
    """Exception texts end up in logs: the field names, never what was sent."""
    error = FactsError({"data_categories": ["«x» …"], "breach_types": ["…"]})
    assert str(error) == "invalid facts: breach_types, data_categories"
    assert error.errors == {"data_categories": ["«x» …"], "breach_types": ["…"]}


def test_an_unknown_value_is_shown_as_sent_cut_at_40_characters_with_the_choices() -> None:
    def message(value: object) -> str:
        with pytest.raises(FactsError) as caught:
            parse_facts({"breach_types": [value], "data_categories": ["basic"]}, "en")
        return caught.value.errors["breach_types"][0]

    assert (
        message("x" * 40)
        == f"“{'x' * 40}” is not a valid value. Choose from: confidentiality, integrity, availability."
    )
    assert message("y" * 41).startswith(f"“{'y' * 39}…” is not")
    assert message("secret").startswith("“secret” is not")  # a text as it is, not quoted again
    assert message(5).startswith("“5” is not")
    assert message(None).startswith("“None” is not")


def test_a_text_is_one_entry_per_language() -> None:
    assert t("bokmål", "nynorsk", "English") == {"nb": "bokmål", "nn": "nynorsk", "en": "English"}


def refusal(language: str = "en", **data: Any) -> dict[str, list[str]]:
    with pytest.raises(FactsError) as caught:
        parse_facts({"breach_types": ["integrity"], "data_categories": ["basic"], **data}, language)
    return caught.value.errors


def test_each_refusal_says_exactly_what_is_wrong() -> None:
    choices = "confidentiality, integrity, availability"
    assert refusal(dpc_adjustment_reason=5) == {"dpc_adjustment_reason": ["Enter plain text."]}
    assert refusal(dpc_adjustment_reason="x" * 10_001) == {
        "dpc_adjustment_reason": ["The text is too long: 10,001 characters. Shorten it to 10000 characters at most."]
    }
    assert refusal("nb", dpc_adjustment_reason="x" * 10_001) == {
        "dpc_adjustment_reason": ["Teksten er for lang: 10\u00a0001 tegn. Kort den ned til høyst 10000 tegn."]
    }
    assert refusal(subjects_count=1_000_000_001) == {
        "subjects_count": ["The number can be at most 1,000,000,000. An estimate will do."]
    }
    assert refusal("nb", records_count=1_000_000_000_001) == {
        "records_count": ["Antallet kan være høyst 1\u00a0000\u00a0000\u00a0000\u00a0000. Et anslag holder."]
    }
    assert refusal(breach_types="integrity") == {
        "breach_types": ['Send a list of values, for example ["confidentiality"].']
    }
    unknown = "Avvik does not know this field. Check the spelling, or leave it out."
    assert refusal(breach_type=["x"]) == {"breach_type": [unknown + " Did you mean “breach_types”?"]}
    assert refusal(malic=True) == {"malic": [unknown]}  # too far from "malicious" to guess
    assert refusal(breach_types=["x", "x", "y"]) == {
        "breach_types": [
            f"“x” is not a valid value. Choose from: {choices}.",
            f"“y” is not a valid value. Choose from: {choices}.",
        ]
    }


def test_the_largest_counts_are_accepted() -> None:
    facts = parse_facts(
        {
            "breach_types": ["integrity"],
            "data_categories": ["basic"],
            "subjects_count": 1_000_000_000,
            "records_count": 1_000_000_000_000,
        }
    )
    assert (facts.subjects_count, facts.records_count) == (1_000_000_000, 1_000_000_000_000)
    assert facts_to_dict(facts)["breach_types"] == ["integrity"]


@pytest.mark.parametrize(
    ("sent", "language"),
    [
        (None, "nb"),
        ("", "nb"),
        ("nb", "nb"),
        ("NN", "nn"),
        ("nn-NO,nb;q=0.9", "nn"),
        ("nn_NO", "nn"),
        ("nno", "nn"),
        ("nn;q=1", "nn"),
        ("en_GB", "en"),
        ("en-US,en;q=0.5", "en"),
        ("eng", "en"),
        ("en;q=0.8", "en"),
        ("de,en", "nb"),
        ("no", "nb"),
    ],
)
def test_the_language_is_read_from_a_code_or_an_accept_language_value(sent: str | None, language: str) -> None:
    assert normalize_language(sent) == language


def test_lists_numbers_and_counts_are_written_the_way_each_language_writes_them() -> None:
    assert [join_words(items, "nb") for items in ([], ["a"], ["a", "b"], ["a", "b", "c"])] == [
        "",
        "a",
        "a og b",
        "a, b og c",
    ]
    assert join_words(["a", "b", "c", "d"], "en") == "a, b, c and d"
    assert [format_number(value, "nn") for value in (1.5, 2.0, 0.25, 10.0)] == ["1,5", "2", "0,25", "10"]
    assert format_number(1.5, "en") == "1.5"
    assert [format_count(1_234_567, language) for language in ("nb", "nn", "en")] == [
        "1\u00a0234\u00a0567",
        "1\u00a0234\u00a0567",
        "1,234,567",
    ]
    assert label_of(BAND_LABELS, "medium", "en") == BAND_LABELS["medium"]["en"]
    assert label_of(BAND_LABELS, "unknown", "en") == "unknown"


@pytest.mark.parametrize(
    ("name", "value", "language", "shown"),
    [
        ("count", 1234, "nb", "1\u00a0234"),
        ("count", 1234, "en", "1,234"),
        ("adjustment", 1, "en", "+1"),
        ("adjustment", -2, "en", "-2"),
        ("dpc", 3, "nb", "3"),
        ("dpc", 1234, "nb", "1234"),
        ("flag", True, "en", "true"),
        ("score", 2.5, "nb", "2,5"),
        ("band", "medium", "en", BAND_LABELS["medium"]["en"]),
        ("band", "", "en", "–"),
        ("other", "text", "en", "text"),
        ("other", ("a", "b"), "en", "a and b"),
        ("types", ("confidentiality", "integrity"), "nb", "{} og {}"),
    ],
)
def test_each_parameter_is_shown_in_words(name: str, value: Any, language: str, shown: str) -> None:
    if name == "types":
        shown = shown.format(*(BREACH_TYPE_LABELS[code]["nb"] for code in value))
    assert render_param(name, value, language) == shown


def test_a_reason_sentence_shows_its_parameters_by_name() -> None:
    sentence = render_reason(risk.Reason.of("C_VOLUME", {"count": 1234, "band": "medium"}), "nb")
    assert sentence.startswith("1\u00a0234 personer er berørt") and BAND_LABELS["medium"]["nb"] in sentence


@pytest.mark.parametrize(
    ("breach_type", "impact", "extra", "level", "rule_codes"),
    [
        ("integrity", "no_misuse", {"data_categories": ["special"]}, "unlikely", ["I_NO_MISUSE"]),
        ("integrity", "misused_recoverable", {}, "risk", ["I_MISUSE"]),
        ("integrity", "misused_unrecoverable", {}, "risk", ["I_MISUSE"]),
        ("integrity", "misused_recoverable", {"data_categories": ["special"]}, "high", ["I_MISUSE", "I_SERIOUS"]),
        ("availability", "recoverable", {"data_categories": ["special"]}, "unlikely", ["A_RECOVERABLE"]),
        ("availability", "temporary", {"data_categories": ["special"]}, "risk", ["A_LOSS"]),
        ("availability", "temporary", {"vulnerable_subjects": True}, "risk", ["A_LOSS"]),
        ("availability", "permanent", {"vulnerable_subjects": True}, "high", ["A_LOSS", "A_CRITICAL"]),
        (
            "availability",
            "temporary",
            {"vulnerable_subjects": True, "data_categories": ["special"]},
            "high",
            ["A_LOSS", "A_CRITICAL"],
        ),
    ],
)
def test_integrity_and_availability_rules_leave_their_reasons(
    breach_type: str, impact: str, extra: dict[str, Any], level: str, rule_codes: list[str]
) -> None:
    field = "integrity_impact" if breach_type == "integrity" else "availability_impact"
    data = {"data_categories": ["basic"], "identifiability": "maximum", "subjects_count": 5, **extra}
    rec = assess(breach_types=[breach_type], **{field: impact}, **data)
    assert rec.risk_level == level
    assert [code for code in codes(rec) if code[:2] in {"I_", "A_"}] == rule_codes
    critical = [reason for reason in rec.reasons if reason.code == "A_CRITICAL"]
    assert [reason.get("impact") for reason in critical] == ([impact] if "A_CRITICAL" in rule_codes else [])
