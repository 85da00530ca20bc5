"""The DPO's and management's overview: plain functions returning plain data.

Each function runs a fixed number of queries whatever the number of cases: it aggregates
in SQL or makes one pass in Python over ``values()`` rows. Charts are drawn from this data
by ``incidents.web.charts``; the numbers are the same ones shown in the tables beside them.

Years and months are counted in Europe/Oslo (TIME_ZONE), as people read them."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from incidents.lessons import RootCause
from incidents.models import AuthoritySubmission, Incident
from incidents.selectors.measures import Measure
from incidents.workflow import CLOSED_STATES, State

NO_TYPE = "unknown"
NO_CAUSE = "not_recorded"
BREACH_TYPES = ("confidentiality", "integrity", "availability")


def year_bounds(year: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def _local(value: datetime) -> datetime:
    return timezone.localtime(value)


def quarter_of(value: datetime) -> int:
    return (_local(value).month - 1) // 3 + 1


def years_with_cases() -> list[int]:
    """The years that have cases, newest first: one index probe per year on the unique
    (year, number) index (a loose index scan), where SELECT DISTINCT would read every
    case of every year to find a handful of values."""
    from django.db import connection

    table = connection.ops.quote_name(Incident._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE years(year) AS ("  # noqa: S608 (the model's own table name)
            f" SELECT MAX(year) FROM {table}"
            f" UNION ALL SELECT (SELECT MAX(year) FROM {table} WHERE year < years.year)"
            f" FROM years WHERE years.year IS NOT NULL"
            f") SELECT year FROM years WHERE year IS NOT NULL"
        )
        return [int(year) for (year,) in cursor.fetchall()]


def cases_per_month_by_type(year: int) -> dict[str, Any]:
    """Cases reported in ``year`` (breaches and suspected ones, not those dismissed as no
    breach), per month, counted once under each of their breach types."""
    months: list[Counter[str]] = [Counter() for _ in range(12)]
    rows = (
        Incident.objects.filter(year=year).exclude(state=State.NOT_A_BREACH).values_list("reported_at", "breach_types")
    )
    cases = 0
    for reported_at, types in rows:
        cases += 1
        month = _local(reported_at).month - 1
        for kind in [t for t in (types or []) if t in BREACH_TYPES] or [NO_TYPE]:
            months[month][kind] += 1
    series = [t for t in (*BREACH_TYPES, NO_TYPE) if any(m[t] for m in months)]
    return {
        "year": year,
        "cases": cases,
        "series": series,
        "months": [{t: months[i][t] for t in series} for i in range(12)],
    }


@dataclass
class Notification:
    incident_id: int
    submitted_at: datetime
    deadline: datetime

    @property
    def within(self) -> bool:
        return self.submitted_at <= self.deadline

    @property
    def hours(self) -> float:
        # The frozen deadline minus the deadline's hours is the awareness in force then.
        aware_at = self.deadline - timedelta(hours=settings.AVVIK_AUTHORITY_DEADLINE_HOURS)
        return (self.submitted_at - aware_at).total_seconds() / 3600


def first_notifications(year: int) -> list[Notification]:
    """The first notification to Datatilsynet of each case, for those filed in ``year``
    (a later follow-up, art. 33(4), is not a new notification). One query."""
    start, end = year_bounds(year)
    rows = (
        AuthoritySubmission.objects.filter(kind=AuthoritySubmission.Kind.INITIAL, submitted_at__lt=end)
        .order_by("incident_id", "submitted_at", "pk")
        .values_list("incident_id", "submitted_at", "deadline_at_submission")
    )
    seen: set[int] = set()
    firsts = []
    for incident_id, submitted_at, deadline in rows:
        if incident_id in seen:
            continue
        seen.add(incident_id)
        if submitted_at >= start:
            firsts.append(Notification(incident_id, submitted_at, deadline))
    return firsts


@dataclass
class QuarterStats:
    quarter: int
    filed: int = 0
    within: int = 0
    hours: list[float] = field(default_factory=list)

    @property
    def share_within(self) -> float | None:
        return round(100 * self.within / self.filed, 1) if self.filed else None

    @property
    def median_hours(self) -> float | None:
        return round(statistics.median(self.hours), 1) if self.hours else None


def notification_timeliness(year: int, notifications: list[Notification] | None = None) -> dict[str, Any]:
    """Art. 33(1): the share of first notifications filed within 72 hours of awareness and
    the median hours from awareness to notification, per quarter of filing and for the year."""
    notifications = first_notifications(year) if notifications is None else notifications
    quarters = {q: QuarterStats(q) for q in (1, 2, 3, 4)}
    for n in notifications:
        stats = quarters[quarter_of(n.submitted_at)]
        stats.filed += 1
        stats.within += int(n.within)
        stats.hours.append(n.hours)
    total = QuarterStats(0)
    for stats in quarters.values():
        total.filed += stats.filed
        total.within += stats.within
        total.hours += stats.hours
    return {
        "year": year,
        "quarters": [
            {
                "quarter": q.quarter,
                "filed": q.filed,
                "within": q.within,
                "share_within": q.share_within,
                "median_hours": q.median_hours,
            }
            for q in quarters.values()
        ],
        "filed": total.filed,
        "within": total.within,
        "share_within": total.share_within,
        "median_hours": total.median_hours,
    }


def cases_by_root_cause(year: int) -> dict[str, Any]:
    """Closed cases of ``year`` by the root cause recorded when closing. One query."""
    counts = dict(
        Incident.objects.filter(year=year, state=State.CLOSED)
        .values_list("root_cause")
        .annotate(n=Count("pk"))
        .values_list("root_cause", "n")
    )
    rows = [{"cause": c, "count": counts.get(c, 0)} for c in RootCause.values]
    if counts.get(""):
        rows.append({"cause": NO_CAUSE, "count": counts[""]})
    return {"year": year, "rows": rows, "closed": sum(counts.values())}


def year_counts(year: int) -> dict[str, int]:
    """How many cases were reported in ``year``, by outcome. One query."""
    by_state = dict(
        Incident.objects.filter(year=year).values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    total = sum(by_state.values())
    return {
        "reported": total,
        "not_a_breach": by_state.get(State.NOT_A_BREACH, 0),
        "closed": by_state.get(State.CLOSED, 0),
        "open": total - by_state.get(State.NOT_A_BREACH, 0) - by_state.get(State.CLOSED, 0),
    }


def open_cases_by_state() -> list[dict[str, Any]]:
    """Open cases now, per state in workflow order. One query."""
    counts = dict(
        Incident.objects.exclude(state__in=CLOSED_STATES)
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    return [
        {"state": value, "label": label, "count": counts.get(value, 0)}
        for value, label in State.choices
        if value not in CLOSED_STATES
    ]


def overdue_measures(today: date, limit: int = 25) -> tuple[int, list[Measure]]:
    """Open measures past their due date on open cases: how many, and the oldest first."""
    qs = Measure.objects.filter(status=Measure.Status.OPEN, due_on__lt=today, incident__closed_at__isnull=True)
    rows = list(qs.select_related("incident", "owner").order_by("due_on", "pk")[:limit])
    count = len(rows) if len(rows) < limit else qs.count()
    return count, rows


def notified_cases(year: int, notifications: list[Notification] | None = None) -> list[dict[str, Any]]:
    """The cases first notified to Datatilsynet in ``year``, with their references (the
    annual summary). Two queries."""
    notifications = first_notifications(year) if notifications is None else notifications
    by_id = {n.incident_id: n for n in notifications}
    incidents = Incident.objects.filter(pk__in=list(by_id)).values("pk", "reference", "title", "aware_at")
    references = dict(
        AuthoritySubmission.objects.filter(incident_id__in=list(by_id), kind=AuthoritySubmission.Kind.INITIAL)
        .order_by("incident_id", "-submitted_at")
        .values_list("incident_id", "authority_reference")
    )
    rows = []
    for row in incidents:
        n = by_id[row["pk"]]
        rows.append(
            {
                "reference": row["reference"],
                "title": row["title"],
                "submitted_at": n.submitted_at,
                "within": n.within,
                "hours": round(n.hours, 1),
                "authority_reference": references.get(row["pk"], ""),
            }
        )
    rows.sort(key=lambda r: (r["submitted_at"], r["reference"]))
    return rows
