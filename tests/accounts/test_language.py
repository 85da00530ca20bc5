"""Which language a person reads Avvik in: the switch on this browser, then their profile
(which their e-mails follow too), then the browser's Accept-Language when signed out."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from accounts.models import User
from notifications.models import OutboundEmail
from tests.conftest import login

pytestmark = pytest.mark.django_db


def language_of(page: Any) -> str:
    return page.headers["Content-Language"]


def test_signed_out_pages_follow_the_browser() -> None:
    assert language_of(Client(HTTP_ACCEPT_LANGUAGE="en").get("/logg-inn/")) == "en"
    assert language_of(Client(HTTP_ACCEPT_LANGUAGE="fr").get("/logg-inn/")) == "nb", "bokmål first"


def test_a_signed_in_user_reads_their_profile_language_whatever_the_browser(make_user: Any) -> None:
    user = make_user("reporter")
    assert language_of(login(Client(HTTP_ACCEPT_LANGUAGE="en"), user).get("/")) == "nb"
    User.objects.filter(pk=user.pk).update(language="nn")
    assert language_of(login(Client(HTTP_ACCEPT_LANGUAGE="en"), user).get("/")) == "nn"


def test_the_switch_is_kept_on_the_profile_and_followed_by_other_devices_and_e_mails(
    make_user: Any, make_incident: Any
) -> None:
    reporter, dpo = make_user("reporter"), make_user("dpo")
    laptop = login(Client(), dpo)
    answer = laptop.post("/i18n/setlang/", {"language": "en", "next": "/avvik/"})
    assert answer.status_code == 302 and answer["Location"] == "/avvik/"
    assert User.objects.get(pk=dpo.pk).language == "en"
    assert language_of(laptop.get("/avvik/")) == "en"

    phone = login(Client(HTTP_ACCEPT_LANGUAGE="nb"), dpo)
    assert language_of(phone.get("/avvik/")) == "en", "the profile, not the phone's browser"
    chosen_here = login(Client(), dpo)
    chosen_here.cookies["django_language"] = "nn"
    assert language_of(chosen_here.get("/avvik/")) == "nn", "this browser's own choice wins"

    make_incident(by=reporter)
    [mail] = OutboundEmail.objects.filter(kind="incident_reported", to_address=dpo.email)
    assert "Reported" in mail.body_text and "Meldt:" not in mail.body_text, mail.body_text


def test_a_signed_out_switch_changes_no_profile(make_user: Any) -> None:
    user = make_user("reporter")
    Client().post("/i18n/setlang/", {"language": "en"})
    assert User.objects.get(pk=user.pk).language == "nb"


def test_an_unknown_language_changes_nothing(make_user: Any) -> None:
    user = make_user("reporter")
    client = login(Client(), user)
    client.post("/i18n/setlang/", {"language": "xx"})
    assert User.objects.get(pk=user.pk).language == "nb"
    assert language_of(client.get("/")) == "nb"


def test_the_switch_needs_the_csrf_token(make_user: Any) -> None:
    user = make_user("reporter")
    client = login(Client(enforce_csrf_checks=True), user)
    assert client.post("/i18n/setlang/", {"language": "en"}).status_code == 403
    assert User.objects.get(pk=user.pk).language == "nb"


def test_dates_on_the_case_page_read_in_the_readers_language(make_user: Any, make_incident: Any) -> None:
    dpo = make_user("dpo")
    incident = make_incident()
    User.objects.filter(pk=dpo.pk).update(language="en")
    html = login(Client(), dpo).get(incident.get_absolute_url()).content.decode()
    assert " kl. " not in html, "no Norwegian time words in English"
    weekday = "(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    assert re.search(rf"\b{weekday} \d+ [A-Z][a-z]+ \d{{4}} at \d\d:\d\d", html), "the deadline with its weekday"
    assert re.search(r"\b\d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d</time>", html), "the timeline's times too"
