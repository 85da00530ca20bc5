"""The risk engine on cases Norwegian DPOs meet every year (issue #18): the outcome and the
reasoning, in the engine itself. The same cases go through the page and the API in
tests/incidents/test_assessment_no.py."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, cast

import pytest

from incidents.rules.risk import evaluate, parse_facts, recommendation_to_dict
from tests.incidents.rules.norwegian_cases import CASES, Case

PROJECT = Path(__file__).resolve().parents[3]


def reasons(facts: dict[str, Any], language: str = "nb") -> list[str]:
    return cast(list[str], recommendation_to_dict(evaluate(parse_facts(facts)), language)["reasons"])


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_norwegian_case(case: Case) -> None:
    rec = evaluate(parse_facts(case.facts))
    said = " ".join(reasons(case.facts))
    assert (rec.risk_level, rec.notify_authority, rec.notify_data_subjects) == case.expected, said
    for quote in case.quotes:
        assert quote in said, quote
    for quote in case.absent:
        assert quote not in said, quote


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_each_case_explains_itself_in_nynorsk_and_english(case: Case) -> None:
    nb, nn, en = (reasons(case.facts, language) for language in ("nb", "nn", "en"))
    assert len(nb) == len(nn) == len(en) and nb != nn != en
    assert all("{" not in text for text in nn + en)


def case(identifier: str) -> Case:
    return next(c for c in CASES if c.id == identifier)


def level(facts: dict[str, Any]) -> str:
    return evaluate(parse_facts(facts)).risk_level


# Controls: each rule shown able to fail, by taking away the fact it rests on.


def test_without_snooping_the_neighbours_record_is_not_high() -> None:
    facts = dict(case("own-01").facts, access_without_need=False, confidentiality_exposure="no_evidence")
    assert level(facts) == "risk"
    assert level(dict(facts, access_without_need=True)) == "high", "snooping means someone saw the data"


def test_snooping_is_not_read_as_malice() -> None:
    said = " ".join(reasons(case("own-01").facts))
    assert "bevisst handling for å skade" not in said
    assert evaluate(parse_facts(case("own-01").facts)).severity.cb == 0.25, "no points for malice"


def test_an_attack_with_unknown_exfiltration_is_a_confidentiality_part_of_its_own() -> None:
    rec = evaluate(parse_facts(case("own-03").facts))
    assert dict(rec.levels_by_breach_type) == {
        "confidentiality": "risk",
        "integrity": "unlikely",
        "availability": "unlikely",
    }
    ruled_out = evaluate(parse_facts(case("own-04").facts))
    assert "confidentiality" not in dict(ruled_out.levels_by_breach_type)


def test_an_accident_without_an_attack_does_not_ask_about_exfiltration() -> None:
    # A power cut (9/2022 Annex B 3): no attack, so "unknown" means nothing.
    facts = dict(case("own-03").facts, malicious=False)
    assert level(facts) == "unlikely"


def test_likely_exfiltration_counts_like_data_in_the_hands_of_strangers() -> None:
    likely = evaluate(parse_facts(dict(case("own-03").facts, exfiltration="likely")))
    assert likely.risk_level == "high"
    assert likely.severity.cb == 1.0, "+0.5 for unknown recipients, +0.5 for malice"


def test_sensitive_data_disclosed_are_high_where_no_evidence_is_not() -> None:
    cabinet = case("own-07").facts
    assert level(dict(cabinet, confidentiality_exposure="known_recipients")) == "high"
    assert level(dict(cabinet, confidentiality_exposure="unknown_recipients")) == "high"


def test_without_trust_the_payroll_file_is_high_and_with_it_not_cleared() -> None:
    payroll = case("own-09").facts
    assert level(dict(payroll, recipient_trusted=False)) == "high"
    assert level(dict(payroll, data_categories=["basic", "financial"], subjects_count=20)) == "unlikely", (
        "ordinary data of a few people to a trusted recipient are still cleared (EDPB 01/2021 case 09)"
    )


def test_the_fraud_rule_weighs_the_fraud_prone_data_alone() -> None:
    letter = case("own-12").facts
    only_id = dict(letter, data_categories=["basic", "national_id"])
    assert level(only_id) == "risk", "a national ID number to one known recipient is not high by itself"
    cards = dict(letter, data_categories=["basic", "payment_card"])
    said = " ".join(reasons(cards))
    assert level(cards) == "high" and "identitetstyveri eller svindel" in said


def test_without_the_revealing_context_the_class_email_is_only_a_risk() -> None:
    facts = dict(case("own-14").facts, context_reveals_special=False)
    assert level(facts) == "risk"
    severity = evaluate(parse_facts(case("own-14").facts)).severity
    assert severity.dpc == 4, "scored like special categories"


def test_the_threshold_note_says_nothing_when_the_number_does_not_decide() -> None:
    # 60,000 job seekers' ID numbers (EDPB 01/2021 case 14): far from the threshold.
    far = dict(case("own-16").facts, subjects_count=60_000)
    assert not any("grensen Avvik bruker" in text for text in reasons(far))
    # 90 people with strangers and special data: high either way, so nothing to explain.
    either = dict(case("own-17").facts, data_categories=["special"], subjects_count=90)
    assert not any("grensen Avvik bruker" in text for text in reasons(either))


def test_the_threshold_note_speaks_each_language() -> None:
    facts = case("own-15").facts
    assert "Med meir enn 100 ville konfidensialitetsbrotet vore «risiko»" in " ".join(reasons(facts, "nn"))
    assert "With more than 100 the confidentiality breach would have been «risk»" in " ".join(reasons(facts, "en"))


def test_old_facts_without_the_new_fields_read_as_the_defaults() -> None:
    old = {key: value for key, value in case("own-03").facts.items() if key != "exfiltration"}
    parsed = parse_facts(old)
    new_facts = (parsed.access_without_need, parsed.exfiltration, parsed.context_reveals_special)
    assert new_facts == (False, "unknown", False)
    assert evaluate(parsed) == evaluate(parse_facts(case("own-03").facts))


def test_the_shared_norwegian_cases() -> None:
    cases_file = PROJECT.parent / "shared" / "acceptance" / "risk_cases_no.json"
    if not cases_file.exists():
        pytest.skip("the shared acceptance cases are not next to this checkout")
    for shared in json.loads(cases_file.read_text(encoding="utf-8"))["cases"]:
        answer = recommendation_to_dict(evaluate(parse_facts(shared["facts"])))
        for key, want in shared["expected"].items():
            assert answer[key] == want, (shared["id"], answer["reasons"])


@pytest.mark.parametrize("value", ["maybe", "", True, ["unknown"]])
def test_a_bad_exfiltration_is_refused_by_name(value: object) -> None:
    from incidents.rules.risk import FactsError

    with pytest.raises(FactsError) as caught:
        parse_facts(dict(case("own-03").facts, exfiltration=value), "en")
    assert list(caught.value.errors) == ["exfiltration"]
    assert "ruled_out, unknown, likely, confirmed" in caught.value.errors["exfiltration"][0]


@pytest.mark.parametrize("name", ["access_without_need", "context_reveals_special"])
def test_the_new_yes_no_facts_want_true_or_false(name: str) -> None:
    from incidents.rules.risk import FactsError

    with pytest.raises(FactsError) as caught:
        parse_facts(dict(case("own-01").facts, **{name: "yes"}), "nn")
    assert caught.value.errors == {name: ["Svar med true (ja) eller false (nei)."]}


def test_a_case_is_a_frozen_record() -> None:
    assert dataclasses.is_dataclass(CASES[0]) and len(CASES) >= 12
