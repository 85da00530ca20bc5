"""Times read from PostgreSQL by psycopg's compiled loader.

Django's psycopg 3 backend reads every ``timestamptz`` value with a loader of its own, a
subclass of psycopg's pure-Python loader that sets the time zone; psycopg's compiled loader
cannot be subclassed, so each time is parsed by a regular expression in Python (Django
ticket #36960). That is about 10 µs a value: most of the deadline sweep's read of 200 due
rows with their cases, and a share of every list. When the session's time zone is UTC and
Django wants UTC, as Avvik runs (``USE_TZ``, no ``TIME_ZONE`` for the database), the
compiled loader gives the same values, aware datetimes in ``datetime.timezone.utc``.
``use_compiled_time_loader`` puts it in Django's place on each new connection when that
holds, and leaves Django's loader in every other case."""

from __future__ import annotations

import datetime as dt
from typing import Any

_COMPILED: Any = None
_LOADER: Any = None

try:
    import psycopg
    from psycopg.pq import Format
    from psycopg.types.datetime import TimestamptzLoader
except ImportError:  # pragma: no cover - psycopg is a dependency; SQLite alone runs without it
    pass
else:
    # psycopg's own map holds the compiled loader in place of the Python one when
    # psycopg[binary] (or psycopg[c]) is installed; otherwise this is the Python class.
    _found = psycopg.adapters.get_loader(psycopg.postgres.types["timestamptz"].oid, Format.TEXT)
    if _found is not None and _found is not TimestamptzLoader:
        _COMPILED = _found

        class UtcTimestampLoader(TimestamptzLoader):
            """The compiled loader behind the face Django's own shows: a ``timezone``,
            which Django compares with the one it wants before each cursor."""

            timezone = dt.UTC

            def __init__(self, oid: int, context: Any = None) -> None:
                super().__init__(oid, context)
                # An instance attribute: psycopg calls the compiled ``load`` directly.
                self.load = _COMPILED(oid, context).load  # type: ignore[method-assign]

        _LOADER = UtcTimestampLoader


def use_compiled_time_loader(sender: object, connection: Any, **kwargs: object) -> None:
    """``connection_created``: read times with the compiled loader where it gives what
    Django's would (PostgreSQL, psycopg's compiled loader, UTC on both sides)."""
    if connection.vendor != "postgresql" or _LOADER is None:
        return
    if connection.timezone != dt.UTC:
        return
    raw = connection.connection
    if not hasattr(raw, "adapters") or raw.info.parameter_status("TimeZone") != "UTC":
        return
    raw.adapters.register_loader("timestamptz", _LOADER)
