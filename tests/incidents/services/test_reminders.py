"""The reminder ladder of the 72-hour clock (art. 33(1)): planned as rows, sent once by
the sweep, moved with aware_at, silent for settled cases; walked with time-machine,
across the daylight-saving changes in Europe/Oslo."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from incidents.models import Assessment, AuthoritySubmission, Incident
from incidents.services import cases as services
from incidents.services.reminders import Reminder, sweep_deadlines
from notifications.models import OutboundEmail
from notifications.services.outbox import fill_in_text
from tests.conftest import login

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")


def reminder_emails(incident: Incident) -> list[OutboundEmail]:
    # The sweep writes the e-mails; their text is rendered as they are sent.
    return fill_in_text(OutboundEmail.objects.filter(incident=incident, kind__startswith="deadline").order_by("pk"))


def addresses(emails: list[OutboundEmail]) -> set[str]:
    return {e.to_address for e in emails}


def report_at(make_incident: Any, users: dict[str, Any], when: datetime) -> Incident:
    """A case discovered and reported at ``when`` and started by the handler (so it has one)."""
    with time_machine.travel(when, tick=False):
        incident = make_incident(now=when, discovered_at=when)
        return services.incident_start(incident=incident, by=users["handler"])


def sweep_at(when: datetime) -> int:
    with time_machine.travel(when, tick=False):
        return sweep_deadlines()


@pytest.mark.parametrize(
    ("language", "in_body", "in_subject"),
    [
        ("nn", "torsdag 7. mai 2026 kl. 09:30", "torsdag 7. mai kl. 09:30"),
        ("en", "Thursday 7 May 2026 at 09:30", "Thursday 7 May at 09:30"),
    ],
)
def test_the_deadline_reads_in_the_recipients_language(
    make_incident: Any, users: dict[str, Any], language: str, in_body: str, in_subject: str
) -> None:
    from accounts.models import User

    User.objects.filter(pk=users["handler"].pk).update(language=language)
    start = datetime(2026, 5, 4, 9, 30, tzinfo=OSLO).astimezone(UTC)
    incident = report_at(make_incident, users, start)
    sweep_at(start + timedelta(hours=72))
    overdue = [e for e in reminder_emails(incident) if e.kind == "deadline_overdue"]
    [mail] = [e for e in overdue if e.to_address == users["handler"].email]
    assert in_body in mail.body_text and in_subject in mail.subject, (mail.subject, mail.body_text)
    [for_dpo] = [e for e in overdue if e.to_address == users["dpo"].email]
    assert "torsdag 7. mai 2026 kl. 09:30" in for_dpo.body_text, "each recipient in their own language"


def test_a_reported_case_has_its_ladder_planned(make_incident: Any) -> None:
    incident = make_incident()
    rows = list(Reminder.objects.filter(incident=incident))
    assert [r.hours for r in rows] == [24, 48, 60, 68, 72]
    assert all(r.due_at == incident.aware_at + timedelta(hours=r.hours) for r in rows)
    assert all(r.sent_at is None for r in rows)


def test_walk_one_case_through_every_rung_of_the_ladder(make_incident: Any, users: dict[str, Any]) -> None:
    start = datetime(2026, 5, 4, 9, 30, tzinfo=OSLO).astimezone(UTC)  # a Monday, no DST change near
    incident = report_at(make_incident, users, start)
    dpo, handler, management = users["dpo"].email, users["handler"].email, users["management"].email

    assert sweep_at(start + timedelta(hours=23, minutes=59)) == 0
    assert reminder_emails(incident) == []

    expected = [
        (24, {dpo, handler}, "48 t 0 min igjen"),
        (48, {dpo, handler}, "24 t 0 min igjen"),
        (60, {dpo, handler, management}, "12 t 0 min igjen"),
        (68, {dpo, handler}, "4 t 0 min igjen"),
    ]
    for hours, to, subject_part in expected:
        before = len(reminder_emails(incident))
        assert sweep_at(start + timedelta(hours=hours)) == 1
        new = reminder_emails(incident)[before:]
        assert addresses(new) == to, f"rung {hours} h"
        assert all(subject_part in e.subject for e in new), new[0].subject
        assert all(e.kind == "deadline_reminder" for e in new)
        # The same sweep again, a minute later: nothing is sent twice.
        assert sweep_at(start + timedelta(hours=hours, minutes=1)) == 0
        assert len(reminder_emails(incident)) == before + len(to)

    body = reminder_emails(incident)[0].body_text
    assert "torsdag 7. mai 2026 kl. 09:30" in body, "the deadline in Oslo time with the weekday"
    assert "risikovurdering ikke avsluttet" in body
    assert "melding til Datatilsynet ikke registrert" in body
    assert "http" in body and incident.get_absolute_url() in body
    assert incident.description not in body and incident.title not in body, "case details stay in Avvik"

    # 72 h: the deadline has passed; management is told too.
    before = len(reminder_emails(incident))
    assert sweep_at(start + timedelta(hours=72)) == 1
    overdue = reminder_emails(incident)[before:]
    assert addresses(overdue) == {dpo, handler, management}
    assert all(e.kind == "deadline_overdue" for e in overdue)
    assert "fristen for å melde til Datatilsynet gikk ut torsdag 7. mai kl. 09:30" in overdue[0].subject

    # Daily after that, until it is submitted.
    for day in (1, 2):
        assert sweep_at(start + timedelta(hours=72 + 24 * day) - timedelta(minutes=1)) == 0
        before = len(reminder_emails(incident))
        assert sweep_at(start + timedelta(hours=72 + 24 * day)) == 1
        daily = reminder_emails(incident)[before:]
        assert addresses(daily) == {dpo, handler, management}
        assert f"Passert med: {24 * day} timer og 0 minutter" in daily[0].body_text

    AuthoritySubmission.objects.create(
        incident=incident,
        submitted_at=start + timedelta(hours=130),
        deadline_at_submission=incident.authority_deadline,
        late_reason="Ventet på leverandøren.",
        recorded_by=users["dpo"],
    )
    Incident.objects.filter(pk=incident.pk).update(
        authority_notified_at=start + timedelta(hours=130), authority_notified_late=True
    )
    before = len(reminder_emails(incident))
    assert sweep_at(start + timedelta(hours=144)) == 1, "the row is dealt with…"
    assert len(reminder_emails(incident)) == before, "…but nothing is sent for a notified case"
    assert Reminder.objects.get(incident=incident, hours=144).outcome == Reminder.Outcome.SKIPPED
    assert not Reminder.objects.filter(incident=incident, sent_at__isnull=True).exists(), "the daily chain stops"
    assert sweep_at(start + timedelta(days=30)) == 0


@pytest.mark.parametrize(
    "aware_local, deadline_local, shown",
    [
        # Last Sunday of March 2026 (29th): 02:00 CET -> 03:00 CEST.
        (datetime(2026, 3, 27, 14, 5), datetime(2026, 3, 30, 15, 5), "mandag 30. mars 2026 kl. 15:05"),
        # Last Sunday of October 2026 (25th): 03:00 CEST -> 02:00 CET.
        (datetime(2026, 10, 23, 14, 5), datetime(2026, 10, 26, 13, 5), "mandag 26. oktober 2026 kl. 13:05"),
    ],
)
def test_across_daylight_saving_the_deadline_is_72_elapsed_hours(
    make_incident: Any, users: dict[str, Any], aware_local: datetime, deadline_local: datetime, shown: str
) -> None:
    # Elapsed-time arithmetic is done in UTC: adding hours to a datetime with the Oslo
    # zone attached would add wall-clock hours, which is exactly the bug to avoid.
    start = aware_local.replace(tzinfo=OSLO).astimezone(UTC)
    incident = report_at(make_incident, users, start)
    assert incident.authority_deadline - incident.aware_at == timedelta(hours=72)
    assert incident.authority_deadline.astimezone(OSLO).replace(tzinfo=None) == deadline_local, (
        "the clock on the wall shows one hour more (March) or less (October) than the start"
    )

    for hours in (24, 48, 60, 68):
        assert sweep_at(start + timedelta(hours=hours) - timedelta(seconds=1)) == 0, f"early at {hours} h"
        assert sweep_at(start + timedelta(hours=hours)) == 1, f"rung {hours} h"
    emails = reminder_emails(incident)
    assert shown in emails[0].body_text
    last = [e for e in emails if ": 4 t 0 min igjen" in e.subject]
    assert last, "the 68 h reminder says 4 hours are left, whatever the wall clock did"
    assert sweep_at(start + timedelta(hours=72) - timedelta(seconds=1)) == 0
    assert sweep_at(start + timedelta(hours=72)) == 1
    overdue = [e for e in reminder_emails(incident) if e.kind == "deadline_overdue"]
    assert overdue and shown.replace(" 2026", "") in overdue[0].subject


def test_nothing_is_sent_for_a_dismissed_case(make_incident: Any, users: dict[str, Any]) -> None:
    start = datetime(2026, 2, 2, 8, 0, tzinfo=UTC)
    incident = report_at(make_incident, users, start)
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        services.incident_dismiss(incident=incident, by=users["dpo"], reason="Ingen personopplysninger.")
    assert sweep_at(start + timedelta(hours=100)) == 5
    assert reminder_emails(incident) == []
    assert set(Reminder.objects.filter(incident=incident).values_list("outcome", flat=True)) == {"skipped"}


def test_nothing_is_sent_when_notifying_was_decided_against(make_incident: Any, users: dict[str, Any]) -> None:
    start = datetime(2026, 2, 2, 8, 0, tzinfo=UTC)
    incident = report_at(make_incident, users, start)
    Assessment.objects.create(
        incident=incident, version=1, notify_authority=False, notify_data_subjects=False, concluded_at=start
    )
    Incident.objects.filter(pk=incident.pk).update(state="follow_up", authority_required=False)
    assert sweep_at(start + timedelta(hours=30)) == 1
    assert reminder_emails(incident) == []


def test_an_undecided_case_names_what_is_missing(make_incident: Any, users: dict[str, Any]) -> None:
    start = datetime(2026, 2, 2, 8, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        incident = make_incident(now=start)  # not started: no handler yet
    sweep_at(start + timedelta(hours=24))
    emails = reminder_emails(incident)
    assert addresses(emails) == {users["dpo"].email}, "no handler assigned: the DPO alone"
    assert "bruddet er ikke bekreftet" in emails[0].body_text
    assert "ingen saksbehandler er tildelt" in emails[0].body_text


def test_moving_aware_at_moves_the_unsent_reminders_and_keeps_the_sent(
    make_incident: Any, users: dict[str, Any]
) -> None:
    start = datetime(2026, 4, 13, 10, 0, tzinfo=UTC)
    incident = report_at(make_incident, users, start)
    sweep_at(start + timedelta(hours=24))
    sent_24 = Reminder.objects.get(incident=incident, hours=24)
    assert sent_24.outcome == "sent"

    later_aware = start + timedelta(hours=6)
    with time_machine.travel(start + timedelta(hours=25), tick=False):
        services.incident_set_awareness(
            incident=incident, by=users["dpo"], aware_at=later_aware, reason="Bekreftet av IT først da."
        )
    rows = {r.hours: r for r in Reminder.objects.filter(incident=incident)}
    assert rows[24].due_at == sent_24.due_at and rows[24].sent_at == sent_24.sent_at, "history stays"
    assert rows[48].due_at == later_aware + timedelta(hours=48)
    assert sweep_at(start + timedelta(hours=48)) == 0, "the old 48 h is no longer due"
    assert sweep_at(later_aware + timedelta(hours=48)) == 1


def test_moving_aware_at_back_sends_one_reminder_not_a_burst(make_incident: Any, users: dict[str, Any]) -> None:
    start = datetime(2026, 4, 13, 10, 0, tzinfo=UTC)
    incident = report_at(make_incident, users, start)
    now = start + timedelta(hours=2)
    with time_machine.travel(now, tick=False):
        services.incident_set_awareness(
            incident=incident, by=users["dpo"], aware_at=start - timedelta(hours=61), reason="Leverandøren visste."
        )
    assert sweep_at(now) == 3
    emails = reminder_emails(incident)
    # 24 h, 48 h and 60 h fell due at once: one e-mail each to DPO, handler and management.
    assert addresses(emails) == {users["dpo"].email, users["handler"].email, users["management"].email}
    assert len(emails) == 3
    outcomes = dict(Reminder.objects.filter(incident=incident, hours__lte=60).values_list("hours", "outcome"))
    assert outcomes == {24: "superseded", 48: "superseded", 60: "sent"}


def test_a_sweep_with_nothing_due_is_one_query(make_incident: Any, django_assert_num_queries: Any) -> None:
    make_incident()
    with django_assert_num_queries(1):
        assert sweep_deadlines() == 0


def test_the_sweep_is_a_registered_periodic_job(settings: Any) -> None:
    assert "incidents.services.reminders.sweep_deadlines" in settings.AVVIK_PERIODIC_JOBS


def test_the_ladder_comes_from_settings(make_incident: Any, users: dict[str, Any], settings: Any) -> None:
    settings.AVVIK_REMINDER_LADDER = [{"hours": 12, "to": ("management",)}, {"hours": 72, "to": ("dpo",)}]
    start = datetime(2026, 2, 2, 8, 0, tzinfo=UTC)
    incident = report_at(make_incident, users, start)
    assert sorted(Reminder.objects.filter(incident=incident).values_list("hours", flat=True)) == [12, 72]
    sweep_at(start + timedelta(hours=12))
    assert addresses(reminder_emails(incident)) == {users["management"].email}


# --- The DPO changes aware_at on the case page ----------------------------------------------


def test_the_dpo_moves_awareness_on_the_case_page(client: Any, make_incident: Any, users: dict[str, Any]) -> None:
    incident = make_incident()
    login(client, users["dpo"])
    page = client.get(incident.get_absolute_url())
    assert "Endre når virksomheten ble kjent med bruddet" in page.content.decode()

    url = reverse("incident-awareness", kwargs={"reference": incident.reference})
    new_aware = (incident.aware_at - timedelta(hours=5)).astimezone(OSLO)
    response = client.post(
        url,
        {
            "aware_at": new_aware.strftime("%Y-%m-%dT%H:%M"),
            "reason": "Leverandøren varslet oss i går.",
            "row_version": incident.row_version,
        },
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.aware_at == new_aware.replace(second=0, microsecond=0)
    assert incident.authority_deadline == incident.aware_at + timedelta(hours=72)
    assert Reminder.objects.get(incident=incident, hours=24).due_at == incident.aware_at + timedelta(hours=24)
    history = incident.history.first()
    assert history is not None
    assert history.history_change_reason == "Leverandøren varslet oss i går."
    assert "Tidspunkt for kjennskap endret" in client.get(incident.get_absolute_url()).content.decode()


def test_a_missing_reason_is_shown_next_to_the_field_and_the_time_is_kept(
    client: Any, make_incident: Any, users: dict[str, Any]
) -> None:
    incident = make_incident()
    aware_before = incident.aware_at
    login(client, users["dpo"])
    typed = (incident.aware_at - timedelta(hours=3)).astimezone(OSLO).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("incident-awareness", kwargs={"reference": incident.reference}),
        {"aware_at": typed, "reason": "", "row_version": incident.row_version},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dette feltet må fylles ut." in html
    assert f'value="{typed}"' in html
    incident.refresh_from_db()
    assert incident.aware_at == aware_before


def test_only_the_dpo_may_move_awareness(client: Any, make_incident: Any, users: dict[str, Any]) -> None:
    incident = make_incident()
    login(client, users["management"])
    assert (
        "Endre når virksomheten ble kjent med bruddet" not in client.get(incident.get_absolute_url()).content.decode()
    )
    response = client.post(
        reverse("incident-awareness", kwargs={"reference": incident.reference}),
        {"aware_at": "2026-01-01T10:00", "reason": "Fordi."},
    )
    assert response.status_code == 403


def test_a_reopened_case_past_its_deadline_gets_daily_reminders_again(
    make_incident: Any, users: dict[str, Any]
) -> None:
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    incident = report_at(make_incident, users, start)
    with time_machine.travel(start + timedelta(hours=2), tick=False):
        services.incident_dismiss(incident=incident, by=users["dpo"], reason="Ikke personopplysninger")
    sweep_at(start + timedelta(hours=100))  # dismissed: the due rungs are dealt with, nothing sent
    assert reminder_emails(incident) == []
    reopened_at = start + timedelta(hours=101)
    with time_machine.travel(reopened_at, tick=False):
        services.incident_reopen(incident=incident, by=users["dpo"], reason="Det var likevel fødselsnummer i filen")
    assert sweep_at(reopened_at + timedelta(hours=1)) == 0, "the next daily reminder is tomorrow's"
    assert sweep_at(start + timedelta(hours=120)) == 1
    emails = reminder_emails(incident)
    assert emails and users["dpo"].email in addresses(emails)
