"""The start page after signing in: the user's own reports, the cases whose clock is
running that they may see, and the measures they own. It lives here, not in accounts,
because it is drawn from cases; accounts imports neither app."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts import permissions
from incidents.selectors import cases as selectors
from incidents.services.measures import open_measures_of
from incidents.workflow import Urgency


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    context: dict[str, Any] = {
        "mine": list(selectors.incident_list(user).filter(reported_by=user).order_by("-reported_at")[:10]),
        "urgent": None,
        "my_measures": open_measures_of(user),
        "today": timezone.localdate(),
    }
    if user.has_perm(permissions.VIEW_ALL) or user.has_perm(permissions.VIEW_ASSIGNED):
        now = timezone.now()
        urgent = selectors.worklist(user).filter(urgency=Urgency.CLOCK_RUNNING)[:10]
        context["urgent"] = [(incident, selectors.clock_of(incident, now)) for incident in urgent]
    return render(request, "accounts/home.html", context)
