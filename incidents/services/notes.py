"""Internal comments and the contact log of a case, and the mentions that tell a colleague.

Written by those who work the case (the handler, the DPO); read by everyone who reads the
case's internals. Append-only (art. 5(2) accountability, art. 33(5) documentation): a
correction is a new note. The note itself is the entry in the case's history (timeline.py
reads it); it is not copied into ``CaseEvent``, which must never hold what may name a
person affected, as a contact log does.

Mentions: ``@name`` (the part of the e-mail address before the @, or the whole address)
or people chosen from a list. Each mentioned colleague is told by e-mail: a link and who
mentioned them, never the comment itself. Someone who may not read the case's internals
cannot be mentioned: the comment is refused, with what was typed kept, rather than lead
them to a case closed to them or tell them it exists. A ``@word`` that is no user's is left
as it stands (it may be a handle on social media that the comment is about) and said so."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import User
from core.errors import Conflict, Invalid, NotPermitted
from core.text import NUL_MESSAGE, has_nul, is_blank
from incidents import hooks
from incidents.models import CONTACTED_MAX, NOTE_TEXT_MAX, CaseNote, Incident
from incidents.rules import deadlines
from incidents.selectors.cases import sees_case_internals
from incidents.selectors.notes import may_see_internals
from incidents.services.locking import incident_for_update

# "@kari", "@kari.nordmann" or "@kari@kommune.no", not the middle of an address.
MENTION = re.compile(r"(?<![\w.@+-])@([\w.+-]+(?:@[\w-]+(?:\.[\w-]+)+)?)")
# More is a mailing list, not a mention (and one query must stay small).
MENTIONS_MAX = 20
# A contact entered a little ahead of the server's clock is not "in the future".
CLOCK_SLACK = timedelta(minutes=5)


def checked_text(value: object, name: str = "text", *, limit: int = NOTE_TEXT_MAX) -> str:
    """Plain text a person wrote, or Invalid naming the field: not empty, not too long, no NUL."""
    if not isinstance(value, str) or is_blank(value):
        raise Invalid({name: [_("Dette feltet må fylles ut.")]})
    if len(value) > limit:
        raise Invalid(
            {
                name: [
                    _("Teksten kan være høyst %(max)s tegn. Nå er den %(length)s.")
                    % {"max": f"{limit:,}".replace(",", " "), "length": f"{len(value):,}".replace(",", " ")}
                ]
            }
        )
    if has_nul(value):
        raise Invalid({name: [str(NUL_MESSAGE)]})
    return value.strip()


def open_case_for_writing(incident: Incident | int, *, by: User) -> Incident:
    """The case, locked (notes of one case are written one at a time), refused when closed."""
    locked = incident_for_update(incident, by=by)
    if not locked.is_open:
        raise Conflict(_("Saken er avsluttet. Gjenåpne den for å skrive i den."))
    return locked


def _check_worker(incident: Incident, by: User) -> None:
    if not (by.has_perm(permissions.WORK) and sees_case_internals(by, incident)):
        raise NotPermitted(_("Bare de som arbeider med saken, kan skrive i den."))


@dataclass
class Mentions:
    users: list[User] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # "@word"s that are no user's


def find_mentions(text: str, chosen: Iterable[User] = ()) -> Mentions:
    """The users ``text`` mentions, and the ``@word``s that name nobody. One query."""
    handles = list(dict.fromkeys(m.rstrip(".").lower() for m in MENTION.findall(text)))
    found = Mentions(users=list(dict.fromkeys(chosen)))
    if len(handles) + len(found.users) > MENTIONS_MAX:
        raise Invalid({"text": [_("Nevn høyst %(max)s personer i én kommentar.") % {"max": MENTIONS_MAX}]})
    if not handles:
        return found
    addresses = [h for h in handles if "@" in h]
    locals_ = [h for h in handles if "@" not in h]
    by_address: dict[str, User] = {}
    by_local: dict[str, list[User]] = {}
    wanted = Q(email__in=addresses)
    for handle in locals_:
        wanted |= Q(email__istartswith=handle + "@")
    for user in User.objects.filter(wanted):
        by_address[user.email.lower()] = user
        by_local.setdefault(user.email.split("@", 1)[0].lower(), []).append(user)
    ambiguous: list[str] = []
    for handle in handles:
        users = by_local.get(handle, []) if "@" not in handle else [by_address[handle]] if handle in by_address else []
        if len(users) > 1:
            ambiguous.append("@" + handle)
        elif users and users[0] not in found.users:
            found.users.append(users[0])
        elif not users:
            found.unknown.append("@" + handle)
    if ambiguous:
        raise Invalid(
            {
                "text": [
                    _("%(handles)s passer på flere brukere. Skriv hele e-postadressen etter @.")
                    % {"handles": ", ".join(ambiguous)}
                ]
            }
        )
    return found


def _check_mentions(incident: Incident, mentions: Mentions) -> None:
    refused = [user.display_name for user in mentions.users if not may_see_internals(user, incident)]
    if refused:
        raise Invalid(
            {
                "text": [
                    _(
                        "%(names)s har ikke tilgang til denne saken og kan ikke nevnes. "
                        "Tildel saken først, eller fjern navnet fra kommentaren."
                    )
                    % {"names": ", ".join(refused)}
                ]
            }
        )


def _tell_mentioned(incident: Incident, note: CaseNote, users: Iterable[User], by: User) -> None:
    for user in users:
        if user.pk == by.pk:
            continue
        hooks.queue_staff_email(
            kind="comment_mention",
            to_address=user.email,
            template="notifications/email/comment_mention",
            context={
                "incident": incident,
                "recipient": user,
                "mentioned_by": by,
                "url": settings.AVVIK_BASE_URL + incident.get_absolute_url() + f"#note-{note.pk}",
            },
            language=user.language,
            incident_id=incident.pk,
            recipient_id=user.pk,
        )


@dataclass
class Written:
    note: CaseNote
    told: list[User]
    ignored: list[str]  # "@word"s that named nobody


def comment_add(
    *,
    incident: Incident | int,
    by: User,
    text: str,
    mention: Iterable[User] = (),
    now: datetime | None = None,
) -> Written:
    """An internal comment on the case; the colleagues it mentions are told by e-mail."""
    text = checked_text(text)
    with transaction.atomic():
        locked = open_case_for_writing(incident, by=by)
        _check_worker(locked, by)
        mentions = find_mentions(text, mention)
        _check_mentions(locked, mentions)
        note = CaseNote.objects.create(
            incident=locked, kind=CaseNote.Kind.COMMENT, by=by, at=now or timezone.now(), text=text
        )
        if mentions.users:
            note.mentioned.set(mentions.users)
        _tell_mentioned(locked, note, mentions.users, by)
    told = [user for user in mentions.users if user.pk != by.pk]
    return Written(note=note, told=told, ignored=mentions.unknown)


def contact_log_add(
    *,
    incident: Incident | int,
    by: User,
    contacted: str,
    channel: str,
    contacted_at: datetime | None,
    text: str,
    now: datetime | None = None,
) -> CaseNote:
    """A contact made about the case: who, how, when (entered in Oslo time, stored in UTC)
    and what was said — "ringte forelderen kl. 20.40"."""
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    for check in (
        lambda: checked_text(contacted, "contacted", limit=CONTACTED_MAX),
        lambda: checked_text(text),
    ):
        try:
            check()
        except Invalid as error:
            errors.update(error.errors)
    if channel not in CaseNote.Channel.values:
        errors["channel"] = [_("Velg hvordan kontakten skjedde.")]
    if contacted_at is None:
        errors["contacted_at"] = [_("Skriv inn dato og klokkeslett.")]
    else:
        try:
            contacted_at = deadlines.moment(contacted_at)
        except deadlines.MomentError as error:
            errors["contacted_at"] = [str(error)]
        else:
            if contacted_at > now + CLOCK_SLACK:
                errors["contacted_at"] = [_("Tidspunktet kan ikke være i fremtiden.")]
    if errors:
        raise Invalid(errors)
    with transaction.atomic():
        locked = open_case_for_writing(incident, by=by)
        _check_worker(locked, by)
        return CaseNote.objects.create(
            incident=locked,
            kind=CaseNote.Kind.CONTACT,
            by=by,
            at=now,
            text=text.strip(),
            contacted=contacted.strip(),
            channel=channel,
            contacted_at=contacted_at,
        )
