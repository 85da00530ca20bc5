"""Writing e-mails to the outbox and sending them, exactly as DESIGN.md "What leaves the
house" says: a row in the same transaction as the change; a task sends it by id after
commit; ``flush_outbox`` sends what is pending and re-queues rows whose task was lost."""

from __future__ import annotations

import json
import logging
import smtplib
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from celery import shared_task
from django.db import connection, transaction
from django.db.models import F, Q
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone, translation

from accounts.hooks import StaffEmail
from core.queue import broker_enabled, enqueue_now
from notifications.models import OutboundEmail
from notifications.services import outbox_context
from notifications.transport import build_message, header_safe, message_id_domain, new_message_id, open_connection

logger = logging.getLogger(__name__)

# A row claimed longer ago than this belongs to a worker that died; it may be taken again.
CLAIM_LEASE = timedelta(minutes=5)
# How long a pending row may wait for its task before the flush sends it itself.
QUEUE_GRACE = timedelta(seconds=30)
MAX_ATTEMPTS = 8


def render_plain_text(template_name: str, context: dict[str, object]) -> str:
    """A plain-text template rendered without HTML escaping: in a text/plain e-mail "&" and
    "<" are themselves, and "&amp;" would be shown as typed. Nothing here becomes HTML."""
    template = get_template(template_name)
    return template.template.render(Context(context, autoescape=False))  # type: ignore[attr-defined]


def queue_email(
    *,
    kind: str,
    to_address: str,
    template: str,
    context: dict[str, object],
    language: str,
    incident_id: int | None = None,
    recipient_id: int | None = None,
) -> OutboundEmail:
    """Render ``template``.subject.txt and ``template``.txt in ``language`` and write the
    e-mail to the outbox; it is sent after commit.

    Must be called inside the transaction of the change that causes the e-mail."""
    with translation.override(language):
        body_text = render_plain_text(f"{template}.txt", context)
        subject_text = header_safe(render_plain_text(f"{template}.subject.txt", context), 255)
    email = OutboundEmail.objects.create(
        kind=kind,
        incident_id=incident_id,
        recipient_id=recipient_id,
        to_address=to_address,
        subject=subject_text,
        body_text=body_text,
        message_id=new_message_id(),
        queued_at=timezone.now(),
    )

    def enqueue() -> None:
        if not enqueue_now(send_outbound_email, email.pk):
            # The broker is down: the task is known lost now. Let the next flush take the
            # row at once instead of waiting out QUEUE_GRACE for a task that never comes.
            OutboundEmail.objects.filter(pk=email.pk, status=OutboundEmail.Status.PENDING).update(queued_at=None)

    if broker_enabled():
        transaction.on_commit(enqueue)
    return email


def queue_emails(emails: Sequence[StaffEmail]) -> list[int]:
    """Write many e-mails to the outbox in one INSERT, in the caller's transaction; each is
    sent after commit. Returns their ids. The text is rendered by the sender
    (``render_text``), in the e-mail's language, with the row's case and recipient as
    ``incident`` and ``recipient``: the deadline sweep holds its row locks for the INSERT
    only, not for a thousand renderings."""
    now = timezone.now()
    domain = message_id_domain()
    texts: dict[int, str] = {}  # each shared lazy text looked up once; ``emails`` keeps them alive
    with translation.override(None):  # lazy texts are stored as their source (outbox_context)
        rows: list[dict[str, object]] = [
            {
                "kind": email.kind,
                "incident_id": email.incident_id,
                "recipient_id": email.recipient_id,
                "to_address": email.to_address,
                "template": email.template,
                "language": email.language,
                "context": outbox_context.encode(email.context, texts),
                "message_id": new_message_id(domain),
            }
            for email in emails
        ]
    ids = _insert_all(rows, shared={"created_at": now, "available_at": now, "queued_at": now})

    def enqueue() -> None:
        lost = [email_id for email_id in ids if not enqueue_now(send_outbound_email, email_id)]
        if lost:
            # As in queue_email: the next flush takes these at once.
            OutboundEmail.objects.filter(pk__in=lost, status=OutboundEmail.Status.PENDING).update(queued_at=None)

    if broker_enabled() and ids:
        transaction.on_commit(enqueue)
    return ids


def _json_time(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()  # to the microsecond, with its offset
    raise TypeError(f"{type(value).__name__} is not JSON")


def _insert_all(rows: list[dict[str, object]], shared: dict[str, object] | None = None) -> list[int]:
    """INSERT outbox rows (field attname → value), with ``shared`` the values every row has
    and the model's defaults for the rest, in one statement. On PostgreSQL the rows travel
    as one JSON parameter through ``jsonb_to_recordset`` and the shared values and defaults
    once each: bulk_create would prepare and quote each of the thousands of values one by
    one, which costs more than the INSERT itself."""
    if not rows:
        return []
    shared = shared or {}
    if connection.vendor != "postgresql":
        return [row.pk for row in OutboundEmail.objects.bulk_create([OutboundEmail(**shared, **row) for row in rows])]
    quote = connection.ops.quote_name
    fields = [f for f in OutboundEmail._meta.concrete_fields if not f.primary_key]
    per_row = [f for f in fields if f.attname in rows[0]]
    once = {
        f.column: f.get_db_prep_save(shared[f.attname] if f.attname in shared else f.get_default(), connection)
        for f in fields
        if f.attname not in rows[0]
    }
    columns = [(f.attname, f.column) for f in per_row]
    document = json.dumps([{column: row[name] for name, column in columns} for row in rows], default=_json_time)
    names = ", ".join(quote(f.column) for f in fields)
    values = ", ".join(f"%s::{f.db_type(connection)}" if f.column in once else f"r.{quote(f.column)}" for f in fields)
    types = ", ".join(f"{quote(f.column)} {f.db_type(connection)}" for f in per_row)
    pk = quote(OutboundEmail._meta.pk.column)
    # The columns are the model's own names and types, never input; the values are parameters.
    sql = (
        f"INSERT INTO {quote(OutboundEmail._meta.db_table)} ({names}) "  # noqa: S608
        f"SELECT {values} FROM jsonb_to_recordset(%s::jsonb) AS r({types}) RETURNING {pk}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*once.values(), document])
        return [pk for (pk,) in cursor.fetchall()]


def render_text(email: OutboundEmail) -> OutboundEmail:
    """Fill in the subject and text of an e-mail written by ``queue_emails`` from its
    template, in its language (unsaved). An e-mail that has its text is returned as it is."""
    if not email.template or email.body_text:
        return email
    with translation.override(email.language or None):
        context = outbox_context.decode(email.context)
        context["incident"] = email.incident
        context["recipient"] = email.recipient
        email.body_text = render_plain_text(f"{email.template}.txt", context)
        email.subject = header_safe(render_plain_text(f"{email.template}.subject.txt", context), 255)
    return email


def fill_in_text(emails: Iterable[OutboundEmail]) -> list[OutboundEmail]:
    """Render and store the text of e-mails that wait for their sender to render it (for a
    look at the outbox before the e-mails are sent)."""
    done = []
    for email in emails:
        if email.template and not email.body_text:
            render_text(email)
            OutboundEmail.objects.filter(pk=email.pk, body_text="").update(
                subject=email.subject, body_text=email.body_text
            )
        done.append(email)
    return done


def _claim(email_id: int, now: datetime) -> bool:
    """Take the row for sending with a conditional UPDATE; True only for the winner."""
    claimable = Q(status=OutboundEmail.Status.PENDING) | Q(
        status=OutboundEmail.Status.SENDING, claimed_at__lt=now - CLAIM_LEASE
    )
    won = OutboundEmail.objects.filter(claimable, pk=email_id, available_at__lte=now).update(
        status=OutboundEmail.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    return won == 1


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def send_email(email_id: int, now: datetime | None = None) -> str:
    """Send one outbox row if this caller wins its claim. Returns the row's new status,
    or "skipped" when another sender has it or it is done."""
    now = now or timezone.now()
    if not _claim(email_id, now):
        return "skipped"
    email = render_text(OutboundEmail.objects.select_related("incident", "recipient").get(pk=email_id))
    message = build_message(
        to=email.to_address,
        subject=email.subject,
        body_text=email.body_text,
        body_html=email.body_html,
        message_id=email.message_id,
        connection=open_connection(),
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        permanent = isinstance(error, smtplib.SMTPResponseException) and 500 <= error.smtp_code < 600
        failed = permanent or email.attempts >= MAX_ATTEMPTS
        status = OutboundEmail.Status.FAILED if failed else OutboundEmail.Status.PENDING
        OutboundEmail.objects.filter(pk=email.pk).update(
            status=status,
            subject=email.subject,
            body_text=email.body_text,
            claimed_at=None,
            available_at=timezone.now() + _backoff(email.attempts),
            last_error=header_safe(f"{type(error).__name__}: {error}", 500),
        )
        logger.warning("outbox email %s not sent (%s), attempt %s", email.pk, type(error).__name__, email.attempts)
        return status
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=OutboundEmail.Status.SENT,
        sent_at=timezone.now(),
        last_error="",
        subject=email.subject,
        body_text=email.body_text,
    )
    return OutboundEmail.Status.SENT


def flush_outbox(now: datetime | None = None, limit: int = 500) -> int:
    """Periodic job: send (embedded) or re-queue (with a broker) every row that is due.

    Rows written in the last QUEUE_GRACE seconds are left to the task enqueued on commit;
    older pending rows had their task lost (Redis down or flushed) and are handled here."""
    now = now or timezone.now()
    from core.queue import broker_enabled

    # A claim whose lease ran out belongs to a sender that died mid-send (SIGKILL): release
    # it, so that the re-queued task, which claims with its own clock, can take it. It is
    # sent again with the same Message-ID (at-least-once, see send_email).
    OutboundEmail.objects.filter(status=OutboundEmail.Status.SENDING, claimed_at__lt=now - CLAIM_LEASE).update(
        status=OutboundEmail.Status.PENDING, claimed_at=None
    )
    due = Q(status=OutboundEmail.Status.PENDING, available_at__lte=now) | Q(
        status=OutboundEmail.Status.SENDING, claimed_at__lt=now - CLAIM_LEASE
    )
    ids = list(OutboundEmail.objects.filter(due).order_by("available_at", "pk").values_list("pk", flat=True)[:limit])
    handled = 0
    for email_id in ids:
        if broker_enabled():
            recently_queued = OutboundEmail.objects.filter(
                pk=email_id, queued_at__gt=now - QUEUE_GRACE, status=OutboundEmail.Status.PENDING
            ).exists()
            if recently_queued:
                continue
            if enqueue_now(send_outbound_email, email_id):
                OutboundEmail.objects.filter(pk=email_id).update(queued_at=now)
                handled += 1
                continue
        # No broker, or the broker is down: send from this process.
        if send_email(email_id, now) != "skipped":
            handled += 1
    return handled


@shared_task(name="notifications.send_outbound_email", ignore_result=True)
def send_outbound_email(email_id: int) -> None:
    """Send one outbox e-mail by id; the claim makes a duplicate task harmless."""
    send_email(email_id)
