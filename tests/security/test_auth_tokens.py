"""#14: API tokens expire, end when the password changes, and can be listed (without the
secret) and revoked, one or all."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import ApiToken
from tests.conftest import PASSWORD, TOTP_SECRET, totp_code

pytestmark = pytest.mark.django_db


def new_token(user: Any) -> str:
    body: dict[str, str] = {"username": user.email, "password": PASSWORD}
    if user.must_use_two_factor:
        body["otp"] = totp_code(TOTP_SECRET, time.time())
    answer = Client().post("/api/v1/auth/token/", body, content_type="application/json")
    assert answer.status_code == 200, answer.content
    return str(answer.json()["token"])


def api(key: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def test_a_token_expires(make_user: Any, settings: Any) -> None:
    settings.AVVIK_API_TOKEN_DAYS = 30
    reporter = make_user("reporter")
    key = new_token(reporter)
    token = ApiToken.objects.get(user=reporter)
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert api(key).get("/api/v1/incidents/").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    expired = api(key).get("/api/v1/incidents/")
    assert expired.status_code == 401 and "utløpt" in expired.json()["detail"]


def test_a_password_change_ends_every_token(make_user: Any) -> None:
    reporter = make_user("reporter")
    first, second = new_token(reporter), new_token(reporter)
    assert api(first).get("/api/v1/incidents/").status_code == 200
    from tests.conftest import login

    browser = login(Client(), reporter)
    changed = browser.post(
        "/passord/",
        {"old_password": PASSWORD, "new_password1": "Et-nytt-passord-2026!", "new_password2": "Et-nytt-passord-2026!"},
    )
    assert changed.status_code == 302
    assert api(first).get("/api/v1/incidents/").status_code == 401
    assert api(second).get("/api/v1/incidents/").status_code == 401


def test_a_password_set_by_a_command_ends_every_token(make_user: Any) -> None:
    from django.core.management import call_command

    reporter = make_user("reporter")
    key = new_token(reporter)
    call_command("adduser", reporter.email, role="reporter", password="Et-nytt-passord-2026!", verbosity=0)
    assert api(key).get("/api/v1/incidents/").status_code == 401


def test_tokens_are_listed_without_their_secret_and_revoked(make_user: Any) -> None:
    reporter, other = make_user("reporter"), make_user("reporter")
    first, second, third = new_token(reporter), new_token(reporter), new_token(reporter)
    theirs = new_token(other)
    listed = api(first).get("/api/v1/auth/tokens/")
    assert listed.status_code == 200
    rows = listed.json()["results"]
    assert len(rows) == 3
    assert set(rows[0]) == {"id", "created_at", "expires_at", "last_used_at", "current"}
    assert sum(row["current"] for row in rows) == 1
    for key in (first, second, third):
        assert key not in listed.content.decode()

    second_id = ApiToken.objects.filter(user=reporter).order_by("created_at", "pk")[1].pk
    assert api(first).delete(f"/api/v1/auth/tokens/{second_id}/").status_code == 204
    assert api(second).get("/api/v1/incidents/").status_code == 401
    assert api(first).get("/api/v1/incidents/").status_code == 200

    their_id = ApiToken.objects.get(user=other).pk
    assert api(first).delete(f"/api/v1/auth/tokens/{their_id}/").status_code == 404
    assert api(theirs).get("/api/v1/incidents/").status_code == 200

    everything = api(first).delete("/api/v1/auth/tokens/")
    assert everything.status_code == 200 and everything.json() == {"revoked": 2}
    assert api(first).get("/api/v1/incidents/").status_code == 401
    assert api(third).get("/api/v1/incidents/").status_code == 401
    assert api(theirs).get("/api/v1/incidents/").status_code == 200
    assert Client().get("/api/v1/auth/tokens/").status_code == 401
