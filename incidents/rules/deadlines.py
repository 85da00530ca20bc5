"""The 72-hour clock (art. 33(1)), as plain arithmetic on aware-datetimes.

The deadline is ``aware_at + 72 h`` of elapsed time: nights, weekends and holidays count,
and because the arithmetic is done on UTC instants a daylight-saving change in
Europe/Oslo never moves it by an hour. Imports nothing from views or Celery."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

# Art. 33(1) says 72 hours; the installation's setting (AVVIK_AUTHORITY_DEADLINE_HOURS) is
# passed in by the callers, since rules read no settings.
AUTHORITY_DEADLINE_HOURS = 72
AUTHORITY_DEADLINE = timedelta(hours=AUTHORITY_DEADLINE_HOURS)
DUE_SOON = timedelta(hours=24)

RUNNING = "running"
DUE_SOON_STATUS = "due_soon"
OVERDUE = "overdue"
MET = "met"
LATE = "late"
NOT_REQUIRED = "not_required"

DEADLINE_STATUSES = (RUNNING, DUE_SOON_STATUS, OVERDUE, MET, LATE, NOT_REQUIRED)

# States in which the question "must Datatilsynet be told?" is still open.
UNDECIDED_STATES = ("reported", "triage", "assessment")


def instant(moment: datetime) -> datetime:
    """``moment`` as a UTC instant, whatever offset or zone it came with.

    Python adds a timedelta to a zone-aware datetime in wall-clock time, and compares or
    subtracts two datetimes of the same zone by their wall clocks: across a daylight-saving
    change in Europe/Oslo both are an hour off. On UTC instants they are exact."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("moment must be timezone-aware")
    return moment.astimezone(UTC)


def after(moment: datetime, elapsed: timedelta) -> datetime:
    """The instant ``elapsed`` real time after ``moment`` (in UTC)."""
    return instant(moment) + elapsed


def authority_deadline(aware_at: datetime, hours: int = AUTHORITY_DEADLINE_HOURS) -> datetime:
    """``aware_at`` + ``hours`` (72 by art. 33(1)) elapsed hours, in UTC."""
    if hours <= 0:
        raise ValueError("the deadline must be a positive number of hours")
    return after(aware_at, timedelta(hours=hours))


def is_late(submitted_at: datetime, deadline: datetime) -> bool:
    """Whether a filing at ``submitted_at`` came after ``deadline``, compared as instants."""
    return instant(submitted_at) > instant(deadline)


# Times a person can type: from 1970 (nothing in a breach case is older) to far enough
# ahead that adding the 72 hours and the daily reminders never leaves datetime's range.
EARLIEST_YEAR = 1970
LATEST_YEAR = 9000


class MomentError(ValueError):
    """A typed time that names no instant we accept; the message is for the person."""


def moment(value: datetime) -> datetime:
    """A time as typed (naive: Europe/Oslo wall clock, as from a browser's datetime-local
    field) or as sent with an offset, turned into a UTC instant.

    A wall-clock time that occurs twice (the night summer time ends: 02:00–02:59 on the
    last Sunday of October) is read as its first occurrence, still summer time (+02:00).
    A time that never occurs (02:00–02:59 on the last Sunday of March, when the clocks
    jump to 03:00) and a time outside the years 1970–9000 raise ``MomentError``."""
    if value.year < EARLIEST_YEAR:
        raise MomentError(_("Tidspunktet kan ikke være før 1. januar %(year)s.") % {"year": EARLIEST_YEAR})
    if value.year >= LATEST_YEAR:
        raise MomentError(_("Tidspunktet er for langt fram i tid."))
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value.astimezone(UTC)
    zone = timezone.get_current_timezone()
    local = value.replace(tzinfo=zone, fold=0)
    if local.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != value.replace(tzinfo=None):
        raise MomentError(
            _(
                "Klokkeslettet finnes ikke i norsk tid: natt til sommertid stilles klokka fram fra 02:00 til "
                "03:00. Skriv for eksempel 01:59 eller 03:00."
            )
        )
    return local.astimezone(UTC)


@dataclass(frozen=True)
class Clock:
    status: str
    deadline: datetime
    remaining: timedelta | None  # None once the question is settled

    @property
    def is_open(self) -> bool:
        return self.remaining is not None

    @property
    def hours_and_minutes(self) -> tuple[int, int]:
        """Whole hours and minutes left, or past the deadline when overdue."""
        if self.remaining is None:
            return (0, 0)
        minutes = abs(int(self.remaining.total_seconds())) // 60
        return (minutes // 60, minutes % 60)


def deadline_clock(
    *,
    state: str,
    deadline: datetime,
    now: datetime,
    first_submitted_at: datetime | None = None,
    first_submission_late: bool | None = None,
    decided_notify_authority: bool | None = None,
) -> Clock:
    """The deadline status of CONTRACT.md.

    Lateness is frozen at the first submission (``first_submission_late``, judged against
    the deadline in force then), whatever a later change of ``aware_at`` says."""
    if state == "not_a_breach":
        return Clock(NOT_REQUIRED, deadline, None)
    if first_submitted_at is not None:
        late = first_submission_late if first_submission_late is not None else is_late(first_submitted_at, deadline)
        return Clock(LATE if late else MET, deadline, None)
    if decided_notify_authority is False and state not in UNDECIDED_STATES:
        return Clock(NOT_REQUIRED, deadline, None)
    remaining = instant(deadline) - instant(now)
    if remaining <= timedelta(0):
        return Clock(OVERDUE, deadline, remaining)
    if remaining < DUE_SOON:
        return Clock(DUE_SOON_STATUS, deadline, remaining)
    return Clock(RUNNING, deadline, remaining)
