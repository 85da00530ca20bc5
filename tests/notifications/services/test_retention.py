"""Names and addresses of the people affected are purged from every case that no longer
needs them, however it was settled (#14; art. 5(1)(e)), while the case stays in the
register — at a fixed number of queries however many cases there are."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from incidents.models import Incident
from incidents.services.assessment import Decision, assessment_save_facts, incident_conclude
from incidents.services.cases import incident_close, incident_confirm, incident_dismiss, incident_reopen, incident_start
from notifications.services.recipients import Recipient, purge_recipients, recipient_add

FACTS = {
    "breach_types": ["availability"],
    "data_categories": ["basic"],
    "availability_impact": "recoverable",
}


def add_people(incident: Incident, by: User, count: int = 2) -> None:
    for n in range(count):
        recipient_add(incident_id=incident.pk, by=by, name=f"Person {n}", email=f"person{n}@example.org")


def people_left(incident: Incident) -> set[tuple[str, str]]:
    return set(Recipient.objects.filter(incident=incident).values_list("name", "email"))


@pytest.fixture
def retention(settings: Any) -> int:
    settings.AVVIK_RECIPIENT_RETENTION_DAYS = 90
    return 90


def test_a_case_closed_without_telling_anyone_is_purged_and_stays_in_the_register(
    make_incident: Callable[..., Any], users: dict[str, User], retention: int
) -> None:
    dpo = users["dpo"]
    incident = make_incident()
    incident_start(incident=incident, by=dpo)
    incident_confirm(incident=incident, by=dpo)
    add_people(incident, users["handler"])  # the list was ready before the decision
    assessment_save_facts(incident=incident, by=dpo, facts=FACTS)
    incident_conclude(
        incident=incident,
        by=dpo,
        decision=Decision(
            notify_authority=False, notify_data_subjects=False, exemption=None, justification="Lav risiko."
        ),
    )
    closed = incident_close(incident=incident, by=dpo, lessons_learned="Sjekk listen før utsending.")
    assert closed.state == "closed" and closed.closed_at is not None

    assert purge_recipients(now=closed.closed_at + timedelta(days=retention - 1)) == 0
    assert people_left(incident) == {("Person 0", "person0@example.org"), ("Person 1", "person1@example.org")}
    assert purge_recipients(now=closed.closed_at + timedelta(days=retention + 1)) == 2
    assert people_left(incident) == {("", "")}
    assert Recipient.objects.filter(incident=incident, purged_at__isnull=False).count() == 2, "the rows stay"

    client = APIClient()
    client.force_authenticate(dpo)
    register = client.get("/api/v1/register/").json()
    rows = register if isinstance(register, list) else register.get("results", [])
    assert incident.reference in [row["reference"] for row in rows], "the register entry stays"


def test_a_dismissed_case_is_purged_and_a_reopened_one_is_not(
    make_incident: Callable[..., Any], users: dict[str, User], retention: int
) -> None:
    dpo = users["dpo"]
    dismissed, reopened = make_incident(), make_incident()
    for incident in (dismissed, reopened):
        incident_start(incident=incident, by=dpo)
        add_people(incident, users["handler"])
        incident_dismiss(incident=incident, by=dpo, reason="Ikke personopplysninger.")
    incident_reopen(incident=reopened, by=dpo, reason="Nye opplysninger.")
    later = timezone.now() + timedelta(days=retention + 1)

    assert purge_recipients(now=later) == 2
    assert people_left(dismissed) == {("", "")}
    assert len(people_left(reopened)) == 2, "an open case still needs its list"
    assert Incident.objects.get(pk=dismissed.pk).state == "not_a_breach"
    assert purge_recipients(now=later) == 0, "idempotent"


def closed_cases(make_incident: Callable[..., Any], by: User, count: int, settled: Any) -> None:
    """``count`` cases settled at ``settled``, three people each: every other one dismissed,
    the others with their notices completed then (the ``complete`` step in the history)."""
    for number in range(count):
        incident = make_incident()
        Recipient.objects.bulk_create(
            Recipient(incident=incident, name=f"P{n}", email=f"p{n}@example.org", email_key=f"p{n}@example.org")
            for n in range(3)
        )
        if number % 2:
            Incident.objects.filter(pk=incident.pk).update(state="not_a_breach", closed_at=settled)
            continue
        Incident.objects.filter(pk=incident.pk).update(state="follow_up")
        incident = Incident.objects.get(pk=incident.pk)
        incident._transition = "complete"  # type: ignore[attr-defined]
        incident._history_date = settled  # type: ignore[attr-defined]
        incident.save()


def purge_queries(now: Any) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        purged = purge_recipients(now=now)
    return purged, len(queries.captured_queries)


def test_the_purge_costs_the_same_queries_for_3_and_30_cases(
    make_incident: Callable[..., Any], users: dict[str, User], retention: int
) -> None:
    settled = timezone.now() - timedelta(days=retention + 5)
    closed_cases(make_incident, users["reporter"], 3, settled)
    few, few_queries = purge_queries(timezone.now())
    closed_cases(make_incident, users["reporter"], 30, settled)
    many, many_queries = purge_queries(timezone.now())
    assert few_queries == many_queries, (few_queries, many_queries)
    assert (few, many) == (9, 90)


def test_batches_reach_every_case(make_incident: Callable[..., Any], users: dict[str, User], retention: int) -> None:
    settled = timezone.now() - timedelta(days=retention + 5)
    closed_cases(make_incident, users["reporter"], 5, settled)
    with CaptureQueriesContext(connection) as queries:
        assert purge_recipients(now=timezone.now(), batch_size=2) == 15
    assert len(queries.captured_queries) <= 3 * 3 + 1, "three queries a batch (cases, print runs, names)"
    assert not Recipient.objects.exclude(name="").exists()
