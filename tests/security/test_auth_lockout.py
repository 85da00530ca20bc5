"""#14: failed logins lock the pair (account, address), not the whole address, and case or
spacing variants of the e-mail address count against the same lock and cannot clear it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

OFFICE = "10.20.30.40"  # one NAT address for a whole municipality


def web_login(username: str, password: str, address: str = OFFICE, **headers: str) -> Any:
    return Client().post("/logg-inn/", {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def api_login(username: str, password: str, address: str = OFFICE, **headers: str) -> Any:
    return Client().post(
        "/api/v1/auth/token/",
        {"username": username, "password": password},
        content_type="application/json",
        REMOTE_ADDR=address,
        **headers,
    )


@pytest.mark.parametrize("login", [web_login, api_login], ids=["web", "api"])
def test_five_failures_lock_that_account_at_that_address_and_no_other(make_user: Any, login: Any) -> None:
    alice, bob = make_user("reporter"), make_user("reporter")
    for _attempt in range(5):
        assert login(alice.email, "wrong-password").status_code in (200, 400, 429)
    assert login(alice.email, PASSWORD).status_code == 429, "the account is locked at this address"
    assert login(bob.email, PASSWORD).status_code in (200, 302), "a colleague at the same address is not"


def test_the_web_lockout_speaks_the_readers_language(make_user: Any) -> None:
    alice = make_user("reporter")
    for _attempt in range(5):
        web_login(alice.email, "wrong-password")
    nb = web_login(alice.email, PASSWORD)
    assert nb.status_code == 429 and "For mange mislykkede innlogginger" in nb.content.decode()
    en = web_login(alice.email, PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
    assert en.status_code == 429 and "Too many failed logins" in en.content.decode()
    api = api_login(alice.email, PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
    assert api.status_code == 429 and api.json()["detail"] == "Too many failed attempts. Wait 15 minutes and try again."


def counted(user: Any) -> list[tuple[str, int]]:
    from axes.models import AccessAttempt

    return sorted(AccessAttempt.objects.values_list("username", "failures_since_start"))


@pytest.mark.parametrize("login", [web_login, api_login], ids=["web", "api"])
def test_case_and_spacing_variants_count_against_the_same_lock(make_user: Any, login: Any) -> None:
    alice, bob = make_user("reporter"), make_user("reporter")
    variants = [alice.email.upper(), f" {alice.email}", f"{alice.email.capitalize()} ", alice.email.title()]
    for variant in variants:
        login(variant, "wrong-password")
    assert counted(alice) == [(alice.email, 4)], "one count for the account, whatever the spelling"
    login(f"  {alice.email.upper()}  ", "wrong-password")
    for variant in (alice.email, alice.email.upper(), f"  {alice.email.title()}"):
        assert login(variant, PASSWORD).status_code == 429, repr(variant)
    assert login(bob.email, PASSWORD).status_code in (200, 302)


@pytest.mark.parametrize("login", [web_login, api_login], ids=["web", "api"])
def test_a_variant_cannot_clear_the_lock(make_user: Any, login: Any) -> None:
    alice = make_user("reporter")
    for _attempt in range(5):
        login(alice.email, "wrong-password")
    for variant in (alice.email.upper(), f" {alice.email} ", alice.email.title()):
        assert login(variant, PASSWORD).status_code == 429, repr(variant)
    [(username, failures)] = counted(alice)
    assert username == alice.email and failures >= 5, "the failures are still there, under the one address"
    assert login(alice.email, PASSWORD).status_code == 429


def test_the_lockout_counts_the_address_as_people_type_it() -> None:
    from django.test import RequestFactory

    from accounts.lockout import username_of

    request = RequestFactory().post("/logg-inn/", {"username": "  Melder2@Avvik.Example "})
    assert username_of(request) == "melder2@avvik.example"
    assert username_of(request, {"username": "MELDER2@AVVIK.EXAMPLE"}) == "melder2@avvik.example"
    assert username_of(request, {"username": None}) == ""
