"""The deadline sweep writes its e-mails in bulk: a fixed number of queries per batch of
due reminders, whatever the number of e-mails; each reminder still sent once, and each
e-mail read in its recipient's language when it is sent."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from incidents.models import Incident
from incidents.services.reminders import BATCH_SIZE, Reminder, sweep_deadlines
from notifications.models import OutboundEmail
from notifications.services.outbox import flush_outbox
from tests.bulk import bulk_cases

pytestmark = pytest.mark.django_db

# Per batch at most 10 statements (today 6: the read that locks the rows with their cases,
# the e-mails' INSERT, the UPDATE that marks the rows sent, the next rows' INSERT, and a
# savepoint's two statements under the test's own transaction). A sweep also reads the
# first due row and the staff once, and ends with a read that finds nothing more.
PER_BATCH = 10
PER_SWEEP = 5


def due_cases(users: dict[str, Any], count: int, now: Any) -> list[Incident]:
    """``count`` open cases, half of them with a handler, each with its 24-hour reminder due
    and a few with the 72-hour one (past the deadline: the overdue chain goes on)."""
    cases = bulk_cases(users["reporter"], count, now=now)
    ids = [c.pk for c in cases]
    Incident.objects.filter(pk__in=ids[::3]).update(state="triage")
    Incident.objects.filter(pk__in=ids).exclude(pk__in=ids[::3]).update(state="assessment")
    cases = list(Incident.objects.filter(pk__in=ids).order_by("pk"))
    for i, case in enumerate(cases):
        case.handler = users["handler"] if i % 2 else None
        case.aware_at = now - timedelta(hours=80 if i % 10 == 0 else 30)
        case.authority_deadline = case.aware_at + timedelta(hours=72)
    Incident.objects.bulk_update(cases, ["handler", "aware_at", "authority_deadline"])
    # One due row per case: past the deadline, the 24-hour rung was sent the day before.
    overdue = {c.pk for c in cases if c.aware_at < now - timedelta(hours=72)}
    Reminder.objects.bulk_create(
        [
            Reminder(
                incident=case,
                hours=hours,
                kind=Reminder.Kind.OVERDUE if hours >= 72 else Reminder.Kind.REMINDER,
                due_at=case.aware_at + timedelta(hours=hours),
                sent_at=case.aware_at + timedelta(hours=hours) if case.pk in overdue and hours == 24 else None,
            )
            for case in cases
            for hours in ((24, 72) if case.pk in overdue else (24,))
        ]
    )
    return cases


def outbox_inserts_on_this_database(emails: int) -> int:
    """INSERT statements for ``emails`` outbox rows: one on PostgreSQL; SQLite splits it
    into parts of at most 999 parameters."""
    limit = connection.features.max_query_params
    if not limit:
        return 1
    columns = len([f for f in OutboundEmail._meta.concrete_fields if not f.primary_key])
    return math.ceil(emails / (limit // columns))


@pytest.mark.parametrize("batches", [1, 2])
def test_a_batch_of_due_reminders_is_a_fixed_number_of_queries(
    users: dict[str, Any], make_user: Any, batches: int
) -> None:
    make_user("management")
    now = timezone.now()
    cases = due_cases(users, BATCH_SIZE * batches, now)
    with CaptureQueriesContext(connection) as queries:
        handled = sweep_deadlines(now)
    rows = Reminder.objects.filter(incident__in=cases, due_at__lte=now, sent_at=now)
    assert handled == rows.count() == BATCH_SIZE * batches
    assert not Reminder.objects.filter(due_at__lte=now, sent_at__isnull=True).exists()
    # More e-mails than rows: the DPO on every case, the handler on half, management on the overdue.
    emails = OutboundEmail.objects.filter(incident__in=cases)
    assert emails.count() > len(cases) * 1.4
    sent = rows.filter(outcome=Reminder.Outcome.SENT)
    assert sum(r.recipients for r in sent) == emails.count()
    # The overdue cases have their next daily reminder planned.
    overdue = [c for c in cases if c.aware_at < now - timedelta(hours=72)]
    assert Reminder.objects.filter(incident__in=overdue, hours=96, sent_at__isnull=True).count() == len(overdue)
    # The number of statements does not grow with the e-mails.
    inserts = [q for q in queries.captured_queries if 'INSERT INTO "notifications_outboundemail"' in q["sql"]]
    assert len(inserts) <= batches * outbox_inserts_on_this_database(emails.count() // batches + 1)
    others = len(queries.captured_queries) - len(inserts)
    assert others <= PER_SWEEP + (PER_BATCH - 1) * batches, "\n".join(q["sql"][:120] for q in queries)


def test_a_second_sweep_sends_nothing_again(users: dict[str, Any]) -> None:
    now = timezone.now()
    cases = due_cases(users, 30, now)
    first = sweep_deadlines(now)
    written = OutboundEmail.objects.count()
    assert first and written
    assert sweep_deadlines(now) == 0
    assert sweep_deadlines(now + timedelta(minutes=5)) == 0
    assert OutboundEmail.objects.count() == written
    # One e-mail per case and person: no copies.
    pairs = list(OutboundEmail.objects.filter(incident__in=cases).values_list("incident_id", "to_address"))
    assert len(pairs) == len(set(pairs))


def test_a_reminder_written_in_bulk_is_sent_in_each_recipients_language(users: dict[str, Any]) -> None:
    User.objects.filter(pk=users["handler"].pk).update(language="en")
    User.objects.filter(pk=users["dpo"].pk).update(language="nn")
    now = timezone.now()
    [case] = due_cases(users, 2, now)[1:]  # the second has a handler
    sweep_deadlines(now)
    mail.outbox.clear()
    flush_outbox(now + timedelta(seconds=1))
    by_address = {m.to[0]: m for m in mail.outbox if case.reference in m.subject}
    english, nynorsk = by_address[users["handler"].email], by_address[users["dpo"].email]
    assert f"It is 24 hours since the organisation became aware of the breach in case {case.reference}" in english.body
    assert "no case handler assigned" not in english.body  # it has one
    assert "risk assessment not completed" in english.body, english.body
    assert "risikovurderinga er ikkje avslutta" in nynorsk.body, nynorsk.body
    assert "ingen saksbehandlar er tildelt" not in nynorsk.body
    # The row keeps what was sent.
    row = OutboundEmail.objects.get(incident=case, to_address=users["handler"].email)
    assert row.status == OutboundEmail.Status.SENT
    assert (row.subject, row.body_text) == (english.subject, english.body)


def test_the_scheduler_sends_the_reminders_it_wrote(users: dict[str, Any]) -> None:
    now = timezone.now()
    cases = due_cases(users, 3, now)
    mail.outbox.clear()
    # A pass flushes the outbox before it sweeps: the next pass sends what this one wrote.
    call_command("run_scheduler", "--once")
    call_command("run_scheduler", "--once")
    assert {c.reference for c in cases} <= {m.subject.split(":")[0] for m in mail.outbox}
    assert all(m.body.startswith("Hei ") for m in mail.outbox), [m.body[:40] for m in mail.outbox]


def a_row_taken_by_another_sweep(monkeypatch: Any, now: Any) -> None:
    """While the sweep writes its e-mails, mark one of its claimed rows sent, as a second
    sweep would have had the locks not held (the UPDATE's own condition must catch it)."""
    from incidents import hooks

    write = hooks.queue_staff_emails

    def and_take_one(emails: Any) -> Any:
        taken = Reminder.objects.filter(sent_at__isnull=True, due_at__lte=now).order_by("pk").first()
        assert taken is not None
        Reminder.objects.filter(pk=taken.pk).update(sent_at=now, outcome=Reminder.Outcome.SENT)
        return write(emails)

    monkeypatch.setattr(hooks, "queue_staff_emails", and_take_one)


def a_batch_with_a_row_taken_is_rolled_back(users: dict[str, Any], monkeypatch: Any) -> None:
    now = timezone.now()
    cases = due_cases(users, 5, now)
    a_row_taken_by_another_sweep(monkeypatch, now)
    with pytest.raises(RuntimeError, match="1 reminder row"):
        sweep_deadlines(now)
    assert not OutboundEmail.objects.filter(incident__in=cases).exists()
    assert not Reminder.objects.filter(incident__in=cases, sent_at=now).exists()  # the whole batch, rolled back


def test_a_row_another_sweep_dealt_with_rolls_the_batch_back(users: dict[str, Any], monkeypatch: Any) -> None:
    a_batch_with_a_row_taken_is_rolled_back(users, monkeypatch)
