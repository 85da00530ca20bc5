"""#14: the second factor cannot be skipped with a token header, covers every role that can
see other people's cases (pages and API tokens), rotates the session, and cannot be set up
with a password alone."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import ROLE_PERMISSIONS, ROLES
from tests.conftest import PASSWORD, TOTP_SECRET, totp_code

pytestmark = pytest.mark.django_db

SEES_OTHERS = ("handler", "dpo", "management", "auditor")


def password_login(client: Client, user: Any) -> None:
    answer = client.post("/logg-inn/", {"username": user.email, "password": PASSWORD})
    assert answer.status_code == 302, "the password step succeeds"


def token_request(user: Any, **extra: str) -> Any:
    body = {"username": user.email, "password": PASSWORD, **extra}
    return Client().post("/api/v1/auth/token/", body, content_type="application/json")


def test_a_token_header_does_not_skip_the_second_factor_on_pages(make_user: Any) -> None:
    dpo = make_user("dpo")
    client = Client()
    password_login(client, dpo)
    for path in ("/register/", "/avvik/", "/"):
        answer = client.get(path, HTTP_AUTHORIZATION="Token x")
        assert answer.status_code == 302, path
        assert answer["Location"].startswith("/tofaktor/"), path
    # The API does not take the half-logged-in session for the token either.
    assert client.get("/api/v1/incidents/", HTTP_AUTHORIZATION="Token x").status_code == 401
    assert client.get("/api/v1/incidents/").status_code == 403


def test_a_valid_token_is_ignored_outside_the_api(make_user: Any) -> None:
    handler = make_user("handler")
    key = token_request(handler, otp=totp_code()).json()["token"]
    assert Client().get("/api/v1/incidents/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    page = Client().get("/avvik/", HTTP_AUTHORIZATION=f"Token {key}")
    assert page.status_code == 302 and page["Location"].startswith("/logg-inn/")


def test_every_role_that_sees_other_peoples_cases_must_use_two_factor() -> None:
    sees_others = {
        role
        for role in ROLES
        if {"incidents.view_all_incidents", "incidents.view_assigned_incidents"} & set(ROLE_PERMISSIONS[role])
    }
    assert sees_others == set(SEES_OTHERS)
    assert set(settings.AVVIK_TWO_FACTOR_ROLES) == sees_others


@pytest.mark.parametrize("role", SEES_OTHERS)
def test_each_role_that_sees_other_cases_is_sent_to_the_second_factor(make_user: Any, role: str) -> None:
    client = Client()
    password_login(client, make_user(role))
    answer = client.get("/avvik/")
    assert answer.status_code == 302 and answer["Location"].startswith("/tofaktor/")
    assert client.get("/api/v1/incidents/").status_code == 403
    assert (
        client.post("/tofaktor/", {"code": totp_code(TOTP_SECRET, time.time()), "next": "/avvik/"}).status_code == 302
    )
    assert client.get("/avvik/").status_code == 200


def test_the_reporter_logs_in_with_a_password_alone(make_user: Any) -> None:
    reporter = make_user("reporter")
    client = Client()
    password_login(client, reporter)
    assert client.get("/avvik/").status_code == 200
    assert token_request(reporter).status_code == 200


@pytest.mark.parametrize("role", SEES_OTHERS)
def test_each_role_that_sees_other_cases_needs_a_device_and_a_code_for_an_api_token(make_user: Any, role: str) -> None:
    user = make_user(role)
    missing = token_request(user)
    assert missing.status_code == 400 and "otp" in missing.json()["errors"]
    assert token_request(user, otp=totp_code(TOTP_SECRET, time.time())).status_code == 200
    TOTPDevice.objects.filter(user=user).delete()
    refused = token_request(user)
    assert refused.status_code == 403 and "tofaktor" in refused.json()["detail"]


def test_the_session_id_changes_when_the_second_factor_is_given(make_user: Any) -> None:
    dpo = make_user("dpo")
    client = Client()
    password_login(client, dpo)
    before = client.session.session_key
    assert client.post("/tofaktor/", {"code": totp_code(), "next": "/"}).status_code == 302
    after = client.session.session_key
    assert after and after != before
    assert client.get("/register/").status_code == 200
    stolen = Client()
    stolen.cookies[settings.SESSION_COOKIE_NAME] = before
    answer = stolen.get("/register/")
    assert answer.status_code == 302 and answer["Location"].startswith("/logg-inn/"), "the old id is worth nothing"


def test_a_password_alone_cannot_set_up_the_second_factor(make_user: Any) -> None:
    dpo = make_user("dpo")
    TOTPDevice.objects.filter(user=dpo).delete()
    client = Client()
    password_login(client, dpo)
    assert client.get("/tofaktor/")["Location"].startswith("/tofaktor/oppsett/")
    page = client.get("/tofaktor/oppsett/")
    assert page.status_code == 200
    assert "Oppsettskode" in page.content.decode() and b"data:image/svg+xml" not in page.content
    assert not TOTPDevice.objects.filter(user=dpo).exists(), "no key is made, let alone shown"
    wrong = client.post("/tofaktor/oppsett/", {"enrolment_code": "0000-0000-0000-0000", "next": "/"})
    assert wrong.status_code == 400 and "Oppsettskoden er feil" in wrong.content.decode()
    assert b"data:image/svg+xml" not in wrong.content
    guessed = client.post("/tofaktor/oppsett/", {"code": "123456", "next": "/"})
    assert guessed.status_code == 400 and "Skriv inn oppsettskoden" in guessed.content.decode()
    assert not TOTPDevice.objects.filter(user=dpo).exists()
    assert client.get("/register/").status_code == 302


def test_an_administrators_enrolment_code_lets_the_user_set_up_the_app_once(make_user: Any, capsys: Any) -> None:
    from django_otp.oath import totp

    from accounts.models import EnrolmentCode

    call_command("adduser", "ny.dpo@example.org", role="dpo", password=PASSWORD)
    printed = capsys.readouterr().out
    code = printed.strip().rsplit(" ", 1)[-1]
    assert "Enrolment code" in printed and len(code) == 19

    from accounts.models import User

    dpo = User.objects.get(email="ny.dpo@example.org")
    client = Client()
    password_login(client, dpo)
    assert client.post("/tofaktor/oppsett/", {"enrolment_code": code.upper(), "next": "/"}).status_code == 302
    page = client.get("/tofaktor/oppsett/")
    assert page.status_code == 200 and b"QR" in page.content
    device = TOTPDevice.objects.get(user=dpo, confirmed=False)
    before = client.session.session_key
    done = client.post("/tofaktor/oppsett/", {"code": f"{totp(device.bin_key):06d}", "next": "/"})
    assert done.status_code == 302
    assert client.session.session_key != before
    assert not EnrolmentCode.objects.filter(user=dpo).exists(), "the code is used up"
    assert client.get("/register/").status_code == 200

    call_command("enrol_code", "NY.DPO@example.org")
    assert "Enrolment code" in capsys.readouterr().out
    assert EnrolmentCode.objects.filter(user=dpo).count() == 1
    assert TOTPDevice.objects.filter(user=dpo, confirmed=True).exists(), "a new code alone keeps the app"
    call_command("enrol_code", "ny.dpo@example.org", replace_device=True)
    assert not TOTPDevice.objects.filter(user=dpo).exists(), "a lost phone: the app is removed"
