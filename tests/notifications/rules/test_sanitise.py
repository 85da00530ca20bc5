"""Staff text never becomes markup: XSS payloads in every free-text field, checked in the
parsed HTML of the preview, the e-mail and the public page; plain text keeps them as typed."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from accounts.models import ApiToken
from incidents.models import Organisation
from notifications.models import Notice, PublicNotice
from notifications.rules.notice_texts import PARTS
from notifications.rules.sanitise import clean_html, text_to_html
from notifications.services import notices as services
from notifications.transport import header_safe
from tests.conftest import login
from tests.worlds import NOTICE_LEAD

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">klikk</a>',
    "javascript:alert(1)",
    '"><script>alert(1)</script>',
    "'><body onload=alert(1)>",
    "<iframe src=\"javascript:alert('x')\"></iframe>",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<!--<script>alert(1)</script>-->",
    'https://example.org/"onmouseover="alert(1)',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "mailto:x@example.org?body=<script>alert(1)</script>",
    "<p onclick=alert(1)>avsnitt</p>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]
SAMPLE = "\n".join(PAYLOADS)


class Elements(HTMLParser):
    """Every element with its attributes, and the text inside script elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))
        self._in_script = tag == "script"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.script_text.append(data)


def assert_safe(html: str, *, allow_static_scripts: bool = False, allow_fixed_styles: bool = False) -> None:
    """``allow_fixed_styles``: the e-mail's own inline styles (sizes, margins, colours),
    which never hold a URL, an expression or a script."""
    parser = Elements()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.elements:
        if tag == "script":
            src = dict(attrs).get("src") or ""
            assert allow_static_scripts and src.startswith("/static/"), f"script element: {attrs}"
        assert tag not in {"iframe", "object", "embed", "svg", "math", "img", "style", "base", "form"} or (
            tag == "form" and allow_static_scripts
        ), tag
        for name, value in attrs:
            assert not name.lower().startswith("on"), f"event handler {name} on <{tag}>"
            if name.lower() == "style" and allow_fixed_styles and value:
                squeezed = "".join(value.split()).lower()
                assert not any(bad in squeezed for bad in ("url(", "expression", "script", "@import", "\\")), value
                continue
            assert name.lower() != "style" or allow_static_scripts, f"style on <{tag}>"
            if name.lower() in {"href", "src", "action", "formaction", "xlink:href", "data"} and value:
                squeezed = "".join(value.split()).lower()
                assert not squeezed.startswith(("javascript:", "data:", "vbscript:")), f"{name}={value!r}"
    assert parser.script_text == [], "no inline script"


def test_cleaner_keeps_only_the_safelist() -> None:
    cleaned = clean_html('<p onclick="x">a <b>b</b> <a href="javascript:x">c</a> <a href="https://e.no">d</a></p>')
    assert_safe(cleaned)
    assert '<a href="https://e.no" rel="noopener">d</a>' in cleaned and "<b>b</b>" in cleaned


def test_plain_text_becomes_escaped_paragraphs_with_safe_links() -> None:
    html = text_to_html("Se https://datatilsynet.no og skriv til post@example.org.\n\n- en\n- to")
    assert '<a href="https://datatilsynet.no" rel="noopener">' in html
    assert '<a href="mailto:post@example.org" rel="noopener">post@example.org</a>.' in html
    assert "<ul><li>en</li><li>to</li></ul>" in html
    for payload in PAYLOADS:
        assert_safe(text_to_html(payload))


def test_header_values_are_single_lines() -> None:
    assert header_safe("Emne\r\nBcc: x@example.org") == "Emne Bcc: x@example.org"


@pytest.fixture
def poisoned(school_case: Any, users: Any, decide: Any) -> Any:
    """Every free-text field a person can type into, full of payloads."""
    school_case.title = SAMPLE
    school_case.immediate_measures = SAMPLE
    school_case.save()
    org = Organisation.current()
    org.name = PAYLOADS[0]
    org.contact_name = PAYLOADS[1]
    org.save()
    services.notice_save_drafts(
        incident=school_case,
        by=users["dpo"],
        texts={
            lang: {"subject": f"{lead} {PAYLOADS[5]}", **{part: f"{lead}\n{SAMPLE}" for part in PARTS}}
            for lang, lead in NOTICE_LEAD.items()
        },
    )
    return school_case


@pytest.mark.django_db
def test_preview_email_and_public_page_contain_no_active_markup(poisoned: Any, users: Any, decide: Any) -> None:
    dpo = users["dpo"]
    _token, key = ApiToken.issue(dpo)
    api = Client(HTTP_AUTHORIZATION=f"Token {key}")
    for language in ("nb", "nn", "en"):
        preview = api.get(f"/api/v1/incidents/{poisoned.reference}/notices/preview/", {"language": language}).json()
        assert_safe(preview["html"])
        assert "<script>alert(1)</script>" in preview["text"], "plain text shows the text as typed"

    page = login(Client(), dpo).get(f"/avvik/{poisoned.reference}/varsel/")
    assert page.status_code == 200
    assert_safe(page.content.decode(), allow_static_scripts=True)

    approved = services.notice_approve(incident=poisoned, by=dpo)
    for notice in approved:
        assert_safe(notice.frozen_html, allow_fixed_styles=True)
        for payload in PAYLOADS:
            assert payload in notice.frozen_text, f"plain-text mail keeps {payload!r} as typed"
        assert "\n" not in notice.frozen_subject and "\r" not in notice.frozen_subject

    decide(poisoned, exemption="34_3_c", justification=SAMPLE)
    services.public_notice_publish(incident=poisoned, by=dpo)
    nb = Notice.objects.filter(incident=poisoned, language="nb").order_by("-version").first()
    assert nb is not None
    services.notice_new_version(incident=poisoned, by=dpo, language="nb")
    services.notice_save_drafts(
        incident=poisoned,
        by=dpo,
        texts={"nb": {"subject": nb.subject, **nb.parts(), "advice": "Vi har skrevet ny tekst om hva du kan gjøre."}},
    )
    services.notice_approve(incident=poisoned, by=dpo)
    services.public_notice_publish(incident=poisoned, by=dpo, note=SAMPLE)
    token = PublicNotice.objects.get(incident=poisoned).token
    for suffix in ("", "nn/", "en/"):
        public = Client().get(f"/varsel/{token}/{suffix}")
        assert public.status_code == 200
        assert_safe(public.content.decode())
    editor = login(Client(), dpo).get(f"/avvik/{poisoned.reference}/varsel/")
    assert_safe(editor.content.decode(), allow_static_scripts=True)


def test_plain_text_is_paragraphs_line_breaks_and_lists_exactly() -> None:
    assert text_to_html("Hei\nder\n\nNy") == "<p>Hei<br>der</p><p>Ny</p>"
    assert text_to_html("a\r\n\r\nb\rc") == "<p>a</p><p>b<br>c</p>"
    assert text_to_html("- en\n- to\ntekst") == "<ul><li>en</li><li>to</li></ul><p>tekst</p>"


def test_punctuation_after_a_link_stays_outside_it() -> None:
    assert text_to_html("Se https://e.no/a). Og post@x.no, takk") == (
        '<p>Se <a href="https://e.no/a" rel="noopener">https://e.no/a</a>). '
        'Og <a href="mailto:post@x.no" rel="noopener">post@x.no</a>, takk</p>'
    )


def test_a_windows_line_break_is_a_line_break_not_a_new_paragraph() -> None:
    assert text_to_html("Første linje\r\nandre linje") == "<p>Første linje<br>andre linje</p>"


def test_a_mailto_link_as_typed_is_not_given_a_second_mailto() -> None:
    assert text_to_html("Skriv til mailto:personvern@example.no.") == (
        '<p>Skriv til <a href="mailto:personvern@example.no" rel="noopener">mailto:personvern@example.no</a>.</p>'
    )
