"""The 72-hour clock's reminders against the real services: two sweepers at once, Redis
stopped, Redis flushed, a worker killed mid-send. The database holds the work; Redis only
makes it happen sooner (DESIGN.md "Time", "What leaves the house")."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.utils import timezone

from incidents.models import Incident
from incidents.services.reminders import Reminder, sweep_deadlines
from notifications.models import OutboundEmail
from notifications.services.outbox import CLAIM_LEASE, QUEUE_GRACE, flush_outbox
from tests.integration.conftest import Received, SmtpSink, Worker, free_port, point_celery_at
from tests.services import missing

pytestmark = pytest.mark.integration

BASE_DIR = Path(__file__).resolve().parents[2]


def wait_until(check: Any, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return bool(check())


def due_cases(make_incident: Any, count: int) -> list[Incident]:
    """Cases reported 25 hours ago: each one's 24 h reminder is due now."""
    reported = timezone.now() - timedelta(hours=25)
    return [make_incident(now=reported) for _ in range(count)]


def reminders_in_outbox() -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(kind__startswith="deadline"))


def reminders_received(sink: SmtpSink) -> list[Received]:
    """What the SMTP server got of the reminder e-mails (matched by Message-ID)."""
    ours = {e.message_id for e in reminders_in_outbox()}
    with sink.lock:
        return [m for m in sink.messages if m.message_id in ours]


def all_sent() -> bool:
    return not OutboundEmail.objects.exclude(status=OutboundEmail.Status.SENT).exists()


def outbox_summary() -> str:
    rows = OutboundEmail.objects.values_list("kind", "status", "attempts", "last_error")
    return str(sorted({(k, s, a, e[:80]) for k, s, a, e in rows}))


def assert_each_sent_exactly_once(sink: SmtpSink) -> None:
    rows = list(OutboundEmail.objects.all())
    assert all(row.status == OutboundEmail.Status.SENT for row in rows), [r.status for r in rows]
    expected = sorted(row.message_id for row in rows)
    sink.wait_for(len(expected), timeout=60)
    time.sleep(1)  # anything sent twice would arrive now
    with sink.lock:
        received = sorted(m.message_id for m in sink.messages)
    assert received == expected, "every outbox row arrived, and none twice"


# --- A Redis of our own, to stop, start and flush -------------------------------------------


class OwnRedis:
    """A throwaway redis-server on a free port: killing it stops nobody else's work."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            missing("redis-server is not installed")
        command = [str(binary), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert wait_until(self.ping, timeout=10), "redis-server did not start"

    def client(self) -> Any:
        import redis

        return redis.Redis.from_url(self.url, socket_connect_timeout=1)

    def ping(self) -> bool:
        try:
            return bool(self.client().ping())
        except Exception:
            return False

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def own_redis(settings: Any) -> Iterator[OwnRedis]:
    server = OwnRedis()
    server.start()
    original = django_settings.CELERY_BROKER_URL
    settings.CELERY_BROKER_URL = server.url
    point_celery_at(server.url)
    yield server
    point_celery_at(original)
    server.kill()


@pytest.fixture
def started_workers() -> Iterator[list[Worker]]:
    """Workers a test starts itself; every one is stopped, whatever the test did."""
    workers: list[Worker] = []
    yield workers
    for worker in workers:
        worker.kill()


def worker_on(env: dict[str, str], broker_url: str, started: list[Worker]) -> Worker:
    worker = Worker({**env, "CELERY_BROKER_URL": broker_url})
    started.append(worker)
    return worker


# --- (1) Two sweepers at once ---------------------------------------------------------------


def test_two_sweeper_processes_at_once_send_each_reminder_once(
    smtp_sink: SmtpSink, worker: Worker, worker_env: dict[str, str], users: dict[str, Any], make_incident: Any
) -> None:
    cases = due_cases(make_incident, 120)
    assert Reminder.objects.filter(sent_at__isnull=True, due_at__lte=timezone.now()).count() == 120

    command = [sys.executable, "manage.py", "run_scheduler", "--once"]
    sweepers = [subprocess.Popen(command, env=worker_env, cwd=BASE_DIR) for _ in range(2)]
    assert [p.wait(timeout=120) for p in sweepers] == [0, 0]

    emails = reminders_in_outbox()
    assert len(emails) == len(cases), "one reminder per case to the one DPO"
    assert len({(e.incident_id, e.recipient_id) for e in emails}) == len(cases)
    assert not Reminder.objects.filter(hours=24, sent_at__isnull=True).exists()

    assert wait_until(all_sent), outbox_summary()
    received = reminders_received(smtp_sink)
    assert sorted(m.message_id for m in received) == sorted(e.message_id for e in emails)
    assert_each_sent_exactly_once(smtp_sink)


def test_two_sweepers_interleaving_batch_by_batch_send_each_reminder_once(
    transactional_db: None, users: dict[str, Any], make_incident: Any
) -> None:
    """The same with certainty of overlap: two threads, each with its own database
    connection, released together and claiming in small batches."""
    cases = due_cases(make_incident, 105)
    now = timezone.now()
    barrier = threading.Barrier(2)
    handled: list[int] = []
    errors: list[BaseException] = []

    def sweeper() -> None:
        try:
            barrier.wait(10)
            handled.append(sweep_deadlines(now, batch_size=4))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweeper) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert sum(handled) == len(cases)
    assert all(h > 0 for h in handled), f"both sweepers took a share: {handled}"
    emails = reminders_in_outbox()
    assert len(emails) == len(cases)
    assert len({e.incident_id for e in emails}) == len(cases)


# --- (2) Redis stopped ------------------------------------------------------------------------


def test_with_redis_down_reports_succeed_and_every_email_arrives_once_it_is_back(
    smtp_sink: SmtpSink,
    own_redis: OwnRedis,
    worker_env: dict[str, str],
    started_workers: list[Worker],
    users: dict[str, Any],
) -> None:
    worker = worker_on(worker_env, own_redis.url, started_workers)
    worker.start()
    try:
        own_redis.kill()
        client = Client()
        client.force_login(users["reporter"])
        slowest = 0.0
        for number in range(5):
            started = time.monotonic()
            response = client.post(
                "/meld/",
                {
                    "title": f"Mistet minnepinne {number}",
                    "description": "Ukryptert minnepinne med en elevliste.",
                    "discovered_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
                    "breach_types": ["confidentiality"],
                    "data_categories": ["basic"],
                },
            )
            slowest = max(slowest, time.monotonic() - started)
            assert response.status_code == 302, response.content.decode()[:500]
        assert slowest < 5, f"a report took {slowest:.1f} s with Redis down"
        assert Incident.objects.count() == 5

        # The reminders fall due while Redis is still down.
        started = time.monotonic()
        assert sweep_deadlines(timezone.now() + timedelta(hours=24, minutes=1)) == 5
        assert time.monotonic() - started < 10
        assert len(reminders_in_outbox()) == 5
        assert OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING).count() == 10

        own_redis.start()  # same port, empty: every task sent while it was down is gone
        # Enqueueing failed at commit, so the rows do not wait out QUEUE_GRACE.
        flush_outbox(timezone.now())
        assert wait_until(all_sent, timeout=90), "the worker reconnected and sent what the flush re-queued"
        assert_each_sent_exactly_once(smtp_sink)
        assert len(reminders_received(smtp_sink)) == 5
    finally:
        worker.stop()


def test_with_redis_down_and_no_worker_run_scheduler_sends_everything(
    smtp_sink: SmtpSink, own_redis: OwnRedis, transactional_db: None, users: dict[str, Any], make_incident: Any
) -> None:
    own_redis.kill()
    due_cases(make_incident, 3)
    from core.periodic import run_all

    assert run_all() == []  # sweep, then flush: the broker is unreachable, so it sends itself
    assert run_all() == []
    assert_each_sent_exactly_once(smtp_sink)
    assert len(reminders_received(smtp_sink)) == 3


# --- (3) Redis flushed ------------------------------------------------------------------------


def test_flushall_with_work_queued_loses_nothing(
    smtp_sink: SmtpSink,
    own_redis: OwnRedis,
    worker_env: dict[str, str],
    started_workers: list[Worker],
    users: dict[str, Any],
    make_incident: Any,
) -> None:
    due_cases(make_incident, 4)
    assert sweep_deadlines() == 4
    redis = own_redis.client()
    assert redis.llen("celery") == 8, "4 'reported' and 4 reminder e-mails wait in Redis"
    redis.flushall()
    assert redis.llen("celery") == 0

    worker = worker_on(worker_env, own_redis.url, started_workers)
    worker.start()
    try:
        time.sleep(2)
        assert smtp_sink.messages == [], "the control: the tasks really were lost"
        assert flush_outbox(timezone.now()) == 0, "within QUEUE_GRACE the flush leaves rows to their task"
        flush_outbox(timezone.now() + QUEUE_GRACE + timedelta(seconds=1))
        assert wait_until(all_sent), "re-queued from the database and sent"
        assert_each_sent_exactly_once(smtp_sink)
        assert len(reminders_received(smtp_sink)) == 4
    finally:
        worker.stop()


# --- (4) A worker killed while sending --------------------------------------------------------


class SlowSink(SmtpSink):
    """An SMTP server that takes its time before accepting DATA, so that a sender can be
    killed mid-send. A message whose sender vanished before the "250 OK" is not accepted,
    as a real server that commits on acknowledgement would do."""

    delay: float = 4.0
    data_started: threading.Event

    def start(self) -> None:
        self.data_started = threading.Event()
        super().start()

    async def accept(self, server: Any, envelope: Any) -> str:
        self.data_started.set()
        await asyncio.sleep(self.delay)
        if server.transport is None or server.transport.is_closing():
            return "451 sender gone"
        return await super().accept(server, envelope)


@pytest.fixture
def slow_sink(settings: Any) -> Iterator[SlowSink]:
    sink = SlowSink("127.0.0.1", free_port())
    sink.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = sink.host
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    yield sink
    sink.stop()


def test_a_worker_killed_while_sending_sends_the_email_once_after_restart(
    slow_sink: SlowSink,
    worker_env: dict[str, str],
    started_workers: list[Worker],
    users: dict[str, Any],
    make_incident: Any,
) -> None:
    [incident] = due_cases(make_incident, 1)
    OutboundEmail.objects.filter(incident=incident).update(status=OutboundEmail.Status.SENT)  # the 'reported' one
    worker = worker_on(worker_env, worker_env["CELERY_BROKER_URL"], started_workers)
    worker.start(concurrency=1)
    try:
        assert sweep_deadlines() == 1
        email = OutboundEmail.objects.get(kind="deadline_reminder")
        assert slow_sink.data_started.wait(30), "the worker began to send"
        worker.kill()
        time.sleep(slow_sink.delay + 0.5)
        assert slow_sink.messages == [], "killed before the server said 250: not delivered"
        email.refresh_from_db()
        assert email.status == OutboundEmail.Status.SENDING, "the dead worker's claim is still on the row"

        worker.start(concurrency=1)
        assert flush_outbox(timezone.now()) == 0, "within the lease nobody else may take it"
        time.sleep(1)
        email.refresh_from_db()
        assert email.status == OutboundEmail.Status.SENDING

        flush_outbox(timezone.now() + CLAIM_LEASE + timedelta(seconds=1))
        assert wait_until(lambda: OutboundEmail.objects.get(pk=email.pk).status == OutboundEmail.Status.SENT)
        received = slow_sink.wait_for(1, timeout=30)
        time.sleep(1)
        assert [m.message_id for m in slow_sink.messages] == [email.message_id], "once, with the same Message-ID"
        assert received[0].to == [users["dpo"].email]
        email.refresh_from_db()
        assert email.attempts == 2
    finally:
        worker.stop()
