"""Reads of the notes on a case: what each reader may see of them, the questions the reporter
has still to answer, and the staff a comment may mention."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts import permissions
from accounts.models import User
from incidents.models import CaseNote, Incident
from incidents.selectors.cases import sees_case_internals
from incidents.workflow import State

REPORTER_KINDS = (CaseNote.Kind.ADDITION, CaseNote.Kind.QUESTION, CaseNote.Kind.ANSWER)


def notes_for(user: User, incident: Incident) -> QuerySet[CaseNote]:
    """The notes a user reads on a case they may see, oldest first. Staff who read the case's
    internals read them all; its reporter reads their own additions, the questions put to
    them and their answers — never the comments or the contact log."""
    qs = incident.notes.select_related("by", "question").prefetch_related("mentioned").order_by("at", "pk")
    if sees_case_internals(user, incident):
        return qs
    if incident.reported_by_id == user.pk:
        return qs.filter(kind__in=REPORTER_KINDS)
    return qs.none()


def open_questions(incident: Incident) -> QuerySet[CaseNote]:
    """Questions to the reporter not yet answered, oldest first."""
    return (
        incident.notes.filter(kind=CaseNote.Kind.QUESTION, answers__isnull=True)
        .select_related("by")
        .order_by("at", "pk")
    )


def may_see_internals(user: User, incident: Incident) -> bool:
    """Whether ``user`` may read the comments of a case: an active member of staff who reads
    its internals (a mention e-mail must not lead anyone to a case closed to them)."""
    return user.is_active and sees_case_internals(user, incident)


def mentionable_users(incident: Incident) -> QuerySet[User]:
    """Who a comment on this case may mention, by name: the active users who read its
    internals — everyone who sees every case, its handler, and the handlers of the intake
    queue while it waits there."""
    view_all = permissions.VIEW_ALL.split(".", 1)[1]
    work = permissions.WORK.split(".", 1)[1]
    who = Q(groups__permissions__codename=view_all)
    if incident.handler_id is not None:
        who |= Q(pk=incident.handler_id)
    elif incident.state in (State.REPORTED, State.TRIAGE):
        who |= Q(groups__permissions__codename=work)
    return User.objects.filter(who, is_active=True).distinct().order_by("name", "email")
