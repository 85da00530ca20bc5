"""Creating and updating users (adduser, seed_demo, admin)."""

from __future__ import annotations

import base64
import binascii

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User, normalise_email
from accounts.roles import ROLES, ensure_roles
from core.errors import Invalid


def totp_key_from_base32(secret: str) -> str:
    """The hex key django-otp stores, from the base32 secret an authenticator app shows."""
    cleaned = secret.replace(" ", "").upper()
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except (binascii.Error, ValueError) as error:
        raise Invalid({"totp_secret": [_("TOTP-hemmeligheten må være base32.")]}) from error
    if len(raw) < 10:
        raise Invalid({"totp_secret": [_("TOTP-hemmeligheten er for kort (minst 16 tegn base32).")]})
    return raw.hex()


def user_upsert(
    *,
    email: str,
    role: str,
    password: str,
    name: str = "",
    totp_secret: str | None = None,
    check_password: bool = True,
) -> tuple[User, bool]:
    """Create or update a user with exactly one role; optionally enrol a confirmed TOTP
    device (RFC 6238, SHA-1, 30 s, 6 digits). Returns (user, created)."""
    if role not in ROLES:
        raise Invalid({"role": [_("Ukjent rolle. Velg en av: %(roles)s.") % {"roles": ", ".join(ROLES)}]})
    email = normalise_email(email)
    key = totp_key_from_base32(totp_secret) if totp_secret else None
    with transaction.atomic():
        groups = ensure_roles()
        user = User.objects.filter(email__iexact=email).first()
        created = user is None
        if user is None:
            user = User(email=email)
        if name:
            user.name = name
        if check_password:
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise Invalid({"password": error.messages}) from error
        user.set_password(password)
        user.is_active = True
        user.save()
        user.groups.set([groups[role]])
        if key is not None:
            TOTPDevice.objects.filter(user=user, name="automation").delete()
            TOTPDevice.objects.create(
                user=user, name="automation", key=key, step=30, digits=6, tolerance=1, confirmed=True
            )
    return user, created


def user_set_language(*, user: User, language: str) -> None:
    """The language a user reads Avvik and its e-mails in (nb, nn or en)."""
    from django.conf import settings

    if language not in dict(settings.LANGUAGES):
        raise Invalid({"language": [_("Velg bokmål, nynorsk eller engelsk.")]})
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language
