"""The risk engine: exemptions, the shape and language of its answer, and the facts it refuses.
No database: the engine is pure."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from typing import Any, cast

import pytest

from incidents.rules import risk
from incidents.rules.risk import (
    DATA_CATEGORIES,
    Facts,
    FactsError,
    enisa_tables,
    parse_facts,
    recommendation_to_dict,
    render_reason,
    rules_table,
)
from incidents.rules.risk.facts import MESSAGES
from tests.incidents.rules.test_risk import LANGS, PROJECT, assess, codes, rows, sentences

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
        for text in (rule.check, rule.does, rule.text, rule.source):
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
