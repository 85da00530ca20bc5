"""Sending a batch over a real SMTP server (aiosmtpd) that offers PIPELINING, as Postfix,
Exim and Exchange do: the next message's envelope goes with this message's final dot, and
still every message is recorded as sent before the next one's body is handed over, so a
crash leaves at most the one message in flight unrecorded (DESIGN.md "What leaves the
house"). Refusals inside the pipelined stream fail their own message only."""

from __future__ import annotations

import io
import itertools
import re
import smtplib
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from notifications.services import delivery
from notifications.services.delivery import Delivery, flush_deliveries, fulfil_send_orders, notices_send, send_batch
from notifications.services.recipient_import import import_recipients
from tests.notifications.delivery_helpers import approve_notices, csv_bytes, people

pytestmark = pytest.mark.django_db

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>]+>)", re.MULTILINE | re.IGNORECASE)


@dataclass
class Sink:
    """What the server and the sender did, in the order they did it: ("received", id) when
    the server accepted a message, ("marked", id) when the sender recorded it as sent."""

    port: int = 0
    events: list[tuple[str, str]] = field(default_factory=list)
    writes: list[bytes] = field(default_factory=list)  # every write the sender made
    refuse_dot: set[str] = field(default_factory=set)  # addresses whose message gets 421
    lock: threading.Lock = field(default_factory=threading.Lock)

    def received(self) -> list[str]:
        with self.lock:
            return [mid for kind, mid in self.events if kind == "received"]


@pytest.fixture
def sink(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Sink]:
    from aiosmtpd.controller import Controller

    found = Sink()

    class Handler:
        async def handle_EHLO(self, server: Any, session: Any, envelope: Any, hostname: str, responses: Any) -> Any:
            session.host_name = hostname
            return [*responses[:-1], "250-PIPELINING", responses[-1]]

        async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
            if address.startswith("bounce@"):
                return "550 5.1.1 no such user"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            if set(envelope.rcpt_tos) & found.refuse_dot:
                found.refuse_dot.clear()
                return "421 4.3.2 shutting down"
            message_id = MESSAGE_ID.search(envelope.content)
            with found.lock:
                found.events.append(("received", message_id.group(1).decode() if message_id else ""))
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        found.port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=found.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", found.port, False
    settings.EMAIL_TIMEOUT = 10
    settings.CELERY_BROKER_URL = ""

    real_mark, real_send = delivery.mark_sent, smtplib.SMTP.send

    def mark_sent(pk: int, *args: Any, **kwargs: Any) -> bool:
        done = real_mark(pk, *args, **kwargs)
        with found.lock:
            found.events.append(("marked", Delivery.objects.get(pk=pk).message_id))
        return done

    def send(smtp: smtplib.SMTP, data: Any) -> None:
        if smtp.sock is not None:  # a closed connection writes nothing
            found.writes.append(data if isinstance(data, bytes) else data.encode("ascii"))
        real_send(smtp, data)

    monkeypatch.setattr(delivery, "mark_sent", mark_sent)
    monkeypatch.setattr(smtplib.SMTP, "send", send)
    yield found
    controller.stop()


def queued(case: Any, users: Any, rows: list[list[str]]) -> list[int]:
    approve_notices(case, users["dpo"])
    data = csv_bytes(rows)
    import_recipients(incident_id=case.pk, by=users["handler"], file=io.BytesIO(data), size=len(data))
    notices_send(incident_id=case.pk, by=users["dpo"])
    fulfil_send_orders()
    return list(Delivery.objects.order_by("pk").values_list("pk", flat=True))


def in_order(ids: list[int]) -> list[str]:
    by_pk = dict(Delivery.objects.filter(pk__in=ids).values_list("pk", "message_id"))
    return [by_pk[pk] for pk in ids]


def assert_each_recorded_before_the_next_is_handed_over(found: Sink) -> None:
    """Every message the server accepted after another was accepted only once that other
    had been recorded as sent: the crash window is one message."""
    with found.lock:
        events = list(found.events)
    received = [mid for kind, mid in events if kind == "received"]
    for before, after in itertools.pairwise(received):
        assert events.index(("marked", before)) < events.index(("received", after)), (before, after)


def test_one_write_per_message_and_each_recorded_before_the_next_body(school_case: Any, users: Any, sink: Sink) -> None:
    ids = queued(school_case, users, people(8))
    assert send_batch(ids) == {"sent": 8, "failed": 0, "retry": 0, "skipped": 0}
    assert sink.received() == in_order(ids)
    assert_each_recorded_before_the_next_is_handed_over(sink)
    # Seven times the next envelope went in the same write as a message's final dot.
    assert sum(1 for data in sink.writes if b"\r\n.\r\nMAIL FROM:" in data) == 7


def test_a_refused_address_in_the_stream_fails_that_person_alone(school_case: Any, users: Any, sink: Sink) -> None:
    rows = people(6)
    rows[3][1] = "bounce@example.org"
    ids = queued(school_case, users, rows)
    assert send_batch(ids) == {"sent": 5, "failed": 1, "retry": 0, "skipped": 0}
    refused = Delivery.objects.get(recipient__email="bounce@example.org")
    assert refused.status == Delivery.Status.FAILED and "bounce@" not in refused.error
    sent = [mid for pk, mid in zip(ids, in_order(ids), strict=True) if pk != refused.pk]
    assert sink.received() == sent
    assert_each_recorded_before_the_next_is_handed_over(sink)


def test_a_server_that_closes_mid_stream_gets_the_rest_later_and_no_one_twice(
    school_case: Any, users: Any, sink: Sink
) -> None:
    ids = queued(school_case, users, people(6))
    sink.refuse_dot = {"person2@example.org"}
    assert send_batch(ids) == {"sent": 2, "failed": 0, "retry": 4, "skipped": 0}
    assert sink.received() == in_order(ids)[:2]
    flush_deliveries(now=timezone.now() + timedelta(hours=2))  # after the back-off
    assert sorted(sink.received()) == sorted(in_order(ids))  # each once
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}


def test_a_claim_taken_back_stops_the_batch_and_the_envelope_written_ahead_delivers_nothing(
    school_case: Any, users: Any, sink: Sink, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = queued(school_case, users, people(5))
    marks = iter([True, False])
    recording = delivery.mark_sent
    monkeypatch.setattr(delivery, "mark_sent", lambda *a, **k: recording(*a, **k) and next(marks))
    assert send_batch(ids) == {"sent": 1, "failed": 0, "retry": 0, "skipped": 4}
    # The second message was accepted (its mark found the claim gone); the third had only
    # its envelope written, and nothing of it arrived.
    assert sink.received() == in_order(ids)[:2]
    assert not [data for data in sink.writes if data.upper().startswith(b"QUIT")]
