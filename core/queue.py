"""Enqueue Celery tasks after the transaction commits, when there is a broker.

Without a broker (the embedded default) nothing is enqueued: the database row that the
task would act on is found by run_scheduler's next sweep. With a broker that is down, the
request still succeeds; the periodic sweep queues the work again."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


def broker_enabled() -> bool:
    return bool(settings.CELERY_BROKER_URL)


def enqueue_now(task: Any, *args: int | str, prompt: bool = False) -> bool:
    """Send a task at once; False (and a log line) when the broker cannot be reached. With
    ``prompt``, on the queue that is not behind the bulk of the work (settings)."""
    if not broker_enabled():
        return False
    options = {"queue": settings.AVVIK_PROMPT_QUEUE} if prompt else {}
    try:
        task.apply_async(args=args, retry=False, **options)
    except Exception as error:  # kombu raises many kinds; all mean "not queued now"
        logger.warning("could not enqueue %s: %s", task.name, type(error).__name__)
        return False
    return True


def waiting_tasks() -> int | None:
    """How many tasks wait in the broker for a worker, on the default and the prompt queue
    (not those a worker has taken); None without a broker, or when it cannot be asked."""
    if not broker_enabled():
        return None
    from celery import current_app

    try:
        with current_app.connection_for_read() as connection:
            channel: Any = connection.default_channel
            names = {settings.CELERY_TASK_DEFAULT_QUEUE, settings.AVVIK_PROMPT_QUEUE}
            counts = [int(channel.queue_declare(queue=name).message_count) for name in names]
            return sum(counts)
    except Exception as error:  # as in enqueue_now: all mean "not known now"
        logger.warning("could not count the tasks waiting in the broker: %s", type(error).__name__)
        return None


def enqueue_on_commit(task: Any, *args: int | str) -> None:
    """Enqueue ``task(*args)`` once the current transaction commits. Arguments are ids."""
    if broker_enabled():
        transaction.on_commit(lambda: enqueue_now(task, *args))
