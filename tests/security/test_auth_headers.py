"""#14: nothing Avvik draws may be cached (Cache-Control: no-store), and X-Forwarded-Proto is
only trusted when an operator says a proxy sets it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.conftest import login
from tests.test_deploy import PRODUCTION_NATIONAL_ID_KEY, clean_env, manage
from tests.worlds import World

pytestmark = pytest.mark.django_db


def assert_no_store(answer: Any, what: str) -> None:
    assert answer.status_code == 200, what
    directives = {part.strip() for part in answer.get("Cache-Control", "").split(",")}
    assert {"no-store", "private"} <= directives, f"{what}: {answer.get('Cache-Control')!r}"


def test_case_pages_files_and_api_answers_are_not_stored(world: World) -> None:
    dpo = login(Client(), world.users["dpo"])
    ref = world.case.reference
    assert_no_store(dpo.get(f"/avvik/{ref}/"), "the case page")
    assert_no_store(dpo.get(f"/avvik/{ref}/datatilsynet/pdf/"), "the PDF")
    assert_no_store(dpo.get("/register/?format=csv"), "the register CSV")
    assert_no_store(dpo.get("/register/"), "the register")
    assert_no_store(dpo.get(f"/api/v1/incidents/{ref}/"), "the API")
    assert_no_store(dpo.get("/api/v1/register/?format=csv"), "the API's CSV")
    assert_no_store(Client().get(f"/varsel/{world.public_token}/"), "the public notice")


def proxy_check(tmp_path: Path, **extra: str) -> str:
    env = clean_env(tmp_path)
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789abcdefghijk",
            "ALLOWED_HOSTS": "avvik.example.org",
            "AVVIK_NATIONAL_ID_KEYS": PRODUCTION_NATIONAL_ID_KEY,
            **extra,
        }
    )
    script = (
        "from django.test import RequestFactory;"
        "r = RequestFactory().get('/', HTTP_HOST='avvik.example.org', HTTP_X_FORWARDED_PROTO='https');"
        "print('secure' if r.is_secure() else 'plain')"
    )
    result = manage("shell", "--no-imports", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_x_forwarded_proto_is_ignored_unless_a_trusted_proxy_is_configured(tmp_path: Path) -> None:
    assert proxy_check(tmp_path) == "plain", "any client can send the header"
    assert proxy_check(tmp_path, AVVIK_TRUSTED_PROXY="true") == "secure"
