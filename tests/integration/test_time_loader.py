"""Times read from PostgreSQL with psycopg's compiled loader (core.database): the same
values, to the microsecond, as Django's own loader gives, on a real server."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import psycopg
import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import register_tzloader
from psycopg.pq import Format

from core.database import UtcTimestampLoader
from tests.integration.conftest import database_url

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

OSLO = ZoneInfo("Europe/Oslo")
INSTANTS = [
    dt.datetime(2026, 3, 29, 0, 59, 59, 999999, tzinfo=dt.UTC),  # the last moment of winter time in Oslo
    dt.datetime(2026, 3, 29, 1, 0, tzinfo=dt.UTC),  # summer time begins
    dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC),  # 02:30 in Oslo, the first time
    dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC),  # 02:30 in Oslo, the second time
    dt.datetime(2026, 12, 3, 23, 59, 59, 1, tzinfo=OSLO),
    dt.datetime(1970, 1, 1, tzinfo=dt.UTC),
    dt.datetime(1, 1, 1, tzinfo=dt.UTC),
    dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC),
]


def read(cursor: psycopg.Cursor | object) -> list[dt.datetime]:
    cursor.execute("SELECT t FROM unnest(%s::timestamptz[]) AS t", [INSTANTS])  # type: ignore[attr-defined]
    return [t for (t,) in cursor.fetchall()]  # type: ignore[attr-defined]


def test_connections_read_times_with_the_compiled_loader() -> None:
    connection.ensure_connection()
    oid = psycopg.postgres.types["timestamptz"].oid
    assert connection.connection.adapters.get_loader(oid, Format.TEXT) is UtcTimestampLoader


def test_the_compiled_loader_gives_what_djangos_gives() -> None:
    with connection.cursor() as cursor:
        ours = read(cursor)
    # Django's own loader, on a connection of its own, as Django registers it.
    with psycopg.connect(database_url()) as other:
        other.execute("SET TIME ZONE 'UTC'")
        register_tzloader(dt.UTC, other)
        djangos = read(other.cursor())
    assert ours == INSTANTS
    assert ours == djangos
    assert [t.tzinfo for t in ours] == [dt.UTC] * len(INSTANTS) == [t.tzinfo for t in djangos]
    assert [t.isoformat() for t in ours] == [t.isoformat() for t in djangos]
