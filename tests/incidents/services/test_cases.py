"""The case's services: reporting, the state machine, permissions, history."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from core.errors import Conflict, Invalid, NotPermitted
from incidents.models import Incident
from incidents.services import cases as services
from incidents.workflow import State
from notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db


def test_report_gets_sequential_references_per_year(make_incident: Any) -> None:
    first = make_incident()
    second = make_incident()
    year = timezone.localtime(first.reported_at).year
    assert first.reference == f"AVVIK-{year}-0001"
    assert second.reference == f"AVVIK-{year}-0002"


def test_references_restart_each_year_and_are_never_reused(make_incident: Any) -> None:
    december = timezone.make_aware(timezone.datetime(2025, 12, 31, 22, 0))
    january = timezone.make_aware(timezone.datetime(2026, 1, 1, 0, 30))
    a = make_incident(now=december, discovered_at=december - timedelta(hours=1))
    b = make_incident(now=january, discovered_at=january - timedelta(hours=1))
    assert a.reference == "AVVIK-2025-0001"
    assert b.reference == "AVVIK-2026-0001"
    OutboundEmail.objects.filter(incident=b).delete()
    Incident.objects.filter(pk=b.pk).delete()
    c = make_incident(now=january, discovered_at=january - timedelta(hours=1))
    assert c.reference == "AVVIK-2026-0002"


def test_report_sets_awareness_and_the_72_hour_deadline(make_incident: Any) -> None:
    incident = make_incident()
    assert incident.aware_at == incident.discovered_at < incident.reported_at, "awareness defaults to discovery"
    assert incident.authority_deadline - incident.aware_at == timedelta(hours=72)
    assert incident.state == State.REPORTED


def test_the_dpo_gets_an_email_written_in_the_same_transaction(users: dict[str, Any], make_incident: Any) -> None:
    incident = make_incident()
    emails = OutboundEmail.objects.filter(incident=incident)
    assert [e.to_address for e in emails] == [users["dpo"].email]
    email = emails.get()
    assert incident.reference in email.subject
    assert incident.description not in email.body_text, "case details stay in Avvik"
    assert incident.get_absolute_url() in email.body_text


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"title": "   "}, "title"),
        ({"description": ""}, "description"),
        ({"discovered_at": timezone.now() + timedelta(hours=2)}, "discovered_at"),
        ({"occurred_at": timezone.now() - timedelta(minutes=1)}, "occurred_at"),
        ({"title": "x" * 10_001}, "title"),
        ({"breach_types": ("leakage",)}, "breach_types"),
    ],
)
def test_bad_reports_are_refused_by_field(make_incident: Any, changes: dict[str, Any], field: str) -> None:
    with pytest.raises(Invalid) as error:
        make_incident(**changes)
    assert field in error.value.errors


def test_any_unicode_up_to_10000_characters_is_stored_exactly(make_incident: Any) -> None:
    text = ("<b>æøå</b> 👀 \u202e \x01 " * 1000)[:10_000]
    incident = make_incident(description=text)
    assert Incident.objects.get(pk=incident.pk).description == text


def test_a_nul_character_is_refused_not_stored(make_incident: Any) -> None:
    # PostgreSQL cannot store NUL in text (#14): a message, not a crash at the database.
    with pytest.raises(Invalid) as error:
        make_incident(description="før \x00 etter")
    assert "description" in error.value.errors


def test_walk_through_the_states_with_permissions(users: dict[str, Any], make_incident: Any) -> None:
    incident = make_incident()
    with pytest.raises(NotPermitted):
        services.incident_start(incident=incident, by=users["reporter"])
    services.incident_start(incident=incident, by=users["handler"])
    incident = Incident.objects.get(pk=incident.pk)
    assert incident.state == State.TRIAGE
    assert incident.handler == users["handler"], "the handler who starts a case takes it"
    with pytest.raises(NotPermitted):
        services.incident_confirm(incident=incident, by=users["handler"])
    with pytest.raises(Conflict):
        services.incident_start(incident=incident, by=users["dpo"])
    services.incident_confirm(incident=incident, by=users["dpo"])
    assert Incident.objects.get(pk=incident.pk).state == State.ASSESSMENT


def test_dismiss_needs_a_reason_and_is_kept_with_it(users: dict[str, Any], make_incident: Any) -> None:
    incident = make_incident()
    services.incident_start(incident=incident, by=users["dpo"])
    with pytest.raises(Invalid) as error:
        services.incident_dismiss(incident=incident, by=users["dpo"], reason="  ")
    assert "reason" in error.value.errors
    services.incident_dismiss(incident=incident, by=users["dpo"], reason="Ingen personopplysninger i vedlegget.")
    incident = Incident.objects.get(pk=incident.pk)
    assert incident.state == State.NOT_A_BREACH
    last = incident.history.order_by("-history_date").first()
    assert last.history_change_reason == "Ingen personopplysninger i vedlegget."
    assert last.history_user == users["dpo"]
    assert last.history_transition == "dismiss"
    services.incident_reopen(incident=incident, by=users["dpo"], reason="Nye opplysninger")
    assert Incident.objects.get(pk=incident.pk).state == State.TRIAGE


def test_confirm_may_move_awareness_with_a_reason(users: dict[str, Any], make_incident: Any) -> None:
    incident = make_incident()
    services.incident_start(incident=incident, by=users["dpo"])
    earlier = incident.reported_at - timedelta(hours=5)
    with pytest.raises(Invalid) as error:
        services.incident_confirm(incident=incident, by=users["dpo"], aware_at=earlier, aware_reason="")
    assert "aware_reason" in error.value.errors
    assert Incident.objects.get(pk=incident.pk).state == State.TRIAGE, "nothing changed on a refusal"
    services.incident_confirm(
        incident=incident, by=users["dpo"], aware_at=earlier, aware_reason="IT så loggene fem timer før meldingen."
    )
    incident = Incident.objects.get(pk=incident.pk)
    assert incident.aware_at == earlier
    assert incident.authority_deadline == earlier + timedelta(hours=72)
    with pytest.raises(Invalid):
        services.incident_set_awareness(
            incident=incident, by=users["dpo"], aware_at=timezone.now() + timedelta(hours=1), reason="x"
        )


def test_a_stale_form_is_refused_not_applied(users: dict[str, Any], make_incident: Any) -> None:
    incident = make_incident()
    seen_version = incident.row_version
    services.incident_start(incident=incident, by=users["dpo"])
    with pytest.raises(Conflict):
        services.incident_dismiss(incident=incident, by=users["dpo"], reason="x", expected_version=seen_version)


def test_facts_are_edited_with_history_while_open(users: dict[str, Any], make_incident: Any) -> None:
    incident = make_incident()
    services.incident_update_facts(
        incident=incident, by=users["handler"], changes={"approx_subjects": 40}, reason="Telte på nytt"
    )
    incident = Incident.objects.get(pk=incident.pk)
    assert incident.approx_subjects == 40
    newest, older = incident.history.order_by("-history_date")[:2]
    delta = newest.diff_against(older)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("approx_subjects", 12, 40)]
    assert newest.history_user == users["handler"]
    with pytest.raises(NotPermitted):
        services.incident_update_facts(incident=incident, by=users["reporter"], changes={"approx_subjects": 1})
    with pytest.raises(Invalid):
        services.incident_update_facts(incident=incident, by=users["dpo"], changes={"state": "closed"})


def test_available_transitions_follow_state_and_role(users: dict[str, Any], make_incident: Any) -> None:
    incident = make_incident()
    assert services.available_transitions(incident, users["reporter"]) == []
    assert services.available_transitions(incident, users["handler"]) == ["start"]
    assert services.available_transitions(incident, users["dpo"]) == ["start"]
    services.incident_start(incident=incident, by=users["dpo"])
    incident = Incident.objects.get(pk=incident.pk)
    assert services.available_transitions(incident, users["dpo"]) == ["dismiss", "confirm"]
    assert services.available_transitions(incident, users["management"]) == []


def test_the_state_cannot_be_set_directly(make_incident: Any) -> None:
    incident = make_incident()
    with pytest.raises(AttributeError):
        incident.state = State.CLOSED
