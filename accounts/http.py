"""Requests whose user is known to be signed in.

Pages behind ``login_required`` and API views behind ``IsAuthenticated`` (the API's
default) see an ``accounts.User``, never ``AnonymousUser``; annotating their request
with these types says so to the type checker, instead of a ``type: ignore`` at every
``request.user``. The types change nothing at run time."""

from __future__ import annotations

from django.http import HttpRequest
from rest_framework.request import Request

from accounts.models import User


class AuthedRequest(HttpRequest):
    """A page request from a signed-in user."""

    user: User


class AuthedApiRequest(Request):
    """An API request from an authenticated user (a session or an API token)."""

    user: User
