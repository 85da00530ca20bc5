"""The error pages (400, 403, 404, 500) in the site's layout and the reader's language, for
staff and the public alike (a bad link to a public notice). Under ``/api/`` the answer stays
JSON, the shape of every other API answer."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": _("Forespørselen kunne ikke behandles.")}, status=400)
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": _("Du har ikke tilgang til dette.")}, status=403)
    return render(request, "errors/403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent from a page that has expired (or from another site): 403, with what to do."""
    if _is_api(request):
        return JsonResponse({"detail": _("Skjemaet var utløpt. Last inn siden på nytt og prøv igjen.")}, status=403)
    return render(request, "errors/403.html", {"expired_form": True}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": _("Fant ingenting på denne adressen.")}, status=404)
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The page after an unexpected error. Drawn with as little as possible (no database):
    if even that fails, a line of plain text."""
    if _is_api(request):
        return JsonResponse({"detail": _("Noe gikk galt hos oss. Prøv igjen om litt.")}, status=500)
    try:
        return render(request, "errors/500.html", status=500)
    except Exception:  # the layout itself failed: the reader still gets an answer
        logger.exception("The error page could not be drawn")
        return HttpResponse(_("Noe gikk galt hos oss. Prøv igjen om litt."), status=500, content_type="text/plain")
