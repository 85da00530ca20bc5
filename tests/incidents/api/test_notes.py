"""Notes in the HTTP API (issue 19): comments and the contact log for staff, questions and
answers with the reporter, the reporter's additions; errors in CONTRACT.md's shapes."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from incidents.models import CaseNote, Incident
from incidents.services import cases
from notifications.models.outbox import OutboundEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(users: dict[str, Any], make_incident: Any) -> Incident:
    incident = make_incident(by=users["reporter"])
    cases.incident_start(incident=incident, by=users["handler"])
    return Incident.objects.get(pk=incident.pk)


def as_user(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_staff_comment_with_a_mention_and_read_the_comments(users: dict[str, Any], case: Incident) -> None:
    url = f"/api/v1/incidents/{case.reference}/comments/"
    made = as_user(users["handler"]).post(
        url, {"text": "Sjekk loggen.", "mention": [users["dpo"].email.upper()]}, format="json"
    )
    assert made.status_code == 201, made.json()
    body = made.json()
    assert body["kind"] == "comment" and body["mentioned"] == [users["dpo"].email]
    assert body["by"] == users["handler"].email
    assert OutboundEmail.objects.filter(kind="comment_mention", to_address=users["dpo"].email).exists()
    listed = as_user(users["auditor"]).get(url)
    assert listed.status_code == 200 and [n["text"] for n in listed.json()] == ["Sjekk loggen."]
    assert as_user(users["reporter"]).get(url).status_code == 403, "the reporter sees the case, not its comments"
    assert as_user(users["auditor"]).post(url, {"text": "Hei"}, format="json").status_code == 403


def test_comment_errors_name_the_field(users: dict[str, Any], case: Incident, make_user: Any) -> None:
    url = f"/api/v1/incidents/{case.reference}/comments/"
    client = as_user(users["dpo"])
    assert client.post(url, {}, format="json").json() == {"errors": {"text": ["Dette feltet må fylles ut."]}}
    long = client.post(url, {"text": "x" * 5_001}, format="json")
    assert long.status_code == 400 and "høyst 5 000 tegn" in long.json()["errors"]["text"][0]
    nobody = client.post(url, {"text": "Hei", "mention": ["ingen@example.org"]}, format="json")
    assert nobody.json()["errors"]["mention"] == ["Ingen bruker har adressen ingen@example.org."]
    outsider = make_user("handler", name="Per Utenfor")
    refused = client.post(url, {"text": "Hei", "mention": [outsider.email]}, format="json")
    assert refused.status_code == 400 and "Per Utenfor har ikke tilgang" in refused.json()["errors"]["text"][0]
    assert client.post(url, {"text": "Hei", "colour": "red"}, format="json").json()["errors"]["colour"]
    assert not CaseNote.objects.exists()


def test_the_contact_log_takes_oslo_time_and_answers_with_an_offset(users: dict[str, Any], case: Incident) -> None:
    url = f"/api/v1/incidents/{case.reference}/contacts/"
    made = as_user(users["handler"]).post(
        url,
        {"contacted": "forelderen", "channel": "phone", "contacted_at": "2026-03-04T20:40", "text": "Ringte."},
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert made.json()["contacted_at"] == "2026-03-04T19:40:00+00:00", "Oslo wall clock, stored in UTC"
    bad = as_user(users["handler"]).post(
        url, {"contacted": "x", "channel": "fax", "contacted_at": "2026-03-04T20:40", "text": "t"}, format="json"
    )
    assert bad.status_code == 400 and list(bad.json()["errors"]) == ["channel"]
    assert [n["channel"] for n in as_user(users["dpo"]).get(url).json()] == ["phone"]


def test_the_reporter_answers_a_question_and_adds_information(users: dict[str, Any], case: Incident) -> None:
    questions = f"/api/v1/incidents/{case.reference}/questions/"
    asked = as_user(users["dpo"]).post(questions, {"text": "Hvem fikk e-posten?"}, format="json")
    assert asked.status_code == 201
    reporter = as_user(users["reporter"])
    seen = reporter.get(questions).json()
    assert seen == [
        {
            "id": asked.json()["id"],
            "kind": "question",
            "at": seen[0]["at"],
            "by": None,
            "text": "Hvem fikk e-posten?",
            "answered": False,
        }
    ], "the reporter reads the question, not who on the staff asked it"
    assert reporter.post(questions, {"text": "Kan jeg spørre?"}, format="json").status_code == 403
    answers = f"/api/v1/incidents/{case.reference}/answers/"
    answered = reporter.post(answers, {"question": asked.json()["id"], "text": "Rektor."}, format="json")
    assert answered.status_code == 201 and answered.json()["question"] == asked.json()["id"]
    again = reporter.post(answers, {"question": asked.json()["id"], "text": "Igjen."}, format="json")
    assert again.status_code == 409 and "allerede besvart" in again.json()["detail"]
    assert reporter.post(answers, {"question": "en", "text": "x"}, format="json").status_code == 400
    assert as_user(users["dpo"]).get(questions).json()[0]["answered"] is True

    additions = f"/api/v1/incidents/{case.reference}/additions/"
    assert reporter.post(additions, {"text": "To vedlegg."}, format="json").status_code == 201
    assert as_user(users["handler"]).post(additions, {"text": "x"}, format="json").status_code == 403
    assert [n["text"] for n in as_user(users["handler"]).get(additions).json()] == ["To vedlegg."]
    cases.incident_dismiss(incident=case, by=users["dpo"], reason="Ikke et brudd.")
    closed = reporter.post(additions, {"text": "Mer."}, format="json")
    assert closed.status_code == 409 and "avsluttet" in closed.json()["detail"]
