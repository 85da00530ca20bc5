"""Benchmark of the deadline sweep (incidents.services.reminders.sweep_deadlines) on a big table.

    .venv/bin/python bench/sweep.py

Uses DATABASE_URL (PostgreSQL) if set; otherwise creates a scratch database `avvik_bench`
on postgres://postgres@127.0.0.1:5432 and drops it afterwards. Builds 1,000,000 cases
(10,000 open with their reminder ladders, 990,000 closed with a reminder row of history
each) with INSERT ... SELECT generate_series, then prints the time and query count of one
sweep that finds nothing due and one that finds 1,000 due, beside the floor: one indexed
SELECT on the same table, measured in the same run. Prints figures; asserts nothing."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

CASES = 1_000_000
OPEN = 10_000
DUE = 1_000
REPEATS = 25
SCRATCH = "avvik_bench"
SERVER = "postgres://postgres@127.0.0.1:5432"


def scratch_database(action: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH} WITH (FORCE)")
        if action == "create":
            conn.execute(f"CREATE DATABASE {SCRATCH}")


def timed(function: Callable[[], Any]) -> tuple[float, int, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - started
    return elapsed, len(queries), result


def median_of(function: Callable[[], Any]) -> tuple[float, int]:
    runs = [timed(function) for _ in range(REPEATS)]
    return statistics.median(r[0] for r in runs), runs[-1][1]


def column_defaults(cursor: Any, table: str, given: dict[str, str]) -> dict[str, str]:
    """SQL expressions for every NOT NULL column of ``table``: ours, or a neutral value for
    columns other parts of the app add (so the bench keeps working as the model grows)."""
    cursor.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = %s AND is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO'",
        [table],
    )
    neutral = {"text": "''", "character varying": "''", "boolean": "false", "jsonb": "'[]'::jsonb"}
    values = dict(given)
    for name, data_type in cursor.fetchall():
        if name in values:
            continue
        if data_type in neutral:
            values[name] = neutral[data_type]
        elif data_type in ("integer", "smallint", "bigint"):
            values[name] = "0"
        elif data_type.startswith("timestamp"):
            values[name] = "now()"
        else:
            raise SystemExit(f"bench/sweep.py does not know how to fill {table}.{name} ({data_type})")
    return values


def build(dpo_id: int) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        incident = column_defaults(
            cursor,
            "incidents_incident",
            {
                "reference": "'BENCH-' || g",
                "year": "2026",
                "number": "g",
                "title": "'Benk'",
                "description": "'Benk'",
                "discovered_at": "now() - interval '5 days'",
                "ongoing": "false",
                "breach_types": "'[\"confidentiality\"]'::jsonb",
                "data_categories": "'[\"basic\"]'::jsonb",
                "reported_at": "now() - interval '5 days'",
                "reported_by_id": str(dpo_id),
                # Open cases became aware 1 min to 23 h ago: their next rung is in the future.
                "aware_at": f"CASE WHEN g <= {OPEN} THEN now() - (g % 23) * interval '1 hour' - interval '1 minute' "
                "ELSE now() - interval '30 days' END",
                "authority_deadline": f"CASE WHEN g <= {OPEN} THEN now() - (g % 23) * interval '1 hour' "
                "- interval '1 minute' + interval '72 hours' ELSE now() - interval '27 days' END",
                "state": f"CASE WHEN g <= {OPEN} THEN 'assessment' ELSE 'closed' END",
                "state_changed_at": "now()",
                "row_version": "1",
            },
        )
        columns = ", ".join(incident)
        cursor.execute(
            f"INSERT INTO incidents_incident ({columns}) SELECT {', '.join(incident.values())} "
            f"FROM generate_series(1, {CASES}) AS g"
        )
        # Open cases: the whole ladder, unsent. Closed cases: one row of history each.
        cursor.execute(
            "INSERT INTO incidents_reminder (incident_id, hours, kind, due_at, sent_at, outcome, recipients) "
            "SELECT i.id, h, CASE WHEN h >= 72 THEN 'overdue' ELSE 'reminder' END, "
            "i.aware_at + h * interval '1 hour', NULL, '', 0 "
            "FROM incidents_incident i CROSS JOIN unnest(ARRAY[24, 48, 60, 68, 72]) AS h "
            "WHERE i.state = 'assessment'"
        )
        cursor.execute(
            "INSERT INTO incidents_reminder (incident_id, hours, kind, due_at, sent_at, outcome, recipients) "
            "SELECT i.id, 72, 'overdue', i.aware_at + interval '72 hours', i.aware_at + interval '72 hours', "
            "'skipped', 0 FROM incidents_incident i WHERE i.state = 'closed'"
        )
        cursor.execute("ANALYZE incidents_incident")
        cursor.execute("ANALYZE incidents_reminder")


def main() -> None:
    created = not os.environ.get("DATABASE_URL")
    if created:
        scratch_database("create")
        os.environ["DATABASE_URL"] = f"{SERVER}/{SCRATCH}"
    os.environ["CELERY_BROKER_URL"] = ""  # embedded: the outbox rows are written, not sent
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from accounts.services import user_upsert
    from incidents.models import Reminder
    from incidents.services.reminders import sweep_deadlines

    try:
        call_command("migrate", verbosity=0)
        dpo, _created = user_upsert(email="dpo@bench.example", role="dpo", password="Bench-passord-2026!")
        started = time.perf_counter()
        build(dpo.pk)
        print(
            f"built {CASES:,} cases ({OPEN:,} open) and {Reminder.objects.count():,} reminder rows "
            f"in {time.perf_counter() - started:.1f} s"
        )

        now = timezone.now()
        probe = Reminder.objects.order_by("-pk").values_list("pk", flat=True).first()
        floor, floor_queries = median_of(lambda: Reminder.objects.filter(pk=probe).values_list("pk", flat=True).first())
        idle, idle_queries = median_of(lambda: sweep_deadlines(now))

        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE incidents_reminder SET due_at = now() - interval '1 minute' WHERE id IN ("
                "SELECT id FROM incidents_reminder WHERE sent_at IS NULL AND hours = 24 ORDER BY id LIMIT %s)",
                [DUE],
            )
        now = timezone.now()
        busy, busy_queries, handled = timed(lambda: sweep_deadlines(now))
        after, after_queries = median_of(lambda: sweep_deadlines(now))

        print(f"floor: one indexed SELECT on incidents_reminder   {floor * 1000:8.3f} ms  ({floor_queries} query)")
        print(
            f"sweep, nothing due (median of {REPEATS})             {idle * 1000:8.3f} ms  ({idle_queries} query)"
            f"  ratio {idle / floor:.2f}x the floor (target < 3x)"
        )
        print(
            f"sweep, {handled:,} due (one run, e-mails written)      {busy * 1000:8.1f} ms  ({busy_queries} queries)"
            f"  ratio {busy / floor:.0f}x the floor"
        )
        print(f"sweep again, nothing left due (median)            {after * 1000:8.3f} ms  ({after_queries} query)")
        print(
            "queries per due row: the claim, case and staff reads are per batch of 200; each e-mail is one "
            "INSERT in the outbox"
        )
    finally:
        connection.close()
        if created:
            scratch_database("drop")


if __name__ == "__main__":
    main()
