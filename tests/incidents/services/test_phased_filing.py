"""A phased notification (art. 33(4)) is filed with what is known, never refused for what is
not: through the API with only the body CONTRACT.md names, and through the page. What is
not known is "to be determined" in the filed document. A phased filing leaves a follow-up
owed: on the case page, on the worklist, and in the DPO's reminders until a complete
notification is filed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from incidents.models import Incident, Organisation
from incidents.services.authority import incident_add_follow_up
from incidents.services.reminders import sweep_deadlines
from notifications.models import OutboundEmail
from notifications.services.outbox import fill_in_text
from tests.conftest import login
from tests.incidents.services.test_authority import organisation_profile_of_testvik, to_notification


@pytest.fixture
def profile(users: dict[str, User]) -> Organisation:
    return organisation_profile_of_testvik(users["dpo"])


@pytest.fixture
def case(make_incident: Callable[..., Any], users: dict[str, User], profile: Organisation) -> Incident:
    # The main cause is not known; nothing else is written in the notification's draft.
    return to_notification(make_incident(), users["dpo"])


def api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def follow_up_emails(incident: Incident) -> list[OutboundEmail]:
    # The sweep writes the e-mails; their text is rendered as they are sent.
    return fill_in_text(OutboundEmail.objects.filter(incident=incident, kind="follow_up_owed").order_by("pk"))


def test_a_late_phased_notification_is_filed_through_the_api_while_the_main_cause_is_unknown(
    case: Incident, users: dict[str, User]
) -> None:
    client = api(users["dpo"])
    late = case.authority_deadline + timedelta(hours=5)
    body = {"submitted_at": late.isoformat(), "authority_reference": "AR-77", "late_reason": "Ferie."}
    with time_machine.travel(late + timedelta(minutes=5)):
        # Control: the same filing, not phased, is refused for the unknown main cause.
        refused = client.post(f"/api/v1/incidents/{case.reference}/transitions/submit/", body, format="json")
        assert refused.status_code == 400 and "hovedårsak" in str(refused.json()["errors"])
        answer = client.post(
            f"/api/v1/incidents/{case.reference}/transitions/submit/", {**body, "phased": True}, format="json"
        )
    assert answer.status_code == 200, answer.json()
    notification = client.get(f"/api/v1/incidents/{case.reference}/authority-notification/").json()
    filed = notification["submissions"][0]["document"]
    assert filed["phased"] is True and filed["late_reason"] == "Ferie."
    assert filed["description"]["main_cause"] == "avklares senere"
    assert "ukjent" not in str(filed["description"])
    # The draft of the next notification still says plainly that the cause is unknown.
    assert notification["description"]["main_cause"] == "ukjent"


def test_a_phased_notification_is_filed_through_the_page(case: Incident, users: dict[str, User]) -> None:
    dpo = login(Client(), users["dpo"])
    at = timezone.localtime(timezone.now() - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    refused = dpo.post(f"/avvik/{case.reference}/datatilsynet/send/", {"submitted_at": at})
    assert refused.status_code == 400 and "hovedårsak" in refused.content.decode()
    answer = dpo.post(f"/avvik/{case.reference}/datatilsynet/send/", {"submitted_at": at, "phased": "on"})
    assert answer.status_code == 302
    printed = dpo.get(f"/avvik/{case.reference}/datatilsynet/utskrift/").content.decode()
    assert "Hovedårsak</dt><dd>avklares senere" in printed.replace("\n", "").replace("  ", "")


def test_a_phased_filing_leaves_a_follow_up_owed_until_a_complete_one(
    case: Incident, users: dict[str, User], make_user: Callable[..., User]
) -> None:
    dpo = login(Client(), users["dpo"])
    filed_at = timezone.now() - timedelta(minutes=5)
    answer = api(users["dpo"]).post(
        f"/api/v1/incidents/{case.reference}/transitions/submit/",
        {"submitted_at": filed_at.isoformat(), "phased": True},
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    assert "Oppfølgende melding gjenstår" in dpo.get(case.get_absolute_url()).content.decode()
    assert "Oppfølgende melding gjenstår" in dpo.get("/avvik/").content.decode()
    # The reporter's own list says nothing of it.
    reporter = login(Client(), users["reporter"])
    assert "Oppfølgende melding gjenstår" not in reporter.get("/avvik/").content.decode()

    # The DPO is reminded, and reminded again, while it is owed.
    with time_machine.travel(filed_at + timedelta(hours=73)):
        sweep_deadlines()
    with time_machine.travel(filed_at + timedelta(hours=146)):
        sweep_deadlines()
    emails = follow_up_emails(case)
    assert [e.to_address for e in emails] == [users["dpo"].email] * 2
    assert case.reference in emails[0].subject and "oppfølgende melding" in emails[0].subject
    assert "artikkel 33 nr. 4" in emails[0].body_text

    # A phased follow-up still owes; a complete one settles it and the reminders stop.
    incident_add_follow_up(
        incident=case,
        by=users["dpo"],
        submitted_at=filed_at + timedelta(hours=147),
        text="Mer.",
        phased=True,
        now=filed_at + timedelta(hours=147),
    )
    assert Incident.objects.get(pk=case.pk).authority_follow_up_owed is True
    incident_add_follow_up(
        incident=case,
        by=users["dpo"],
        submitted_at=filed_at + timedelta(hours=148),
        text="Alt.",
        now=filed_at + timedelta(hours=148),
    )
    assert Incident.objects.get(pk=case.pk).authority_follow_up_owed is False
    with time_machine.travel(filed_at + timedelta(days=30)):
        sweep_deadlines()
    assert len(follow_up_emails(case)) == 2
    assert "Oppfølgende melding gjenstår" not in dpo.get(case.get_absolute_url()).content.decode()
