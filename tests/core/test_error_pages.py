"""The error pages in the site's layout and the reader's language — for staff, and for the
public on a bad link to a public notice; the API keeps its JSON errors."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import login

pytestmark = pytest.mark.django_db

LAYOUT = 'class="site-header"'


def reader(language: str, user: Any = None) -> Client:
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if user is not None:
        login(client, user)
    return client


@pytest.mark.parametrize(
    ("language", "heading"),
    [("nb", "Fant ikke siden"), ("nn", "Fann ikkje sida"), ("en", "Page not found")],
)
def test_a_missing_case_is_a_404_page_in_the_layout_and_language(users: Any, language: str, heading: str) -> None:
    answer = reader(language, users["reporter"]).get("/avvik/AVVIK-1999-9999/")
    page = answer.content.decode()
    assert answer.status_code == 404
    assert LAYOUT in page and f"<h1>{heading}</h1>" in page and f'<html lang="{language}">' in page
    assert 'href="/"' in page  # a way on


@pytest.mark.parametrize(("language", "heading"), [("nb", "Fant ikke siden"), ("en", "Page not found")])
def test_the_public_on_a_bad_notice_link_gets_a_page_in_their_language(language: str, heading: str) -> None:
    answer = Client(HTTP_ACCEPT_LANGUAGE=language).get("/varsel/ikke-et-gyldig-merke/")
    page = answer.content.decode()
    assert answer.status_code == 404
    assert f"<h1>{heading}</h1>" in page and LAYOUT in page
    assert "Hovedmeny" not in page and "Main menu" not in page  # no staff menu for the public


def test_a_role_that_may_not_gets_a_403_page(users: Any) -> None:
    answer = reader("nn", users["reporter"]).get("/register/")
    page = answer.content.decode()
    assert answer.status_code == 403
    assert "<h1>Du har ikkje tilgang til denne sida</h1>" in page and LAYOUT in page


def test_an_expired_form_gets_a_403_page_that_says_what_to_do(users: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    login(client, users["reporter"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    answer = client.post("/meld/", {"title": "x"})
    assert answer.status_code == 403
    assert "<h1>The form had expired</h1>" in answer.content.decode()


def test_a_bad_request_gets_a_400_page() -> None:
    answer = reader("en").get("/", HTTP_HOST="ikke en vert")
    assert answer.status_code == 400
    assert "<h1>The request could not be handled</h1>" in answer.content.decode()


def test_an_unexpected_error_gets_a_500_page_in_the_language(users: Any, settings: Any) -> None:
    settings.ROOT_URLCONF = "tests.error_urls"
    answer = reader("en", users["dpo"]).get("/feil-for-test/")
    page = answer.content.decode()
    assert answer.status_code == 500
    assert "<h1>Something went wrong</h1>" in page and LAYOUT in page
    assert "RuntimeError" not in page and "a bug" not in page


def test_the_api_keeps_its_json_errors(users: Any, settings: Any) -> None:
    from accounts.models import ApiToken

    _token, key = ApiToken.issue(users["reporter"])
    api = Client(HTTP_AUTHORIZATION=f"Token {key}", raise_request_exception=False)
    missing = api.get("/api/v1/finnes-ikke/")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/json"
    assert api.get("/api/v1/incidents/AVVIK-1999-9999/").json()["detail"]
    settings.ROOT_URLCONF = "tests.error_urls"
    failed = api.get("/api/v1/feil-for-test/")
    assert failed.status_code == 500 and "detail" in failed.json()
