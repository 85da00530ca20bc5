"""Printed letters through the recipients page, as the DPO uses it: gather the letters, get
one merged PDF with each name and address in the envelope window, record the posting; then
those people are told, by whom and when. Other roles cannot."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from pypdf import PdfReader

from notifications.models import Delivery, LetterBatch, Notice, Recipient
from notifications.services.letters import render_letter_batches
from tests.conftest import login
from tests.notifications.delivery_helpers import approve_notices
from tests.notifications.selectors.test_letters import in_window, text_positions


@pytest.fixture
def letters(school_case: Any, users: Any) -> list[Delivery]:
    approve_notices(school_case, users["dpo"])
    notice = Notice.objects.get(incident=school_case, language="nb", status=Notice.Status.APPROVED)
    rows = []
    for index in range(3):
        person = Recipient.objects.create(
            incident=school_case,
            name=f"Brevmottaker {index}",
            language="nb",
            address1=f"Fjordveien {index + 10}",
            postcode=f"{6800 + index}",
            place="Førde",
        )
        rows.append(Delivery.objects.create(incident=school_case, notice=notice, recipient=person, channel="letter"))
    return rows


@pytest.mark.django_db
def test_the_dpo_prints_one_pdf_and_records_the_posting(
    school_case: Any, users: Any, client: Any, letters: Any
) -> None:
    login(client, users["dpo"])
    page = client.get(f"/avvik/{school_case.reference}/mottakere/")
    assert "3 brev venter på utskrift." in page.content.decode()
    response = client.post(f"/avvik/{school_case.reference}/mottakere/brev/", follow=True)
    assert "3 brev er samlet til utskrift. PDF-en lages nå; oppdater siden om litt." in response.content.decode()
    assert "PDF-en lages … Oppdater siden om litt." in response.content.decode()
    batch = LetterBatch.objects.get(incident=school_case)
    # Not made yet: the download says so in words, on the page.
    early = client.get(f"/avvik/{school_case.reference}/mottakere/brev/{batch.pk}.pdf", follow=True)
    assert "PDF-en lages fortsatt. Oppdater siden om litt." in early.content.decode()
    # Embedded (no broker): the scheduler's periodic job lays it out.
    assert render_letter_batches() == 1
    page = client.get(f"/avvik/{school_case.reference}/mottakere/")
    assert "Klar: last ned PDF" in page.content.decode()
    pdf = client.get(f"/avvik/{school_case.reference}/mottakere/brev/{batch.pk}.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "no-store" in pdf["Cache-Control"] and pdf["X-Content-Type-Options"] == "nosniff"
    reader = PdfReader(io.BytesIO(b"".join(pdf.streaming_content)))
    assert len(reader.pages) == 3
    for index, page_of_pdf in enumerate(reader.pages):
        positions = text_positions(page_of_pdf)
        for line in (f"Brevmottaker {index}", f"Fjordveien {index + 10}", f"{6800 + index} FØRDE"):
            assert in_window(positions, line), line
    # A time in the future is refused in words; nothing is marked.
    future = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        f"/avvik/{school_case.reference}/mottakere/brev/{batch.pk}/postlagt/", {"posted_at": future}, follow=True
    )
    assert "Tidspunktet kan ikke være i framtiden." in response.content.decode()
    assert not Delivery.objects.filter(status=Delivery.Status.SENT).exists()
    posted = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        f"/avvik/{school_case.reference}/mottakere/brev/{batch.pk}/postlagt/", {"posted_at": posted}, follow=True
    )
    assert "3 brev er registrert som sendt." in response.content.decode()
    for row in Delivery.objects.filter(pk__in=[d.pk for d in letters]):
        assert row.status == Delivery.Status.SENT and row.sent_at is not None
    batch.refresh_from_db()
    assert batch.posted_by == users["dpo"]


@pytest.mark.django_db
def test_a_handler_cannot_print_or_download(school_case: Any, users: Any, client: Any, letters: Any) -> None:
    batch = LetterBatch.objects.create(incident=school_case, count=3, created_by=users["dpo"])
    login(client, users["handler"])
    assert client.post(f"/avvik/{school_case.reference}/mottakere/brev/").status_code == 403
    assert client.get(f"/avvik/{school_case.reference}/mottakere/brev/{batch.pk}.pdf").status_code == 403
    assert not LetterBatch.objects.exclude(pk=batch.pk).exists()
