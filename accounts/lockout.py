"""Failed logins: whose failures count together, and what a locked-out login gets (a page for
people, JSON for API clients, HTTP 429, in the reader's language)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def username_of(request: HttpRequest, credentials: Any = None) -> str:
    """The account django-axes counts failures for: the e-mail address normalised as for
    the login itself, so ``MELDER@…`` or `` melder@…`` neither escape nor clear a lock."""
    from accounts.models import normalise_email

    if credentials:
        return normalise_email(credentials.get("username"))
    data = getattr(request, "data", None) or request.POST
    return normalise_email(data.get("username"))


def lockout_response(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("For mange mislykkede forsøk. Vent 15 minutter og prøv igjen.")}, status=429)
    return render(request, "accounts/locked_out.html", status=429)
