"""Two-factor authentication for the DPO and management, and login throttling."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD, TOTP_SECRET, totp_code

pytestmark = pytest.mark.django_db


def password_login(client: Client, user: Any) -> Any:
    return client.post("/logg-inn/", {"username": user.email, "password": PASSWORD})


def test_dpo_must_give_a_code_before_anything_else(make_user: Any) -> None:
    dpo = make_user("dpo")
    client = Client()
    assert password_login(client, dpo).status_code == 302
    answer = client.get("/avvik/")
    assert answer.status_code == 302 and answer["Location"].startswith("/tofaktor/")
    assert client.get("/api/v1/incidents/").status_code == 403
    wrong = client.post("/tofaktor/", {"code": "000000", "next": "/avvik/"})
    assert wrong.status_code == 400
    time.sleep(1.1)  # django-otp throttles: after a failure the device waits a second
    right = client.post("/tofaktor/", {"code": totp_code(), "next": "/avvik/"})
    assert right.status_code == 302 and right["Location"] == "/avvik/"
    assert client.get("/avvik/").status_code == 200


def test_reporter_needs_no_second_factor(make_user: Any) -> None:
    client = Client()
    password_login(client, make_user("reporter"))
    assert client.get("/avvik/").status_code == 200


def test_enrolment_gives_recovery_codes_that_work_once(make_user: Any) -> None:
    manager = make_user("management")
    TOTPDevice.objects.filter(user=manager).delete()
    client = Client()
    password_login(client, manager)
    assert client.get("/tofaktor/")["Location"].startswith("/tofaktor/oppsett/")
    from accounts.models import EnrolmentCode

    code = EnrolmentCode.issue(manager)
    assert client.post("/tofaktor/oppsett/", {"enrolment_code": code, "next": "/"}).status_code == 302
    page = client.get("/tofaktor/oppsett/")
    assert page.status_code == 200 and b"QR" in page.content
    device = TOTPDevice.objects.get(user=manager, confirmed=False)
    from django_otp.oath import totp

    confirmed = client.post("/tofaktor/oppsett/", {"code": f"{totp(device.bin_key):06d}", "next": "/"})
    assert confirmed.status_code == 302
    codes_page = client.get(confirmed["Location"])
    codes = codes_page.context["codes"]
    assert len(codes) == 10
    assert StaticToken.objects.filter(device__user=manager).count() == 10

    other = Client()
    password_login(other, manager)
    assert other.post("/tofaktor/", {"code": codes[0], "next": "/"}).status_code == 302
    third = Client()
    password_login(third, manager)
    assert third.post("/tofaktor/", {"code": codes[0], "next": "/"}).status_code == 400, "a recovery code works once"


def test_api_token_needs_the_code_for_two_factor_roles(make_user: Any) -> None:
    dpo = make_user("dpo")
    client = Client()
    body = {"username": dpo.email, "password": PASSWORD}
    missing = client.post("/api/v1/auth/token/", body, content_type="application/json")
    assert missing.status_code == 400 and "otp" in missing.json()["errors"]
    ok = client.post(
        "/api/v1/auth/token/", {**body, "otp": totp_code(TOTP_SECRET, time.time())}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["token"]
    TOTPDevice.objects.filter(user=dpo).delete()
    refused = client.post("/api/v1/auth/token/", body, content_type="application/json")
    assert refused.status_code == 403, "a DPO without a device gets no token"


def test_failed_logins_are_throttled_per_account(make_user: Any) -> None:
    reporter = make_user("reporter")
    client = Client()
    for _ in range(5):
        client.post("/logg-inn/", {"username": reporter.email, "password": "wrong-password"})
    locked = client.post("/logg-inn/", {"username": reporter.email, "password": PASSWORD})
    assert locked.status_code == 429
    assert "For mange mislykkede innlogginger" in locked.content.decode()
    token = client.post(
        "/api/v1/auth/token/", {"username": reporter.email, "password": PASSWORD}, content_type="application/json"
    )
    assert token.status_code == 429
    assert "15 minutter" in token.json()["detail"]


def test_security_headers(make_user: Any) -> None:
    page = Client().get("/logg-inn/")
    csp = page["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert page["X-Frame-Options"] == "DENY"
    assert page["Referrer-Policy"] == "same-origin"
