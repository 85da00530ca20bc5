"""Printed letters, posted in-house (art. 34(1): the people we can reach only by post are
told directly). The DPO gathers the letters waiting into a batch (a print run), prints the
batch's one merged PDF, posts it, and records when: then those people count as told, by that
DPO, at that time (art. 5(2): accountability). Making the batch and recording the posting
are in the case's history, with the counts only.

The merged PDF takes minutes for a thousand letters, longer than any web request may: it is
laid out by a task (``render_letter_batch``, by batch id) queued when the batch is made, and
kept in the private ``attachments`` storage (``core.storage``) under a random name, served
only through the permission-checked download. Without a broker, and for a task lost or a
worker that died while laying it out, the periodic ``render_letter_batches`` does it. The
file holds names and addresses: it is deleted when the case's recipients are purged
(``forget_letter_pdfs``); a case with a list of people is never deleted."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from celery import shared_task
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import User
from core.errors import Conflict, Invalid, NotPermitted
from core.queue import broker_enabled, enqueue_now, enqueue_on_commit
from incidents.services.events import Kind as EventKind
from incidents.services.events import record_event
from incidents.services.locking import lock_incident
from notifications.models import Channel, Delivery, LetterBatch
from notifications.selectors.letters import Letter, address_of, letters_pdf

logger = logging.getLogger(__name__)

STORAGE_ALIAS = "attachments"  # private: no URL, served only by the download view
PDF_FOLDER = "letters"
# A task queued this long ago whose batch still waits was lost (Redis restarted): queue again.
QUEUE_GRACE = timedelta(minutes=10)
# 1,000 letters take a few minutes; a worker laying out a batch for longer than this died.
RENDER_LEASE = timedelta(minutes=30)
Pdf = LetterBatch.Pdf


def letter_storage() -> Storage:
    return storages[STORAGE_ALIAS]


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
        batch = LetterBatch.objects.create(
            incident=incident, count=len(ids), created_at=now, created_by=by, pdf_status_at=now
        )
        Delivery.objects.filter(pk__in=ids).update(letter_batch=batch)
        record_event(incident=incident, by=by, kind=EventKind.LETTERS_PRINTED, details={"count": len(ids)}, now=now)
        enqueue_on_commit(render_letter_batch, batch.pk)
    return batch


def letter_batch_retry(*, batch_id: int, by: User, now: datetime | None = None) -> LetterBatch:
    """Lay out a batch's PDF again after it failed."""
    _check(by)
    now = now or timezone.now()
    with transaction.atomic():
        batch = LetterBatch.objects.select_for_update().get(pk=batch_id)
        if batch.pdf_status != Pdf.FAILED:
            raise Conflict(_("PDF-en for denne utskriften er ikke feilet, og lages ikke på nytt."))
        batch.pdf_status, batch.pdf_status_at = Pdf.PENDING, now
        batch.save(update_fields=["pdf_status", "pdf_status_at"])
        enqueue_on_commit(render_letter_batch, batch.pk)
    return batch


def letter_batch_file(*, batch: LetterBatch, by: User) -> File:
    """The batch's stored PDF, for the DPO to download; refused in words while it is being
    made, when it failed, or after it was deleted with the names and addresses."""
    _check(by)
    if batch.pdf_status == Pdf.READY:
        try:
            return letter_storage().open(batch.pdf_name, "rb")
        except FileNotFoundError:
            logger.error("the stored PDF of letter batch %s is missing", batch.pk)
            raise Conflict(_("PDF-en for denne utskriften finnes ikke lenger.")) from None
    if batch.pdf_status == Pdf.FAILED:
        raise Conflict(_("PDF-en for denne utskriften kunne ikke lages. Trykk «Prøv igjen»."))
    if batch.pdf_status == Pdf.PURGED:
        raise Conflict(_("PDF-en er slettet sammen med navnene og adressene i saken."))
    raise Conflict(_("PDF-en lages fortsatt. Oppdater siden om litt."))


def _claim(batch_id: int, now: datetime) -> datetime | None:
    """Take the batch for laying out its PDF; the time of the claim is the claim's token.
    None when it is not waiting (done, failed, purged, or another worker has it)."""
    claimed = timezone.now()
    taken = (
        LetterBatch.objects.filter(pk=batch_id)
        .filter(Q(pdf_status=Pdf.PENDING) | Q(pdf_status=Pdf.RENDERING, pdf_status_at__lt=now - RENDER_LEASE))
        .update(pdf_status=Pdf.RENDERING, pdf_status_at=claimed)
    )
    return claimed if taken else None


def batch_letters(batch_id: int) -> list[Letter]:
    """The batch's letters, in the order of the list."""
    rows = (
        Delivery.objects.filter(letter_batch_id=batch_id, channel=Channel.LETTER)
        .select_related("notice", "recipient")
        .order_by("pk")
    )
    return [Letter(row.notice, address_of(row.recipient)) for row in rows]


def render_batch_pdf(batch_id: int, now: datetime | None = None) -> bool:
    """Lay out the batch's letters as one PDF, each on its own page in the order of the
    list, and keep it. True when this call made it. A batch already made, or taken by
    another worker, is left alone; a failure is recorded for the DPO to try again (the log
    names the batch and the kind of error only: the letters hold names and addresses)."""
    now = now or timezone.now()
    claimed = _claim(batch_id, now)
    if claimed is None:
        return False
    mine = LetterBatch.objects.filter(pk=batch_id, pdf_status=Pdf.RENDERING, pdf_status_at=claimed)
    try:
        batch = LetterBatch.objects.select_related("incident").get(pk=batch_id)
        pdf = letters_pdf(batch_letters(batch_id), reference=batch.incident.reference)
        name = letter_storage().save(f"{PDF_FOLDER}/{uuid.uuid4().hex}.pdf", ContentFile(pdf))
    except Exception as error:
        logger.error("letter batch %s: the PDF could not be made (%s)", batch_id, type(error).__name__)
        mine.update(pdf_status=Pdf.FAILED, pdf_status_at=timezone.now())
        return False
    if not mine.update(pdf_status=Pdf.READY, pdf_status_at=timezone.now(), pdf_name=name, pdf_size=len(pdf)):
        # Purged, or taken over after a stall past the lease, meanwhile: not ours to keep.
        delete_letter_pdf(name)
        return False
    logger.info("letter batch %s: PDF of %s letters ready", batch_id, batch.count)
    return True


@shared_task(name="notifications.render_letter_batch", ignore_result=True)
def render_letter_batch(batch_id: int) -> None:
    """Lay out a print run's PDF (art. 34(1), letters posted in-house), by batch id."""
    render_batch_pdf(batch_id)


def render_letter_batches(now: datetime | None = None) -> int:
    """Periodic job: the print runs whose PDF waits. With a broker, queue again those whose
    task was lost, or whose worker died while laying it out; without one, lay out the
    oldest here (one per pass: the other jobs of this process are not held up for long).
    Returns how many were queued or made."""
    now = now or timezone.now()
    expired = Q(pdf_status=Pdf.RENDERING, pdf_status_at__lt=now - RENDER_LEASE)
    if not broker_enabled():
        first = (
            LetterBatch.objects.filter(Q(pdf_status=Pdf.PENDING) | expired)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        return int(first is not None and render_batch_pdf(first, now))
    lost = Q(pdf_status=Pdf.PENDING) & (Q(pdf_status_at__isnull=True) | Q(pdf_status_at__lt=now - QUEUE_GRACE))
    queued = 0
    for pk in LetterBatch.objects.filter(lost | expired).order_by("pk").values_list("pk", flat=True)[:100]:
        if enqueue_now(render_letter_batch, pk):
            LetterBatch.objects.filter(pk=pk, pdf_status=Pdf.PENDING).update(pdf_status_at=now)
            queued += 1
    return queued


def delete_letter_pdf(name: str) -> None:
    """Delete a print run's stored PDF; one already gone is not an error."""
    try:
        letter_storage().delete(name)
    except FileNotFoundError:
        pass
    except Exception:  # a store that cannot be reached now: the log says which, never whose
        logger.exception("could not delete the stored letters %s", name)


def forget_letter_pdfs(incident_ids: Iterable[int]) -> int:
    """The names and addresses of these cases are purged (art. 5(1)(e)): so are the print
    runs' PDFs, once the purge is committed. The batches stay, with their counts and when
    they were posted. Returns how many files are deleted."""
    batches = LetterBatch.objects.filter(incident_id__in=list(incident_ids)).exclude(pdf_status=Pdf.PURGED)
    if not batches.exists():  # the usual case: one query
        return 0
    with transaction.atomic():
        # Locked: a PDF being finished now is either seen here, or finds its batch purged
        # and deletes what it made (render_batch_pdf).
        rows = list(batches.select_for_update().values_list("pk", "pdf_name"))
        LetterBatch.objects.filter(pk__in=[pk for pk, _name in rows]).update(
            pdf_status=Pdf.PURGED, pdf_name="", pdf_size=0, pdf_status_at=timezone.now()
        )
        names = [name for _pk, name in rows if name]
        for name in names:
            transaction.on_commit(lambda name=name: delete_letter_pdf(name))  # type: ignore[misc]
    return len(names)


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
        told = Delivery.objects.filter(letter_batch=batch, status=Delivery.Status.QUEUED).update(
            status=Delivery.Status.SENT, sent_at=posted_at, error=""
        )
        record_event(
            incident=batch.incident_id,
            by=by,
            kind=EventKind.LETTERS_POSTED,
            details={"count": told, "posted_at": posted_at.isoformat()},
            now=now,
        )
        return told
