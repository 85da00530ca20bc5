"""core.database: the compiled time loader goes in only where it gives what Django's
loader gives (the values themselves: tests/integration/test_time_loader.py)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from core import database


class Adapters:
    def __init__(self) -> None:
        self.registered: list[tuple[str, Any]] = []

    def register_loader(self, name: str, loader: Any) -> None:
        self.registered.append((name, loader))


def a_connection(*, vendor: str = "postgresql", timezone: Any = dt.UTC, session_zone: str = "UTC") -> Any:
    raw = SimpleNamespace(adapters=Adapters(), info=SimpleNamespace(parameter_status=lambda name: session_zone))
    return SimpleNamespace(vendor=vendor, timezone=timezone, connection=raw)


pytestmark = pytest.mark.skipif(database._LOADER is None, reason="psycopg's compiled loader is not installed")


def test_a_utc_postgresql_connection_gets_the_compiled_loader() -> None:
    connection = a_connection()
    database.use_compiled_time_loader(None, connection)
    assert connection.connection.adapters.registered == [("timestamptz", database.UtcTimestampLoader)]
    assert database.UtcTimestampLoader.timezone is dt.UTC  # what Django compares before each cursor


@pytest.mark.parametrize(
    "connection",
    [
        a_connection(vendor="sqlite"),
        a_connection(timezone=ZoneInfo("Europe/Oslo")),  # a TIME_ZONE for the database
        a_connection(timezone=None),  # USE_TZ off
        a_connection(session_zone="Europe/Oslo"),  # the server's zone, not set to UTC
    ],
    ids=["sqlite", "database time zone", "naive times", "session not in UTC"],
)
def test_any_other_connection_keeps_djangos_loader(connection: Any) -> None:
    database.use_compiled_time_loader(None, connection)
    assert connection.connection.adapters.registered == []
