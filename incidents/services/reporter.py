"""The person who reported a case, kept in the loop.

They may add to their report until the case is closed; they are told by e-mail when it is
confirmed as a breach, found not to be one (with the reason) and closed; those who work the
case may put a question to them, which they answer on their case page. Each is a note in
the case's history (``incidents.models.notes``), append-only.

The e-mails to the reporter are in their own language and hold nothing beyond what they
reported themselves (the reference and the title they wrote), the status, the reason for a
dismissal and a link: what was asked, and everything internal, stays in Avvik (art.
5(1)(f))."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import User
from accounts.roles import DPO
from core.errors import Conflict, NotPermitted
from incidents import hooks
from incidents.models import CaseNote, Incident
from incidents.selectors.cases import sees_case_internals
from incidents.services.notes import checked_text, open_case_for_writing

# The transitions the reporter hears of, and the e-mail for each.
STATUS_EMAILS = {
    "confirm": "reporter_confirmed",
    "dismiss": "reporter_dismissed",
    "close": "reporter_closed",
}


def _case_url(incident: Incident) -> str:
    return settings.AVVIK_BASE_URL + incident.get_absolute_url()


def _email(incident: Incident, *, to: User, kind: str, context: dict[str, object]) -> None:
    hooks.queue_staff_email(
        kind=kind,
        to_address=to.email,
        template=f"notifications/email/{kind}",
        context={"incident": incident, "recipient": to, "url": _case_url(incident), **context},
        language=to.language,
        incident_id=incident.pk,
        recipient_id=to.pk,
    )


def tell_reporter_of_status(incident: Incident, *, transition: str, by: User) -> None:
    """After ``confirm``, ``dismiss`` or ``close``: tell the reporter, in the caller's
    transaction. Not when they made the change themselves, nor when they can no longer log in."""
    kind = STATUS_EMAILS.get(transition)
    reporter = incident.reported_by
    if kind is None or reporter.pk == by.pk or not reporter.is_active:
        return
    _email(incident, to=reporter, kind=kind, context={"reason": incident.dismiss_reason})


def _staff_to_tell(incident: Incident) -> list[User]:
    """Who hears of what the reporter wrote: the case's handler, or every DPO while nobody
    is assigned."""
    handler = incident.handler
    if handler is not None and handler.is_active:
        return [handler]
    return list(User.objects.filter(groups__name=DPO, is_active=True).order_by("pk"))


def reporter_addition_add(*, incident: Incident | int, by: User, text: str, now: datetime | None = None) -> CaseNote:
    """The reporter adds to their own report while the case is open (a correction is a new
    addition). The handler, or the DPO while nobody is assigned, is told."""
    text = checked_text(text)
    with transaction.atomic():
        locked = open_case_for_writing(incident, by=by)
        if locked.reported_by_id != by.pk:
            raise NotPermitted(_("Bare den som meldte saken, kan legge til opplysninger her."))
        note = CaseNote.objects.create(
            incident=locked, kind=CaseNote.Kind.ADDITION, by=by, at=now or timezone.now(), text=text
        )
        for staff in _staff_to_tell(locked):
            if staff.pk != by.pk:
                _email(locked, to=staff, kind="reporter_addition", context={"reporter": by})
    return note


def reporter_question_ask(*, incident: Incident | int, by: User, text: str, now: datetime | None = None) -> CaseNote:
    """Those who work the case ask the reporter a question; the reporter is told by e-mail
    and answers on their case page."""
    text = checked_text(text)
    with transaction.atomic():
        locked = open_case_for_writing(incident, by=by)
        if not (by.has_perm(permissions.WORK) and sees_case_internals(by, locked)):
            raise NotPermitted(_("Bare de som arbeider med saken, kan spørre melderen."))
        reporter = locked.reported_by
        if reporter.pk == by.pk:
            raise Conflict(_("Du meldte saken selv. Skriv det du vet som en kommentar."))
        if not reporter.is_active:
            raise Conflict(_("Melderen har ikke lenger tilgang til Avvik og kan ikke svare her."))
        note = CaseNote.objects.create(
            incident=locked, kind=CaseNote.Kind.QUESTION, by=by, at=now or timezone.now(), text=text
        )
        _email(locked, to=reporter, kind="reporter_question", context={"asked_by": by})
    return note


def reporter_question_answer(
    *, incident: Incident | int, by: User, question_id: int, text: str, now: datetime | None = None
) -> CaseNote:
    """The reporter answers a question put to them; the answer is in the history and the
    one who asked is told."""
    text = checked_text(text)
    with transaction.atomic():
        locked = open_case_for_writing(incident, by=by)
        if locked.reported_by_id != by.pk:
            raise NotPermitted(_("Bare den som meldte saken, kan svare på spørsmål til melderen."))
        question = (
            locked.notes.filter(pk=question_id, kind=CaseNote.Kind.QUESTION).select_related("by").first()
            if isinstance(question_id, int)
            else None
        )
        if question is None:
            raise Conflict(_("Fant ikke spørsmålet. Last siden på nytt."))
        if question.answers.exists():
            raise Conflict(_("Spørsmålet er allerede besvart. Skriv mer som et tillegg til meldingen."))
        note = CaseNote.objects.create(
            incident=locked,
            kind=CaseNote.Kind.ANSWER,
            by=by,
            at=now or timezone.now(),
            text=text,
            question=question,
        )
        asker = question.by
        if asker.is_active and asker.pk != by.pk:
            _email(locked, to=asker, kind="reporter_answer", context={"reporter": by})
    return note
