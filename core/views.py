"""Running a service from a page, the same way everywhere."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest

from core.errors import Conflict, Invalid, NotPermitted

T = TypeVar("T")


class Outcome(enum.Enum):
    DONE = "done"
    INVALID = "invalid"  # errors are on the form; show it again with what was typed
    CONFLICT = "conflict"  # a message (or, with conflict_on_form, the form) says why


def run_service(
    request: HttpRequest,
    form: forms.BaseForm | None,
    action: Callable[[], Any],
    *,
    success: str = "",
    conflict_on_form: bool = False,
) -> Outcome:
    """As ``attempt``, when the page needs only the outcome."""
    return attempt(request, form, action, success=success, conflict_on_form=conflict_on_form)[0]


def attempt(
    request: HttpRequest,
    form: forms.BaseForm | None,
    action: Callable[[], T],
    *,
    success: str = "",
    conflict_on_form: bool = False,
) -> tuple[Outcome, T | None]:
    """Call a service for a valid form. Bad input goes next to the fields (the form keeps
    what was typed); a conflict (the case moved on, or someone else changed it first)
    becomes a message — or, with ``conflict_on_form``, an error at the top of the form, which
    the page then shows again (CONFLICT: answer 409 with what was typed); a role that may not
    do this gets 403. Without a form, bad input becomes messages too (INVALID)."""
    try:
        result = action()
    except Invalid as error:
        for name, field_messages in error.errors.items():
            for message in field_messages:
                if form is None:
                    messages.error(request, message)
                else:
                    form.add_error(name if name in form.fields else None, message)
        return Outcome.INVALID, None
    except Conflict as error:
        if conflict_on_form and form is not None:
            form.add_error(None, error.message)
            return Outcome.CONFLICT, None
        messages.error(request, error.message)
        return Outcome.CONFLICT, None
    except NotPermitted as error:
        raise PermissionDenied(error.message) from error
    if success:
        messages.success(request, success)
    return Outcome.DONE, result


def private_download(handle: Any, *, filename: str, content_type: str) -> FileResponse:
    """A stored file as a download, for the page and the API alike: in the type its bytes
    were found to be, never shown in the browser, never guessed at (nosniff), never run
    (a sandbox without sources), never kept by a cache."""
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
