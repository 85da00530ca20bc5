"""Taking a wrong row off the recipient list: only before anything is sent to it, recorded in
the case's history without the person's name or address."""

from __future__ import annotations

from typing import Any

import pytest

from core.errors import Conflict, NotPermitted
from incidents.models import CaseEvent
from incidents.selectors.timeline import incident_timeline
from incidents.workflow import State
from notifications.models import SendOrder
from notifications.services.delivery import Delivery, fulfil_send_orders, notices_send
from notifications.services.recipients import Recipient, recipient_add, recipient_remove
from tests.notifications.delivery_helpers import approve_notices

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(school_case: Any, users: Any, settings: Any) -> tuple[Any, Recipient, Recipient]:
    settings.CELERY_BROKER_URL = ""
    approve_notices(school_case, users["dpo"])
    type(school_case).objects.filter(pk=school_case.pk).update(state=State.SUBJECT_NOTIFICATION)
    wrong = recipient_add(incident_id=school_case.pk, by=users["handler"], name="Feil Person", email="feil@example.org")
    right = recipient_add(incident_id=school_case.pk, by=users["handler"], name="Rett Person", email="rett@example.org")
    return school_case, wrong, right


def test_a_wrong_row_is_removed_and_the_history_says_so_without_whom(listed: Any, users: Any) -> None:
    case, wrong, right = listed
    recipient_remove(incident_id=case.pk, recipient_id=wrong.pk, by=users["handler"])
    assert list(Recipient.objects.filter(incident=case)) == [right]
    event = CaseEvent.objects.get(incident=case, kind="recipient_removed")
    assert event.by == users["handler"] and event.details == {} and event.text == ""
    history = str([entry for entry in incident_timeline(case, internal=True)])
    assert "Feil Person" not in history and "feil@example.org" not in history


def test_removal_is_refused_once_the_notice_is_sent_or_being_queued(listed: Any, users: Any) -> None:
    case, wrong, _right = listed
    notices_send(incident_id=case.pk, by=users["dpo"])
    assert SendOrder.objects.filter(done_at__isnull=True).exists()
    with pytest.raises(Conflict, match="legges i kø akkurat nå"):
        recipient_remove(incident_id=case.pk, recipient_id=wrong.pk, by=users["dpo"])
    fulfil_send_orders()
    assert Delivery.objects.filter(recipient=wrong).exists()
    with pytest.raises(Conflict, match="allerede sendt"):
        recipient_remove(incident_id=case.pk, recipient_id=wrong.pk, by=users["dpo"])
    assert Recipient.objects.filter(pk=wrong.pk).exists()
    assert not CaseEvent.objects.filter(kind="recipient_removed").exists()


@pytest.mark.parametrize("role", ["reporter", "management", "auditor"])
def test_only_those_who_work_cases_remove_rows(listed: Any, users: Any, role: str) -> None:
    case, wrong, _right = listed
    with pytest.raises(NotPermitted):
        recipient_remove(incident_id=case.pk, recipient_id=wrong.pk, by=users[role])
    assert Recipient.objects.filter(pk=wrong.pk).exists()


def test_a_row_of_another_case_or_of_a_closed_case_is_not_removed(listed: Any, users: Any, make_incident: Any) -> None:
    case, wrong, _right = listed
    other = make_incident()
    with pytest.raises(Conflict, match="står ikke lenger på listen"):
        recipient_remove(incident_id=other.pk, recipient_id=wrong.pk, by=users["dpo"])
    type(case).objects.filter(pk=case.pk).update(state=State.CLOSED)
    with pytest.raises(Conflict, match="avsluttet"):
        recipient_remove(incident_id=case.pk, recipient_id=wrong.pk, by=users["dpo"])
    assert Recipient.objects.filter(pk=wrong.pk).exists()
