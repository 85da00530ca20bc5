"""The approved notice as a printed letter (art. 34(1): the people we cannot e-mail are told
directly, by post): one A4 page per person in the person's language, with the
organisation's letterhead and the person's postal address where a window envelope shows it.

The words are the e-mail's (``rendering.render_message`` on the approved, frozen parts), so
a letter never says anything the DPO did not approve. Layout (templates/notifications/
letter/letters.html): the address block sits in the window of a standard Norwegian C5/E65
window envelope, 20 mm from the left edge and 45 mm from the top, 90 × 45 mm
(``WINDOW``); the letterhead is above it and the text starts below it. Many letters render
as ONE document, each starting on a page of its own: the merged PDF the DPO prints."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from core.i18n import country_name
from core.pdf import html_to_pdf, html_to_pdfs
from incidents.models import Organisation
from notifications.models import Channel, Delivery, LetterBatch, Notice, Recipient
from notifications.rules.notice_words import long_date
from notifications.selectors.rendering import personalise, render_message

# The envelope window, in mm from the page's top-left corner: left, top, width, height.
WINDOW = (20, 45, 90, 45)
LETTER_LABELS = {
    "nb": {"date": "Dato", "reference": "Vår referanse"},
    "nn": {"date": "Dato", "reference": "Vår referanse"},
    "en": {"date": "Date", "reference": "Our reference"},
}


@dataclass(frozen=True)
class Address:
    """What goes in the window, line by line: the name, the street lines, postcode and place
    on one line, and the country when the letter leaves Norway."""

    name: str
    lines: tuple[str, ...]
    postcode: str
    place: str
    country: str = ""

    def window_lines(self) -> list[str]:
        lines = [self.name, *self.lines, " ".join(part for part in (self.postcode, self.place.upper()) if part)]
        if self.country and self.country.upper() not in ("NO", "NOR", "NORGE", "NOREG", "NORWAY"):
            # The last line, in capitals, in words: the name Posten reads where the letter
            # is posted (UPU S42), not a code.
            lines.append(country_name(self.country, "nb").upper())
        return [" ".join(line.split()) for line in lines if line and line.strip()]


def address_of(recipient: Recipient) -> Address:
    return Address(
        name=recipient.name,
        lines=tuple(line for line in (recipient.address1, recipient.address2) if line.strip()),
        postcode=recipient.postcode,
        place=recipient.place,
        country=recipient.country,
    )


@dataclass(frozen=True)
class Letter:
    notice: Notice
    address: Address


def _letter_context(letter: Letter, reference: str, today: date) -> dict[str, object]:
    notice = letter.notice
    rendered = render_message(language=notice.language, subject=notice.frozen_subject, parts=notice.parts(), greet=True)
    body = personalise(rendered.html, name=letter.address.name, language=notice.language, html=True)
    return {
        "language": notice.language,
        "subject": rendered.subject,
        "body": mark_safe(body),  # noqa: S308 - built from nh3-cleaned parts, the name escaped
        "address": letter.address.window_lines(),
        "labels": LETTER_LABELS.get(notice.language, LETTER_LABELS["nb"]),
        "date": long_date(today, notice.language),
        "reference": reference,
    }


def letters_html(letters: Iterable[Letter], *, reference: str, today: date | None = None) -> str:
    today = today or timezone.localdate()
    organisation = Organisation.current()
    left, top, width, height = WINDOW
    return render_to_string(
        "notifications/letter/letters.html",
        {
            "letters": [_letter_context(letter, reference, today) for letter in letters],
            "organisation": organisation,
            "organisation_lines": [line.strip() for line in organisation.address.splitlines() if line.strip()],
            "window": {"left": left, "top": top, "width": width, "height": height},
        },
    )


def letters_pdf(letters: Iterable[Letter], *, reference: str, today: date | None = None) -> bytes:
    """One PDF with every letter, each on its own page(s), in the order given."""
    return html_to_pdf(letters_html(letters, reference=reference, today=today))


def letter_pdfs(letters: list[Letter], *, reference: str, today: date | None = None) -> list[bytes]:
    """Each letter as a PDF of its own (a SvarUt shipment), laid out together."""
    if not letters:
        return []
    html = letters_html(letters, reference=reference, today=today)
    return html_to_pdfs(html, [f"letter-{index}" for index in range(len(letters))])


def letter_context(incident_id: int) -> dict[str, object]:
    """For the recipients page: how many letters wait to be printed, and the print runs."""
    return {
        "letters_waiting": Delivery.objects.filter(
            incident_id=incident_id, channel=Channel.LETTER, status=Delivery.Status.QUEUED, letter_batch__isnull=True
        ).count(),
        "letter_batches": list(
            LetterBatch.objects.filter(incident_id=incident_id).select_related("posted_by").order_by("-pk")[:50]
        ),
    }
