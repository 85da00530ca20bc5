"""The printed letter: one A4 page per person, in their language, the organisation's
letterhead at the top and the person's address where the window envelope shows it (checked
on the PDF itself: the position of each line of text, as pypdf reads it, and the box of each
line as poppler's ``pdftotext -bbox-layout`` reads it — the fast way for a thousand pages)."""

from __future__ import annotations

import io
import os
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from pypdf import PdfReader

from accounts.models import User
from incidents.models import Incident, Organisation
from notifications.models import Notice
from notifications.selectors.letters import WINDOW, Address, Letter, letters_pdf
from tests.notifications.delivery_helpers import approve_notices

MM = 72 / 25.4  # PDF points per millimetre
A4_HEIGHT = 297


def text_positions(page: Any) -> list[tuple[str, float, float]]:
    """Each run of text on the page with its position in mm from the page's top-left corner."""
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip():
            x = (tm[4] * cm[0] + tm[5] * cm[2] + cm[4]) / MM
            y = (tm[4] * cm[1] + tm[5] * cm[3] + cm[5]) / MM
            found.append((text.strip(), x, A4_HEIGHT - y))

    page.extract_text(visitor_text=visit)
    return found


def in_window(positions: list[tuple[str, float, float]], line: str) -> bool:
    left, top, width, height = WINDOW
    hits = [(x, y) for text, x, y in positions if text == line]
    return bool(hits) and all(left <= x <= left + width and top <= y <= top + height for x, y in hits)


Box = tuple[str, float, float, float, float]  # a line's text; left, top, right, bottom in mm
XHTML = "{http://www.w3.org/1999/xhtml}"


def pdf_lines(pdf: bytes) -> list[list[Box]]:
    """Every page's lines of text with the box around each, from poppler (one process for
    the whole file: a thousand pages in a few seconds, where pypdf takes minutes, as
    WeasyPrint positions each glyph on its own)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        xml = subprocess.run(["pdftotext", "-bbox-layout", handle.name, "-"], check=True, capture_output=True).stdout
    pages = []
    for page in ET.fromstring(xml).iter(f"{XHTML}page"):  # noqa: S314 - poppler's output of our own PDF
        lines = []
        for line in page.iter(f"{XHTML}line"):
            text = " ".join(word.text or "" for word in line.iter(f"{XHTML}word"))
            box = [float(line.attrib[key]) / MM for key in ("xMin", "yMin", "xMax", "yMax")]
            lines.append((text, *box))
        pages.append(lines)
    return pages  # type: ignore[return-value]


def box_in_window(lines: list[Box], line: str) -> bool:
    """The whole box of the line (not only where it starts) inside the envelope window."""
    left, top, width, height = WINDOW
    hits = [box for box in lines if box[0] == line]
    return bool(hits) and all(
        left <= x0 and x1 <= left + width and top <= y0 and y1 <= top + height for _t, x0, y0, x1, y1 in hits
    )


@pytest.fixture
def approved(school_case: Incident, users: dict[str, User], organisation: Organisation) -> dict[str, Notice]:
    organisation.address = "Postboks 1\n0101 OSLO"
    organisation.org_number = "974760673"
    organisation.save()
    approve_notices(school_case, users["dpo"])
    return {n.language: n for n in Notice.objects.filter(incident=school_case, status=Notice.Status.APPROVED)}


def test_one_letter_is_one_a4_page_with_the_address_in_the_envelope_window(approved: dict[str, Notice]) -> None:
    address = Address(name="Ola Hansen", lines=("Storgata 1", "Leil. H0101"), postcode="0155", place="Oslo")
    pdf = letters_pdf([Letter(approved["nb"], address)], reference="AVVIK-2026-0001")
    if os.environ.get("AVVIK_LETTER_PDF"):
        with open(os.environ["AVVIK_LETTER_PDF"], "wb") as out:
            out.write(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert round(float(page.mediabox.width) / MM) == 210 and round(float(page.mediabox.height) / MM) == 297
    positions = text_positions(page)
    for line in ("Ola Hansen", "Storgata 1", "Leil. H0101", "0155 OSLO"):
        assert in_window(positions, line), (line, [p for p in positions if line in p[0]])
    # The letterhead is above the window, the text below it.
    assert next(y for text, _x, y in positions if text == "Eksempel kommune") < WINDOW[1]
    subject = approved["nb"].frozen_subject
    assert any(subject[:20] in text and y > WINDOW[1] + WINDOW[3] for text, _x, y in positions)
    assert "Hei, Ola Hansen." in page.extract_text()  # greeted by name, as in the e-mail


def test_a_letter_abroad_ends_its_address_with_the_country_in_words() -> None:
    abroad = Address(name="Sven Svensson", lines=("Storgatan 1",), postcode="111 22", place="Stockholm", country="SE")
    assert abroad.window_lines() == ["Sven Svensson", "Storgatan 1", "111 22 STOCKHOLM", "SVERIGE"]
    home = Address(name="Ola Hansen", lines=("Storgata 1",), postcode="0155", place="Oslo", country="NO")
    assert home.window_lines() == ["Ola Hansen", "Storgata 1", "0155 OSLO"]


def test_many_letters_merge_into_one_document_each_on_its_own_page(approved: dict[str, Notice]) -> None:
    people = [
        Letter(approved["nb"], Address(f"Person {i}", (f"Gate {i}",), f"{5000 + i:04d}", "Bergen")) for i in range(3)
    ]
    people.append(Letter(approved["en"], Address("John Smith", ("1 High Street",), "SW1A 1AA", "London", "GB")))
    reader = PdfReader(io.BytesIO(letters_pdf(people, reference="AVVIK-2026-0001")))
    assert len(reader.pages) == 4
    for index, page in enumerate(reader.pages[:3]):
        positions = text_positions(page)
        assert in_window(positions, f"Person {index}") and in_window(positions, f"{5000 + index} BERGEN")
    # poppler reads the same lines in the same places, each line's whole box in the window.
    boxes = pdf_lines(letters_pdf(people, reference="AVVIK-2026-0001"))
    assert len(boxes) == 4
    for index, lines in enumerate(boxes[:3]):
        assert box_in_window(lines, f"Person {index}") and box_in_window(lines, f"Gate {index}")
        assert not box_in_window(lines, "Eksempel kommune"), "the letterhead is above the window"
    english = text_positions(reader.pages[3])
    assert in_window(english, "John Smith") and in_window(english, "STORBRITANNIA")  # Posten reads it
    assert "Our reference" in reader.pages[3].extract_text()
