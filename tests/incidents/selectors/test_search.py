"""What the worklist's and the register's search finds, and the orders they sort in. These
run on SQLite here and on PostgreSQL's full-text path in tests/integration."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from core.errors import Invalid
from incidents.models import Assessment, Incident
from incidents.selectors import cases as selectors
from incidents.selectors.search import WORKLIST_SORTS, parse_search, parse_sort, search_cases, sort_cases
from incidents.services.cases import incident_assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(make_incident: Any, make_user: Any, users: dict[str, Any]) -> dict[str, Incident]:
    kari = make_user("reporter", name="Kari Nordmann")
    per = make_user("handler", name="Per Hansen")
    made = {
        "laptop": make_incident(
            title="Bærbar PC stjålet fra bil", description="Maskinen hadde kryptert disk og skjermbildene lå lokalt."
        ),
        "email": make_incident(
            by=kari, title="Feil mottaker", description="Et passord ble sendt til en forelder ved en feil."
        ),
        "paper": make_incident(title="Papirer i søpla", description="Karakterlister lå i en åpen container."),
    }
    incident_assign(incident=made["paper"], by=users["dpo"], handler=per)
    return {name: Incident.objects.get(pk=case.pk) for name, case in made.items()}


def found(cases: dict[str, Incident], term: str, user: Any) -> set[str]:
    by_pk = {case.pk: name for name, case in cases.items()}
    return {by_pk[pk] for pk in search_cases(selectors.worklist(user), term).values_list("pk", flat=True)}


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("", {"laptop", "email", "paper"}),  # no term: every case
        ("stjålet", {"laptop"}),  # a word of the title
        ("kryptert disk", {"laptop"}),  # every word must be found
        ("kryptert passord", set()),
        ("passord", {"email"}),  # a word of the description
        ("skjerm", {"laptop"}),  # the start of a word: «skjermbildene»
        ("KARAKTERLISTER", {"paper"}),  # in any case
        ("Kari Nordmann", {"email"}),  # the reporter, by name
        ("per hansen", {"paper"}),  # the handler, by name
    ],
)
def test_a_word_of_the_title_or_description_or_a_person_on_the_case_finds_it(
    cases: dict[str, Incident], users: dict[str, Any], term: str, expected: set[str]
) -> None:
    assert found(cases, term, users["dpo"]) == expected


def test_the_reference_finds_its_case(cases: dict[str, Incident], users: dict[str, Any]) -> None:
    reference = cases["paper"].reference
    assert found(cases, reference, users["dpo"]) == {"paper"}
    assert found(cases, reference.rsplit("-", 1)[1], users["dpo"]) == {"paper"}  # the number alone


def test_search_finds_only_cases_the_user_may_see(cases: dict[str, Incident], users: dict[str, Any]) -> None:
    assert found(cases, "passord", users["reporter"]) == set()  # Kari's report
    assert found(cases, "stjålet", users["reporter"]) == {"laptop"}  # their own


def test_the_people_affected_are_not_searched(cases: dict[str, Incident], users: dict[str, Any]) -> None:
    """Their names are personal data on their own purge schedule (see search.py)."""
    from notifications.services.recipients import recipient_add

    recipient_add(incident_id=cases["laptop"].pk, by=users["dpo"], name="Ola Berørt", email="ola@example.org")
    assert found(cases, "Ola Berørt", users["dpo"]) == set()
    assert found(cases, "ola@example.org", users["dpo"]) == set()
    assert found(cases, "stjålet", users["dpo"]) == {"laptop"}  # control: the case is searchable


@pytest.mark.parametrize("term", ['"', "&", "!:*", "a & | !", "(", "'", "%", "_", "\\"])
def test_query_syntax_typed_is_searched_as_text_never_an_error(
    cases: dict[str, Incident], users: dict[str, Any], term: str
) -> None:
    assert found(cases, term, users["dpo"]) <= {"laptop", "email", "paper"}


def test_the_typed_text_is_tidied_and_a_too_long_one_refused() -> None:
    assert parse_search("  kryptert \t disk \x00 ") == "kryptert disk"
    assert parse_search("a" * 200) == "a" * 200
    with pytest.raises(Invalid) as refused:
        parse_search("a" * 201)
    assert "200" in refused.value.errors["q"][0]


def ordered(cases: dict[str, Incident], sort: str, user: Any) -> list[str]:
    by_pk = {case.pk: name for name, case in cases.items()}
    column, descending = parse_sort(sort, WORKLIST_SORTS)
    return [by_pk[i.pk] for i in sort_cases(selectors.worklist(user), column, descending)]


def test_sorting_by_risk_handler_and_deadline(
    cases: dict[str, Incident], users: dict[str, Any], make_user: Any
) -> None:
    Assessment.objects.create(incident=cases["laptop"], version=1, recommendation={"risk_level": "unlikely"})
    Assessment.objects.create(incident=cases["email"], version=1, recommendation={"risk_level": "risk"})
    Assessment.objects.create(incident=cases["email"], version=2, recommendation={"risk_level": "high"})
    dpo = users["dpo"]
    assert ordered(cases, "-risiko", dpo) == ["email", "laptop", "paper"]  # newest version counts; none last
    assert ordered(cases, "risiko", dpo) == ["laptop", "email", "paper"]  # none last either way
    anne = make_user("handler", name="Anne Aas")
    incident_assign(incident=cases["laptop"], by=dpo, handler=anne)
    assert ordered(cases, "saksbehandler", dpo) == ["laptop", "paper", "email"]  # Anne, Per, nobody
    assert ordered(cases, "-saksbehandler", dpo) == ["paper", "laptop", "email"]
    Incident.objects.filter(pk=cases["paper"].pk).update(aware_at=cases["paper"].aware_at.replace(year=2020))
    for case in Incident.objects.filter(pk=cases["paper"].pk):
        case.save()  # the deadline follows awareness
    assert ordered(cases, "frist", dpo)[0] == "paper"
    assert ordered(cases, "-frist", dpo)[-1] == "paper"


def test_an_unknown_order_is_the_lists_own(cases: dict[str, Incident], users: dict[str, Any]) -> None:
    assert parse_sort("tull", WORKLIST_SORTS) == (None, False)
    assert parse_sort("-tull", WORKLIST_SORTS) == (None, False)
    own = [i.pk for i in selectors.worklist(users["dpo"])]
    assert [i.pk for i in sort_cases(selectors.worklist(users["dpo"]), None, False)] == own


def test_full_text_is_used_on_postgresql_only() -> None:
    """The SQLite path is the fallback; the full-text path is checked in tests/integration."""
    qs = search_cases(Incident.objects.all(), "passord")
    assert ("to_tsvector" in str(qs.query)) == (connection.vendor == "postgresql")
