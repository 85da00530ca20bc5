"""What the pages of a case share: the case a user may see or change, and the measures
section of the case page. Views of both apps use these; none of them imports another
app's views."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts import permissions
from incidents.models import Incident
from incidents.selectors import cases as selectors
from incidents.selectors.measures import Measure
from incidents.web.measure_forms import CompleteForm, MeasureForm


def request_user(request: HttpRequest) -> Any:
    return request.user


def visible_incident(request: HttpRequest, reference: str) -> Incident:
    return get_object_or_404(selectors.incident_list(request_user(request)), reference=reference)


def permitted_incident(request: HttpRequest, reference: str, permission: str) -> Incident:
    """The case, for a change only roles with ``permission`` may make: 404 when the user may
    not see the case, 403 when their role may not do this. Views that take a form call this
    before they read what was posted, so a refused role is never shown a page drawn from
    its own invalid form (the page would hold what the role may not see)."""
    incident = visible_incident(request, reference)
    if not request_user(request).has_perm(permission):
        raise PermissionDenied
    return incident


ADD_PREFIX = "measure"


def complete_prefix(measure: Measure) -> str:
    return f"m{measure.pk}"


def measures_context(user: Any, incident: Incident, add_form: MeasureForm | None = None) -> dict[str, Any] | None:
    """What the measures section of the case page needs; None hides the section (a
    reporter sees only the status of their own report)."""
    if not (user.has_perm(permissions.WORK) or user.has_perm(permissions.VIEW_ALL)):
        return None
    today = timezone.localdate()
    can_work = incident.is_open and user.has_perm(permissions.WORK)
    rows = []
    for measure in incident.measures.select_related("owner").order_by("due_on", "pk"):
        mine = measure.owner_id == user.pk
        rows.append(
            {
                "measure": measure,
                "overdue": measure.is_overdue(today),
                "can_edit": can_work and measure.is_open,
                "can_complete": incident.is_open and measure.is_open and (can_work or mine),
                "complete_form": CompleteForm(prefix=complete_prefix(measure)),
            }
        )
    return {
        "rows": rows,
        "can_add": can_work,
        "add_form": add_form or (MeasureForm(prefix=ADD_PREFIX) if can_work else None),
    }
