"""Telling every affected person exactly once (art. 34(1)): one delivery row per (notice,
recipient), sent by workers in batches, recorded one by one.

The rules that make "once" hold (DESIGN.md "What leaves the house"):

- A UNIQUE (notice, recipient) constraint; sending twice inserts nothing new.
- A worker takes its rows with one conditional UPDATE (``status = 'queued'`` → ``'sending'``
  with its own claim token); two tasks for the same rows cannot both win a row.
- Each row is marked ``sent`` in its own statement right after the SMTP server's 250 for
  that message, so a crash loses the outcome of at most the one message that was in
  flight on each SMTP connection.
- A claim is a short lease (CLAIM_LEASE) that the sending worker renews every RENEW_EVERY
  while it sends, in the same statement as a "sent" mark. A claim whose lease ran out
  belongs to a dead worker; ``flush_deliveries`` (periodic, every 10 s in Celery beat and in
  run_scheduler alike) puts those rows back in the queue and queues again rows whose task
  was lost, so a dead worker's rows are sent again within about 40 s of its death. A task
  the dead worker had taken but not begun (its rows still queued, never claimed) is
  queued again once no task waits in the broker (LOST_TASK_GRACE), not after the broker's
  visibility timeout. Rows of a dead worker that were already marked ``sent`` are not
  touched; rows it had claimed but not yet reached were never handed to SMTP. A worker
  that finds its claim taken back (it was stalled past the lease) stops at once: the
  message it had in flight is the only one that may go out twice.
- A row waiting out a back-off (``available_at`` in the future) is claimed by no one.

What remains: the message in flight when a worker process is killed — accepted by the SMTP
server, but its 250 not yet recorded — is sent again, with the same Message-ID (the row's,
reused on every attempt), so mail systems and clients that collapse duplicates by
Message-ID show it once. At most one such message per killed SMTP connection (one per
worker pool process). An SMTP conversation cannot tell the sender whether an interrupted
message was accepted; the alternative (marking before sending) would lose messages.

Where the time goes, and what each speed-up keeps (issue #20, bench/fanout.py):

- The send order's rows are made by one ``INSERT … SELECT`` per INSERT_BATCH people, in
  the database (``send_order_fulfil``): the same rows, the same unique constraint, the
  same short transactions; only the Python loop over each person is gone.
- Where the mail server offers PIPELINING, each message's envelope (MAIL FROM, RCPT TO,
  DATA) goes in one write, and the next message's envelope goes in the same write as this
  message's final dot (``transport.Pipeline``): one round trip per message instead of
  four. The message is accepted on the answer after its final dot, as before, and its mark
  follows that answer; the next message's body is written only after the mark is
  committed, so the crash window is unchanged. An envelope alone delivers nothing.
- The "sent" mark is still one statement per message, committed before the next message
  is handed to SMTP (batching the marks would let a killed worker's accepted-but-
  unrecorded messages grow from one per connection to a whole batch: the design does not
  allow it). It is a statement PostgreSQL prepares once per connection, committed
  without waiting for the WAL flush as before (``mark_sent``).
- BATCH_SIZE messages per task share one claim, one database connection, one SMTP
  connection and one rendering of the notice. A killed worker holds at most a batch per
  process, free again after CLAIM_LEASE; none of it was handed to SMTP.

No personal data here beyond the recipient FK: addresses are read at send time, never put
in task arguments or logs, and removed from SMTP error texts before they are stored."""

from __future__ import annotations

import contextlib
import logging
import operator
import smtplib
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import reduce
from typing import Any, cast

from celery import shared_task
from django.db import connection as db_connection
from django.db import models, transaction
from django.db.models import Case, F, Q, Value, When
from django.db.models.sql import UpdateQuery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import permissions
from accounts.models import User
from core.errors import Conflict, Invalid, NotPermitted
from core.queue import broker_enabled, enqueue_now, enqueue_on_commit, waiting_tasks
from incidents.models import TEXT_MAX
from incidents.services.events import Kind as EventKind
from incidents.services.events import record_event
from incidents.services.locking import lock_incident
from notifications.models import Channel, Recipient
from notifications.models import Delivery as Delivery
from notifications.models import SendOrder as SendOrder
from notifications.rules import channels as channel_rules
from notifications.rules.delivery_errors import NO_CHANNEL_ERROR
from notifications.selectors.notices import refuse_before_decision
from notifications.selectors.send_plan import NoticeMap, notice_for, send_plan
from notifications.services.channels import (
    RETRY_FIELDS,
    channel_for,
    delivery_order,
    fallback_channel,
    retry_channels,
    svarut_configured,
)
from notifications.services.delivery_progress import all_notices_delivered as all_notices_delivered
from notifications.services.delivery_progress import counts_by_channel as counts_by_channel
from notifications.services.delivery_progress import (
    deliveries_ready_for_completion as deliveries_ready_for_completion,
)
from notifications.services.delivery_progress import delivery_counts as delivery_counts
from notifications.services.delivery_progress import failed_deliveries as failed_deliveries
from notifications.services.notice_mail import BatchRender as BatchRender
from notifications.services.notice_mail import notice_message as notice_message
from notifications.transport import Pipeline, header_safe, new_message_id, open_connection

logger = logging.getLogger(__name__)

# Short, and renewed by the sending worker: a dead worker's rows are free again soon.
CLAIM_LEASE = timedelta(seconds=30)
RENEW_EVERY = 5.0  # seconds of sending between two renewals of the lease
# A queued row whose task has not claimed it after this long had its task lost.
QUEUE_GRACE = timedelta(minutes=10)
# ... or after this long, when no task waits in the broker: the row's task was taken by a
# worker that died before claiming the row (the broker would give it back only after its
# visibility timeout). A task sent twice is harmless: the claim lets one of them send.
LOST_TASK_GRACE = timedelta(seconds=30)
# A send order not carried out after this long had its task lost; the flush does it.
ORDER_GRACE = timedelta(seconds=30)
BATCH_SIZE = 500  # messages per task and SMTP connection: its set-up is shared by them all
INSERT_BATCH = 5000
MAX_ATTEMPTS = 8
EMBEDDED_LIMIT = 2000
BROKER_LIMIT = 50000


# --- Sending ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SendResult:
    queued: int
    language_fallback: int


class PlanChanged(Conflict):
    """The list changed between the confirmation the DPO saw and the press of "send"."""


def notices_send(*, incident_id: int, by: User, expected: int | None = None, now: datetime | None = None) -> SendResult:
    """Send the approved notices to every person on the list who has not had them (art.
    34(1): without undue delay; 34(2): the approved text, in the person's language). A
    person whose language has no approved notice gets the organisation's default language.
    Pressing twice queues nothing new; people added since are queued. ``expected``: how
    many people the DPO confirmed (the confirmation page); another number sends nothing
    (``PlanChanged``). The API sends without it (CONTRACT.md).

    The request records the decision (a SendOrder) and counts who will be told, in a
    number of queries that does not grow with the list; ``send_order_fulfil`` (a task,
    and the periodic flush) writes the delivery rows."""
    from notifications.services.recipients import default_language

    now = now or timezone.now()
    if not by.has_perm(permissions.DECIDE):
        raise NotPermitted(_("Bare personvernombudet kan sende varslene."))
    with transaction.atomic():
        incident = lock_incident(incident_id)
        plan = send_plan(incident, default_language())
        queued, fallbacks = plan.people, plan.fallbacks
        if expected is not None and expected != queued:
            raise PlanChanged(
                ngettext(
                    "Listen er endret siden du så den: nå får %(n)s person varselet. Se over og bekreft på nytt.",
                    "Listen er endret siden du så den: nå får %(n)s personer varselet. Se over og bekreft på nytt.",
                    queued,
                )
                % {"n": queued}
            )
        pending = SendOrder.objects.filter(incident=incident, done_at__isnull=True).first()
        if pending is not None:
            # An order not yet carried out takes everyone on the list when it runs: this
            # press adds only the people it has not counted (added since).
            waiting = (
                pending.queued
                - Delivery.objects.filter(incident=incident, created_at__gte=pending.requested_at).count()
            )
            added = max(queued - max(waiting, 0), 0)
            SendOrder.objects.filter(pk=pending.pk).update(queued=F("queued") + added)
            if added:
                record_event(incident=incident, by=by, kind=EventKind.NOTICES_SENT, details={"queued": added}, now=now)
            return SendResult(queued=added, language_fallback=min(fallbacks, added))
        if not queued:
            return SendResult(queued=0, language_fallback=0)
        order = SendOrder.objects.create(
            incident=incident,
            notices=[[audience_id, language, notice_id] for (audience_id, language), notice_id in plan.notices.items()],
            first_audience_id=plan.first_audience,
            fallback_language=plan.fallback_language,
            queued=queued,
            requested_by=by,
            requested_at=now,
        )
        enqueue_on_commit(fulfil_send_order, order.pk)
        record_event(incident=incident, by=by, kind=EventKind.NOTICES_SENT, details={"queued": queued}, now=now)
    logger.info("notices to be sent for incident %s: %s people", incident_id, queued)
    return SendResult(queued=queued, language_fallback=fallbacks)


def send_order_fulfil(order_id: int, now: datetime | None = None) -> int:
    """Write a delivery row for everyone on the list who has not had their notice, as the
    order decided, and queue them. Each row gets its channel here (rules.channels: the
    organisation's order, and what is known of the person); a person no channel can reach
    is recorded as failed at once, for the DPO to follow up. Only e-mail rows are handed to
    the e-mail sender; the other channels' rows wait, queued, for their own senders.

    Batches of INSERT_BATCH people, each in a short transaction of its own (SQLite holds
    its one write lock no longer than that). The notice and the channel depend on a
    person's audience, language, and whether they have an e-mail address and a national
    ID: decided here for each of those few groups, and the rows are then made by one
    ``INSERT … SELECT`` per batch in the database, not one object per person in Python.
    Only where the channel also depends on the postal address being complete (a letter,
    or SvarUt without a national ID, before e-mail in the organisation's order) are the
    people looked at one by one. Running twice, or at once in two processes, adds
    nothing: the unique (notice, recipient). Returns how many rows it wrote."""
    order = SendOrder.objects.filter(pk=order_id, done_at__isnull=True).first()
    if order is None:
        return 0
    notices: NoticeMap = {(audience_id, language): notice_id for audience_id, language, notice_id in order.notices}
    people = Recipient.objects.filter(incident_id=order.incident_id, purged_at__isnull=True)
    order_of_channels, svarut = delivery_order(), svarut_configured()
    kinds = people.annotate(
        with_email=Case(When(email="", then=Value(0)), default=Value(1)),
        with_id=Case(When(national_id_key__isnull=True, then=Value(0)), default=Value(1)),
    ).values_list("audience_id", "language", "with_email", "with_id")
    groups: list[tuple[object, ...]] = []
    by_hand: list[Q] = []
    unmatched = 0
    for own_audience, language, with_email, with_id in set(kinds.distinct()):
        notice_id, used_fallback, _audience = notice_for(
            own_audience, language, notices, order.first_audience_id, order.fallback_language
        )
        if notice_id is None:
            unmatched += 1  # added since, to an audience or language without a notice
            continue
        reach = [
            channel_rules.Reach(email=bool(with_email), national_id=bool(with_id), postal_address=postal)
            for postal in (False, True)
        ]
        chosen = {channel_rules.choose_channel(r, order_of_channels, svarut_configured=svarut) for r in reach}
        if len(chosen) > 1:  # the postal address decides: person by person
            by_hand.append(
                Q(audience_id=own_audience, language=language)
                & (~Q(email="") if with_email else Q(email=""))
                & Q(national_id_key__isnull=not with_id)
            )
            continue
        channel = chosen.pop()
        fallback = fallback_channel(email="x" if with_email else "", has_national_id=bool(with_id))
        status, error = (Delivery.Status.QUEUED, "") if channel else (Delivery.Status.FAILED, NO_CHANNEL_ERROR)
        groups.append(
            (
                own_audience or 0,
                language,
                with_email,
                with_id,
                notice_id,
                used_fallback,
                channel or fallback,
                status,
                error,
            )
        )
    created = 0
    last = 0
    ordered = people.order_by("pk").values_list("pk", flat=True)
    while groups or by_hand:
        bound = ordered.filter(pk__gt=last)[INSERT_BATCH - 1 : INSERT_BATCH].first()
        upper = bound if bound is not None else ordered.filter(pk__gt=last).last()
        if upper is None:
            break
        start = timezone.now()
        with transaction.atomic():
            if groups:
                _insert_deliveries(order, groups, last, upper, start)
            if by_hand:
                chunk = people.filter(reduce(operator.or_, by_hand), pk__gt=last, pk__lte=upper)
                _insert_one_by_one(order, notices, chunk, start, order_of_channels, svarut)
            rows = Delivery.objects.filter(
                incident_id=order.incident_id, recipient_id__gt=last, recipient_id__lte=upper
            )
            created += rows.filter(created_at=start).count()
            _queue(rows.filter(status=Delivery.Status.QUEUED, queued_at__isnull=True, available_at__lte=start), start)
        last = upper
        if bound is None:
            break
    SendOrder.objects.filter(pk=order.pk, done_at__isnull=True).update(done_at=now or timezone.now())
    if unmatched:
        logger.warning("send order %s: %s groups of people have no approved notice", order.pk, unmatched)
    return created


def _insert_one_by_one(
    order: SendOrder,
    notices: NoticeMap,
    people: models.QuerySet[Recipient],
    now: datetime,
    order_of_channels: tuple[str, ...],
    svarut: bool,
) -> None:
    """The rows of people whose channel depends on their postal address, one by one."""
    new = []
    fields = ("pk", "audience_id", "language", "email", "national_id_key", "address1", "postcode", "place", "country")
    for recipient_id, own_audience, language, email, id_key, address1, postcode, place, country in people.values_list(
        *fields
    ):
        notice_id, used_fallback, _audience = notice_for(
            own_audience, language, notices, order.first_audience_id, order.fallback_language
        )
        if notice_id is None:
            continue
        has_id = id_key is not None
        channel = channel_for(
            email=email,
            has_national_id=has_id,
            address1=address1,
            postcode=postcode,
            place=place,
            country=country,
            order=order_of_channels,
            svarut=svarut,
        )
        new.append(
            Delivery(
                incident_id=order.incident_id,
                notice_id=notice_id,
                recipient_id=recipient_id,
                language_fallback=used_fallback,
                channel=channel or fallback_channel(email=email, has_national_id=has_id),
                created_at=now,
                available_at=order.requested_at,  # due since the DPO pressed "send"
                **({} if channel else {"status": Delivery.Status.FAILED, "error": NO_CHANNEL_ERROR}),
            )
        )
    Delivery.objects.bulk_create(new, ignore_conflicts=True)


def _insert_deliveries(
    order: SendOrder, groups: Sequence[tuple[object, ...]], after: int, upto: int, now: datetime
) -> None:
    """One statement: a delivery for each person with ``after < pk <= upto`` whose group has
    a notice, with the group's channel (queued, or failed when no channel reaches them),
    skipping those who have it already. Message-IDs are made by the database in the form of
    ``transport.new_message_id`` (random, on the sender's domain)."""
    quote = db_connection.ops.quote_name
    if db_connection.vendor == "postgresql":
        random_hex = "replace(gen_random_uuid()::text, '-', '')"
    else:
        random_hex = "lower(hex(randomblob(16)))"
    values = ", ".join(["(CAST(%s AS bigint), %s, %s, %s, CAST(%s AS bigint), %s, %s, %s, %s)"] * len(groups))
    table, people = quote(Delivery._meta.db_table), quote(Recipient._meta.db_table)
    domain = new_message_id().rsplit("@", 1)[1].rstrip(">")
    # m.column1…9: the VALUES list's own column names, the same in PostgreSQL and SQLite.
    # Only quoted table names and placeholders are put into the string; values are parameters.
    sql = (
        f"INSERT INTO {table} (incident_id, notice_id, recipient_id, language_fallback, channel, "  # noqa: S608
        "status, message_id, attempts, created_at, available_at, claim_token, error, resolution, "
        "svarut_id, svarut_status) "
        f"SELECT r.incident_id, m.column5, r.id, m.column6, m.column7, m.column8, '<' || {random_hex} || %s, "
        "0, %s, %s, '', m.column9, '', '', '' "
        f"FROM {people} r JOIN (VALUES {values}) AS m "
        "ON COALESCE(r.audience_id, 0) = m.column1 AND r.language = m.column2 "
        "AND CASE WHEN r.email = '' THEN 0 ELSE 1 END = m.column3 "
        "AND CASE WHEN r.national_id_key IS NULL THEN 0 ELSE 1 END = m.column4 "
        "WHERE r.incident_id = %s AND r.purged_at IS NULL AND r.id > %s AND r.id <= %s "
        # In the order of the list, whichever index the database reads it by.
        "ORDER BY r.id ON CONFLICT DO NOTHING"
    )
    adapt = db_connection.ops.adapt_datetimefield_value
    params: list[Any] = [f"@{domain}>", adapt(now), adapt(order.requested_at)]
    params += [value for group in groups for value in group]
    params += [order.incident_id, after, upto]
    with db_connection.cursor() as cursor:
        cursor.execute(sql, params)


@shared_task(name="notifications.fulfil_send_order", ignore_result=True)
def fulfil_send_order(order_id: int) -> None:
    """Write and queue the delivery rows of the DPO's decision to send (by id)."""
    send_order_fulfil(order_id)


def fulfil_send_orders(now: datetime | None = None, older_than: timedelta = timedelta(0)) -> int:
    """Carry out the send orders not yet done that were made before ``now - older_than``
    (the periodic flush: at once without a broker, else those whose task was lost)."""
    now = now or timezone.now()
    pending = SendOrder.objects.filter(done_at__isnull=True, requested_at__lte=now - older_than).order_by("pk")
    return sum(send_order_fulfil(pk, now) for pk in pending.values_list("pk", flat=True))


def _queue(rows: models.QuerySet[Delivery], now: datetime) -> int:
    """Mark e-mail rows as handed to a task and enqueue them after commit, in batches of
    ids; the other channels' rows are left for their own senders."""
    ids = list(rows.filter(channel=Channel.EMAIL).order_by("pk").values_list("pk", flat=True))
    if not broker_enabled():
        return len(ids)  # embedded: run_scheduler's flush sends them
    for start in range(0, len(ids), INSERT_BATCH):
        Delivery.objects.filter(pk__in=ids[start : start + INSERT_BATCH]).update(queued_at=now)
    for start in range(0, len(ids), BATCH_SIZE):
        enqueue_on_commit(send_delivery_batch, *ids[start : start + BATCH_SIZE])
    return len(ids)


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def _is_permanent(error: BaseException) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 500 <= error.smtp_code < 600
    return False


def _error_text(error: BaseException, address: str) -> str:
    """The SMTP answer without the recipient's address (servers often repeat it)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, answer = next(iter(error.recipients.values()), (0, b""))
        text = f"{code} {answer.decode('utf-8', 'replace') if isinstance(answer, bytes) else answer}"
    elif isinstance(error, smtplib.SMTPResponseException):
        reply: bytes | str = error.smtp_error
        text = f"{error.smtp_code} {reply.decode('utf-8', 'replace') if isinstance(reply, bytes) else reply}"
    else:
        text = f"{type(error).__name__}: {error}"
    if address:
        text = text.replace(address, "<mottaker>").replace(address.lower(), "<mottaker>")
    return header_safe(text, 500)


def _connection_broken(error: BaseException) -> bool:
    """The connection cannot carry another message: stop the batch, give the rest back."""
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return True
    if isinstance(error, smtplib.SMTPResponseException) and error.smtp_code in (421,):
        return True
    return isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)


def retry_or_fail(ids: Sequence[int], token: str, error_text: str, permanent: bool, now: datetime) -> None:
    rows = Delivery.objects.filter(pk__in=ids, claim_token=token, status=Delivery.Status.SENDING)
    common = {"claim_token": "", "claimed_at": None, "error": error_text}
    if permanent:
        rows.update(status=Delivery.Status.FAILED, **common)
        return
    rows.filter(attempts__gte=MAX_ATTEMPTS).update(status=Delivery.Status.FAILED, **common)
    for attempts in set(rows.values_list("attempts", flat=True)):
        rows.filter(attempts=attempts).update(
            status=Delivery.Status.QUEUED, available_at=now + _backoff(attempts), queued_at=None, **common
        )


def _update_relaxed(rows: models.QuerySet[Delivery], **values: Any) -> int:
    """``rows.update(**values)`` whose commit, on PostgreSQL, does not wait for the WAL flush.
    A killed worker loses nothing by it (the server has the commit); only a crash of the
    database server itself could forget the last few hundred milliseconds of "sent" marks,
    whose messages would then be sent again with the same Message-IDs.

    ``SET LOCAL`` and the UPDATE go as one statement string, which PostgreSQL runs as one
    transaction, in one round trip: the setting ends with that transaction, so nothing that
    later runs on this connection (the next task in a worker) commits asynchronously."""
    if db_connection.vendor != "postgresql":
        return rows.update(**values)
    query = cast(UpdateQuery, rows.query.chain(UpdateQuery))
    query.add_update_values(values)
    statement, params = query.get_compiler(rows.db).as_sql()
    with db_connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off; " + statement, params)
        cursor.nextset()
        return int(cursor.rowcount)


def mark_sent(pk: int, token: str, renew: bool, extra: dict[str, Any] | None = None) -> bool:
    """Record the SMTP server's 250 (or SvarUt's receipt) for one row, in one statement of
    its own; with ``renew``, the same statement extends the lease of the claim's other rows.
    ``extra``: more fields of that row to set in the same statement (the SvarUt shipment's
    id). False when the claim is no longer this worker's (the lease ran out and the rows
    were given back).

    The common case (an e-mail, no renewal) on PostgreSQL is one prepared statement that
    the server parsed once per connection: the worker spends its time on SMTP, not on
    building and quoting the same UPDATE for every message (about a quarter of the worker's
    CPU per message before). It keeps the guarantee of the statement it replaces: the row is
    marked, and the mark committed, before the next message is handed to SMTP, so a crash
    leaves at most this one message unrecorded."""
    now = timezone.now()
    extra = extra or {}
    if not renew:
        if not extra and db_connection.vendor == "postgresql" and db_connection.get_autocommit():
            db_connection.ensure_connection()
            with db_connection.connection.cursor() as cursor:
                cursor.execute(_MARK_SENT_PREPARED, [now, pk, token], prepare=True)
                return bool(cursor.rowcount)
        rows = Delivery.objects.filter(pk=pk, claim_token=token, status=Delivery.Status.SENDING)
        return bool(_update_relaxed(rows, status=Delivery.Status.SENT, sent_at=now, claim_token="", error="", **extra))
    this = Q(pk=pk)
    return bool(
        _update_relaxed(
            Delivery.objects.filter(claim_token=token, status=Delivery.Status.SENDING),
            status=Case(When(this, then=Value(Delivery.Status.SENT)), default=F("status")),
            sent_at=Case(When(this, then=Value(now)), default=F("sent_at")),
            claim_token=Case(When(this, then=Value("")), default=F("claim_token")),
            error=Case(When(this, then=Value("")), default=F("error")),
            claimed_at=now,
            **{name: Case(When(this, then=Value(value)), default=F(name)) for name, value in extra.items()},
        )
    )


# One statement, so it can be prepared: the CTE does what ``SET LOCAL synchronous_commit =
# off`` does in _update_relaxed (set_config(…, true) is local to this statement's own
# transaction, and the setting counts at commit); EXISTS makes the server evaluate it.
_MARK_SENT_PREPARED = (
    "WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true)) "
    "UPDATE notifications_delivery SET status = 'sent', sent_at = %s, claim_token = '', "
    "error = '' WHERE id = %s AND claim_token = %s AND status = 'sending' "
    "AND EXISTS (SELECT FROM relaxed)"
)


def renew_claim(token: str) -> bool:
    """Extend the lease of the claim's unsent rows; False when the claim was taken back."""
    return bool(
        Delivery.objects.filter(claim_token=token, status=Delivery.Status.SENDING).update(claimed_at=timezone.now())
    )


def claim(ids: Iterable[int], now: datetime, channel: str = Channel.EMAIL) -> str | None:
    """Take the queued rows of ``channel`` among ``ids`` that are due (``available_at``
    passed: a row waiting out a back-off stays where it is) for this caller; returns the
    claim token, or None when another sender has them all (or they are done, or none is
    due). A row of another channel is never taken: each channel has its own sender."""
    token = uuid.uuid4().hex
    won = Delivery.objects.filter(
        pk__in=list(ids), channel=channel, status=Delivery.Status.QUEUED, available_at__lte=now
    ).update(status=Delivery.Status.SENDING, claimed_at=now, claim_token=token, attempts=F("attempts") + 1)
    return token if won else None


def send_batch(ids: Sequence[int], now: datetime | None = None) -> dict[str, int]:
    """Claim and send a batch of deliveries over one SMTP connection; record each outcome
    the moment it is known. Returns counts by outcome (no personal data)."""
    from notifications.models import Notice

    now = now or timezone.now()
    outcome = {"sent": 0, "failed": 0, "retry": 0, "skipped": 0}
    token = claim(ids, now)
    if token is None:
        outcome["skipped"] = len(ids)
        return outcome
    rows = list(
        Delivery.objects.filter(claim_token=token, status=Delivery.Status.SENDING)
        .order_by("pk")
        .values_list("pk", "notice_id", "message_id", "recipient__email", "recipient__name")
    )
    notices = {
        n.pk: n
        for n in Notice.objects.filter(pk__in={row[1] for row in rows}).only(
            "language", "frozen_subject", "frozen_text", "frozen_html"
        )
    }
    connection: Any = open_connection()
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as error:
        retry_or_fail([r[0] for r in rows], token, _error_text(error, ""), _is_permanent(error), timezone.now())
        outcome["retry"] = len(rows)
        logger.warning(
            "delivery batch: SMTP connection failed (%s); %s rows back in the queue", type(error).__name__, len(rows)
        )
        return outcome
    smtp = getattr(connection, "connection", None)
    fast = BatchRender(notices) if isinstance(smtp, smtplib.SMTP) else None
    pipe = Pipeline(smtp, fast.sender) if fast is not None and smtp is not None else None
    rendered: dict[int, bytes | None] = {}

    def ready(index: int) -> bytes | None:
        """Row ``index`` as ready bytes (rendered once), or None: no address, or a message
        of its own to build (``notice_message``)."""
        if index not in rendered:
            _pk, notice_id, message_id, address, name = rows[index]
            rendered[index] = fast.render(notice_id, address, message_id, name) if fast and address else None
        return rendered[index]

    renewed = time.monotonic()
    try:
        if not renew_claim(token):  # the connection took longer than the lease
            outcome["skipped"] = len(rows)
            logger.warning("delivery batch: claim taken back before sending; left to the new claim")
            return outcome
        for index, (pk, notice_id, message_id, address, name) in enumerate(rows):
            try:
                if not address:
                    raise smtplib.SMTPRecipientsRefused({"": (550, b"address purged")})
                raw = ready(index)
                rendered.pop(index, None)
                if raw is not None and pipe is not None:
                    # The next message's envelope rides with this one's final dot; its
                    # body waits for the next turn, after this one is marked sent.
                    following = ready(index + 1) if index + 1 < len(rows) else None
                    pipe.send(address, raw, then=(rows[index + 1][3], following) if following else None)
                else:
                    message = notice_message(
                        notices[notice_id], to=address, name=name, message_id=message_id, connection=connection
                    )
                    connection.send_messages([message])
            except (smtplib.SMTPException, OSError) as error:
                permanent = _is_permanent(error)
                retry_or_fail([pk], token, _error_text(error, address), permanent, timezone.now())
                outcome["failed" if permanent else "retry"] += 1
                if _connection_broken(error):
                    rest = [r[0] for r in rows[index + 1 :]]
                    retry_or_fail(rest, token, _error_text(error, ""), False, timezone.now())
                    outcome["retry"] += len(rest)
                    break
                if time.monotonic() - renewed >= RENEW_EVERY:
                    if not renew_claim(token):
                        outcome["skipped"] += len(rows) - index - 1
                        logger.warning("delivery batch: claim taken back while sending; stopped")
                        break
                    renewed = time.monotonic()
                continue
            # Recorded at once, in its own statement: the crash window is this line.
            renew = time.monotonic() - renewed >= RENEW_EVERY
            if not mark_sent(pk, token, renew):
                # Stalled past the lease: the rows were given back and may be in another
                # worker's hands. Sending on would send them twice; this message is the
                # one in flight.
                outcome["skipped"] += len(rows) - index
                logger.warning("delivery batch: claim taken back while sending; stopped")
                break
            if renew:
                renewed = time.monotonic()
            outcome["sent"] += 1
    finally:
        # A dead connection may fail to QUIT; the outcomes are already recorded.
        with contextlib.suppress(Exception):
            if pipe is not None:
                pipe.close()  # an envelope written ahead: no QUIT into its DATA
            connection.close()
    if outcome["failed"] or outcome["retry"]:
        logger.warning("delivery batch: %s", outcome)
    return outcome


@shared_task(name="notifications.send_delivery_batch", ignore_result=True)
def send_delivery_batch(*delivery_ids: int) -> None:
    """Send a batch of notices to affected people (art. 34) by delivery id; the claim makes
    a duplicate or late task harmless."""
    send_batch(delivery_ids)


def release_expired_claims(now: datetime) -> list[int]:
    """Give the rows of claims whose lease ran out (their worker died, or stalled past the
    lease) back to the queue; returns their ids."""
    expired = Delivery.objects.filter(status=Delivery.Status.SENDING, claimed_at__lt=now - CLAIM_LEASE)
    ids = list(expired.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), INSERT_BATCH):
        expired.filter(pk__in=ids[start : start + INSERT_BATCH]).update(
            status=Delivery.Status.QUEUED, claim_token="", claimed_at=None, queued_at=None
        )
    return ids


def flush_deliveries(now: datetime | None = None, limit: int | None = None) -> int:
    """Periodic job: give rows of dead workers back to the queue (claim older than
    CLAIM_LEASE) and queue again rows that are due and whose task was lost. A dead worker's
    rows go on the prompt queue, ahead of the notices still waiting, so they are not left
    until the end of a long send. Without a broker (embedded) it sends them from this
    process, up to EMBEDDED_LIMIT per run."""
    now = now or timezone.now()
    use_broker = broker_enabled()
    fulfil_send_orders(now, ORDER_GRACE if use_broker else timedelta(0))
    released = [
        pk
        for pk, channel in Delivery.objects.filter(pk__in=release_expired_claims(now)).values_list("pk", "channel")
        if channel == Channel.EMAIL
    ]
    # E-mail only: the rows of the other channels wait for their own senders.
    due = Delivery.objects.filter(channel=Channel.EMAIL, status=Delivery.Status.QUEUED, available_at__lte=now)
    waiting = due.filter(queued_at__isnull=False, queued_at__lt=now - LOST_TASK_GRACE)
    grace = LOST_TASK_GRACE if use_broker and waiting.exists() and waiting_tasks() == 0 else QUEUE_GRACE
    due = due.filter(Q(queued_at__isnull=True) | Q(queued_at__lt=now - grace))
    limit = limit or (BROKER_LIMIT if use_broker else EMBEDDED_LIMIT)
    if use_broker:
        due = due.exclude(pk__in=released)
    ids = list(due.order_by("pk").values_list("pk", flat=True)[:limit])
    batches = [(released[i : i + BATCH_SIZE], True) for i in range(0, len(released), BATCH_SIZE)] if use_broker else []
    batches += [(ids[i : i + BATCH_SIZE], False) for i in range(0, len(ids), BATCH_SIZE)]
    handled = 0
    for batch, prompt in batches:
        if use_broker and enqueue_now(send_delivery_batch, *batch, prompt=prompt):
            Delivery.objects.filter(pk__in=batch, status=Delivery.Status.QUEUED).update(queued_at=now)
        else:
            send_batch(batch, now)
        handled += len(batch)
    return handled


# --- Progress, retries and the DPO's follow-up --------------------------------------------


def _dpo_lock(incident_id: int, by: User, message: str) -> Any:

    if not by.has_perm(permissions.DECIDE):
        raise NotPermitted(message)
    return lock_incident(incident_id)


@dataclass(frozen=True)
class Retried:
    """A retry's outcome: how many were queued again, how many of them by another channel
    than before ({channel: n}), and how many no channel can reach (still failed)."""

    queued: int
    moved: dict[str, int]
    unreachable: int


def deliveries_retry_failed(*, incident_id: int, by: User, now: datetime | None = None) -> Retried:
    """Try the failed deliveries again (art. 34(1): everyone affected is to be told) —
    those the DPO has not already followed up another way. One that failed for good on its
    channel (an e-mail that bounced) goes by the next channel that can reach the person
    (services.channels.retry_channels): the same row, so the notice still reaches each
    person once."""
    now = now or timezone.now()
    with transaction.atomic():
        incident = _dpo_lock(incident_id, by, _("Bare personvernombudet kan sende på nytt."))
        refuse_before_decision(incident, individually=True)  # not while the decision is being reconsidered
        rows = Delivery.objects.filter(incident=incident, status=Delivery.Status.FAILED, resolved_at__isnull=True)
        plan = retry_channels(rows.values_list(*RETRY_FIELDS))
        ids = [pk for pk, (_old, new) in plan.items() if new]
        for channel in {new for _old, new in plan.values() if new}:
            Delivery.objects.filter(pk__in=[pk for pk in ids if plan[pk][1] == channel]).update(
                channel=channel, status=Delivery.Status.QUEUED, available_at=now, queued_at=None, attempts=0
            )
        moved = dict(Counter(new for old, new in plan.values() if new and new != old))
        if ids:
            details = {"queued": len(ids), **({"moved": moved} if moved else {})}
            record_event(incident=incident, by=by, kind=EventKind.DELIVERIES_RETRIED, details=details, now=now)
        _queue(Delivery.objects.filter(pk__in=ids), now)
        return Retried(queued=len(ids), moved=moved, unreachable=len(plan) - len(ids))


def deliveries_record_followup(*, incident_id: int, by: User, note: str, now: datetime | None = None) -> int:
    """The DPO records what was done for the people the e-mail did not reach (a letter, a
    phone call, the public notice). Art. 5(2) accountability: it stays with each failed
    delivery; then the case can be completed."""
    now = now or timezone.now()
    note = note.strip()
    if not note:
        raise Invalid({"note": [_("Skriv hva som er gjort for dem som ikke fikk e-posten.")]})
    if len(note) > TEXT_MAX:
        raise Invalid({"note": [_("Teksten kan være høyst %(max)s tegn.") % {"max": f"{TEXT_MAX:,}"}]})
    with transaction.atomic():
        incident = _dpo_lock(incident_id, by, _("Bare personvernombudet kan registrere oppfølging."))
        rows = Delivery.objects.filter(incident=incident, status=Delivery.Status.FAILED, resolved_at__isnull=True)
        if not rows.exists():
            raise Conflict(_("Det er ingen mislykkede leveringer å følge opp."))
        count = rows.update(resolution=note, resolved_at=now, resolved_by=by)
        record_event(
            incident=incident,
            by=by,
            kind=EventKind.DELIVERIES_FOLLOWED_UP,
            details={"count": count},
            text=note,
            now=now,
        )
        return count
