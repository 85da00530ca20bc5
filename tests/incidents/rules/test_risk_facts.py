"""Facts built in code (a stored assessment read back) are refused with the same plain message,
under the same field, as facts sent to the API; and every bad field of a request is reported at
once, so that nothing has to be sent twice to find the next mistake."""

from __future__ import annotations

from typing import Any

import pytest

from incidents.rules.risk.facts import Facts, FactsError, parse_facts

CATEGORIES = (
    "basic, national_id, credentials, financial, payment_card, behavioural, location, communication, "
    "official_documents, special, criminal"
)


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"breach_types": "confidentiality", "data_categories": ("basic",)},
            {"breach_types": ['Send a list of values, for example ["confidentiality"].']},
        ),
        (
            {"breach_types": ("confidentiality",), "data_categories": 7},
            {"data_categories": ['Send a list of values, for example ["basic"].']},
        ),
        (
            {"breach_types": ("confidentiality",), "data_categories": ("basic", "bogus")},
            {"data_categories": [f"“bogus” is not a valid value. Choose from: {CATEGORIES}."]},
        ),
        (
            {"breach_types": ("confidentiality", "leak"), "data_categories": ("basic",)},
            {"breach_types": ["“leak” is not a valid value. Choose from: confidentiality, integrity, availability."]},
        ),
        (
            {"breach_types": ("confidentiality",), "data_categories": ("basic",), "exfiltration": "maybe"},
            {"exfiltration": ["“maybe” is not a valid value. Choose from: ruled_out, unknown, likely, confirmed."]},
        ),
    ],
)
def test_facts_built_in_code_are_refused_with_the_field_and_a_plain_message(
    fields: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    with pytest.raises(FactsError) as refused:
        Facts(**fields)
    assert refused.value.errors == errors
    assert str(refused.value) == "invalid facts: " + ", ".join(errors)


def test_a_list_field_sent_as_text_does_not_hide_the_next_fields_mistake() -> None:
    with pytest.raises(FactsError) as refused:
        parse_facts({"breach_types": "confidentiality", "data_categories": ["bogus"]}, "en")
    assert refused.value.errors == {
        "breach_types": ['Send a list of values, for example ["confidentiality"].'],
        "data_categories": [f"“bogus” is not a valid value. Choose from: {CATEGORIES}."],
    }


def test_a_wrong_choice_is_quoted_back_with_the_choices() -> None:
    with pytest.raises(FactsError) as refused:
        parse_facts(
            {"breach_types": ["confidentiality"], "data_categories": ["basic"], "identifiability": "high"}, "nb"
        )
    assert refused.value.errors == {
        "identifiability": ["«high» er ikke en gyldig verdi. Velg blant: negligible, limited, significant, maximum."]
    }
