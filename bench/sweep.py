"""Benchmark of the deadline sweep (incidents.services.reminders.sweep_deadlines) on a big table.

    .venv/bin/python bench/sweep.py

Uses DATABASE_URL (PostgreSQL) if set; otherwise creates a scratch database (AVVIK_BENCH_DB,
default `avvik_bench`) on postgres://postgres@127.0.0.1:5432 and drops it afterwards. Builds 1,000,000 cases
(10,000 open with their reminder ladders, 990,000 closed with a reminder row of history
each) with INSERT ... SELECT generate_series, then prints the time and query count of one
sweep that finds nothing due and of sweeps that find 1,000 due (median of three), beside the floor: one indexed
SELECT on the same table, measured in the same run; and the 1,000-due sweep beside an
INSERT ... SELECT of 1,000 outbox rows of the same shape (one statement, committed), with its
statements per batch. Prints figures; asserts nothing.

    --keep   keep the scratch database and use it again next time (each run makes the next
             1,000 unsent 24-hour reminders due; when they are used up they are made unsent
             again and the outbox emptied)"""

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
BUSY_RUNS = 3  # sweeps that each find DUE rows due
SCRATCH = os.environ.get("AVVIK_BENCH_DB", "avvik_bench")  # a name of your own when others bench too
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


def outbox_insert_floor(dpo_id: int) -> float:
    """Median time of one INSERT ... SELECT of DUE outbox rows shaped as the sweep writes
    them (template, language and values; text rendered by the sender), committed."""
    from django.db import connection, transaction

    context = (
        '{"deadline": {"$time": "2026-05-07T07:30:00+00:00"}, "hours": 47, "minutes": 59, '
        '"hours_after_awareness": 24, "missing": [{"$text": "risikovurdering ikke avsluttet"}, '
        '{"$text": "ingen saksbehandler er tildelt"}, {"$text": "melding til Datatilsynet ikke registrert"}], '
        '"escalated": false, "url": "http://127.0.0.1:8000/avvik/BENCH-1/"}'
    )
    with connection.cursor() as cursor:
        row = column_defaults(
            cursor,
            "notifications_outboundemail",
            {
                "kind": "'bench_floor'",
                "incident_id": "g",
                "recipient_id": str(dpo_id),
                "to_address": "'dpo@bench.example'",
                "subject": "''",
                "body_text": "''",
                "template": "'notifications/email/deadline_reminder'",
                "language": "'nb'",
                "context": f"'{context}'::jsonb",
                "message_id": "'<' || md5(random()::text || g) || '@bench.example>'",
                "status": "'pending'",
                "created_at": "now()",
                "available_at": "now()",
                "queued_at": "now()",
            },
        )
    sql = (
        f"INSERT INTO notifications_outboundemail ({', '.join(row)}) SELECT {', '.join(row.values())} "
        f"FROM generate_series(1, {DUE}) AS g"
    )
    runs = []
    for _ in range(7):
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
        runs.append(time.perf_counter() - started)
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM notifications_outboundemail WHERE kind = 'bench_floor'")
    return statistics.median(runs)


def main() -> None:
    keep = "--keep" in sys.argv[1:]
    created = not os.environ.get("DATABASE_URL")
    if created and keep:
        import psycopg

        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [SCRATCH]).fetchone()
        if not exists:
            with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {SCRATCH}")
        os.environ["DATABASE_URL"] = f"{SERVER}/{SCRATCH}"
    elif created:
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
        if keep and Reminder.objects.exists():
            print(f"kept database {SCRATCH}: {Reminder.objects.count():,} reminder rows")
        else:
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
            cursor.execute("SELECT count(*) FROM incidents_reminder WHERE sent_at IS NULL AND hours = 24")
            if cursor.fetchone()[0] < BUSY_RUNS * DUE + 10:  # a kept database used up: the 24-hour rungs unsent again
                cursor.execute("DELETE FROM notifications_outboundemail")
                cursor.execute(
                    "UPDATE incidents_reminder r SET sent_at = NULL, outcome = '', recipients = 0, "
                    "due_at = i.aware_at + interval '24 hours' FROM incidents_incident i "
                    "WHERE r.incident_id = i.id AND i.state = 'assessment' AND r.hours = 24"
                )
                cursor.execute("VACUUM ANALYZE incidents_reminder")
            # A sweeper runs all day (run_scheduler, Celery beat): one small sweep first, so the
            # figure is the thousand rows, not this process's first use of the code.
            make_due = (
                "UPDATE incidents_reminder SET due_at = now() - interval '1 minute' WHERE id IN ("
                "SELECT id FROM incidents_reminder WHERE sent_at IS NULL AND hours = 24 ORDER BY id LIMIT %s)"
            )
            cursor.execute(make_due, [10])
            sweep_deadlines(timezone.now())
        started_at = timezone.now()
        busy_runs = []
        for _run in range(BUSY_RUNS):
            with connection.cursor() as cursor:
                cursor.execute(make_due, [DUE])
            now = timezone.now()
            busy_runs.append(timed(lambda at=now: sweep_deadlines(at)))
        busy = statistics.median(run[0] for run in busy_runs)
        _seconds, busy_queries, handled = busy_runs[-1]
        after, after_queries = median_of(lambda: sweep_deadlines(now))
        from incidents.services.reminders import BATCH_SIZE
        from notifications.models import OutboundEmail

        emails = OutboundEmail.objects.filter(created_at__gte=started_at).count() // BUSY_RUNS
        inserts = outbox_insert_floor(dpo.pk)
        batches = -(-handled // BATCH_SIZE)

        print(f"floor: one indexed SELECT on incidents_reminder   {floor * 1000:8.3f} ms  ({floor_queries} query)")
        print(
            f"sweep, nothing due (median of {REPEATS})             {idle * 1000:8.3f} ms  ({idle_queries} query)"
            f"  ratio {idle / floor:.2f}x the floor (target < 3x)"
        )
        print(
            f"sweep, {handled:,} due (median of {BUSY_RUNS}, e-mails written) {busy * 1000:8.1f} ms  "
            f"({busy_queries} queries)"
            f"  ratio {busy / floor:.0f}x the floor"
        )
        print(f"sweep again, nothing left due (median)            {after * 1000:8.3f} ms  ({after_queries} query)")
        print(
            f"floor: INSERT ... SELECT of {DUE:,} outbox rows (median) {inserts * 1000:8.1f} ms  (1 query); "
            f"the {handled:,}-due sweep is {busy / inserts:.1f}x it (target <= 5x)"
        )
        print(
            f"statements: {busy_queries} for {handled:,} due rows and {emails:,} e-mails in {batches} batch(es) of "
            f"{BATCH_SIZE}: {(busy_queries - 2) / max(batches, 1):.1f} per batch (target <= 10; the sweep adds "
            "one read of the first due row and one read that finds nothing more)"
        )
    finally:
        connection.close()
        if created and not keep:
            scratch_database("drop")


if __name__ == "__main__":
    main()
