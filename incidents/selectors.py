"""Reads of cases, shaped for the pages and the API at a fixed number of queries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.models import User
from incidents.deadlines import Clock, deadline_clock
from incidents.models import Assessment, AuthoritySubmission, Incident
from incidents.workflow import State

OPEN_STATES = [s for s in State.values if s not in (State.CLOSED, State.NOT_A_BREACH)]


def incidents_visible_to(user: User) -> QuerySet[Incident]:
    """What a user may see (DESIGN.md "Who uses it"): the DPO, management and auditors
    everything; a handler the cases assigned to them, their own reports and the intake
    queue; a reporter their own reports only."""
    qs = Incident.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.has_perm("incidents.view_all_incidents"):
        return qs
    if user.has_perm("incidents.view_assigned_incidents"):
        return qs.filter(
            Q(handler=user) | Q(reported_by=user) | Q(handler__isnull=True, state__in=[State.REPORTED, State.TRIAGE])
        )
    return qs.filter(reported_by=user)


def with_clock_data(qs: QuerySet[Incident]) -> QuerySet[Any]:
    """Annotate what the deadline status needs, so lists stay at a fixed query count."""
    first = AuthoritySubmission.objects.filter(incident=OuterRef("pk"), kind=AuthoritySubmission.Kind.INITIAL).order_by(
        "submitted_at", "pk"
    )
    decided = Assessment.objects.filter(incident=OuterRef("pk"), concluded_at__isnull=False).order_by("-version")
    return qs.annotate(
        first_submitted_at=Subquery(first.values("submitted_at")[:1]),
        first_submission_deadline=Subquery(first.values("deadline_at_submission")[:1]),
        decided_notify_authority=Subquery(decided.values("notify_authority")[:1]),
    )


def clock_of(incident: Incident, now: datetime | None = None) -> Clock:
    """The deadline clock of a case; uses the annotations of ``with_clock_data`` when present."""
    now = now or timezone.now()
    annotated: Any = incident
    if hasattr(annotated, "first_submitted_at"):
        first_at = annotated.first_submitted_at
        first_deadline = annotated.first_submission_deadline
        decided = annotated.decided_notify_authority
    else:
        first = incident.authority_submissions.filter(kind=AuthoritySubmission.Kind.INITIAL).order_by(
            "submitted_at", "pk"
        )[:1]
        submission = next(iter(first), None)
        first_at = submission.submitted_at if submission else None
        first_deadline = submission.deadline_at_submission if submission else None
        latest = incident.assessments.filter(concluded_at__isnull=False).order_by("-version").first()
        decided = latest.notify_authority if latest else None
    return deadline_clock(
        state=incident.state,
        deadline=incident.authority_deadline,
        now=now,
        first_submitted_at=first_at,
        first_submission_deadline=first_deadline,
        decided_notify_authority=decided,
    )


def incident_list(user: User) -> QuerySet[Any]:
    return with_clock_data(incidents_visible_to(user)).select_related("reported_by", "handler")


def current_assessment(incident: Incident) -> Assessment | None:
    return incident.assessments.order_by("-version").first()


def latest_decision(incident: Incident) -> Assessment | None:
    return incident.assessments.filter(concluded_at__isnull=False).order_by("-version").first()


def worklist(user: User) -> QuerySet[Any]:
    """Most urgent first: cases whose clock runs, by deadline; then the newest."""
    from django.db.models import Case, IntegerField, Value, When

    return (
        incident_list(user)
        .annotate(
            urgency=Case(
                When(
                    state__in=["reported", "triage", "assessment", "authority_notification"],
                    first_submitted_at__isnull=True,
                    then=Value(0),
                ),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("urgency", "authority_deadline", "-reported_at", "-pk")
    )
