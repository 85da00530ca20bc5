"""The error shapes of CONTRACT.md for every API view.

400 ``{"errors": {FIELD: [MESSAGE, ...]}}``; 401 not logged in; 403 the role may not;
404 no such case or one the caller may not see; 409 ``{"detail": MESSAGE}``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import Conflict, Invalid, NotPermitted, Unavailable
from core.parsers import BodyTooLarge


def _as_messages(detail: Any) -> list[str]:
    if isinstance(detail, list | tuple):
        out: list[str] = []
        for item in detail:
            out.extend(_as_messages(item))
        return out
    if isinstance(detail, dict):
        out = []
        for key, value in detail.items():
            out.extend(f"{key}: {m}" for m in _as_messages(value))
        return out
    return [str(detail)]


def field_errors(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {str(field): _as_messages(messages) for field, messages in detail.items()}
    return {"non_field_errors": _as_messages(detail)}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, RequestDataTooBig):
        # Django's own answer to this is an HTML page; an API client reads JSON.
        message = _("Forespørselen er for stor.")
        return Response({"errors": {"non_field_errors": [message]}}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        message = _("Forespørselen har for mange felt.")
        return Response({"errors": {"non_field_errors": [message]}}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Invalid):
        return Response({"errors": exc.errors}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Unavailable):
        return Response({"detail": exc.message}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
    if isinstance(exc, Conflict):
        return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, NotPermitted | DjangoPermissionDenied):
        message = getattr(exc, "message", "") or _("Du har ikke tilgang til å gjøre dette.")
        return Response({"detail": message}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Fant ikke saken."))

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"errors": field_errors(exc.detail)}
    elif isinstance(exc, exceptions.ParseError | BodyTooLarge):
        response.data = {"errors": {"non_field_errors": [str(exc.detail)]}}
    return response
