"""The search on PostgreSQL's full-text path: the same tests as on SQLite, and with 10,000
cases a search reads the GIN index ``incident_search_idx`` and answers quickly."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client

from incidents.models import Incident
from incidents.selectors import cases as selectors
from incidents.selectors.search import search_cases
from tests.bulk import bulk_cases
from tests.conftest import login
from tests.incidents.selectors.test_search import (  # noqa: F401  (collected here, run on PostgreSQL)
    cases,
    test_a_word_of_the_title_or_description_or_a_person_on_the_case_finds_it,
    test_query_syntax_typed_is_searched_as_text_never_an_error,
    test_search_finds_only_cases_the_user_may_see,
    test_sorting_by_risk_handler_and_deadline,
    test_the_people_affected_are_not_searched,
    test_the_reference_finds_its_case,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_norwegian_stems_find_other_forms_of_a_word(make_incident: Any, users: dict[str, Any]) -> None:
    assert connection.vendor == "postgresql"
    case = make_incident(title="Passordene lå åpent", description="Brukernavn og passord i et delt regneark.")
    assert list(search_cases(selectors.worklist(users["dpo"]), "passordet").values_list("pk", flat=True)) == [case.pk]
    assert not search_cases(selectors.worklist(users["dpo"]), "regnskap").exists()  # control


def test_a_search_among_10000_cases_reads_the_index(make_incident: Any, users: dict[str, Any]) -> None:
    bulk_cases(users["reporter"], 10_000, decided_by=users["dpo"])
    needle = make_incident(title="Minnepinne funnet", description="En ukryptert minnepinne med lønnslister.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE incidents_incident")
    found = search_cases(Incident.objects.all(), "lønnslister")
    assert "incident_search_idx" in found.explain(), found.explain()
    client = login(Client(), users["dpo"])
    answer = client.get("/avvik/?state=all&q=l%C3%B8nnslister&sort=-risiko")
    assert [incident.pk for incident, _clock in answer.context["rows"]] == [needle.pk]
    register = client.get("/register/?q=minnepinne")
    assert [i.pk for i in register.context["page"]] == [needle.pk]
    # How fast: bench/list_pages.py, beside the unsearched list.
