"""Files on a case: what is taken, what is refused (with nothing stored), who may add,
see and remove, the history, and the bytes leaving with the case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from core.errors import Conflict, Invalid, NotPermitted, Unavailable
from incidents.models import Attachment, CaseEvent, Incident
from incidents.selectors.attachments import attachments_visible_to
from incidents.services import cases
from incidents.services.attachments import attachment_add, attachment_open, attachment_remove
from incidents.services.events import Kind
from tests import files
from tests.clamd import EICAR, fake_clamd

pytestmark = pytest.mark.django_db


def upload(data: bytes = files.PDF, name: str = "Kvittering fra Altinn.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def stored_files() -> list[str]:
    root = Path(storages["attachments"].location)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def case(make_incident: Any, users: dict[str, Any]) -> Incident:
    incident = make_incident(by=users["reporter"])
    return cases.incident_start(incident=incident, by=users["handler"])


def test_a_pdf_is_kept_under_a_random_name_with_what_a_reader_needs(case: Incident, users: dict[str, Any]) -> None:
    attachment = attachment_add(
        incident=case, by=users["handler"], upload=upload(), description="  Kvittering for meldingen  "
    )
    assert attachment.name == "Kvittering fra Altinn.pdf"
    assert attachment.description == "Kvittering for meldingen"
    assert (attachment.kind, attachment.content_type, attachment.size) == ("pdf", "application/pdf", len(files.PDF))
    assert attachment.scan == Attachment.Scan.NOT_SCANNED  # no clamd configured
    assert stored_files() == [attachment.storage_name]
    assert "Altinn" not in attachment.storage_name and case.reference not in attachment.storage_name
    with attachment_open(attachment) as handle:
        assert handle.read() == files.PDF
    event = CaseEvent.objects.get(incident=case, kind=Kind.ATTACHMENT_ADDED)
    assert event.by == users["handler"]
    assert event.details == {"attachment": str(attachment.public_id)}  # the name only through the row


def test_the_type_comes_from_the_bytes_not_the_name(case: Incident, users: dict[str, Any]) -> None:
    attachment = attachment_add(incident=case, by=users["handler"], upload=upload(files.PNG, "kvittering.pdf"))
    assert (attachment.kind, attachment.content_type) == ("png", "image/png")


@pytest.mark.parametrize(
    ("data", "name", "field", "words"),
    [
        (b"", "tom.pdf", "file", "tom"),
        (files.EXE, "kvittering.pdf", "file", "filtypen tas ikke imot"),
        (files.DOCM, "rapport.docx", "file", "makroer"),
    ],
)
def test_bad_files_are_refused_in_words_and_nothing_is_stored(
    case: Incident, users: dict[str, Any], data: bytes, name: str, field: str, words: str
) -> None:
    with pytest.raises(Invalid) as refused:
        attachment_add(incident=case, by=users["handler"], upload=upload(data, name))
    assert words in " ".join(refused.value.errors[field])
    assert stored_files() == [] and not Attachment.objects.exists()
    assert not CaseEvent.objects.filter(kind=Kind.ATTACHMENT_ADDED).exists()


def test_a_file_over_the_limit_is_refused_with_both_sizes(case: Incident, users: dict[str, Any], settings: Any) -> None:
    settings.AVVIK_ATTACHMENT_MAX_BYTES = 1024
    with pytest.raises(Invalid) as refused:
        attachment_add(incident=case, by=users["handler"], upload=upload(files.PDF + b" " * 1024))
    message = refused.value.errors["file"][0]
    assert "for stor" in message and "1,0\xa0KB" in message
    # Control: at the limit it is taken.
    attachment_add(incident=case, by=users["handler"], upload=upload(files.PDF + b" " * (1024 - len(files.PDF))))


def test_a_clean_file_is_marked_checked_and_a_virus_is_refused(
    case: Incident, users: dict[str, Any], settings: Any, tmp_path: Path
) -> None:
    with fake_clamd(tmp_path) as clamd:
        settings.AVVIK_CLAMD = clamd.path
        clean = attachment_add(incident=case, by=users["handler"], upload=upload(files.TEXT, "slettet.txt"))
        with pytest.raises(Invalid) as refused:
            attachment_add(incident=case, by=users["handler"], upload=upload(EICAR, "eicar.txt"))
    assert clean.scan == Attachment.Scan.CLEAN
    assert clamd.received == [files.TEXT, EICAR]
    assert "skadelig innhold" in refused.value.errors["file"][0]
    assert stored_files() == [clean.storage_name]


def test_a_scanner_that_cannot_be_asked_refuses_the_file_and_logs_no_name(
    case: Incident, users: dict[str, Any], settings: Any, caplog: Any
) -> None:
    settings.AVVIK_CLAMD = "/nonexistent/clamd.ctl"
    with pytest.raises(Unavailable) as refused:
        attachment_add(incident=case, by=users["handler"], upload=upload(name="Kari Nordmann.pdf"))
    assert "kunne ikke sjekkes for virus" in refused.value.message
    assert stored_files() == [] and not Attachment.objects.exists()
    assert f"case {case.pk}" in caplog.text and "Kari" not in caplog.text


def test_the_reporter_adds_to_their_own_open_report_and_sees_only_their_own(
    case: Incident, users: dict[str, Any]
) -> None:
    staff = attachment_add(incident=case, by=users["handler"], upload=upload())
    own = attachment_add(incident=case, by=users["reporter"], upload=upload(files.JPEG, "skjerm.jpg"))
    assert list(attachments_visible_to(users["reporter"], case)) == [own]
    for role in ("handler", "dpo", "management", "auditor"):
        assert list(attachments_visible_to(users[role], case)) == [staff, own], role


@pytest.mark.parametrize("role", ["management", "auditor"])
def test_who_only_reads_the_case_may_not_add(case: Incident, users: dict[str, Any], role: str) -> None:
    with pytest.raises(NotPermitted):
        attachment_add(incident=case, by=users[role], upload=upload())
    assert stored_files() == []


def test_another_reporter_may_not_add(case: Incident, make_user: Any) -> None:
    with pytest.raises(NotPermitted):
        attachment_add(incident=case, by=make_user("reporter"), upload=upload())


def test_nothing_is_added_to_a_closed_case(make_incident: Any, users: dict[str, Any]) -> None:
    incident = make_incident(by=users["reporter"])
    cases.incident_start(incident=incident, by=users["dpo"])
    dismissed = cases.incident_dismiss(incident=incident, by=users["dpo"], reason="Ikke personopplysninger.")
    for role in ("reporter", "dpo"):
        with pytest.raises(Conflict):
            attachment_add(incident=dismissed, by=users[role], upload=upload())
    assert stored_files() == []


def test_removal_needs_a_reason_deletes_the_bytes_and_keeps_the_history(
    case: Incident, users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    attachment = attachment_add(incident=case, by=users["reporter"], upload=upload(name="feil fil.pdf"))
    with pytest.raises(Invalid) as refused:
        attachment_remove(attachment=attachment, by=users["dpo"], reason=" \u200b ")
    assert "hvorfor" in refused.value.errors["reason"][0]
    for role in ("reporter", "management", "auditor"):
        with pytest.raises(NotPermitted):
            attachment_remove(attachment=attachment, by=users[role], reason="Feil fil.")
    assert stored_files() == [attachment.storage_name]
    with django_capture_on_commit_callbacks(execute=True):
        removed = attachment_remove(attachment=attachment, by=users["dpo"], reason="Feil fil, lastet opp ved en feil.")
    assert removed.removed_by == users["dpo"] and removed.removed_reason == "Feil fil, lastet opp ved en feil."
    assert stored_files() == []
    assert list(attachments_visible_to(users["dpo"], case)) == []
    event = CaseEvent.objects.get(incident=case, kind=Kind.ATTACHMENT_REMOVED)
    assert event.text == "Feil fil, lastet opp ved en feil."
    with pytest.raises(Conflict):
        attachment_remove(attachment=attachment, by=users["dpo"], reason="Igjen.")


def test_the_history_names_the_file_in_words(case: Incident, users: dict[str, Any]) -> None:
    from incidents.selectors.timeline import incident_timeline

    attachment = attachment_add(incident=case, by=users["handler"], upload=upload(name="Bekreftelse.pdf"))
    attachment_remove(attachment=attachment, by=users["handler"], reason="Dobbelt opp.")
    events = [e for e in incident_timeline(case) if e.title in ("Vedlegg lagt til", "Vedlegg fjernet")]
    assert [(e.title, e.reason) for e in events] == [
        ("Vedlegg lagt til", "Fil: Bekreftelse.pdf"),
        ("Vedlegg fjernet", "Fil: Bekreftelse.pdf\nDobbelt opp."),
    ]
    assert all(e.who == users["handler"].display_name for e in events)


def test_a_case_deleted_takes_its_files_bytes_with_it(
    case: Incident, users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    attachment_add(incident=case, by=users["handler"], upload=upload())
    attachment_add(incident=case, by=users["reporter"], upload=upload(files.GIF, "skjerm.gif"))
    assert len(stored_files()) == 2
    from notifications.models import OutboundEmail

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        # Nothing in Avvik deletes a case today (the register keeps it, art. 33(5)); whatever
        # does so later deletes its e-mail log first, then the case, and the bytes follow.
        OutboundEmail.objects.filter(incident=case).delete()
        Incident.objects.filter(pk=case.pk).delete()
    assert stored_files() == [] and not Attachment.objects.exists()


def test_a_deletion_rolled_back_keeps_the_bytes(
    case: Incident, users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    attachment = attachment_add(incident=case, by=users["handler"], upload=upload())
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        Attachment.objects.filter(pk=attachment.pk).delete()
        raise RuntimeError("rolled back")
    assert stored_files() == [attachment.storage_name]
