"""API authentication: a token from e-mail, password and (where enrolled) a TOTP code."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from django_otp import devices_for_user, match_token
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import authentication, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import ApiToken, User
from config.errors import Invalid, NotPermitted


class TokenRequest(serializers.Serializer[Any]):
    username = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)
    otp = serializers.CharField(max_length=16, required=False, allow_blank=True)


def issue_token(*, username: str, password: str, otp: str, request: Any = None) -> str:
    """Check the credentials and the second factor, and issue a new API token.

    A user with a confirmed two-factor device must give a valid code; a role that must use
    two-factor (AVVIK_TWO_FACTOR_ROLES) gets no token without an enrolled device."""
    from axes.exceptions import AxesBackendPermissionDenied

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
