"""The case access log, by rule rather than by view (art. 32: who saw which case)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from incidents.models import Incident
from incidents.selectors.register import filter_register, register_queryset
from incidents.services.access import record_access, record_accesses


class CaseAccessLogMiddleware:
    """Who opened which case, by rule rather than by view: every answer drawn for a URL of
    one case (a ``reference`` in the path: the case page, the assessment, the notification,
    its print view and PDF, the notice editor, the recipients, the API) is logged for the
    person it was drawn for. The register as a spreadsheet logs each case in it. Refusals,
    redirects and unknown cases log nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user: Any = getattr(request, "user", None)
        match = request.resolver_match
        if match is None or user is None or not user.is_authenticated or not _drawn(request, response):
            return response
        channel = "api" if request.path.startswith("/api/") else "page"
        reference = match.kwargs.get("reference")
        if reference:
            incident_id = Incident.objects.filter(reference=reference).values_list("pk", flat=True).first()
            if incident_id is not None:
                record_access(incident_id=incident_id, user_id=user.pk, channel=channel)
        elif match.url_name in ("register", "api-register") and response.get("Content-Type", "").startswith("text/csv"):
            record_accesses(incident_ids=_register_ids(request, user), user_id=user.pk, channel=channel)
        return response


def _drawn(request: HttpRequest, response: HttpResponse) -> bool:
    """The answer shows the case: 200, or a page redrawn with a form's errors."""
    if response.status_code == 200:
        return True
    return response.status_code == 400 and not request.path.startswith("/api/")


def _register_ids(request: HttpRequest, user: Any) -> list[int]:
    filters = {name: request.GET.get(name, "") for name in ("year", "state", "decision")}
    return list(filter_register(register_queryset(user), **filters).values_list("pk", flat=True))
