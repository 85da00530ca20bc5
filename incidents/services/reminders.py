"""The reminder ladder of the 72-hour clock (art. 33(1)), as rows in the database.

DESIGN.md "Time": reminders are data, never countdown tasks parked in Redis. Each case has
one ``Reminder`` row per rung of ``settings.AVVIK_REMINDER_LADDER`` (hours after
awareness); after the deadline a chain of daily "overdue" rows follows, each one planned
by the sweep that sends the one before. ``sweep_deadlines(now)`` claims due rows with a
conditional ``UPDATE … WHERE sent_at IS NULL`` and writes the e-mails to the outbox in the
same transaction, so a sweep that runs twice, or in two processes at once, sends nothing
twice; a sweep that dies half-way rolls back its claim and the next one sends."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from incidents import hooks
from incidents.models import Reminder as Reminder
from incidents.rules import deadlines

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_BATCHES = 50  # one sweep sends at most BATCH_SIZE * MAX_BATCHES; the next sweep takes the rest


def deadline_hours() -> int:
    """The hours of the authority deadline in force (settings.AVVIK_AUTHORITY_DEADLINE_HOURS)."""
    return int(settings.AVVIK_AUTHORITY_DEADLINE_HOURS)


# --- The ladder -----------------------------------------------------------------------------


def ladder() -> list[tuple[int, tuple[str, ...]]]:
    """(hours after awareness, audiences) from settings, sorted."""
    rungs: Any = settings.AVVIK_REMINDER_LADDER
    return sorted((int(rung["hours"]), tuple(rung["to"])) for rung in rungs)


def overdue_every() -> timedelta:
    overdue: Any = settings.AVVIK_REMINDER_OVERDUE
    return timedelta(hours=int(overdue["every_hours"]))


def audiences_for(hours: int) -> tuple[str, ...]:
    for rung_hours, audiences in ladder():
        if rung_hours == hours:
            return audiences
    overdue: Any = settings.AVVIK_REMINDER_OVERDUE
    return tuple(overdue["to"])


def kind_for(hours: int) -> str:
    return Reminder.Kind.OVERDUE if hours >= deadline_hours() else Reminder.Kind.REMINDER


def plan_reminders(incident: Any) -> None:
    """(Re)plan the ladder of a case from its ``aware_at``: missing rungs are added and
    rows not yet dealt with move to the new time. Called by the services, inside their
    transaction, when a case is reported and whenever awareness changes."""
    aware_at: datetime = incident.aware_at
    existing = {
        r.hours: r for r in Reminder.objects.filter(incident_id=incident.pk).exclude(kind=Reminder.Kind.FOLLOW_UP)
    }
    moved = []
    for reminder in existing.values():
        due_at = deadlines.after(aware_at, timedelta(hours=reminder.hours))
        if reminder.sent_at is None and reminder.due_at != due_at:
            reminder.due_at = due_at
            moved.append(reminder)
    if moved:
        Reminder.objects.bulk_update(moved, ["due_at"])
    new = [
        Reminder(
            incident_id=incident.pk,
            hours=hours,
            kind=kind_for(hours),
            due_at=deadlines.after(aware_at, timedelta(hours=hours)),
        )
        for hours, _audiences in ladder()
        if hours not in existing
    ]
    Reminder.objects.bulk_create(new, ignore_conflicts=True)


def rearm_reminders(incident: Any, now: datetime) -> None:
    """A case taken up again (reassessed or reopened) while the question of notifying is
    open: the ladder is planned again and, past the deadline, the daily overdue reminder
    resumes from the next day. Rows already dealt with stay as history."""
    plan_reminders(incident)
    if deadlines.instant(now) < deadlines.instant(incident.authority_deadline):
        return
    pending = Reminder.objects.filter(
        incident_id=incident.pk, sent_at__isnull=True, hours__gt=deadline_hours(), kind=Reminder.Kind.OVERDUE
    )
    if not pending.exists():
        hours = _next_overdue(incident.aware_at, deadline_hours(), now)
        Reminder.objects.bulk_create(
            [
                Reminder(
                    incident_id=incident.pk,
                    hours=hours,
                    kind=Reminder.Kind.OVERDUE,
                    due_at=deadlines.after(incident.aware_at, timedelta(hours=hours)),
                )
            ],
            ignore_conflicts=True,
        )


def follow_up_every() -> timedelta:
    follow_up: Any = settings.AVVIK_REMINDER_FOLLOW_UP
    return timedelta(hours=int(follow_up["every_hours"]))


def plan_follow_up_reminder(incident: Any, after: datetime) -> None:
    """Art. 33(4): a phased notification owes the rest "without further undue delay". The
    DPO is reminded ``every_hours`` after ``after`` (the phased filing), and again after each
    reminder, until a complete notification is recorded. Called inside the filing's
    transaction; a reminder already planned is kept."""
    if Reminder.objects.filter(incident_id=incident.pk, kind=Reminder.Kind.FOLLOW_UP, sent_at__isnull=True).exists():
        return
    due_at = deadlines.instant(after) + follow_up_every()
    hours = _hours_after_awareness(incident.aware_at, due_at)
    Reminder.objects.bulk_create(
        [
            Reminder(
                incident_id=incident.pk,
                hours=hours,
                kind=Reminder.Kind.FOLLOW_UP,
                due_at=deadlines.after(incident.aware_at, timedelta(hours=hours)),
            )
        ],
        ignore_conflicts=True,
    )


def _hours_after_awareness(aware_at: datetime, moment: datetime) -> int:
    """Whole hours from awareness to ``moment``, rounded up (never before it)."""
    seconds = (deadlines.instant(moment) - deadlines.instant(aware_at)).total_seconds()
    return max(int(-(-seconds // 3600)), 0)


def _next_overdue(aware_at: datetime, after_hours: int, now: datetime) -> int:
    """Hours of the next daily overdue rung after ``after_hours`` that lies in the future."""
    every = int(overdue_every().total_seconds() // 3600)
    hours = max(after_hours, deadline_hours()) + every
    while deadlines.after(aware_at, timedelta(hours=hours)) <= deadlines.instant(now):
        hours += every
    return hours


# --- What the e-mail says ------------------------------------------------------------------


def missing_for_submission(incident: Any, decided_notify_authority: bool | None) -> list[Promise]:
    """What stands between the case and a notification to Datatilsynet, in plain words."""
    missing: list[Promise] = []
    if incident.state in ("reported", "triage"):
        missing.append(_("bruddet er ikke bekreftet (første vurdering er ikke ferdig)"))
    if incident.state in ("reported", "triage", "assessment") or decided_notify_authority is None:
        missing.append(_("risikovurdering ikke avsluttet"))
    if incident.handler_id is None:
        missing.append(_("ingen saksbehandler er tildelt"))
    missing.append(_("melding til Datatilsynet ikke registrert"))
    return missing


# --- The sweep ------------------------------------------------------------------------------


def _staff_by_audience() -> dict[str, list[Any]]:
    from accounts.models import User
    from accounts.roles import DEPUTY, DPO, MANAGEMENT

    # The deputy DPO is reminded as the DPO is, so that nothing waits while the DPO is away.
    audience = {DPO: DPO, DEPUTY: DPO, MANAGEMENT: MANAGEMENT}
    people: dict[str, list[Any]] = {DPO: [], MANAGEMENT: []}
    for user in (
        User.objects.filter(groups__name__in=list(audience), is_active=True)
        .prefetch_related("groups")
        .order_by("pk")
        .distinct()
    ):
        for group in user.groups.all():
            if group.name in audience and user not in people[audience[group.name]]:
                people[audience[group.name]].append(user)
    return people


def _recipients(incident: Any, audiences: Iterable[str], staff: dict[str, list[Any]]) -> list[Any]:
    chosen: dict[int, Any] = {}
    for audience in audiences:
        if audience == "handler":
            handler = incident.handler
            if handler is not None and handler.is_active:
                chosen.setdefault(handler.pk, handler)
        else:
            for user in staff.get(audience, []):
                chosen.setdefault(user.pk, user)
    return [chosen[pk] for pk in sorted(chosen)]


def _is_settled(incident: Any, clock: deadlines.Clock) -> bool:
    """Nothing to remind about: notified, dismissed, closed, or decided not notifiable."""
    return not incident.is_open or clock.status in (deadlines.MET, deadlines.LATE, deadlines.NOT_REQUIRED)


def _send(
    incident: Any,
    clock: deadlines.Clock,
    hours: int,
    audiences: Sequence[str],
    staff: dict[str, list[Any]],
    now: datetime,
) -> int:
    overdue = clock.status == deadlines.OVERDUE
    template = "notifications/email/deadline_overdue" if overdue else "notifications/email/deadline_reminder"
    hours_left, minutes_left = clock.hours_and_minutes
    recipients = _recipients(incident, audiences, staff)
    missing = missing_for_submission(incident, incident.authority_required)
    for user in recipients:
        hooks.queue_staff_email(
            kind="deadline_overdue" if overdue else "deadline_reminder",
            to_address=user.email,
            template=template,
            context={
                "incident": incident,
                "recipient": user,
                "deadline": clock.deadline,
                "hours": hours_left,
                "minutes": minutes_left,
                "hours_after_awareness": hours,
                "missing": missing,
                "escalated": "management" in audiences,
                "url": settings.AVVIK_BASE_URL + incident.get_absolute_url(),
            },
            language=user.language or settings.LANGUAGE_CODE,
            incident_id=incident.pk,
            recipient_id=user.pk,
        )
    return len(recipients)


def _send_follow_up(incident: Any, staff: dict[str, list[Any]]) -> int:
    """Art. 33(4): tell the DPO that the phased notification still owes its follow-up."""
    follow_up: Any = settings.AVVIK_REMINDER_FOLLOW_UP
    recipients = _recipients(incident, tuple(follow_up["to"]), staff)
    for user in recipients:
        hooks.queue_staff_email(
            kind="follow_up_owed",
            to_address=user.email,
            template="notifications/email/follow_up_owed",
            context={
                "incident": incident,
                "recipient": user,
                "notified_at": incident.authority_notified_at,
                "url": settings.AVVIK_BASE_URL + incident.get_absolute_url() + "datatilsynet/",
            },
            language=user.language or settings.LANGUAGE_CODE,
            incident_id=incident.pk,
            recipient_id=user.pk,
        )
    return len(recipients)


def _sweep_batch(now: datetime, batch_size: int) -> int:
    """Claim up to ``batch_size`` due rows and deal with them in one transaction."""
    from incidents.models import Incident
    from incidents.selectors.cases import clock_of

    with transaction.atomic():
        # SKIP LOCKED: a second sweeper takes other rows instead of waiting for these.
        ids = list(
            Reminder.objects.select_for_update(skip_locked=True)
            .filter(sent_at__isnull=True, due_at__lte=now)
            .order_by("due_at")  # the partial index's order: the scan stops after batch_size rows
            .values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            return 0
        # The conditional UPDATE: only rows still unsent are ours. Under the row locks
        # taken above every id is, so the filter is a guard, not a race.
        Reminder.objects.filter(pk__in=ids, sent_at__isnull=True).update(sent_at=now)
        rows = list(Reminder.objects.filter(pk__in=ids, sent_at=now).order_by("incident_id", "hours"))
        by_incident: dict[int, list[Reminder]] = defaultdict(list)
        for row in rows:
            by_incident[row.incident_id].append(row)
        incidents = {i.pk: i for i in Incident.objects.filter(pk__in=list(by_incident)).select_related("handler")}
        staff = _staff_by_audience()
        outcomes: dict[str, list[int]] = defaultdict(list)
        counts: dict[int, int] = {}
        chained: list[Reminder] = []
        for incident_id, all_due in by_incident.items():
            incident = incidents[incident_id]
            follow_ups = [r for r in all_due if r.kind == Reminder.Kind.FOLLOW_UP]
            due = [r for r in all_due if r.kind != Reminder.Kind.FOLLOW_UP]
            if follow_ups:
                if not (incident.is_open and incident.authority_follow_up_owed):
                    outcomes[Reminder.Outcome.SKIPPED] += [r.pk for r in follow_ups]
                else:
                    outcomes[Reminder.Outcome.SUPERSEDED] += [r.pk for r in follow_ups[:-1]]
                    outcomes[Reminder.Outcome.SENT].append(follow_ups[-1].pk)
                    counts[follow_ups[-1].pk] = _send_follow_up(incident, staff)
                    due_at = deadlines.instant(now) + follow_up_every()
                    hours = _hours_after_awareness(incident.aware_at, due_at)
                    chained.append(
                        Reminder(
                            incident_id=incident_id,
                            hours=hours,
                            kind=Reminder.Kind.FOLLOW_UP,
                            due_at=deadlines.after(incident.aware_at, timedelta(hours=hours)),
                        )
                    )
            if not due:
                continue
            clock = clock_of(incident, now)
            if _is_settled(incident, clock):
                outcomes[Reminder.Outcome.SKIPPED] += [r.pk for r in due]
                continue
            # Several rungs due at once (aware_at moved back, or the sweeper was down):
            # one e-mail, from the latest rung, to everyone any of them would have told.
            latest = due[-1]
            audiences = list(dict.fromkeys(a for r in due for a in audiences_for(r.hours)))
            outcomes[Reminder.Outcome.SUPERSEDED] += [r.pk for r in due[:-1]]
            outcomes[Reminder.Outcome.SENT].append(latest.pk)
            counts[latest.pk] = _send(incident, clock, latest.hours, audiences, staff, now)
            if latest.hours >= deadline_hours() or clock.status == deadlines.OVERDUE:
                hours = _next_overdue(incident.aware_at, latest.hours, now)
                chained.append(
                    Reminder(
                        incident_id=incident_id,
                        hours=hours,
                        kind=Reminder.Kind.OVERDUE,
                        due_at=deadlines.after(incident.aware_at, timedelta(hours=hours)),
                    )
                )
        for outcome, pks in outcomes.items():
            if pks:
                Reminder.objects.filter(pk__in=pks).update(outcome=outcome)
        by_count: dict[int, list[int]] = defaultdict(list)
        for pk, count in counts.items():
            by_count[count].append(pk)
        for count, pks in by_count.items():
            if count:
                Reminder.objects.filter(pk__in=pks).update(recipients=count)
        Reminder.objects.bulk_create(chained, ignore_conflicts=True)
    logger.info(
        "deadline sweep: %s sent, %s skipped, %s superseded",
        len(outcomes[Reminder.Outcome.SENT]),
        len(outcomes[Reminder.Outcome.SKIPPED]),
        len(outcomes[Reminder.Outcome.SUPERSEDED]),
    )
    return len(rows)


def sweep_deadlines(now: datetime | None = None, batch_size: int = BATCH_SIZE) -> int:
    """Periodic job (run_scheduler and Celery beat): deal with every reminder that is due.

    Art. 33(1): the DPO, the handler and, as the deadline nears, management are told what
    is missing before Datatilsynet can be notified within 72 hours of awareness. Returns
    the number of rows dealt with. Idempotent: a row is claimed once, in the transaction
    that writes its e-mails."""
    now = now or timezone.now()
    # The common case, nothing due, is one read of the first entry of the partial index:
    # no transaction, no lock. (A "due_at <= now" filter would let the planner guess from
    # the statistics of the whole table, mostly sent history in the past, and scan it.)
    earliest = Reminder.objects.filter(sent_at__isnull=True).order_by("due_at").values_list("due_at", flat=True)[:1]
    first_due = next(iter(earliest), None)
    if first_due is None or first_due > now:
        return 0
    total = 0
    for _batch in range(MAX_BATCHES):
        handled = _sweep_batch(now, batch_size)
        total += handled
        if handled < batch_size:
            break
    return total
