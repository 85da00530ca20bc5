"""tests/integration: real PostgreSQL, real Redis, a real Celery worker, a real SMTP server.

Run through `make integration` (or `make test`), which points DATABASE_URL and
CELERY_BROKER_URL at the local services. pytest-django creates a throwaway test database;
the worker is started against that same database."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.parser import BytesParser
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from tests.services import missing, reachable

pytestmark = pytest.mark.integration


def point_celery_at(url: str) -> None:
    """Point this process's Celery app at another broker (the pools keep the old one)."""
    from config.celery import app

    # The Django settings namespace is read once; these two override it for both directions.
    app.conf.broker_write_url = url
    app.conf.broker_read_url = url
    # Not closed: kombu keeps one pool per broker in a registry and would hand the closed
    # one back when we switch back.
    app._pool = None
    app.amqp._producer_pool = None


def broker_of_this_process(url: str, xdist_worker: str) -> str:
    """Under pytest-xdist each test process has a Redis database of its own (14, 13, ... for
    gw0, gw1, ...), as it has a PostgreSQL database of its own: a worker started by one test
    must not take another process's tasks, and a flush must not empty another's queue."""
    if not xdist_worker.startswith("gw"):
        return url
    base, _, db = url.rpartition("/")
    return f"{base}/{int(db or 0) - int(xdist_worker[2:])}"


@pytest.fixture(scope="session", autouse=True)
def _services() -> None:
    if settings.CELERY_BROKER_URL:
        url = broker_of_this_process(settings.CELERY_BROKER_URL, os.environ.get("PYTEST_XDIST_WORKER", ""))
        settings.CELERY_BROKER_URL = url
        point_celery_at(url)
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine or not settings.CELERY_BROKER_URL:
        missing(
            "tests/integration needs PostgreSQL and Redis: run `make integration` "
            "(it sets DATABASE_URL and CELERY_BROKER_URL)"
        )
    db = settings.DATABASES["default"]
    if not reachable(f"postgres://{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}", 5432):
        missing("PostgreSQL is not running on 127.0.0.1:5432: start it (pg_ctlcluster 15 main start)")
    if not reachable(settings.CELERY_BROKER_URL, 6379):
        missing("Redis is not running on 127.0.0.1:6379: start it (redis-server --daemonize yes)")


def redis_client() -> Any:
    import redis

    return redis.Redis.from_url(settings.CELERY_BROKER_URL)


@pytest.fixture
def clean_redis() -> Iterator[Any]:
    client = redis_client()
    client.flushdb()
    yield client
    client.flushdb()


HEADERS = BytesParser()


@dataclass
class Received:
    message_id: str
    to: list[str]
    subject: str
    raw: bytes
    at: float = 0.0  # time.time() when the server accepted it


@dataclass
class SmtpSink:
    host: str
    port: int
    messages: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    controller: Any = None

    def wait_for(self, count: int, timeout: float = 60.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.05)
        with self.lock:
            return list(self.messages)

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def record(self, envelope: Any) -> None:
        parsed = HEADERS.parsebytes(envelope.content, headersonly=True)  # the body stays in raw
        with self.lock:
            self.messages.append(
                Received(
                    message_id=str(parsed.get("Message-ID", "")),
                    to=list(envelope.rcpt_tos),
                    subject=str(parsed.get("Subject", "")),
                    raw=envelope.content,
                    at=time.time(),
                )
            )

    async def accept(self, server: Any, envelope: Any) -> str:
        """The answer to DATA; a sink that behaves otherwise overrides this."""
        self.record(envelope)
        return "250 OK"

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        sink = self

        class Handler:
            async def handle_EHLO(
                self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
            ) -> list[str]:
                # PIPELINING on offer, as Postfix, Exim and Exchange do: the workers send
                # the way they send to a real mail server.
                session.host_name = hostname
                return [*responses[:-1], "250-PIPELINING", responses[-1]]

            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
                return await sink.accept(server, envelope)

        # aiosmtpd logs every SMTP command at INFO: tens of thousands of records a test
        # would keep in memory and format, on the same cores the worker sends with.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        self.controller = Controller(Handler(), hostname=self.host, port=self.port)
        self.controller.start()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_sink(settings: Any) -> Iterator[SmtpSink]:
    """A real SMTP server on localhost that records what it receives; Django's own SMTP
    backend (in this process and in the worker) sends to it."""
    sink = SmtpSink("127.0.0.1", free_port())
    sink.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = sink.host
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    yield sink
    sink.stop()


class Worker:
    """A real `celery -A config worker` process on the test database."""

    def __init__(self, env: dict[str, str], *, output: str = "", loglevel: str = "warning") -> None:
        """``output``: a file the worker's log (stdout and stderr) is appended to, for a test
        that reads it; with it, every task message the worker publishes is appended as a
        JSON line to ``output + ".published"`` (tests/integration/recording_celery.py)."""
        self.env = env
        self.output = output
        self.loglevel = loglevel
        self.process: subprocess.Popen[bytes] | None = None
        self.name = f"test-{uuid.uuid4().hex[:8]}@localhost"

    def start(self, concurrency: int = 2, beat_schedule: str = "") -> None:
        """With ``beat_schedule`` (a file path), the worker also runs Celery beat with the
        static schedule of AVVIK_PERIODIC_JOBS, as production's beat process does."""
        module, env, out = "celery", self.env, None
        if self.output:
            module = "tests.integration.recording_celery"
            env = {**self.env, "AVVIK_TEST_PUBLISHED": self.output + ".published"}
            out = open(self.output, "ab")  # noqa: SIM115 - the child process holds it
        command = [sys.executable, "-m", module, "-A", "config", "worker", "-l", self.loglevel, "-P", "prefork"]
        command += ["-c", str(concurrency), "-n", self.name, "--without-gossip", "--without-mingle"]
        if beat_schedule:
            command += ["-B", "-s", beat_schedule]
        try:
            self.process = subprocess.Popen(
                command, env=env, start_new_session=True, stdout=out, stderr=subprocess.STDOUT if out else None
            )
        finally:
            if out is not None:
                out.close()
        from config.celery import app

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the Celery worker exited with {self.process.returncode}")
            if app.control.ping(destination=[self.name], timeout=0.5):
                return
        self.kill()  # leave no worker behind to take tasks meant for a later test
        raise RuntimeError("the Celery worker did not answer a ping within 60 s")

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and pool children), as a crash would."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None


def database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.fixture
def worker_env(transactional_db: None, clean_redis: Any) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "EMAIL_HOST": str(getattr(settings, "EMAIL_HOST", "") or ""),
            "EMAIL_PORT": str(getattr(settings, "EMAIL_PORT", 25)),
        }
    )
    return env


@pytest.fixture
def worker(worker_env: dict[str, str]) -> Iterator[Worker]:
    """A started worker; a test that uses smtp_sink must request it before this fixture."""
    process = Worker(worker_env)
    process.start()
    yield process
    process.stop()
