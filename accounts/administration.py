"""The DPO's user administration: invite by e-mail, set a role, deactivate and reactivate,
reset two-factor, and name the deputy DPO. Every change checks ``MANAGE_USERS`` here, locks
the account, and is written to the history (``UserEvent``) in the same transaction.

Two guard rails hold in every change: the office always keeps an active DPO (nobody, the DPO
included, can deactivate or demote the last one), and a key or code is never logged: the
invitation's key leaves only in the e-mail, the enrolment code only once on the DPO's page."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user

from accounts import permissions
from accounts.hooks import queue_staff_email
from accounts.models import ApiToken, EnrolmentCode, Invitation, User, UserEvent, hash_token, normalise_email
from accounts.roles import DEPUTY, DEPUTY_ROLES, DPO, ROLE_LABELS, ROLES, ensure_roles
from core.errors import Conflict, Invalid, NotPermitted

NAME_MAX = 200


def _require(by: User) -> None:
    if not by.has_perm(permissions.MANAGE_USERS):
        raise NotPermitted(_("Bare personvernombudet kan administrere brukere."))


def _lock(user: User | int) -> User:
    return User.objects.select_for_update().get(pk=user if isinstance(user, int) else user.pk)


def _record(user: User, by: User | None, kind: str, *, old_role: str = "", new_role: str = "") -> None:
    UserEvent.objects.create(user=user, by=by, kind=kind, old_role=old_role, new_role=new_role)


def _keep_a_dpo(user: User) -> None:
    """Refuse a change that would leave the office without an active DPO. The other DPOs'
    rows are locked, so two DPOs cannot demote each other at the same moment."""
    others = User.objects.select_for_update(of=("self",)).filter(groups__name=DPO, is_active=True).exclude(pk=user.pk)
    if user.is_active and user.has_role(DPO) and not list(others):
        raise Conflict(
            _(
                "%(name)s er det eneste aktive personvernombudet. Gi en annen rollen som "
                "personvernombud før du endrer denne kontoen."
            )
            % {"name": user.display_name}
        )


def _end_deputy(user: User, by: User) -> None:
    if user.groups.filter(name=DEPUTY).exists():
        user.groups.remove(*user.groups.filter(name=DEPUTY))
        _record(user, by, UserEvent.Kind.DEPUTY_ENDED)


def _has_device(user: User) -> bool:
    return any(True for _device in devices_for_user(user, confirmed=True))


def _code_if_needed(user: User, role: str) -> str | None:
    """A role that must use two-factor sets up the app with a code the DPO hands over in
    person (accounts.two_factor.enrol); issued when such a user has no app yet."""
    if role in settings.AVVIK_TWO_FACTOR_ROLES and not _has_device(user):
        return EnrolmentCode.issue(user)
    return None


def _clean_role(role: str) -> str:
    if role not in ROLES:
        raise Invalid({"role": [_("Velg en av rollene i listen.")]})
    return role


def user_invite(*, email: str, name: str, role: str, language: str, by: User) -> tuple[User, str | None]:
    """Invite a person by e-mail: an account that stays inactive until the person opens the
    one-time link (valid INVITATION_DAYS) and sets a password. Inviting someone again ends
    the earlier link. Returns the account and, for a role that must use two-factor, the
    enrolment code the DPO gives the person by phone or in person (shown once)."""
    _require(by)
    email = normalise_email(email)
    errors: dict[str, list[str]] = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no.")]
    if role not in ROLES:
        errors["role"] = [_("Velg en av rollene i listen.")]
    if language not in dict(settings.LANGUAGES):
        errors["language"] = [_("Velg bokmål, nynorsk eller engelsk.")]
    if len(name.strip()) > NAME_MAX:
        errors["name"] = [_("Navnet kan være høyst %(max)s tegn.") % {"max": NAME_MAX}]
    if errors:
        raise Invalid(errors)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email__iexact=email).first()
        if user is not None and (user.is_active or user.has_usable_password()):
            raise Invalid({"email": [_("Det finnes allerede en bruker med denne e-postadressen.")]})
        user = user or User(email=email)
        user.name = name.strip() or user.name
        user.language = language
        user.is_active = False
        user.set_unusable_password()
        user.save()
        user.groups.set([ensure_roles()[role]])
        Invitation.objects.filter(user=user, accepted_at__isnull=True).delete()
        key = secrets.token_urlsafe(32)
        invitation = Invitation.objects.create(user=user, key_hash=hash_token(key), invited_by=by)
        code = _code_if_needed(user, role)
        _record(user, by, UserEvent.Kind.INVITED, new_role=role)
        queue_staff_email(
            kind="invitation",
            to_address=user.email,
            template="accounts/email/invitation",
            context={
                "recipient": user,
                "invited_by": by,
                "role": ROLE_LABELS[role],
                "needs_code": code is not None,
                "expires_at": invitation.expires_at,
                "url": settings.AVVIK_BASE_URL + reverse("invitation-link", args=[key]),
            },
            language=language,
            recipient_id=user.pk,
        )
    return user, code


def invitation_accept(*, key_hash: str, password: str, now: datetime | None = None) -> User:
    """The invited person sets their password; the account is active from now. ``key_hash``
    is the SHA-256 of the link's key (the page keeps only that in the session). The link
    works once: the invitation is claimed with a conditional UPDATE, so two tabs (or a
    replayed link) cannot both use it."""
    now = now or timezone.now()
    with transaction.atomic():
        invitation = Invitation.objects.select_related("user").filter(key_hash=key_hash).first()
        if invitation is None or invitation.accepted_at is not None or invitation.expires_at <= now:
            raise Conflict(_("Lenken er brukt eller utløpt. Be personvernombudet om en ny invitasjon."))
        user = _lock(invitation.user)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise Invalid({"new_password1": error.messages}) from error
        claimed = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(accepted_at=now)
        if not claimed:
            raise Conflict(_("Lenken er brukt eller utløpt. Be personvernombudet om en ny invitasjon."))
        user.set_password(password)
        user.is_active = True
        user.save()
        _record(user, user, UserEvent.Kind.ACCEPTED)
    return user


def user_set_role(*, user: User | int, role: str, by: User) -> tuple[User, str | None]:
    """Give an account another role (one role each). The last active DPO keeps the role; a
    deputy who is no longer a handler stops being deputy. Returns the account and, when the
    new role must use two-factor and the person has no app yet, the enrolment code."""
    _require(by)
    role = _clean_role(role)
    with transaction.atomic():
        locked = _lock(user)
        old = locked.role or ""
        if old == role:
            return locked, None
        if old == DPO:
            _keep_a_dpo(locked)
        groups = ensure_roles()
        locked.groups.remove(*[groups[r] for r in ROLES])
        locked.groups.add(groups[role])
        if role not in DEPUTY_ROLES:
            _end_deputy(locked, by)
        _record(locked, by, UserEvent.Kind.ROLE_CHANGED, old_role=old, new_role=role)
        code = _code_if_needed(locked, role)
    return locked, code


def user_deactivate(*, user: User | int, by: User) -> User:
    """The person can no longer log in, and their API tokens and open invitation end. The
    account and everything it did stay (the history names it). Not the last active DPO."""
    _require(by)
    with transaction.atomic():
        locked = _lock(user)
        if not locked.is_active and not locked.invitations.filter(accepted_at__isnull=True).exists():
            raise Conflict(_("Kontoen er allerede deaktivert."))
        _keep_a_dpo(locked)
        locked.is_active = False
        locked.save(update_fields=["is_active"])
        ApiToken.objects.filter(user=locked).delete()
        Invitation.objects.filter(user=locked, accepted_at__isnull=True).delete()
        _end_deputy(locked, by)
        _record(locked, by, UserEvent.Kind.DEACTIVATED)
    return locked


def user_reactivate(*, user: User | int, by: User) -> User:
    """A deactivated person can log in again with the password they had."""
    _require(by)
    with transaction.atomic():
        locked = _lock(user)
        if locked.is_active:
            raise Conflict(_("Kontoen er allerede aktiv."))
        if not locked.has_usable_password():
            raise Conflict(_("Personen har ikke tatt imot invitasjonen. Send en ny invitasjon i stedet."))
        locked.is_active = True
        locked.save(update_fields=["is_active"])
        _record(locked, by, UserEvent.Kind.REACTIVATED)
    return locked


def user_reset_two_factor(*, user: User | int, by: User) -> str:
    """A lost or replaced phone: the person's authenticator app and recovery codes are
    removed (a session it verified is no longer verified) and their API tokens end; at the
    next login they must set up the app again, with the enrolment code returned here (the
    DPO gives it to them in person or by phone). They are told by e-mail."""
    _require(by)
    with transaction.atomic():
        locked = _lock(user)
        if locked.pk == by.pk:
            raise Conflict(_("Du kan ikke nullstille din egen tofaktor. Be et annet personvernombud om det."))
        for device in devices_for_user(locked, confirmed=None):
            device.delete()
        ApiToken.objects.filter(user=locked).delete()
        code = EnrolmentCode.issue(locked)
        _record(locked, by, UserEvent.Kind.TWO_FACTOR_RESET)
        queue_staff_email(
            kind="two_factor_reset",
            to_address=locked.email,
            template="accounts/email/two_factor_reset",
            context={"recipient": locked, "reset_by": by, "url": settings.AVVIK_BASE_URL + reverse("login")},
            language=locked.language,
            recipient_id=locked.pk,
        )
    return code


def deputy_name(*, user: User | int, by: User) -> User:
    """Name the deputy DPO, who acts as the DPO on cases (assign, decide, file, approve)
    while the DPO is away. One deputy at a time: naming another ends the earlier one."""
    _require(by)
    with transaction.atomic():
        locked = _lock(user)
        if not (locked.is_active and locked.has_role(*DEPUTY_ROLES)):
            raise Invalid({"deputy": [_("Velg en aktiv saksbehandler.")]})
        current = list(User.objects.select_for_update(of=("self",)).filter(groups__name=DEPUTY))
        if any(other.pk == locked.pk for other in current):
            return locked
        for other in current:
            _end_deputy(other, by)
        locked.groups.add(ensure_roles()[DEPUTY])
        _record(locked, by, UserEvent.Kind.DEPUTY_NAMED)
    return locked


def deputy_end(*, by: User) -> None:
    """The DPO is back: nobody is deputy any more."""
    _require(by)
    with transaction.atomic():
        for deputy in User.objects.select_for_update(of=("self",)).filter(groups__name=DEPUTY):
            _end_deputy(deputy, by)
