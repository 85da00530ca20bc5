"""`manage.py check --deploy` reports nothing with production settings, and the embedded
default starts with no services at all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# A key for these tests only (production makes its own: Fernet.generate_key()).
PRODUCTION_NATIONAL_ID_KEY = "7IlBYM5bhoyxgO90pKnVyOT04Kgq2ZFYDG5z-o7jAGs="


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


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


def test_embedded_default_migrates_and_runs_the_scheduler_once(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    assert manage("migrate", "--noinput", env=env).returncode == 0
    seeded = manage("seed_demo", env=env)
    assert seeded.returncode == 0 and "personvernombud@avvik.example" in seeded.stdout
    again = manage("seed_demo", env=env)
    assert again.returncode == 0, "seed_demo is idempotent"
    once = manage("run_scheduler", "--once", env=env)
    assert once.returncode == 0, once.stderr
    assert "0 failed" in once.stdout
    assert (tmp_path / "var" / "avvik.sqlite3").exists()
