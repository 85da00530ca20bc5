"""A print run's PDF is laid out by a task, not in the download (#21): kept privately,
made once however many workers try, made again only when it failed or its worker died, and
deleted with the names and addresses it holds. The case's history says when a print run
was made and when it was posted, in words."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from incidents.selectors.timeline import incident_timeline
from notifications.models import Delivery, LetterBatch, Notice, Recipient
from notifications.services import letters
from notifications.services.recipients import purge_recipients
from tests.conftest import login
from tests.notifications.delivery_helpers import approve_notices

pytestmark = pytest.mark.django_db
Pdf = LetterBatch.Pdf


@pytest.fixture
def batch(school_case: Any, users: Any) -> LetterBatch:
    approve_notices(school_case, users["dpo"])
    notice = Notice.objects.get(incident=school_case, language="nb", status=Notice.Status.APPROVED)
    for index in range(2):
        person = Recipient.objects.create(
            incident=school_case,
            name=f"Brevmottaker {index}",
            language="nb",
            address1="Fjordveien 1",
            postcode="6800",
            place="Førde",
        )
        Delivery.objects.create(incident=school_case, notice=notice, recipient=person, channel="letter")
    return letters.letter_batch_create(incident_id=school_case.pk, by=users["dpo"])


def stored(name: str) -> bool:
    return bool(name) and letters.letter_storage().exists(name)


def test_made_once_kept_privately_and_a_second_worker_does_nothing(batch: LetterBatch) -> None:
    assert batch.pdf_status == Pdf.PENDING
    assert letters.render_batch_pdf(batch.pk) is True
    assert letters.render_batch_pdf(batch.pk) is False, "a duplicate task makes nothing"
    batch.refresh_from_db()
    assert batch.pdf_status == Pdf.READY and stored(batch.pdf_name)
    assert batch.pdf_name.startswith("letters/") and "Brevmottaker" not in batch.pdf_name
    assert batch.pdf_size == letters.letter_storage().size(batch.pdf_name) > 1000


def test_a_worker_that_died_while_laying_it_out_is_taken_over_after_the_lease(batch: LetterBatch) -> None:
    now = timezone.now()
    LetterBatch.objects.filter(pk=batch.pk).update(pdf_status=Pdf.RENDERING, pdf_status_at=now)
    assert letters.render_letter_batches(now=now + timedelta(minutes=5)) == 0, "still being made"
    assert letters.render_letter_batches(now=now + letters.RENDER_LEASE + timedelta(seconds=1)) == 1
    batch.refresh_from_db()
    assert batch.pdf_status == Pdf.READY and stored(batch.pdf_name)


def test_a_failure_is_said_in_words_and_the_dpo_tries_again(
    batch: LetterBatch, users: Any, monkeypatch: Any, caplog: Any
) -> None:
    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise OSError("Brevmottaker 0, Fjordveien 1")

    monkeypatch.setattr(letters, "letters_pdf", broken)
    assert letters.render_batch_pdf(batch.pk) is False
    batch.refresh_from_db()
    assert batch.pdf_status == Pdf.FAILED and not batch.pdf_name
    assert "Brevmottaker" not in caplog.text and "Fjordveien" not in caplog.text
    assert letters.render_letter_batches() == 0, "a failed one waits for the DPO"

    client = login(Client(), users["dpo"])
    page = client.get(f"/avvik/{batch.incident.reference}/mottakere/").content.decode()
    assert "PDF-en kunne ikke lages." in page and "Prøv igjen" in page
    download = client.get(f"/avvik/{batch.incident.reference}/mottakere/brev/{batch.pk}.pdf", follow=True)
    assert "PDF-en for denne utskriften kunne ikke lages. Trykk «Prøv igjen»." in download.content.decode()

    monkeypatch.undo()
    again = client.post(f"/avvik/{batch.incident.reference}/mottakere/brev/{batch.pk}/prov-igjen/", follow=True)
    assert "PDF-en lages på nytt. Oppdater siden om litt." in again.content.decode()
    assert letters.render_letter_batches() == 1
    batch.refresh_from_db()
    assert batch.pdf_status == Pdf.READY
    twice = client.post(f"/avvik/{batch.incident.reference}/mottakere/brev/{batch.pk}/prov-igjen/", follow=True)
    assert "PDF-en for denne utskriften er ikke feilet, og lages ikke på nytt." in twice.content.decode()


def test_with_a_broker_the_task_is_queued_by_id_when_the_run_is_made_and_again_when_lost(
    school_case: Any, users: Any, settings: Any, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    sent: list[tuple[Any, ...]] = []
    monkeypatch.setattr(letters.render_letter_batch, "apply_async", lambda args, **kw: sent.append(tuple(args)))
    approve_notices(school_case, users["dpo"])
    notice = Notice.objects.get(incident=school_case, language="nb", status=Notice.Status.APPROVED)
    person = Recipient.objects.create(incident=school_case, name="Kari Brev", language="nb", address1="Vei 1")
    Delivery.objects.create(incident=school_case, notice=notice, recipient=person, channel="letter")
    with django_capture_on_commit_callbacks(execute=True):
        made = letters.letter_batch_create(incident_id=school_case.pk, by=users["dpo"])
    assert sent == [(made.pk,)], "the batch's id only: no name or address in the task"
    assert letters.render_letter_batches(now=timezone.now() + timedelta(minutes=1)) == 0, "not lost yet"
    assert letters.render_letter_batches(now=timezone.now() + letters.QUEUE_GRACE + timedelta(minutes=1)) == 1
    assert sent == [(made.pk,), (made.pk,)]
    made.refresh_from_db()
    assert made.pdf_status == Pdf.PENDING, "with a broker, the periodic job only queues"


def test_the_pdf_is_deleted_with_the_names_and_addresses(
    batch: LetterBatch, users: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    letters.render_batch_pdf(batch.pk)
    batch.refresh_from_db()
    name = batch.pdf_name
    assert stored(name)
    settings.AVVIK_RECIPIENT_RETENTION_DAYS = 90
    from incidents.models import Incident

    Incident.objects.filter(pk=batch.incident_id).update(
        state="not_a_breach", closed_at=timezone.now() - timedelta(days=91)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_recipients() == 2
    batch.refresh_from_db()
    assert batch.pdf_status == Pdf.PURGED and not batch.pdf_name and not stored(name)
    client = login(Client(), users["dpo"])
    page = client.get(f"/avvik/{batch.incident.reference}/mottakere/").content.decode()
    assert "PDF-en er slettet sammen med navnene og adressene." in page
    download = client.get(f"/avvik/{batch.incident.reference}/mottakere/brev/{batch.pk}.pdf", follow=True)
    assert "PDF-en er slettet sammen med navnene og adressene i saken." in download.content.decode()


def test_a_pdf_finished_after_the_purge_is_not_kept(batch: LetterBatch, monkeypatch: Any) -> None:
    real = letters.letters_pdf

    def purged_meanwhile(*args: Any, **kwargs: Any) -> bytes:
        pdf = real(*args, **kwargs)
        letters.forget_letter_pdfs([batch.incident_id])  # the purge runs while it is laid out
        return pdf

    monkeypatch.setattr(letters, "letters_pdf", purged_meanwhile)
    assert letters.render_batch_pdf(batch.pk) is False
    batch.refresh_from_db()
    assert batch.pdf_status == Pdf.PURGED and not batch.pdf_name
    assert letters.letter_storage().listdir("letters")[1] == [], "no PDF left behind"


@pytest.mark.parametrize(
    ("language", "made", "posted"),
    [
        ("nb", "2 brev skal skrives ut og postlegges.", "2 brev er sendt."),
        ("nn", "2 brev skal skrivast ut og postleggjast.", "2 brev er sende."),
        ("en", "2 letters to print and post.", "2 letters sent."),
    ],
)
def test_the_history_says_when_a_print_run_was_made_and_posted(
    batch: LetterBatch, users: Any, language: str, made: str, posted: str
) -> None:
    from django.utils import translation

    letters.letter_batch_posted(batch_id=batch.pk, by=users["dpo"], posted_at=timezone.now())
    with translation.override(language):
        words = [(event.title, event.reason) for event in incident_timeline(batch.incident)]
    reasons = "\n".join(reason for _title, reason in words)
    assert made in reasons and posted in reasons, words
    titles = [title for title, _reason in words]
    assert not [t for t in titles if "letters_" in t], titles
