"""Everything in words: every page, for every role, in bokmål, nynorsk and English, and the
register's CSV, show what a person reads — never a stored code (``34_3_c``, ``national_id``,
``follow_up``), a Python repr (``{'…': None}``, ``None``, ``['…']``) or a number written with
a decimal comma inside an SVG attribute (which the browser cannot draw)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import login
from tests.security.test_role_matrix import ROLES
from tests.urlwalk import pages_for
from tests.worlds import World, build_world, plain

pytestmark = pytest.mark.django_db

LANGUAGES = ("nb", "nn", "en")
# Attributes a person reads (or hears from a screen reader).
READ_ATTRIBUTES = {"title", "aria-label", "alt", "placeholder"}
SNAKE = re.compile(r"(?<![\w@.\-/])[a-z]+(?:_[a-z0-9]+)+(?![\w@\-/])|\b\d+_\d+(?:_[a-z])?\b")
REPR = re.compile(r"\{'|'\}|': |\['|'\]|\bNone\b(?! \w)|\bTrue\b|\bFalse\b|\[\]|\{\}|<[A-Z]\w+: ")
# Codes that are single English words: wrong on a page in Norwegian.
# (Words that are also ordinary English, "open" or "done", would flag the English notice
# shown on a Norwegian page.) Citations of English sources are quoted as they are.
ENGLISH_CODES = {
    "confidentiality",
    "integrity",
    "availability",
    "triage",
    "notified",
    "dismissed",
    "unlikely",
    "maximum",
    "limited",
    "recoverable",
    "irrecoverable",
}
CITATION = re.compile(r"\b(ENISA|EDPB|Recital|WP29)\b")
NUMBER_WITH_COMMA = re.compile(r"\d,\d")


class Reader(HTMLParser):
    """The text a person reads on a page, and the attributes of the SVG elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.svg_attributes: list[str] = []
        self._skip = 0
        self._svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._skip += 1
        if tag == "svg":
            self._svg += 1
        for name, value in attrs:
            if value and name in READ_ATTRIBUTES:
                self.text.append(value)
            if value and self._svg and name not in ("class", "xmlns", "id"):
                self.svg_attributes.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1
        if tag == "svg" and self._svg:
            self._svg -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.text.append(data.strip())


def problems_in(html: str, language: str) -> list[str]:
    """What on this page is not in words: each raw code, repr or decimal comma in SVG."""
    reader = Reader()
    reader.feed(html)
    found: list[str] = []
    for text in reader.text:
        found += [f"code {m!r} in {text[:120]!r}" for m in SNAKE.findall(text)]
        found += [f"repr {m!r} in {text[:120]!r}" for m in REPR.findall(text)]
        if language != "en" and not CITATION.search(text):
            words = set(re.findall(r"\b[a-z]+\b", text))
            found += [f"code {code!r} in {text[:120]!r}" for code in sorted(words & ENGLISH_CODES)]
    found += [f"decimal comma in SVG {a}" for a in reader.svg_attributes if NUMBER_WITH_COMMA.search(a)]
    return found


def problems_in_csv(text: str) -> list[str]:
    found: list[str] = []
    for line in text.splitlines():
        found += [f"code {m!r} in {line[:160]!r}" for m in SNAKE.findall(line)]
        found += [f"repr {m!r} in {line[:160]!r}" for m in REPR.findall(line)]
    return found


def reader_client(role: str, world: World, language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if role != "anonymous":
        login(client, world.users[role])
    return client


def words(field: str) -> str:
    """Free text in every field, in words (the stored field names have underscores)."""
    return (
        plain(field)
        if field in ("title", "description", "immediate_measures")
        else "Tekst om " + field.replace("_", " ")
    )


@pytest.fixture
def world(make_user: Any, make_incident: Any) -> World:
    return build_world(make_user, make_incident, text=words)


@pytest.mark.slow
def test_every_page_is_in_words_for_every_role_and_language(world: World) -> None:
    problems: list[str] = []
    pages = 0
    for language in LANGUAGES:
        for role in ROLES:
            client = reader_client(role, world, language)
            for name, path in dict.fromkeys(pages_for(role, world)):
                answer = client.get(path)
                assert answer.status_code == 200, f"{role} {language} {name} {path}: {answer.status_code}"
                assert answer["Content-Language"] == language, f"{path} is not drawn in {language}"
                pages += 1
                problems += [
                    f"{language} {role} {name} {path}: {p}" for p in problems_in(answer.content.decode(), language)
                ]
    assert pages > 100
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_the_register_csv_is_in_words(world: World) -> None:
    problems: list[str] = []
    for language in LANGUAGES:
        answer = reader_client("dpo", world, language).get("/register/", {"format": "csv"})
        assert answer.status_code == 200
        text = b"".join(answer.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
        assert world.case.reference in text
        problems += [f"{language}: {p}" for p in problems_in_csv(text)]
    assert not problems, "\n".join(dict.fromkeys(problems))


@pytest.mark.parametrize(
    ("html", "language", "expected"),
    [
        ("<p>Unntak: 34_3_c</p>", "nb", "code '34_3_c'"),
        ("<td>national_id</td>", "en", "code 'national_id'"),
        ("<dd>{'availability_impact': None}</dd>", "nb", 'repr "{\'"'),
        ("<p>Hendelse: follow_up</p>", "nn", "code 'follow_up'"),
        ("<li>Type: confidentiality</li>", "nb", "code 'confidentiality'"),
        ("<li>Ansvarlig: None</li>", "en", "repr 'None'"),
        ('<svg><rect x="118,0" y="12"/></svg>', "nb", "decimal comma in SVG <rect x='118,0'>"),
        ('<span title="human_error">x</span>', "nb", "code 'human_error'"),
    ],
)
def test_the_check_finds_what_is_not_in_words(html: str, language: str, expected: str) -> None:
    """Controls: each kind of fault is caught, and ordinary words, addresses and C-locale SVG
    numbers are not."""
    assert any(p.startswith(expected) for p in problems_in(html, language)), problems_in(html, language)


def test_the_check_lets_words_through() -> None:
    html = (
        '<p>Meldt av ola.nordmann@example.org, se <a href="/avvik/2026-0001/">2026-0001</a>.</p>'
        '<svg viewBox="0 0 640 260"><rect x="118.0" y="12.5" width="40"/><text>1,5 %</text></svg>'
        "<p>A confidentiality breach; none of the above.</p>"
    )
    assert problems_in(html, "en") == []
    assert problems_in_csv("Referanse;Tittel\n2026-0001;Elevliste sendt til feil forelder\n") == []


def test_the_recipients_page_by_national_id_is_in_words_in_every_state(world: World, settings: Any) -> None:
    """The states of the recipients page with people by national ID and postal address (#21),
    and the case page's and the register's words for the channels, in every language."""
    import io

    from tests.recipient_states import BAD_ADD, add_people_by_national_id, bad_upload, send_with_failures

    add_people_by_national_id(world)
    recipients = f"/avvik/{world.case.reference}/mottakere/"
    retry = f"/avvik/{world.case.reference}/mottakere/prov-igjen/"
    problems: list[str] = []
    seen: dict[str, str] = {}
    for state in ("list", "refused", "sent", "retried"):
        if state == "sent":
            send_with_failures(world, settings)
        for language in LANGUAGES:
            client = reader_client("dpo", world, language)
            if state == "refused":
                upload = {"upload": "1", "file": io.BytesIO(bad_upload())}
                answers = [(400, client.post(recipients, BAD_ADD)), (400, client.post(recipients, upload))]
            elif state == "retried":
                answers = [(200, client.post(retry, follow=True))]
            else:
                answers = [(200, client.get(recipients)), (200, client.get(f"/avvik/{world.case.reference}/"))]
                answers += [(200, client.get("/register/"))]
            for status, answer in answers:
                assert answer.status_code == status, f"{state} {language}: {answer.status_code}"
                html = answer.content.decode()
                seen[f"{state} {language}"] = seen.get(f"{state} {language}", "") + html
                problems += [f"{state} {language}: {p}" for p in problems_in(html, language)]
    assert not problems, "\n".join(dict.fromkeys(problems))
    # The states are the ones meant (bokmål; the other languages are the same pages).
    assert "*****" in seen["list nb"] and "Storgata 1, c/o Kari Nordmann, 0150 Oslo" in seen["list nb"]
    assert "kontrollsifrene stemmer ikke" in seen["refused nb"] and "Linje 3" in seen["refused nb"]
    assert "Sendes som brev i stedet." in seen["sent nb"] and "Brev skrevet ut her" in seen["sent nb"]
    assert "Sent as a letter instead." in seen["sent en"]
    assert "1 av dem sendes som brev i stedet." in seen["retried nb"]
    assert "kan ikke nås på noen annen måte" in seen["retried nb"]
