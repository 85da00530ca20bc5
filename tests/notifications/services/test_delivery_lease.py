"""The claim on a batch of deliveries is a short lease that the sending worker renews; a dead
worker's rows are free again well within a minute, a stalled worker stops sending rows it
no longer holds, and a row waiting out a back-off is not claimed early (SQLite)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any, ClassVar

import pytest
import time_machine
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from django.utils import timezone

from notifications.services import delivery
from notifications.services.delivery import (
    CLAIM_LEASE,
    Delivery,
    claim,
    flush_deliveries,
    release_expired_claims,
    send_batch,
)
from notifications.services.recipient_import import import_recipients
from tests.notifications.delivery_helpers import approve_notices, csv_bytes, people

pytestmark = pytest.mark.django_db


class HookBackend(BaseEmailBackend):
    """Accepts every message and calls ``on_send`` after each, as time passes in a worker."""

    sent: ClassVar[list[str]] = []
    on_send: ClassVar[Callable[[int], None] | None] = None

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            HookBackend.sent.append(message.to[0])
            if HookBackend.on_send is not None:
                HookBackend.on_send(len(HookBackend.sent))
        return len(email_messages)


@pytest.fixture(autouse=True)
def hook_backend(settings: Any) -> Any:
    settings.EMAIL_BACKEND = "tests.notifications.services.test_delivery_lease.HookBackend"
    settings.CELERY_BROKER_URL = ""
    HookBackend.sent = []
    HookBackend.on_send = None
    yield HookBackend
    HookBackend.on_send = None


def rows_for(school_case: Any, users: Any, n: int) -> list[int]:
    approve_notices(school_case, users["dpo"])
    data = csv_bytes(people(n))
    import_recipients(incident_id=school_case.pk, by=users["handler"], file=io.BytesIO(data), size=len(data))
    delivery.notices_send(incident_id=school_case.pk, by=users["dpo"])
    delivery.fulfil_send_orders()
    return list(Delivery.objects.order_by("pk").values_list("pk", flat=True))


def test_a_dead_workers_rows_are_back_in_the_queue_within_a_minute(settings: Any) -> None:
    """The lease plus the time between two runs of the sweep (its interval, in beat and in
    run_scheduler alike) bounds how long a dead worker's rows wait."""
    flush_every = timedelta(seconds=settings.AVVIK_PERIODIC_JOBS["notifications.services.delivery.flush_deliveries"])
    assert CLAIM_LEASE + flush_every < timedelta(seconds=60)


def test_a_row_waiting_out_its_backoff_is_not_claimed_early(school_case: Any, users: Any) -> None:
    ids = rows_for(school_case, users, 3)
    later = timezone.now() + timedelta(minutes=2)
    Delivery.objects.filter(pk=ids[1]).update(available_at=later)

    token = claim(ids, timezone.now())
    assert token is not None
    assert set(Delivery.objects.filter(claim_token=token).values_list("pk", flat=True)) == {ids[0], ids[2]}
    assert Delivery.objects.get(pk=ids[1]).status == Delivery.Status.QUEUED
    # Only waiting rows: nothing to claim, nothing sent.
    assert claim([ids[1]], timezone.now()) is None
    assert send_batch([ids[1]])["skipped"] == 1
    assert HookBackend.sent == []
    # Once the back-off has run out, it is sent.
    send_batch([ids[1]], now=later + timedelta(seconds=1))
    assert HookBackend.sent == ["person1@example.org"]


def test_the_sweep_sends_a_waiting_row_only_when_it_is_due(school_case: Any, users: Any) -> None:
    ids = rows_for(school_case, users, 1)
    later = timezone.now() + timedelta(minutes=2)
    Delivery.objects.filter(pk=ids[0]).update(available_at=later)
    flush_deliveries()
    assert HookBackend.sent == []
    flush_deliveries(now=later + timedelta(seconds=1))
    assert HookBackend.sent == ["person0@example.org"]


def test_a_worker_sending_for_longer_than_the_lease_keeps_its_rows(
    school_case: Any, users: Any, monkeypatch: Any
) -> None:
    """Each message takes 20 s and the sweep runs after each: a batch that takes five
    minutes in all is never taken from a live worker, which renews its lease as it sends."""
    ids = rows_for(school_case, users, 16)
    monkeypatch.setattr(delivery, "RENEW_EVERY", 0.0)
    released: list[int] = []
    with time_machine.travel(timezone.now(), tick=False) as clock:

        def twenty_seconds_later(_n: int) -> None:
            clock.shift(timedelta(seconds=20))
            released.extend(release_expired_claims(timezone.now()))

        HookBackend.on_send = twenty_seconds_later
        outcome = send_batch(ids)
    assert outcome["sent"] == 16
    assert released == []
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 16
    assert len(HookBackend.sent) == len(set(HookBackend.sent)) == 16


def test_a_worker_stalled_past_its_lease_stops_and_its_rows_are_sent_once_by_another(
    school_case: Any, users: Any
) -> None:
    """The worker hangs on its second message longer than the lease; the sweep gives its
    rows back and another sender takes them. The stalled worker must not send on: only the
    message it had in flight may arrive twice, with the same Message-ID."""
    ids = rows_for(school_case, users, 5)
    with time_machine.travel(timezone.now(), tick=False) as clock:

        def stall_on_the_second(n: int) -> None:
            if n == 2:
                clock.shift(CLAIM_LEASE + timedelta(seconds=5))
                HookBackend.on_send = None
                assert len(release_expired_claims(timezone.now())) == 4
                assert send_batch(ids)["sent"] == 4  # another worker, after the sweep

        HookBackend.on_send = stall_on_the_second
        send_batch(ids)
    addresses = [f"person{i}@example.org" for i in range(5)]
    # First worker: person0, person1 (in flight when its claim was taken back).
    # Second worker: person1 .. person4. Nothing after the stall from the first one.
    assert HookBackend.sent == [addresses[0], addresses[1], *addresses[1:]]
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 5


def test_the_sweep_and_a_dead_workers_rows_do_not_wait_behind_the_notices(settings: Any) -> None:
    """Every worker consumes the prompt queue too; beat's jobs go there, not behind the
    thousands of notice batches on the default queue."""
    from config.celery import app

    consumed = {queue.name for queue in app.amqp.queues.values()}
    assert consumed == {settings.CELERY_TASK_DEFAULT_QUEUE, settings.AVVIK_PROMPT_QUEUE}
    assert app.amqp.router.route({}, "avvik.run_periodic_job")["queue"].name == settings.AVVIK_PROMPT_QUEUE
    assert app.amqp.router.route({}, "notifications.send_delivery_batch")["queue"].name == "celery"


def test_a_dead_workers_rows_go_on_the_prompt_queue(
    school_case: Any, users: Any, settings: Any, monkeypatch: Any
) -> None:
    ids = rows_for(school_case, users, 3)
    settings.CELERY_BROKER_URL = "redis://broker.invalid:6379/0"
    published: list[tuple[tuple[int, ...], dict[str, Any]]] = []
    monkeypatch.setattr(
        delivery.send_delivery_batch, "apply_async", lambda args, **options: published.append((args, options))
    )
    claimed_at = timezone.now()
    claim(ids[:2], claimed_at)  # ... and the worker dies
    Delivery.objects.filter(pk=ids[2]).update(queued_at=None)  # its task was lost
    flush_deliveries(now=claimed_at + CLAIM_LEASE + timedelta(seconds=1))
    assert [(list(args), options.get("queue")) for args, options in published] == [
        (ids[:2], settings.AVVIK_PROMPT_QUEUE),
        ([ids[2]], None),
    ]


@pytest.mark.parametrize(
    ("in_the_broker", "sent_again_after"),
    [
        (0, delivery.LOST_TASK_GRACE),  # nothing waits: the rows' task died with its worker
        (500, delivery.QUEUE_GRACE),  # a backlog: the task may still be in it
        (None, delivery.QUEUE_GRACE),  # the broker cannot be asked: as before
    ],
)
def test_rows_whose_task_died_with_its_worker_before_the_claim_are_queued_again(
    school_case: Any,
    users: Any,
    settings: Any,
    monkeypatch: Any,
    in_the_broker: int | None,
    sent_again_after: timedelta,
) -> None:
    """A worker killed after taking a task from the broker but before claiming its rows
    leaves them queued, never claimed. With no task waiting in the broker, the flush queues
    them again after LOST_TASK_GRACE, not after the broker's visibility timeout."""
    ids = rows_for(school_case, users, 3)
    queued_at = timezone.now()
    Delivery.objects.filter(pk__in=ids).update(queued_at=queued_at)
    settings.CELERY_BROKER_URL = "redis://broker.invalid:6379/0"
    published: list[list[int]] = []
    monkeypatch.setattr(delivery.send_delivery_batch, "apply_async", lambda args, **options: published.append(args))
    monkeypatch.setattr(delivery, "waiting_tasks", lambda: in_the_broker)
    flush_deliveries(now=queued_at + sent_again_after - timedelta(seconds=1))
    assert published == []
    flush_deliveries(now=queued_at + sent_again_after + timedelta(seconds=1))
    assert [list(args) for args in published] == [ids]
