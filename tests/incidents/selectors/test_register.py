"""The register's filters (issue 3): by year, state and decision, the latest decision
counting, in the page, the API and the CSV export alike."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from accounts.models import ApiToken
from incidents.models import Incident
from incidents.services import cases as services
from incidents.services.assessment import Decision, assessment_save_facts, incident_conclude
from tests.conftest import login
from tests.worlds import FACTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(users: dict[str, Any], make_incident: Any) -> dict[str, Incident]:
    dpo = users["dpo"]

    def conclude(incident: Incident, *, authority: bool, subjects: bool) -> None:
        assessment_save_facts(incident=incident, by=dpo, facts=FACTS)
        incident_conclude(
            incident=incident,
            by=dpo,
            decision=Decision(
                notify_authority=authority, notify_data_subjects=subjects, exemption=None, justification="Vurdert"
            ),
        )

    def assessed(title: str) -> Incident:
        incident = make_incident(title=title)
        services.incident_start(incident=incident, by=dpo)
        services.incident_confirm(
            incident=incident,
            by=dpo,
            aware_at=incident.reported_at - timedelta(minutes=5),
            aware_reason="Meldt av en ansatt.",
        )
        return incident

    both = assessed("Begge varsles")
    conclude(both, authority=True, subjects=True)
    neither = assessed("Ingen varsles")
    conclude(neither, authority=False, subjects=False)
    changed = assessed("Endret vurdering")
    conclude(changed, authority=True, subjects=False)
    services.incident_reassess(incident=changed, by=dpo, reason="Nye opplysninger: dataene var kryptert.")
    conclude(changed, authority=False, subjects=False)
    waiting = make_incident(title="Ikke vurdert")
    dismissed = make_incident(title="Ikke et brudd")
    services.incident_start(incident=dismissed, by=dpo)
    services.incident_dismiss(incident=dismissed, by=dpo, reason="Ingen personopplysninger.")
    cases = {"both": both, "neither": neither, "changed": changed, "waiting": waiting, "dismissed": dismissed}
    return {name: Incident.objects.get(pk=case.pk) for name, case in cases.items()}


EXPECTED = {
    "": {"both", "neither", "changed", "waiting", "dismissed"},
    "decision=notified": {"both"},
    "decision=not_notified": {"neither", "changed"},  # the latest decision counts
    "decision=subjects_notified": {"both"},
    "decision=undecided": {"waiting", "dismissed"},
    "state=not_a_breach": {"dismissed"},
    "state=follow_up&decision=not_notified": {"neither", "changed"},
    "year=1999": set(),
}


@pytest.mark.parametrize("query", EXPECTED)
def test_filters_in_the_page_the_api_and_the_export(
    decided: dict[str, Incident], users: dict[str, Any], query: str
) -> None:
    reference = {case.reference: name for name, case in decided.items()}
    year = decided["both"].year
    assert {case.year for case in decided.values()} == {year}
    expected = EXPECTED[query]

    page = login(Client(), users["auditor"]).get(f"/register/?{query}")
    assert {reference[i.reference] for i in page.context["page"]} == expected

    api = Client(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(users['dpo'])[1]}")
    assert {reference[row["reference"]] for row in api.get(f"/api/v1/register/?{query}").json()} == expected

    export = b"".join(api.get(f"/api/v1/register/?{query}&format=csv").streaming_content).decode("utf-8-sig")
    assert {reference[r] for r in reference if r in export} == expected

    this_year = login(Client(), users["dpo"]).get(f"/register/?year={year}&{query}")
    assert {reference[i.reference] for i in this_year.context["page"]} == (expected if "year=" not in query else set())
