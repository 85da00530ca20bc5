"""API token authentication (kept apart from the views: DRF imports it while loading)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from accounts.models import ApiToken, User, hash_token


class TokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token KEY``, looked up by the key's hash, on ``/api/`` only; an
    expired token is refused."""

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        if not request.path.startswith("/api/"):
            return None
        return super().authenticate(request)

    def authenticate_credentials(self, key: str) -> tuple[User, ApiToken]:
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(key)).first()
        if token is None or not token.user.is_active or token.is_expired:
            raise exceptions.AuthenticationFailed(_("Ugyldig eller utløpt API-nøkkel."))
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token
