"""`manage.py check --deploy` reports nothing with production settings, and the embedded
default starts with no services at all."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from tests.schema import differences, sqlite_schema

ROOT = Path(__file__).resolve().parents[1]
# A key for these tests only (production makes its own: Fernet.generate_key()).
PRODUCTION_NATIONAL_ID_KEY = "7IlBYM5bhoyxgO90pKnVyOT04Kgq2ZFYDG5z-o7jAGs="


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def models_schema() -> dict[str, Any]:
    """The schema of this test process's database, made from the models."""
    from django.db import connection

    connection.ensure_connection()
    return sqlite_schema(connection.connection)


def clean_env(tmp_path: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("DATABASE_URL", "CELERY_", "EMAIL_", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "AVVIK_NATIONAL_ID_")
        )
    }
    env["AVVIK_VAR_DIR"] = str(tmp_path / "var")
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return env


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789abcdefghijk",
            "ALLOWED_HOSTS": "avvik.example.org",
            "DATABASE_URL": "postgres://avvik@db.invalid:5432/avvik",
            "CELERY_BROKER_URL": "redis://redis.invalid:6379/0",
            "EMAIL_HOST": "smtp.invalid",
            "AVVIK_NATIONAL_ID_KEYS": PRODUCTION_NATIONAL_ID_KEY,
        }
    )
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    env["DEBUG"] = "false"
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_national_id_keys(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    env.update(
        {"DEBUG": "false", "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789abcdefghijk"}
    )
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "AVVIK_NATIONAL_ID_KEYS must be set" in result.stderr
    env["AVVIK_NATIONAL_ID_KEYS"] = "not-a-key"
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "key number 1 is not a Fernet key" in result.stderr
    assert "not-a-key" not in result.stderr
    env["AVVIK_NATIONAL_ID_KEYS"] = PRODUCTION_NATIONAL_ID_KEY
    env["ALLOWED_HOSTS"] = "avvik.example.org"
    assert manage("check", env=env).returncode == 0


@pytest.mark.django_db
def test_embedded_default_migrates_and_runs_the_scheduler_once(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    assert manage("migrate", "--noinput", env=env).returncode == 0
    # The migrations build the schema the models describe: the unit tests' database is made
    # from the models (tests/conftest.py), the embedded default by these migrations.
    with closing(sqlite3.connect(tmp_path / "var" / "avvik.sqlite3")) as migrated:
        schema = sqlite_schema(migrated)
    assert {"incidents_incident", "notifications_delivery", "accounts_user"} <= schema.keys()
    found = differences(models_schema(), schema)
    assert found == [], "\n".join(found)
    seeded = manage("seed_demo", env=env)
    assert seeded.returncode == 0 and "personvernombud@avvik.example" in seeded.stdout
    again = manage("seed_demo", env=env)
    assert again.returncode == 0, "seed_demo is idempotent"
    once = manage("run_scheduler", "--once", env=env)
    assert once.returncode == 0, once.stderr
    assert "0 failed" in once.stdout
    assert (tmp_path / "var" / "avvik.sqlite3").exists()


@pytest.mark.django_db
def test_the_schema_comparison_tells_a_different_database_apart() -> None:
    """Control for the check above: a copy of the models' schema (made by its own SQL)
    compares equal until an index is dropped, a column added and a table made."""
    from django.db import connection

    expected = models_schema()
    with closing(sqlite3.connect(":memory:")) as copy:
        for (sql,) in connection.connection.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
        ):
            copy.execute(sql)
        assert differences(expected, sqlite_schema(copy)) == []
        (index,) = copy.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            " AND tbl_name = 'incidents_incident' ORDER BY name LIMIT 1"
        ).fetchone()
        copy.execute(f'DROP INDEX "{index}"')
        copy.execute('ALTER TABLE "incidents_incident" ADD COLUMN "extra" integer NULL')
        copy.execute('CREATE TABLE "stray" ("id" integer NOT NULL PRIMARY KEY)')
        found = differences(expected, sqlite_schema(copy))
    assert found[0] == "stray: not expected"
    assert found[1] == "incidents_incident.extra: '\"extra\" integer NULL' instead of None"
    assert len(found) == 3 and found[2].startswith("incidents_incident: index missing: ") and index in found[2]
