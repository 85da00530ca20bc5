"""Telling people through SvarUt (art. 34(1)): each delivery of the ``svarut`` channel is one
shipment, the approved notice as a one-page letter, to the person's digital mailbox by their
national ID, or printed and posted by SvarUt to their postal address.

Exactly once, by the same rules as the e-mail (services.delivery, whose claim, lease and
"sent" mark this reuses): a worker claims its rows with one conditional UPDATE, renews the
lease while it sends, marks each row sent in its own statement the moment SvarUt answers
with the shipment's id; a dead worker's rows are given back when their lease runs out
(``release_expired_claims``, run by the e-mail flush for every channel) and sent again by
``flush_shipments``.

The one window the e-mail cannot close — the message in flight when the worker dies — is
closed here: every shipment carries an external reference fixed per delivery
(``svarut.external_reference`` of the delivery's Message-ID). A row claimed for the second
time or later first asks SvarUt for shipments with that reference; when SvarUt already has
one, the row is marked sent with that shipment's id and nothing is sent again.

The shipment's status is then polled (``poll_shipments``, periodic): delivered to a digital
mailbox, printed, or failed — a failed one becomes a failed delivery for the DPO to follow up.

Task arguments are delivery ids; the national ID is decrypted only to build the request and
is never logged."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from datetime import datetime, timedelta

from celery import shared_task
from django.db.models import Q
from django.utils import timezone

from core.queue import broker_enabled, enqueue_now
from notifications import svarut
from notifications.models import Channel, Delivery, Notice, Recipient
from notifications.rules import svarut_status
from notifications.selectors.letters import Address, Letter, address_of, letter_pdfs
from notifications.services.delivery import (
    BATCH_SIZE,
    QUEUE_GRACE,
    RENEW_EVERY,
    claim,
    mark_sent,
    renew_claim,
    retry_or_fail,
)

logger = logging.getLogger(__name__)

SHIPMENT_BATCH = 25  # letters laid out together and sent by one task
POLL_EVERY = timedelta(minutes=10)  # between two questions about one shipment's status
POLL_FOR = timedelta(days=30)  # a shipment not final after this is no longer asked about
POLL_LIMIT = 5000


def _title(notice: Notice) -> str:
    return notice.frozen_subject or notice.subject


def send_shipments(ids: Sequence[int], now: datetime | None = None) -> dict[str, int]:
    """Claim and send a batch of SvarUt deliveries; record each outcome the moment it is
    known. Returns counts by outcome (no personal data)."""
    now = now or timezone.now()
    outcome = {"sent": 0, "found": 0, "failed": 0, "retry": 0, "skipped": 0}
    token = claim(ids, now, channel=Channel.SVARUT)
    if token is None:
        outcome["skipped"] = len(ids)
        return outcome
    rows = list(
        Delivery.objects.filter(claim_token=token, status=Delivery.Status.SENDING)
        .select_related("notice", "recipient", "incident")
        .order_by("pk")
    )
    try:
        client = svarut.Client.from_settings()
    except svarut.NotConfigured as error:
        retry_or_fail([row.pk for row in rows], token, str(error), False, timezone.now())
        outcome["retry"] = len(rows)
        logger.warning("SvarUt is not configured; %s shipments wait", len(rows))
        return outcome
    # A row claimed before may already be with SvarUt: look it up by its reference first.
    pending: list[Delivery] = []
    for row in rows:
        reference = svarut.external_reference(row.message_id)
        if row.attempts > 1:
            try:
                found = client.find(reference)
            except svarut.SvarUtError as error:
                retry_or_fail([row.pk], token, str(error), False, timezone.now())
                outcome["retry"] += 1
                continue
            if found:
                mark_sent(row.pk, token, False, {"svarut_id": found[0], "svarut_status": "MOTTATT"})
                outcome["found"] += 1
                continue
        pending.append(row)
    if not pending:
        return outcome
    recipients = {row.pk: row.recipient for row in pending}
    letters = [Letter(row.notice, address_of(recipients[row.pk])) for row in pending]
    # Laid out together, per case (the letter names the case's reference).
    pdfs: dict[int, bytes] = {}
    for incident_id in {row.incident_id for row in pending}:
        mine = [(row, letter) for row, letter in zip(pending, letters, strict=True) if row.incident_id == incident_id]
        made = letter_pdfs([letter for _row, letter in mine], reference=mine[0][0].incident.reference)
        pdfs.update({row.pk: pdf for (row, _letter), pdf in zip(mine, made, strict=True)})
    if not renew_claim(token):
        outcome["skipped"] += len(pending)
        logger.warning("shipment batch: claim taken back before sending; left to the new claim")
        return outcome
    renewed = time.monotonic()
    for index, row in enumerate(pending):
        recipient = recipients[row.pk]
        shipment = svarut.Shipment(
            title=_title(row.notice),
            external_reference=svarut.external_reference(row.message_id),
            address=_postal(recipient, letters[index].address),
            pdf=pdfs[row.pk],
            national_id=recipient.national_id,
        )
        try:
            shipment_id = client.send(shipment)
        except svarut.SvarUtError as error:
            retry_or_fail([row.pk], token, str(error), error.permanent, timezone.now())
            outcome["failed" if error.permanent else "retry"] += 1
            continue
        renew = time.monotonic() - renewed >= RENEW_EVERY
        if not mark_sent(row.pk, token, renew, {"svarut_id": shipment_id, "svarut_status": "MOTTATT"}):
            # Stalled past the lease: the rest may be in another worker's hands, and that
            # worker looks each of them up by reference before sending.
            outcome["skipped"] += len(pending) - index
            logger.warning("shipment batch: claim taken back while sending; stopped")
            break
        if renew:
            renewed = time.monotonic()
        outcome["sent"] += 1
    if outcome["failed"] or outcome["retry"]:
        logger.warning("shipment batch: %s", outcome)
    return outcome


def _postal(recipient: Recipient, address: Address) -> svarut.PostalAddress:
    return svarut.PostalAddress(
        name=address.name or "-",
        lines=address.lines,
        postcode=address.postcode,
        place=address.place or "-",
        country="" if (recipient.country or "NO").upper() == "NO" else recipient.country.upper(),
    )


@shared_task(name="notifications.send_shipments", ignore_result=True)
def send_shipment_batch(*delivery_ids: int) -> None:
    """Send notices through SvarUt (art. 34) by delivery id; the claim makes a duplicate or
    late task harmless, the external reference a retry after a crash."""
    send_shipments(delivery_ids)


def flush_shipments(now: datetime | None = None, limit: int = POLL_LIMIT) -> int:
    """Periodic job: queue the SvarUt deliveries that are due and whose task was never
    queued or was lost (a dead worker's rows come back through ``release_expired_claims``
    in the e-mail flush); without a broker, send them from this process."""
    if not svarut.configured():
        return 0
    now = now or timezone.now()
    due = Delivery.objects.filter(channel=Channel.SVARUT, status=Delivery.Status.QUEUED, available_at__lte=now).filter(
        Q(queued_at__isnull=True) | Q(queued_at__lt=now - QUEUE_GRACE)
    )
    ids = list(due.order_by("pk").values_list("pk", flat=True)[:limit])
    size = min(SHIPMENT_BATCH, BATCH_SIZE)
    for start in range(0, len(ids), size):
        batch = ids[start : start + size]
        if broker_enabled() and enqueue_now(send_shipment_batch, *batch, prompt=False):
            Delivery.objects.filter(pk__in=batch, status=Delivery.Status.QUEUED).update(queued_at=now)
        else:
            send_shipments(batch, now)
    return len(ids)


def poll_shipments(now: datetime | None = None, limit: int = POLL_LIMIT) -> int:
    """Periodic job: ask SvarUt how the shipments not yet final are doing, and store it.
    A shipment SvarUt refused or could not deliver becomes a failed delivery (the DPO sees
    it with the other failures and follows it up). Returns how many were asked about."""
    if not svarut.configured():
        return 0
    now = now or timezone.now()
    rows = (
        Delivery.objects.filter(channel=Channel.SVARUT, status=Delivery.Status.SENT, sent_at__gte=now - POLL_FOR)
        .exclude(svarut_id="")
        .exclude(svarut_status__in=svarut_status.FINAL)
        .filter(Q(svarut_checked_at__isnull=True) | Q(svarut_checked_at__lt=now - POLL_EVERY))
    )
    ids = dict(rows.order_by("svarut_checked_at", "pk").values_list("svarut_id", "pk")[:limit])
    if not ids:
        return 0
    try:
        statuses = svarut.Client.from_settings().statuses(ids)
    except svarut.SvarUtError as error:
        logger.warning("SvarUt status poll failed: %s", error)
        return 0
    for shipment_id, pk in ids.items():
        status = statuses.get(shipment_id, "")
        row = Delivery.objects.filter(pk=pk, status=Delivery.Status.SENT)
        if not status:
            row.update(svarut_checked_at=now)
        elif svarut_status.outcome(status) == svarut_status.FAILED:
            row.update(
                svarut_status=status, svarut_checked_at=now, status=Delivery.Status.FAILED, error=f"SvarUt: {status}"
            )
        else:
            row.update(svarut_status=status, svarut_checked_at=now)
    return len(ids)
