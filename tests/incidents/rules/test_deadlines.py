"""The 72-hour clock (incidents/rules/deadlines.py) at its edges: each boundary is tested on
both sides, a microsecond apart, so that moving it fails a test."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from incidents.rules.deadlines import (
    AUTHORITY_DEADLINE,
    DUE_SOON,
    DUE_SOON_STATUS,
    LATE,
    MET,
    NOT_REQUIRED,
    OVERDUE,
    RUNNING,
    UNDECIDED_STATES,
    Clock,
    MomentError,
    after,
    authority_deadline,
    deadline_clock,
    instant,
    is_late,
    moment,
)

OSLO = ZoneInfo("Europe/Oslo")
AWARE = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
DEADLINE = authority_deadline(AWARE)
TICK = timedelta(microseconds=1)


def clock(now: datetime, state: str = "assessment", **kwargs: object) -> Clock:
    return deadline_clock(state=state, deadline=DEADLINE, now=now, **kwargs)  # type: ignore[arg-type]


def test_the_deadline_is_72_elapsed_hours_even_across_the_change_to_summer_time() -> None:
    assert timedelta(hours=72) == AUTHORITY_DEADLINE and timedelta(hours=24) == DUE_SOON
    assert datetime(2026, 3, 5, 9, 30, tzinfo=UTC) == DEADLINE
    # Friday 27 March 2026 12:00 in Oslo; the clocks go forward on Sunday 29 March.
    friday = datetime(2026, 3, 27, 12, 0, tzinfo=OSLO)
    assert authority_deadline(friday) - instant(friday) == timedelta(hours=72)
    assert authority_deadline(friday).astimezone(OSLO).hour == 13  # one hour later on the wall clock
    assert authority_deadline(friday).tzinfo == UTC
    assert after(friday, timedelta(hours=1)) == datetime(2026, 3, 27, 12, 0, tzinfo=UTC)


def test_a_naive_time_is_no_instant() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        instant(datetime(2026, 3, 2, 9, 30))


def test_exactly_at_72_hours_the_clock_is_overdue() -> None:
    just_before = clock(DEADLINE - TICK)
    at = clock(DEADLINE)
    just_after = clock(DEADLINE + TICK)
    assert just_before.status == DUE_SOON_STATUS and just_before.remaining == TICK
    assert at.status == OVERDUE and at.remaining == timedelta(0) and at.is_open
    assert just_after.status == OVERDUE and just_after.remaining == -TICK


def test_the_due_soon_window_is_the_last_24_hours() -> None:
    assert clock(DEADLINE - DUE_SOON - TICK).status == RUNNING
    assert clock(DEADLINE - DUE_SOON).status == RUNNING  # exactly 24 h left: not yet
    assert clock(DEADLINE - DUE_SOON + TICK).status == DUE_SOON_STATUS
    assert clock(AWARE).status == RUNNING and clock(AWARE).remaining == AUTHORITY_DEADLINE


def test_the_clock_compares_instants_whatever_zone_now_is_in() -> None:
    now = (DEADLINE - TICK).astimezone(OSLO)
    assert clock(now).status == DUE_SOON_STATUS
    assert clock(DEADLINE.astimezone(OSLO)).status == OVERDUE


def test_filing_exactly_at_the_deadline_is_in_time() -> None:
    assert is_late(DEADLINE, DEADLINE) is False
    assert is_late(DEADLINE + TICK, DEADLINE) is True
    assert is_late(DEADLINE - TICK, DEADLINE) is False
    assert is_late(DEADLINE.astimezone(OSLO), DEADLINE) is False
    assert clock(DEADLINE + timedelta(days=9), first_submitted_at=DEADLINE).status == MET
    assert clock(DEADLINE, first_submitted_at=DEADLINE + TICK).status == LATE


def test_lateness_is_frozen_at_the_first_filing() -> None:
    """A later change of ``aware_at`` moves the deadline, but not the verdict given when the
    notification was filed."""
    filed_in_time = clock(AWARE, first_submitted_at=DEADLINE + timedelta(hours=5), first_submission_late=False)
    filed_late = clock(AWARE, first_submitted_at=DEADLINE - timedelta(hours=5), first_submission_late=True)
    assert filed_in_time.status == MET and filed_late.status == LATE
    assert filed_in_time.remaining is None and not filed_in_time.is_open
    assert filed_in_time.deadline == DEADLINE
    # Without a recorded verdict, it is judged against the deadline given.
    assert clock(AWARE, first_submitted_at=DEADLINE + TICK).status == LATE
    assert clock(AWARE, first_submitted_at=DEADLINE).status == MET


@pytest.mark.parametrize("state", UNDECIDED_STATES)
def test_a_decision_not_to_notify_does_not_stop_the_clock_while_the_question_is_open_again(state: str) -> None:
    """After ``reassess`` the case is back in assessment: the earlier "no" no longer settles it."""
    assert clock(DEADLINE - TICK, state=state, decided_notify_authority=False).status == DUE_SOON_STATUS
    assert clock(DEADLINE, state=state, decided_notify_authority=False).status == OVERDUE


def test_the_question_is_open_in_exactly_the_states_before_the_decision() -> None:
    assert set(UNDECIDED_STATES) == {"reported", "triage", "assessment"}


@pytest.mark.parametrize("state", ["authority_notification", "subject_notification", "follow_up", "closed"])
def test_a_decision_not_to_notify_settles_the_clock_once_decided(state: str) -> None:
    settled = clock(DEADLINE + timedelta(days=3), state=state, decided_notify_authority=False)
    assert settled.status == NOT_REQUIRED and settled.remaining is None
    assert clock(DEADLINE, state=state, decided_notify_authority=True).status == OVERDUE
    assert clock(DEADLINE, state=state, decided_notify_authority=None).status == OVERDUE


def test_not_a_breach_needs_no_notification_whatever_else_is_known() -> None:
    dismissed = clock(DEADLINE + timedelta(days=1), state="not_a_breach", first_submitted_at=DEADLINE + TICK)
    assert dismissed.status == NOT_REQUIRED and dismissed.remaining is None
    assert clock(DEADLINE, state="not_a_breach", decided_notify_authority=True).status == NOT_REQUIRED


@pytest.mark.parametrize(
    ("remaining", "shown"),
    [
        (None, (0, 0)),
        (timedelta(0), (0, 0)),
        (timedelta(seconds=59), (0, 0)),
        (timedelta(seconds=60), (0, 1)),
        (timedelta(hours=1, minutes=30, seconds=59), (1, 30)),
        (timedelta(hours=71, minutes=59), (71, 59)),
        (timedelta(hours=72), (72, 0)),
        (-timedelta(hours=2, minutes=5), (2, 5)),
    ],
)
def test_hours_and_minutes_left_or_past(remaining: timedelta | None, shown: tuple[int, int]) -> None:
    assert Clock(RUNNING, DEADLINE, remaining).hours_and_minutes == shown


def test_the_clock_is_open_only_with_time_remaining_or_overdue() -> None:
    assert Clock(OVERDUE, DEADLINE, timedelta(0)).is_open is True
    assert Clock(MET, DEADLINE, None).is_open is False


def test_a_typed_time_is_read_as_oslo_wall_clock() -> None:
    with timezone.override(OSLO):
        assert moment(datetime(2026, 1, 15, 10, 0)) == datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
        assert moment(datetime(2026, 7, 15, 10, 0)) == datetime(2026, 7, 15, 8, 0, tzinfo=UTC)
        # 25 October 2026, 02:30 happens twice: the first, still summer time (+02:00).
        assert moment(datetime(2026, 10, 25, 2, 30)) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
        # 29 March 2026, 02:30 never happens.
        with pytest.raises(MomentError, match="finnes ikke i norsk tid"):
            moment(datetime(2026, 3, 29, 2, 30))
        assert moment(datetime(2026, 3, 29, 3, 0)) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
        assert moment(datetime(2026, 3, 29, 1, 59)) == datetime(2026, 3, 29, 0, 59, tzinfo=UTC)
        sent = datetime(2026, 1, 15, 10, 0, tzinfo=ZoneInfo("America/New_York"))
        assert moment(sent) == datetime(2026, 1, 15, 15, 0, tzinfo=UTC) and moment(sent).tzinfo == UTC


@pytest.mark.parametrize(("year", "accepted"), [(1969, False), (1970, True), (2026, True), (8999, True), (9000, False)])
def test_typed_times_are_accepted_from_1970_until_9000(year: int, accepted: bool) -> None:
    with timezone.override(OSLO):
        for value in (datetime(year, 6, 1, 12, 0), datetime(year, 6, 1, 12, 0, tzinfo=UTC)):
            if accepted:
                assert moment(value).year == year
            else:
                with pytest.raises(MomentError):
                    moment(value)


class NoOffset(tzinfo):
    """A zone that does not know its offset: such a time is not an instant."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None


def test_a_time_with_a_zone_but_no_offset_is_no_instant_but_a_wall_clock_time() -> None:
    with pytest.raises(ValueError, match=r"^moment must be timezone-aware$"):
        instant(datetime(2026, 3, 2, 9, 30, tzinfo=NoOffset()))
    with timezone.override(UTC):
        assert moment(datetime(2026, 1, 15, 10, 0, tzinfo=NoOffset())) == datetime(2026, 1, 15, 10, 0, tzinfo=UTC)


def test_a_typed_time_is_read_in_the_current_zone_and_given_back_in_utc() -> None:
    with timezone.override(UTC):
        assert moment(datetime(2026, 1, 15, 10, 0)) == datetime(2026, 1, 15, 10, 0, tzinfo=UTC)
    with timezone.override(OSLO):
        typed = moment(datetime(2026, 1, 15, 10, 0))
        assert typed.tzinfo is UTC and typed.hour == 9
        # The second 02:30 of the night summer time ends is still read as the first.
        second = moment(datetime(2026, 10, 25, 2, 30, fold=1))
        assert second == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_the_messages_for_a_time_that_cannot_be_used_are_exact() -> None:
    with timezone.override(OSLO), translation.override("nb"):
        with pytest.raises(MomentError) as early:
            moment(datetime(1969, 12, 31, 12, 0))
        with pytest.raises(MomentError) as late:
            moment(datetime(9000, 1, 1, 12, 0))
        with pytest.raises(MomentError) as missing:
            moment(datetime(2026, 3, 29, 2, 30))
    assert str(early.value) == "Tidspunktet kan ikke være før 1. januar 1970."
    assert str(late.value) == "Tidspunktet er for langt fram i tid."
    assert str(missing.value) == (
        "Klokkeslettet finnes ikke i norsk tid: natt til sommertid stilles klokka fram fra 02:00 til 03:00. "
        "Skriv for eksempel 01:59 eller 03:00."
    )


@pytest.mark.parametrize(
    ("kwargs", "now"),
    [
        ({"state": "not_a_breach"}, AWARE),
        ({"state": "follow_up", "decided_notify_authority": False}, AWARE),
        ({"state": "follow_up", "first_submitted_at": AWARE}, AWARE),
        ({"state": "assessment"}, AWARE),
        ({"state": "assessment"}, DEADLINE - TICK),
        ({"state": "assessment"}, DEADLINE),
    ],
)
def test_every_clock_carries_its_deadline(kwargs: dict[str, object], now: datetime) -> None:
    assert deadline_clock(deadline=DEADLINE, now=now, **kwargs).deadline == DEADLINE  # type: ignore[arg-type]


@pytest.mark.parametrize("hours", [0, -1, -72])
def test_a_deadline_of_no_hours_or_fewer_is_refused(hours: int) -> None:
    """The hours are a setting (AVVIK_AUTHORITY_DEADLINE_HOURS): a mistyped 0 or a negative
    number must stop the program, never make every case overdue the moment it is reported."""
    with pytest.raises(ValueError, match="positive number of hours"):
        authority_deadline(datetime(2026, 3, 27, 9, tzinfo=UTC), hours=hours)


def test_one_hour_is_the_shortest_deadline() -> None:
    aware = datetime(2026, 3, 27, 9, tzinfo=UTC)
    assert authority_deadline(aware, hours=1) == datetime(2026, 3, 27, 10, tzinfo=UTC)


@pytest.mark.parametrize("hours", [0, -72])
def test_a_deadline_of_no_hours_is_a_programming_error_said_as_such(hours: int) -> None:
    with pytest.raises(ValueError, match=r"^the deadline must be a positive number of hours$"):
        authority_deadline(AWARE, hours=hours)
