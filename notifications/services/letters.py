"""Printed letters, posted in-house (art. 34(1): the people we can reach only by post are
told directly). The DPO gathers the letters waiting into a batch, prints the batch's one
merged PDF, posts it, and records when: then those people count as told, by that DPO, at
that time (art. 5(2): accountability)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import User
from core.errors import Conflict, Invalid, NotPermitted
from incidents.services.locking import lock_incident
from notifications.models import Channel, Delivery, LetterBatch
from notifications.selectors.letters import Letter, address_of, letters_pdf


def _check(by: User) -> None:
    if not by.has_perm(permissions.DECIDE):
        raise NotPermitted(_("Bare personvernombudet kan skrive ut og sende brev."))


def letter_batch_create(*, incident_id: int, by: User, now: datetime | None = None) -> LetterBatch:
    """Gather every letter of the case that waits to be printed into one batch."""
    _check(by)
    now = now or timezone.now()
    with transaction.atomic():
        incident = lock_incident(incident_id)
        waiting = Delivery.objects.filter(
            incident=incident, channel=Channel.LETTER, status=Delivery.Status.QUEUED, letter_batch__isnull=True
        )
        ids = list(waiting.values_list("pk", flat=True))
        if not ids:
            raise Conflict(_("Ingen brev venter på å bli skrevet ut."))
        batch = LetterBatch.objects.create(incident=incident, count=len(ids), created_at=now, created_by=by)
        Delivery.objects.filter(pk__in=ids).update(letter_batch=batch)
    return batch


def letter_batch_pdf(*, batch: LetterBatch, by: User) -> bytes:
    """The batch's letters as one PDF, in the order of the list, each on its own page."""
    _check(by)
    rows = (
        Delivery.objects.filter(letter_batch=batch, channel=Channel.LETTER)
        .select_related("notice", "recipient")
        .order_by("pk")
    )
    letters = [Letter(row.notice, address_of(row.recipient)) for row in rows]
    return letters_pdf(letters, reference=batch.incident.reference)


def letter_batch_posted(*, batch_id: int, by: User, posted_at: datetime, now: datetime | None = None) -> int:
    """The DPO posted the batch's letters at ``posted_at``: they are sent. Returns how many."""
    _check(by)
    now = now or timezone.now()
    if posted_at > now:
        raise Invalid({"posted_at": [_("Tidspunktet kan ikke være i framtiden.")]})
    with transaction.atomic():
        batch = LetterBatch.objects.select_for_update().get(pk=batch_id)
        if batch.posted_at is not None:
            raise Conflict(_("Denne bunken er allerede registrert som postlagt."))
        # The page asks to the minute: the minute the batch was made is not "before" it.
        if posted_at < batch.created_at.replace(second=0, microsecond=0):
            raise Invalid({"posted_at": [_("Brevene kan ikke være postlagt før bunken ble laget.")]})
        batch.posted_at, batch.posted_by = posted_at, by
        batch.save(update_fields=["posted_at", "posted_by"])
        return Delivery.objects.filter(letter_batch=batch, status=Delivery.Status.QUEUED).update(
            status=Delivery.Status.SENT, sent_at=posted_at, error=""
        )
