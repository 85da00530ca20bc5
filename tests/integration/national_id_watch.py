"""What the SvarUt and letter integration tests scan for national ID numbers: every log line
(the test's own and the worker's), every page and API answer fetched, every URL used (the
test's and those the local SvarUt received), every task message published (by the test
process and by the worker, its pool and its beat), and the whole database read raw."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from celery.signals import before_task_publish
from django.db import connection
from django.test import Client

# Eleven digits, or six and five apart (how people write them), not inside a longer number.
CANDIDATE = re.compile(r"(?<!\d)(\d{6})[ .-]?(\d{5})(?!\d)")


class Capture(logging.Handler):
    """Every record of this process, from every logger, formatted as it would be written."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@dataclass
class Watch:
    numbers: set[str]
    worker_log: Path
    urls: list[str] = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)
    published: list[str] = field(default_factory=list)
    log: Capture = field(default_factory=Capture)

    def found_in(self, text: str) -> list[str]:
        """The national IDs of this test that appear in ``text``."""
        return [a + b for a, b in CANDIDATE.findall(text) if a + b in self.numbers]

    # --- what the test does through the web, recorded ------------------------------------

    def get(self, client: Client, url: str, **extra: Any) -> Any:
        return self._keep(url, client.get(url, **extra))

    def post(self, client: Client, url: str, data: Any = None, **extra: Any) -> Any:
        return self._keep(url, client.post(url, data or {}, **extra))

    def _keep(self, url: str, response: Any) -> Any:
        self.urls.append(url)
        if response.get("Location"):
            self.urls.append(response["Location"])
        if response.get("Content-Type", "").startswith(("text/", "application/json")):
            self.pages[f"{len(self.pages)} {url}"] = response.content.decode("utf-8")
        return response

    # --- the test process: its log and the tasks it publishes ----------------------------

    def record_task(self, sender: str | None = None, body: Any = None, headers: Any = None, **_kwargs: Any) -> None:
        self.published.append(json.dumps({"task": sender, "body": body, "headers": headers}, default=repr))

    def start(self) -> None:
        root = logging.getLogger()
        self._level = root.level
        root.addHandler(self.log)
        root.setLevel(logging.DEBUG)
        before_task_publish.connect(self.record_task, weak=False)

    def stop(self) -> None:
        before_task_publish.disconnect(self.record_task)
        root = logging.getLogger()
        root.removeHandler(self.log)
        root.setLevel(self._level)

    # --- the scan ------------------------------------------------------------------------

    def worker_published(self) -> list[str]:
        path = Path(str(self.worker_log) + ".published")
        return path.read_text(encoding="utf-8").splitlines() if path.exists() else []

    def places(self, svarut_request_lines: Iterable[str] = ()) -> Iterator[tuple[str, str]]:
        worker_log = self.worker_log.read_text(encoding="utf-8", errors="replace") if self.worker_log.exists() else ""
        yield "the test's log", "\n".join(self.log.lines)
        yield "the worker's log", worker_log
        for name, page in self.pages.items():
            yield f"page {name}", page
        yield "the URLs used", "\n".join(self.urls)
        yield "SvarUt's request lines", "\n".join(svarut_request_lines)
        yield "tasks published by the test", "\n".join(self.published)
        yield "tasks published by the worker", "\n".join(self.worker_published())
        yield "the database", "\n".join(database_rows())

    def leaks(self, svarut_request_lines: Iterable[str] = ()) -> dict[str, int]:
        """Where a national ID was found, and how many times."""
        found = {where: len(self.found_in(text)) for where, text in self.places(svarut_request_lines)}
        return {where: n for where, n in found.items() if n}


def database_rows() -> Iterator[str]:
    """Every row of every table of the application, as PostgreSQL prints it: what someone
    with a copy of the database (a backup, a dump) would read."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        tables = [row[0] for row in cursor.fetchall()]
        for table in tables:
            cursor.execute(f'SELECT t::text FROM "{table}" t')  # noqa: S608 - names from the catalogue
            for (row,) in cursor.fetchall():
                yield row
