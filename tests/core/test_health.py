"""/helse/ answers "ok" to anyone, touching neither the session nor the database."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_the_health_check_answers_without_a_login_or_a_query(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        answer = Client().get("/helse/")
    assert answer.status_code == 200
    assert answer.content == b"ok\n"
    assert "no-cache" in answer["Cache-Control"] or "max-age=0" in answer["Cache-Control"]
    assert "sessionid" not in answer.cookies


def test_a_logged_in_browser_gets_the_same_answer(users: dict[str, Any]) -> None:
    answer = login(Client(), users["dpo"]).get("/helse/")
    assert (answer.status_code, answer.content) == (200, b"ok\n")


def test_only_get_is_answered() -> None:
    assert Client().post("/helse/").status_code == 405
