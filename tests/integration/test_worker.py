"""The foundation's promise: a task enqueued on commit goes through Redis to a real worker,
whose effect is visible in PostgreSQL."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.db import transaction

from notifications.models import OutboundEmail
from notifications.services.outbox import queue_email

pytestmark = pytest.mark.integration


def wait_until(check: Any, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def _queue_one(address: str) -> OutboundEmail:
    with transaction.atomic():
        email = queue_email(
            kind="test",
            to_address=address,
            template="notifications/email/plain",
            context={"subject": "Prøve", "body": "Hei fra Avvik – æøå"},
            language="nb",
        )
        # Inside the transaction nothing has been sent to Redis yet.
        assert email.status == OutboundEmail.Status.PENDING
    return email


def test_enqueued_on_commit_through_redis_and_sent_by_the_worker(smtp_sink: Any, worker: Any) -> None:
    email = _queue_one("mottaker@example.org")

    assert wait_until(lambda: OutboundEmail.objects.get(pk=email.pk).status == OutboundEmail.Status.SENT), (
        "the worker did not send the outbox row: is it consuming from Redis?"
    )
    received = smtp_sink.wait_for(1, timeout=10)
    assert [m.to for m in received] == [["mottaker@example.org"]]
    assert received[0].message_id == email.message_id


def test_nothing_is_sent_without_a_worker(smtp_sink: Any, worker_env: Any, clean_redis: Any) -> None:
    """The control: with no worker running the task waits in Redis, so the test above can
    only pass because a worker consumed it."""
    email = _queue_one("ingen@example.org")
    assert wait_until(lambda: clean_redis.llen("celery") == 1, timeout=5), "the task was not queued in Redis"
    time.sleep(1)
    assert OutboundEmail.objects.get(pk=email.pk).status == OutboundEmail.Status.PENDING
    assert smtp_sink.messages == []


def test_the_tasks_waiting_in_redis_are_counted_on_both_queues(worker_env: Any, clean_redis: Any) -> None:
    """What the delivery flush asks before it queues again rows whose task died with a
    worker: how many tasks still wait for one (none runs here, so they all wait)."""
    from core.queue import enqueue_now, waiting_tasks
    from notifications.services.delivery import send_delivery_batch

    assert waiting_tasks() == 0
    assert enqueue_now(send_delivery_batch, 1) and enqueue_now(send_delivery_batch, 2)
    assert enqueue_now(send_delivery_batch, 3, prompt=True)
    assert waiting_tasks() == 3
    clean_redis.flushdb()
    assert waiting_tasks() == 0


def test_a_broker_that_cannot_be_reached_gives_no_count(monkeypatch: pytest.MonkeyPatch) -> None:
    from celery import current_app
    from kombu import Connection

    from core.queue import waiting_tasks

    nowhere = "redis://127.0.0.1:1/0"  # nothing listens there
    monkeypatch.setattr(current_app, "connection_for_read", lambda: Connection(nowhere, connect_timeout=1))
    assert waiting_tasks() is None
