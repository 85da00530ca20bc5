"""What the user administration pages read: the accounts with their state in words, the
deputy, and the history of the user administration told as sentences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Invitation, User, UserEvent
from accounts.roles import DEPUTY, DEPUTY_ROLES, ROLE_LABELS, ROLES

HISTORY_LIMIT = 50


def users_for_admin() -> QuerySet[User]:
    """Every account, with its groups and whether an authenticator app is set up, at a fixed
    number of queries."""
    confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    pending = Invitation.objects.filter(user=OuterRef("pk"), accepted_at__isnull=True, expires_at__gt=timezone.now())
    return (
        User.objects.annotate(two_factor=Exists(confirmed), invited=Exists(pending))
        .prefetch_related(Prefetch("groups"))
        .order_by("name", "email")
    )


def admin_user(user_id: int) -> User | None:
    return users_for_admin().filter(pk=user_id).first()


def group_names(user: User) -> set[str]:
    return {group.name for group in user.groups.all()}  # prefetched


def role_of(user: User) -> str:
    names = group_names(user)
    return next((role for role in ROLES if role in names), "")


def status_of(user: User) -> str:
    """The account's state in words: active, invited (waiting), or deactivated."""
    if user.is_active:
        return _("Aktiv")
    if not user.has_usable_password():
        return _("Invitert, venter på svar") if getattr(user, "invited", False) else _("Invitasjonen er utløpt")
    return _("Deaktivert")


@dataclass(frozen=True)
class UserRow:
    user: User
    role: str
    role_label: str
    status: str
    is_deputy: bool
    two_factor: bool
    last_login: datetime | None


def user_row(user: User) -> UserRow:
    role = role_of(user)
    return UserRow(
        user=user,
        role=role,
        role_label=str(ROLE_LABELS[role]) if role else _("Ingen rolle"),
        status=status_of(user),
        is_deputy=DEPUTY in group_names(user),
        two_factor=bool(getattr(user, "two_factor", False)),
        last_login=user.last_login,
    )


def deputy() -> User | None:
    return User.objects.filter(groups__name=DEPUTY).order_by("pk").first()


def deputy_candidates() -> QuerySet[User]:
    """Who may be named deputy DPO: active handlers."""
    return User.objects.filter(is_active=True, groups__name__in=DEPUTY_ROLES).distinct().order_by("name", "email")


def _role_words(role: str) -> str:
    return str(ROLE_LABELS[role]).lower() if role in ROLE_LABELS else _("ingen rolle")


def event_sentence(event: UserEvent) -> str:
    """One change of the user administration in words: who did what to whom."""
    by = event.by.display_name if event.by else _("En tidligere bruker")
    who = event.user.display_name
    kinds = UserEvent.Kind
    sentences = {
        kinds.INVITED: _("%(by)s inviterte %(who)s som %(new)s."),
        kinds.ACCEPTED: _("%(who)s tok imot invitasjonen og valgte passord."),
        kinds.ROLE_CHANGED: _("%(by)s endret rollen til %(who)s fra %(old)s til %(new)s."),
        kinds.DEACTIVATED: _("%(by)s deaktiverte kontoen til %(who)s."),
        kinds.REACTIVATED: _("%(by)s aktiverte kontoen til %(who)s igjen."),
        kinds.TWO_FACTOR_RESET: _("%(by)s nullstilte tofaktor for %(who)s, som må sette opp appen på nytt."),
        kinds.DEPUTY_NAMED: _("%(by)s gjorde %(who)s til stedfortreder for personvernombudet."),
        kinds.DEPUTY_ENDED: _("%(by)s avsluttet %(who)s som stedfortreder for personvernombudet."),
    }
    return sentences[kinds(event.kind)] % {
        "by": by,
        "who": who,
        "old": _role_words(event.old_role),
        "new": _role_words(event.new_role),
    }


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    text: str


def admin_history(*, user: User | None = None, limit: int = HISTORY_LIMIT) -> list[HistoryLine]:
    """The newest changes first, of everyone or of one account."""
    events = UserEvent.objects.select_related("by", "user")
    if user is not None:
        events = events.filter(user=user)
    return [HistoryLine(at=event.at, text=event_sentence(event)) for event in events[:limit]]


def pending_invitation(key_hash: str, *, now: datetime | None = None) -> Invitation | None:
    """The invitation a link holds, while it may still be used."""
    return (
        Invitation.objects.select_related("user")
        .filter(key_hash=key_hash, accepted_at__isnull=True, expires_at__gt=now or timezone.now())
        .first()
    )
