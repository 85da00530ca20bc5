"""The 72-hour clock (art. 33(1)), as plain arithmetic on aware-datetimes.

The deadline is ``aware_at + 72 h`` of elapsed time: nights, weekends and holidays count,
and because the arithmetic is done on UTC instants a daylight-saving change in
Europe/Oslo never moves it by an hour. Imports nothing from views or Celery."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

AUTHORITY_DEADLINE = timedelta(hours=72)
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


def authority_deadline(aware_at: datetime) -> datetime:
    if aware_at.tzinfo is None:
        raise ValueError("aware_at must be timezone-aware")
    return aware_at + AUTHORITY_DEADLINE


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
        late = first_submission_late if first_submission_late is not None else first_submitted_at > deadline
        return Clock(LATE if late else MET, deadline, None)
    if decided_notify_authority is False and state not in UNDECIDED_STATES:
        return Clock(NOT_REQUIRED, deadline, None)
    remaining = deadline - now
    if remaining <= timedelta(0):
        return Clock(OVERDUE, deadline, remaining)
    if remaining < DUE_SOON:
        return Clock(DUE_SOON_STATUS, deadline, remaining)
    return Clock(RUNNING, deadline, remaining)
