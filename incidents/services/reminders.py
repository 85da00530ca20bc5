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
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from incidents import hooks
from incidents.models import Reminder as Reminder
from incidents.models.incident import case_url
from incidents.rules import deadlines
from incidents.selectors.cases import clock_of
from incidents.workflow import CLOSED_STATES

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


def overdue_audiences() -> tuple[str, ...]:
    overdue: Any = settings.AVVIK_REMINDER_OVERDUE
    return tuple(overdue["to"])


def audiences_for(hours: int) -> tuple[str, ...]:
    for rung_hours, audiences in ladder():
        if rung_hours == hours:
            return audiences
    return overdue_audiences()


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


# One lazy object per text, shared by every e-mail of a sweep: the outbox encodes each once.
_NOT_CONFIRMED = _("bruddet er ikke bekreftet (første vurdering er ikke ferdig)")
_NOT_ASSESSED = _("risikovurdering ikke avsluttet")
_NO_HANDLER = _("ingen saksbehandler er tildelt")
_NOT_NOTIFIED = _("melding til Datatilsynet ikke registrert")


def missing_for_submission(incident: Any, decided_notify_authority: bool | None) -> list[Promise]:
    """What stands between the case and a notification to Datatilsynet, in plain words."""
    missing: list[Promise] = []
    if incident.state in ("reported", "triage"):
        missing.append(_NOT_CONFIRMED)
    if incident.state in ("reported", "triage", "assessment") or decided_notify_authority is None:
        missing.append(_NOT_ASSESSED)
    if incident.handler_id is None:
        missing.append(_NO_HANDLER)
    missing.append(_NOT_NOTIFIED)
    return missing


# --- The sweep ------------------------------------------------------------------------------


def _staff_by_audience() -> dict[str, list[Any]]:
    """The active DPOs (with the deputies) and management, by audience: one query, a row
    per membership."""
    from django.db.models import F

    from accounts.models import User
    from accounts.roles import DEPUTY, DPO, MANAGEMENT

    # The deputy DPO is reminded as the DPO is, so that nothing waits while the DPO is away.
    audience = {DPO: DPO, DEPUTY: DPO, MANAGEMENT: MANAGEMENT}
    people: dict[str, dict[int, Any]] = {DPO: {}, MANAGEMENT: {}}
    memberships = (
        User.objects.filter(groups__name__in=list(audience), is_active=True)
        .annotate(audience_group=F("groups__name"))
        .order_by("pk")
    )
    for user in memberships:
        people[audience[user.audience_group]].setdefault(user.pk, user)
    return {name: list(users.values()) for name, users in people.items()}


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


def _emails(incident: Any, recipients: list[Any], kind: str, template: str, context: dict[str, object]) -> list[Any]:
    """One e-mail per recipient, in their language; the text is rendered when it is sent."""
    return [
        hooks.StaffEmail(
            kind=kind,
            to_address=user.email,
            template=template,
            context=context,
            language=user.language or settings.LANGUAGE_CODE,
            incident_id=incident.pk,
            recipient_id=user.pk,
        )
        for user in recipients
    ]


def _reminder_emails(
    incident: Any,
    clock: deadlines.Clock,
    hours: int,
    audiences: Sequence[str],
    staff: dict[str, list[Any]],
) -> list[Any]:
    overdue = clock.status == deadlines.OVERDUE
    hours_left, minutes_left = clock.hours_and_minutes
    context: dict[str, object] = {
        "deadline": clock.deadline,
        "hours": hours_left,
        "minutes": minutes_left,
        "hours_after_awareness": hours,
        "missing": missing_for_submission(incident, incident.authority_required),
        "escalated": "management" in audiences,
        "url": settings.AVVIK_BASE_URL + incident.get_absolute_url(),
    }
    return _emails(
        incident,
        _recipients(incident, audiences, staff),
        "deadline_overdue" if overdue else "deadline_reminder",
        "notifications/email/deadline_overdue" if overdue else "notifications/email/deadline_reminder",
        context,
    )


def _follow_up_emails(incident: Any, staff: dict[str, list[Any]]) -> list[Any]:
    """Art. 33(4): tell the DPO that the phased notification still owes its follow-up."""
    follow_up: Any = settings.AVVIK_REMINDER_FOLLOW_UP
    context: dict[str, object] = {
        "notified_at": incident.authority_notified_at,
        "url": settings.AVVIK_BASE_URL + incident.get_absolute_url() + "datatilsynet/",
    }
    recipients = _recipients(incident, tuple(follow_up["to"]), staff)
    return _emails(incident, recipients, "follow_up_owed", "notifications/email/follow_up_owed", context)


class _Person(NamedTuple):
    """A case's handler as the sweep reads it: enough to address an e-mail."""

    pk: int
    email: str
    language: str
    is_active: bool


class _Case(NamedTuple):
    """A due row's case as the sweep reads it: the clock, the decision, the reference and
    the handler. Not the case's texts and lists, which a batch would otherwise load and
    parse 200 times for nothing; and a tuple, not a model instance, per row."""

    pk: int
    reference: str
    state: str
    aware_at: datetime
    authority_deadline: datetime
    authority_notified_at: datetime | None
    authority_notified_late: bool | None
    authority_required: bool | None
    authority_follow_up_owed: bool
    handler_id: int | None
    handler: _Person | None

    @property
    def is_open(self) -> bool:
        return self.state not in CLOSED_STATES

    def get_absolute_url(self) -> str:
        return case_url(self.reference)


class _Due(NamedTuple):
    pk: int
    hours: int
    kind: str


# The columns of the sweep's read, in the order the tuples above take them.
_DUE_COLUMNS = ("id", "hours", "kind")
_CASE_COLUMNS = tuple(
    f"incident__{name}"
    for name in (
        "id",
        "reference",
        "state",
        "aware_at",
        "authority_deadline",
        "authority_notified_at",
        "authority_notified_late",
        "authority_required",
        "authority_follow_up_owed",
        "handler_id",
    )
)
_HANDLER_COLUMNS = tuple(f"incident__handler__{name}" for name in ("email", "language", "is_active"))


class _DueReader:
    """The sweep's locking read of up to ``batch_size`` due rows, oldest first, with their
    cases, in one query: {case id: (case, its due rows by hours)}. Django compiles it once
    per sweep, in the first batch's transaction (a locking read needs one), and each batch
    runs the same SQL; its rows become tuples, never model instances."""

    def __init__(self, now: datetime, batch_size: int) -> None:
        # SKIP LOCKED: a second sweeper takes other rows instead of waiting for these. Only
        # the reminder rows are locked; their cases come along in the same read.
        self._query = (
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(sent_at__isnull=True, due_at__lte=now)
            .order_by("due_at")  # the partial index's order: the scan stops after batch_size rows
            .values_list(*_DUE_COLUMNS, *_CASE_COLUMNS, *_HANDLER_COLUMNS)[:batch_size]
        ).query
        self._compiled: tuple[Any, str, tuple[Any, ...]] | None = None

    def __call__(self) -> dict[int, tuple[_Case, list[_Due]]]:
        if self._compiled is None:
            compiler = self._query.get_compiler(connection=connection)
            self._compiled = (compiler, *compiler.as_sql())
        compiler, sql, params = self._compiled
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            # The compiler's converters (SQLite's times are text); none on PostgreSQL.
            claimed = compiler.results_iter([cursor.fetchall()])
        cases: dict[int, tuple[_Case, list[_Due]]] = {}
        n_due, n_case = len(_DUE_COLUMNS), len(_DUE_COLUMNS) + len(_CASE_COLUMNS)
        for row in claimed:
            incident_id = row[n_due]
            if incident_id not in cases:
                handler_id = row[n_case - 1]
                handler = None if handler_id is None else _Person(handler_id, *row[n_case:])
                cases[incident_id] = (_Case._make((*row[n_due:n_case], handler)), [])
            cases[incident_id][1].append(_Due(*row[:n_due]))
        for _case, due in cases.values():
            due.sort(key=lambda r: r.hours)
        return cases


def _record_outcomes(outcomes: list[tuple[int, str, int]], now: datetime) -> None:
    """The claim and the record in one conditional UPDATE of every row of the batch:
    (row, outcome, how many were told), only where ``sent_at`` is still empty. Under the
    batch's row locks every row is still unsent; if one is not, the batch is rolled back,
    its e-mails with it, and nothing is sent twice."""
    if not outcomes:
        return
    if connection.vendor == "postgresql":
        # The rows travel as three array parameters: one short statement whatever their number.
        ids, kinds, counts = (list(column) for column in zip(*outcomes, strict=True))
        table = connection.ops.quote_name(Reminder._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} AS r SET sent_at = %s, outcome = d.outcome, recipients = d.recipients "  # noqa: S608
                "FROM unnest(%s::bigint[], %s::text[], %s::int[]) AS d(id, outcome, recipients) "
                "WHERE r.id = d.id AND r.sent_at IS NULL",
                [now, ids, kinds, counts],
            )
            won = cursor.rowcount
    else:
        # A CASE per distinct value (a handful), not per row, keeps the statement small.
        by_outcome: dict[str, list[int]] = defaultdict(list)
        by_count: dict[int, list[int]] = defaultdict(list)
        for pk, outcome, count in outcomes:
            by_outcome[outcome].append(pk)
            if count:
                by_count[count].append(pk)
        won = Reminder.objects.filter(pk__in=[pk for pk, _o, _c in outcomes], sent_at__isnull=True).update(
            sent_at=now,
            outcome=Case(*(When(pk__in=pks, then=Value(outcome)) for outcome, pks in by_outcome.items())),
            recipients=Case(
                *(When(pk__in=pks, then=Value(count)) for count, pks in by_count.items()),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
    if won != len(outcomes):
        raise RuntimeError(f"deadline sweep: {len(outcomes) - won} reminder row(s) were dealt with by another sweep")


def _sweep_batch(now: datetime, read_due: _DueReader, staff: dict[str, list[Any]]) -> int:
    """Claim up to ``batch_size`` due rows and deal with them in one transaction, in a
    fixed number of queries whatever the number of e-mails: the read that locks the rows
    (with their cases), one INSERT of the e-mails, one conditional UPDATE that marks the
    rows sent with their outcomes, and one INSERT of the next overdue or follow-up rows."""
    sent, skipped, superseded = Reminder.Outcome.SENT, Reminder.Outcome.SKIPPED, Reminder.Outcome.SUPERSEDED
    with transaction.atomic():
        cases = read_due()
        if not cases:
            return 0
        # audiences_for(), with the settings read once per batch
        rungs, after_deadline = dict(ladder()), overdue_audiences()
        outcomes: list[tuple[int, str, int]] = []
        emails: list[Any] = []
        chained: list[Reminder] = []
        for incident_id, (incident, all_due) in sorted(cases.items()):
            follow_ups = [r for r in all_due if r.kind == Reminder.Kind.FOLLOW_UP]
            due = [r for r in all_due if r.kind != Reminder.Kind.FOLLOW_UP]
            if follow_ups:
                if not (incident.is_open and incident.authority_follow_up_owed):
                    outcomes += [(r.pk, skipped, 0) for r in follow_ups]
                else:
                    written = _follow_up_emails(incident, staff)
                    outcomes += [(r.pk, superseded, 0) for r in follow_ups[:-1]]
                    outcomes.append((follow_ups[-1].pk, sent, len(written)))
                    emails += written
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
                outcomes += [(r.pk, skipped, 0) for r in due]
                continue
            # Several rungs due at once (aware_at moved back, or the sweeper was down):
            # one e-mail, from the latest rung, to everyone any of them would have told.
            latest = due[-1]
            audiences = list(dict.fromkeys(a for r in due for a in rungs.get(r.hours, after_deadline)))
            written = _reminder_emails(incident, clock, latest.hours, audiences, staff)
            outcomes += [(r.pk, superseded, 0) for r in due[:-1]]
            outcomes.append((latest.pk, sent, len(written)))
            emails += written
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
        hooks.queue_staff_emails(emails)
        _record_outcomes(outcomes, now)
        if chained:
            Reminder.objects.bulk_create(chained, ignore_conflicts=True)
    tally = Counter(outcome for _pk, outcome, _count in outcomes)
    logger.info("deadline sweep: %s sent, %s skipped, %s superseded", tally[sent], tally[skipped], tally[superseded])
    return len(outcomes)


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
    staff = _staff_by_audience()
    read_due = _DueReader(now, batch_size)
    for _batch in range(MAX_BATCHES):
        handled = _sweep_batch(now, read_due, staff)
        total += handled
        if handled < batch_size:
            break
    return total
