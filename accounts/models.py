"""Users log in with their e-mail address and have one role (a group, see roles.py)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts.roles import DEPUTY, ROLE_LABELS, ROLES


def normalise_email(value: object) -> str:
    """An e-mail address as Avvik keys accounts by it: without surrounding spaces, all in
    lower case (as people type it; ``MELDER@…`` and `` melder@…`` are one account)."""
    return value.strip().lower() if isinstance(value, str) else ""


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("e-mail is required")
        user = self.model(email=normalise_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username or "")


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-postadresse"), unique=True)
    name = models.CharField(_("navn"), max_length=200, blank=True)
    language = models.CharField(_("språk"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(_("tilgang til administrasjon"), default=False)
    date_joined = models.DateTimeField(_("opprettet"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")
        ordering = ("name", "email")
        permissions = [("manage_users", _("Kan administrere brukere"))]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(self.groups.filter(name__in=ROLES).values_list("name", flat=True))

    @property
    def role(self) -> str | None:
        """The user's role; with several, the one listed first in ROLES."""
        for role in ROLES:
            if role in self.roles:
                return role
        return None

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS[self.role]) if self.role else ""

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @cached_property
    def is_deputy(self) -> bool:
        """Named deputy DPO (accounts.roles.DEPUTY): acts as the DPO on cases."""
        return self.groups.filter(name=DEPUTY).exists()

    @property
    def must_use_two_factor(self) -> bool:
        """Every role that can see cases other than one's own (AVVIK_TWO_FACTOR_ROLES), and
        administrators, who can see everything."""
        return self.is_superuser or self.has_role(*settings.AVVIK_TWO_FACTOR_ROLES)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # AbstractBaseUser keeps the new raw password in _password until the save; a new
        # password ends every API token the old one gave (a hash upgrade does not count:
        # check_password clears _password before saving).
        password_changed = self._password is not None and self.pk is not None  # type: ignore[attr-defined]
        super().save(*args, **kwargs)
        if password_changed:
            ApiToken.objects.filter(user=self).delete()


def hash_token(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def token_expiry() -> datetime:
    return timezone.now() + timedelta(days=settings.AVVIK_API_TOKEN_DAYS)


class ApiToken(models.Model):
    """An API token. Only its SHA-256 is stored; the key is shown once, when it is made. It
    works until ``expires_at`` (AVVIK_API_TOKEN_DAYS), until its owner revokes it, or until
    the owner's password changes."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=token_expiry)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API-nøkkel")
        verbose_name_plural = _("API-nøkler")

    def __str__(self) -> str:
        return f"API token {self.pk}"

    @classmethod
    def issue(cls, user: User) -> tuple[ApiToken, str]:
        key = secrets.token_urlsafe(32)
        return cls.objects.create(user=user, key_hash=hash_token(key)), key

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


ENROLMENT_CODE_DAYS = 7


def enrolment_code_expiry() -> datetime:
    return timezone.now() + timedelta(days=ENROLMENT_CODE_DAYS)


class EnrolmentCode(models.Model):
    """A one-time code an administrator gives a user of a two-factor role
    (``manage.py enrol_code EMAIL``): with it, and only with it, that user can set up an
    authenticator app after the password. Only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="enrolment_codes")
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=enrolment_code_expiry)

    class Meta:
        verbose_name = _("oppsettskode for tofaktor")
        verbose_name_plural = _("oppsettskoder for tofaktor")

    def __str__(self) -> str:
        return f"enrolment code {self.pk}"

    @classmethod
    def issue(cls, user: User) -> str:
        """A new code for ``user``; earlier codes stop working."""
        code = "-".join(secrets.token_hex(2) for _part in range(4))
        cls.objects.filter(user=user).delete()
        cls.objects.create(user=user, code_hash=hash_token(_plain(code)))
        return code

    @classmethod
    def matches(cls, user: User, code: str) -> bool:
        return cls.objects.filter(user=user, code_hash=hash_token(_plain(code)), expires_at__gt=timezone.now()).exists()


def _plain(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


INVITATION_DAYS = 7


def invitation_expiry() -> datetime:
    return timezone.now() + timedelta(days=INVITATION_DAYS)


class Invitation(models.Model):
    """A one-time link by e-mail with which an invited person sets the password of their new
    account. Only the key's SHA-256 is stored; the link works once (``accepted_at``) and
    until ``expires_at``; a new invitation to the same person ends the earlier one."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    key_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitasjon")
        verbose_name_plural = _("invitasjoner")

    def __str__(self) -> str:
        return f"invitation {self.pk}"


class UserEvent(models.Model):
    """The history of the user administration: who changed whose account, how and when.
    Append-only; the pages tell it in words (accounts.selectors)."""

    class Kind(models.TextChoices):
        INVITED = "invited", _("invitert")
        ACCEPTED = "accepted", _("invitasjon godtatt")
        ROLE_CHANGED = "role_changed", _("rolle endret")
        DEACTIVATED = "deactivated", _("deaktivert")
        REACTIVATED = "reactivated", _("aktivert igjen")
        TWO_FACTOR_RESET = "two_factor_reset", _("tofaktor nullstilt")
        DEPUTY_NAMED = "deputy_named", _("stedfortreder utnevnt")
        DEPUTY_ENDED = "deputy_ended", _("stedfortreder avsluttet")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="admin_events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    old_role = models.CharField(max_length=20, blank=True)
    new_role = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = _("endring av bruker")
        verbose_name_plural = _("endringer av brukere")
        ordering = ("-at", "-pk")

    def __str__(self) -> str:
        return f"user event {self.pk}"
