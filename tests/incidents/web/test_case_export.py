"""The whole case as one PDF for the auditor: every section, in words, in bokmål, nynorsk
and English, read back from the PDF with pdftotext."""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import login
from tests.test_in_words import problems_in_csv, words
from tests.worlds import NOTICE_LEAD, World, build_world

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"),
]

SECTIONS = {
    "nb": [
        "Fakta",
        "Risikovurdering og beslutninger",
        "Meldinger sendt til Datatilsynet",
        "Varsler til de berørte",
        "Tiltak",
        "Historikk",
    ],
    "nn": [
        "Fakta",
        "Risikovurdering og avgjerder",
        "Meldingar sende til Datatilsynet",
        "Varsel til dei råka",
        "Tiltak",
        "Historikk",
    ],
    "en": [
        "Facts",
        "Risk assessment and decisions",
        "Notifications sent to Datatilsynet",
        "Notices to the people affected",
        "Measures",
        "History",
    ],
}


@pytest.fixture
def world(make_user: Any, make_incident: Any) -> World:
    return build_world(make_user, make_incident, text=words)


def pdf_text(world: World, role: str, language: str) -> str:
    client = login(Client(), world.users[role])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(f"/avvik/{world.case.reference}/hele-saken.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    done = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").split())


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_export_holds_every_section_in_words(world: World, language: str) -> None:
    text = pdf_text(world, "auditor", language)
    for number, heading in enumerate(SECTIONS[language], start=1):
        assert f"{number}. {heading}" in text, heading
    for notice_language in ("nb", "nn", "en"):
        assert " ".join(NOTICE_LEAD[notice_language].split()) in text, f"the notice in {notice_language}"
    assert world.case.reference in text and "Tekst om authority reference" in text, "the filing as filed"
    assert "Tekst om measure" in text and "Tekst om drop reason" in text
    assert "[[" not in text, "the greeting slot is filled"
    assert not problems_in_csv(text), "no code or Python repr"
    assert "national_id" not in text and "34_3" not in text


def test_the_words_follow_the_readers_language(world: World) -> None:
    english = pdf_text(world, "auditor", "en")
    assert "passport" in english and "Datatilsynet" in english
    assert "D-nummer" in pdf_text(world, "dpo", "nb")


def test_who_may_download_it(world: World) -> None:
    path = f"/avvik/{world.case.reference}/hele-saken.pdf"
    answers = {role: login(Client(), world.users[role]).get(path).status_code for role in world.users}
    assert answers == {
        "reporter": 403,
        "handler": 403,
        "dpo": 200,
        "management": 200,
        "auditor": 200,
        "other_reporter": 404,
        "other_handler": 404,
        "deputy": 200,
    }
    assert Client().get(path).status_code == 302


def test_the_case_page_links_it_for_those_who_may(world: World) -> None:
    link = re.escape(f"/avvik/{world.case.reference}/hele-saken.pdf")
    assert re.search(link, login(Client(), world.users["auditor"]).get(world.case.get_absolute_url()).content.decode())
    handler_page = login(Client(), world.users["handler"]).get(world.case.get_absolute_url()).content.decode()
    assert not re.search(link, handler_page)
