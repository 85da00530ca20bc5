"""Two-factor authentication is required for the roles in AVVIK_TWO_FACTOR_ROLES: after the
password, such a user must give a code (or enrol a device) before anything else."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

ALLOWED_PREFIXES = ("/static/", "/i18n/", "/logg-ut/", "/tofaktor/", "/varsel/")


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.must_use_two_factor
            and not user.is_verified()
            and not request.path.startswith(ALLOWED_PREFIXES)
            and not _api_token_call(request)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": _("Tofaktorautentisering kreves.")}, status=403)
            return redirect(f"{reverse('two-factor')}?next={request.get_full_path()}")
        return self.get_response(request)


def _api_token_call(request: HttpRequest) -> bool:
    """An API call that authenticates with its own token, not with this session: the token
    decides who it is (accounts.authentication, /api/ only; tokens are only issued after the
    second factor), and a bad token gets 401 there. Pages ignore the header."""
    return request.path.startswith("/api/") and request.headers.get("Authorization", "").startswith("Token ")


class UserLanguageMiddleware:
    """A signed-in user reads Avvik in the language kept on their profile (the one their
    e-mails are written in), unless this browser has chosen one with the language switch.
    The browser's Accept-Language only decides for signed-out pages and the API."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = getattr(request, "user", None)
        if (
            settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user is not None
            and user.is_authenticated
            and user.language in dict(settings.LANGUAGES)
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)
