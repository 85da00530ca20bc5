"""Reads of cases, shaped for the pages and the API at a fixed number of queries."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts import permissions
from accounts.hooks import HandledCase
from accounts.models import User
from incidents.models import Assessment, Incident, Measure
from incidents.rules.deadlines import Clock, deadline_clock
from incidents.selectors.search import with_risk
from incidents.workflow import State, Urgency


def incidents_visible_to(user: User) -> QuerySet[Incident]:
    """What a user may see (DESIGN.md "Who uses it"): the DPO, management and auditors
    everything; a handler the cases assigned to them, their own reports and the intake
    queue; a reporter their own reports only."""
    qs = Incident.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.has_perm(permissions.VIEW_ALL):
        return qs
    if user.has_perm(permissions.VIEW_ASSIGNED):
        # A handler also sees a case where she owns a measure: the measure links to it.
        return qs.filter(
            Q(handler=user)
            | Q(reported_by=user)
            | Q(handler__isnull=True, state__in=[State.REPORTED, State.TRIAGE])
            | Q(pk__in=Measure.objects.filter(owner=user).values("incident_id"))
        )
    return qs.filter(reported_by=user)


def sees_case_internals(user: User, incident: Incident) -> bool:
    """Whether a user reads a case as its staff: the reasoning, the decision, the history
    with its reasons and field changes. Those who see every case do, and a handler on a case
    they work or that waits in the intake queue. Anyone else who sees the case — its
    reporter — sees their report, its status and what the DPO chooses to tell them
    (DESIGN.md "Who uses it")."""
    if user.has_perm(permissions.VIEW_ALL):
        return True
    if not user.has_perm(permissions.WORK):
        return False
    if incident.handler_id == user.pk:
        return True
    return incident.handler_id is None and incident.state in (State.REPORTED, State.TRIAGE)


class ClockColumns(Protocol):
    """What the deadline clock reads of a case: a case, or the deadline sweep's tuple of it."""

    @property
    def state(self) -> str: ...
    @property
    def authority_deadline(self) -> datetime: ...
    @property
    def authority_notified_at(self) -> datetime | None: ...
    @property
    def authority_notified_late(self) -> bool | None: ...
    @property
    def authority_required(self) -> bool | None: ...


def clock_of(incident: ClockColumns, now: datetime | None = None) -> Clock:
    """The deadline clock of a case, from its own columns (no queries)."""
    return deadline_clock(
        state=incident.state,
        deadline=incident.authority_deadline,
        now=now or timezone.now(),
        first_submitted_at=incident.authority_notified_at,
        first_submission_late=incident.authority_notified_late,
        decided_notify_authority=incident.authority_required,
    )


def assignable_handlers() -> QuerySet[User]:
    """Who may be assigned a case: the active users whose role works cases (handlers and
    the DPO), by name."""
    work = permissions.WORK.split(".", 1)[1]
    return User.objects.filter(is_active=True, groups__permissions__codename=work).distinct().order_by("name", "email")


def waiting_for_dpo(qs: QuerySet[Incident]) -> QuerySet[Incident]:
    """Open cases that wait for the DPO: nobody is assigned to work them."""
    return open_only(qs).filter(handler__isnull=True)


def incident_list(user: User) -> QuerySet[Incident]:
    return incidents_visible_to(user).select_related("reported_by", "handler")


def current_assessment(incident: Incident) -> Assessment | None:
    return incident.assessments.order_by("-version").first()


def latest_decision(incident: Incident) -> Assessment | None:
    return incident.assessments.filter(concluded_at__isnull=False).order_by("-version").first()


# What a worklist row shows: the case, its state, its age and its clock (``clock_of``).
WORKLIST_FIELDS = (
    "reference",
    "title",
    "state",
    "reported_at",
    "authority_deadline",
    "authority_required",
    "authority_notified_at",
    "authority_notified_late",
    "authority_follow_up_owed",
    "handler",
)


# Most urgent first; the order of the index ``incident_worklist_idx`` (and, within one
# state, of ``incident_state_worklist_idx``).
WORKLIST_ORDER = ("urgency", "running_deadline", "-reported_at", "-pk")


def worklist(user: User) -> QuerySet[Incident]:
    """Most urgent first: cases whose clock runs, by deadline; then the other open cases and
    then the closed ones, newest first. The order
    is that of the index ``incident_worklist_idx``."""
    return with_risk(
        incidents_visible_to(user)
        .select_related("handler")
        .only(*WORKLIST_FIELDS, "handler__name", "handler__email")
        .order_by(*WORKLIST_ORDER)
    )


def open_only(qs: QuerySet[Incident]) -> QuerySet[Incident]:
    """Cases not yet closed or dismissed, by the worklist index's first column."""
    return qs.filter(urgency__lte=Urgency.OPEN)


def open_cases_handled_by(user_id: int) -> list[HandledCase]:
    """The open cases ``user_id`` is the handler of, most urgent first: a person who is
    deactivated or leaves keeps them until the DPO gives them to someone else, and is no
    longer reminded of their deadlines."""
    cases = open_only(Incident.objects.filter(handler_id=user_id)).order_by(*WORKLIST_ORDER)
    return [
        HandledCase(reference=case.reference, title=case.title, url=case.get_absolute_url())
        for case in cases.only("reference", "title")
    ]
