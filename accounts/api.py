"""API authentication: a token from e-mail, password and (where enrolled) a TOTP code."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user, match_token
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import authentication, exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import ApiToken, User, normalise_email
from core.errors import Invalid, NotPermitted


class TokenRequest(serializers.Serializer[Any]):
    username = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)
    otp = serializers.CharField(max_length=16, required=False, allow_blank=True)


def issue_token(*, username: str, password: str, otp: str, request: Any = None) -> str:
    """Check the credentials and the second factor, and issue a new API token.

    A user with a confirmed two-factor device must give a valid code; a role that must use
    two-factor (AVVIK_TWO_FACTOR_ROLES) gets no token without an enrolled device."""
    from axes.exceptions import AxesBackendPermissionDenied

    username = normalise_email(username)  # before authentication and before the lockout count
    try:
        user = authenticate(request, username=username, password=password)
    except AxesBackendPermissionDenied as error:
        raise NotPermitted(_("For mange mislykkede forsøk. Vent 15 minutter og prøv igjen.")) from error
    if not isinstance(user, User):
        raise Invalid({"non_field_errors": [_("Feil e-postadresse eller passord.")]})
    has_device = any(True for _device in devices_for_user(user, confirmed=True))
    if has_device:
        if not otp:
            raise Invalid({"otp": [_("Skriv inn engangskoden fra autentiseringsappen.")]})
        if match_token(user, otp.strip()) is None:
            raise Invalid({"otp": [_("Engangskoden er feil eller utløpt.")]})
    elif user.must_use_two_factor:
        raise NotPermitted(_("Rollen din må bruke tofaktorautentisering. Sett det opp før du ber om en API-nøkkel."))
    _token, key = ApiToken.issue(user)
    return key


class ObtainTokenView(APIView):
    authentication_classes: list[type[authentication.BaseAuthentication]] = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=TokenRequest,
        responses={200: inline_serializer("Token", {"token": serializers.CharField()})},
    )
    def post(self, request: Request) -> Response:
        data = TokenRequest(data=request.data)
        data.is_valid(raise_exception=True)
        key = issue_token(
            username=data.validated_data["username"],
            password=data.validated_data["password"],
            otp=data.validated_data.get("otp", ""),
            request=request._request,
        )
        return Response({"token": key}, status=status.HTTP_200_OK)


class TokenOut(serializers.Serializer[Any]):
    """One of the caller's API tokens, without its secret."""

    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)
    current = serializers.BooleanField(help_text="The token this request was made with.")


def _caller(request: Request) -> User:
    user = request.user
    if not isinstance(user, User):  # IsAuthenticated has let only users through
        raise exceptions.NotAuthenticated()
    return user


def _token_out(token: ApiToken, request: Request) -> dict[str, Any]:
    current = request.auth
    return {
        "id": token.pk,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
        "current": isinstance(current, ApiToken) and current.pk == token.pk,
    }


class TokenListView(APIView):
    """``GET /api/v1/auth/tokens/``: the caller's own unexpired tokens (never the secret);
    ``DELETE``: revoke every one of them."""

    @extend_schema(
        operation_id="auth_tokens_list",
        responses={200: inline_serializer("TokenList", {"results": TokenOut(many=True)})},
    )
    def get(self, request: Request) -> Response:
        tokens = ApiToken.objects.filter(user=_caller(request), expires_at__gt=timezone.now()).order_by("-created_at")
        return Response({"results": [TokenOut(_token_out(t, request)).data for t in tokens]})

    @extend_schema(
        operation_id="auth_tokens_revoke_all",
        request=None,
        responses={200: inline_serializer("TokensRevoked", {"revoked": serializers.IntegerField()})},
    )
    def delete(self, request: Request) -> Response:
        revoked, _by_model = ApiToken.objects.filter(user=_caller(request)).delete()
        return Response({"revoked": revoked})


class TokenDetailView(APIView):
    """``DELETE /api/v1/auth/tokens/{id}/``: revoke one of the caller's tokens (404 for any
    other token)."""

    @extend_schema(operation_id="auth_token_revoke", request=None, responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        token = ApiToken.objects.filter(pk=pk, user=_caller(request)).first()
        if token is None:
            raise exceptions.NotFound(_("Fant ikke API-nøkkelen."))
        token.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
