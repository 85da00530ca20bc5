"""The files section of the case page: add, list in words, download, remove with a reason,
and every refusal in words with what was typed kept."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from incidents.models import Attachment, Incident
from incidents.services import cases
from incidents.services.attachments import attachment_add
from tests import files
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(make_incident: Any, users: dict[str, Any]) -> Incident:
    incident = make_incident(by=users["reporter"])
    return cases.incident_start(incident=incident, by=users["handler"])


def post_file(
    client: Client, case: Incident, data: bytes, name: str = "Kvittering fra Altinn.pdf", description: str = ""
) -> Any:
    return client.post(
        f"/avvik/{case.reference}/vedlegg/",
        {"attachment-file": SimpleUploadedFile(name, data), "attachment-description": description},
    )


def test_the_handler_adds_a_file_and_the_page_lists_it_in_words(case: Incident, users: dict[str, Any]) -> None:
    client = login(Client(), users["handler"])
    answer = post_file(client, case, files.PDF, description="Kvittering for meldingen")
    assert answer.status_code == 302 and answer["Location"].endswith("#attachments-heading")
    page = client.get(f"/avvik/{case.reference}/").content.decode()
    attachment = Attachment.objects.get()
    assert "Kvittering fra Altinn.pdf" in page and "Kvittering for meldingen" in page
    assert "PDF-dokument" in page and "ikke sjekket for virus" in page
    assert f"/avvik/{case.reference}/vedlegg/{attachment.public_id}/" in page
    assert users["handler"].display_name in page
    assert "Vedlegg lagt til" in page  # the history
    assert "Filen er lagt til i saken." in page


def test_a_file_of_a_kind_not_taken_is_refused_by_the_field_and_the_description_is_kept(
    case: Incident, users: dict[str, Any]
) -> None:
    client = login(Client(), users["handler"])
    answer = post_file(client, case, files.EXE, "program.pdf", description="Skjermbilde av loggen")
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Denne filtypen tas ikke imot" in page
    assert 'value="Skjermbilde av loggen"' in page
    assert not Attachment.objects.exists()


def test_an_empty_file_is_refused_in_words(case: Incident, users: dict[str, Any]) -> None:
    answer = post_file(login(Client(), users["handler"]), case, b"", "tom.pdf")
    assert answer.status_code == 400
    assert "Filen er tom" in answer.content.decode()


def test_no_file_chosen_is_said(case: Incident, users: dict[str, Any]) -> None:
    answer = login(Client(), users["handler"]).post(f"/avvik/{case.reference}/vedlegg/", {})
    assert answer.status_code == 400
    assert "Velg en fil å legge til." in answer.content.decode()


def test_a_scanner_that_cannot_be_asked_says_try_again(case: Incident, users: dict[str, Any], settings: Any) -> None:
    settings.AVVIK_CLAMD = "/nonexistent/clamd.ctl"
    answer = post_file(login(Client(), users["handler"]), case, files.PDF, description="Kvittering")
    assert answer.status_code == 409
    page = answer.content.decode()
    assert "kunne ikke sjekkes for virus" in page and "Prøv igjen" in page
    assert 'value="Kvittering"' in page
    assert not Attachment.objects.exists()


def test_the_download_is_an_attachment_of_the_detected_type_that_is_never_sniffed(
    case: Incident, users: dict[str, Any]
) -> None:
    attachment = attachment_add(
        incident=case,
        by=users["handler"],
        upload=SimpleUploadedFile("Bekreftelse fra forelder æøå.png", files.PNG, content_type="text/html"),
    )
    answer = login(Client(), users["dpo"]).get(f"/avvik/{case.reference}/vedlegg/{attachment.public_id}/")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "image/png"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''Bekreftelse%20fra%20forelder%20%C3%A6%C3%B8%C3%A5.png" in answer["Content-Disposition"]
    assert b"".join(answer.streaming_content) == files.PNG


def test_the_reporter_adds_to_their_report_and_sees_only_their_own_files(case: Incident, users: dict[str, Any]) -> None:
    staff = attachment_add(
        incident=case, by=users["handler"], upload=SimpleUploadedFile("Internt notat.txt", files.TEXT)
    )
    reporter = login(Client(), users["reporter"])
    assert post_file(reporter, case, files.JPEG, "Skjermbilde.jpg").status_code == 302
    page = reporter.get(f"/avvik/{case.reference}/").content.decode()
    assert "Skjermbilde.jpg" in page and "Internt notat.txt" not in page
    assert reporter.get(f"/avvik/{case.reference}/vedlegg/{staff.public_id}/").status_code == 404
    assert "Fjern filen" not in page


@pytest.mark.parametrize("role", ["management", "auditor"])
def test_readers_see_the_files_but_get_no_form(case: Incident, users: dict[str, Any], role: str) -> None:
    attachment_add(incident=case, by=users["reporter"], upload=SimpleUploadedFile("Skjerm.gif", files.GIF))
    client = login(Client(), users[role])
    page = client.get(f"/avvik/{case.reference}/").content.decode()
    assert "Skjerm.gif" in page and "Legg til en fil" not in page and "Fjern filen" not in page
    assert post_file(client, case, files.PDF).status_code == 403


def test_another_reporter_reaches_nothing(case: Incident, users: dict[str, Any], make_user: Any) -> None:
    attachment = attachment_add(incident=case, by=users["reporter"], upload=SimpleUploadedFile("a.pdf", files.PDF))
    other = login(Client(), make_user("reporter"))
    assert other.get(f"/avvik/{case.reference}/vedlegg/{attachment.public_id}/").status_code == 404
    assert post_file(other, case, files.PDF).status_code == 404


def test_a_made_up_or_malformed_file_id_is_404(case: Incident, users: dict[str, Any]) -> None:
    client = login(Client(), users["dpo"])
    for key in ("00000000-0000-4000-8000-000000000000", "1", "..%2F..%2Fetc"):
        assert client.get(f"/avvik/{case.reference}/vedlegg/{key}/").status_code == 404


def test_removal_asks_for_a_reason_then_removes(case: Incident, users: dict[str, Any]) -> None:
    attachment = attachment_add(incident=case, by=users["reporter"], upload=SimpleUploadedFile("feil.pdf", files.PDF))
    client = login(Client(), users["dpo"])
    url = f"/avvik/{case.reference}/vedlegg/{attachment.public_id}/fjern/"
    refused = client.post(url, {f"a{attachment.pk}-reason": ""})
    assert refused.status_code == 400
    assert "Skriv hvorfor filen fjernes." in refused.content.decode()
    assert "<details open" in refused.content.decode()
    done = client.post(url, {f"a{attachment.pk}-reason": "Lastet opp i feil sak."})
    assert done.status_code == 302
    page = client.get(f"/avvik/{case.reference}/").content.decode()
    assert "Vedlegg fjernet" in page and "Lastet opp i feil sak." in page
    assert "Ingen filer er lagt til." in page
    assert client.get(f"/avvik/{case.reference}/vedlegg/{attachment.public_id}/").status_code == 404


def test_the_reporter_may_not_remove(case: Incident, users: dict[str, Any]) -> None:
    attachment = attachment_add(incident=case, by=users["reporter"], upload=SimpleUploadedFile("a.pdf", files.PDF))
    answer = login(Client(), users["reporter"]).post(
        f"/avvik/{case.reference}/vedlegg/{attachment.public_id}/fjern/", {f"a{attachment.pk}-reason": "Angrer."}
    )
    assert answer.status_code == 403
    assert Attachment.objects.get().removed_at is None


def test_a_closed_case_takes_no_files_and_says_so(make_incident: Any, users: dict[str, Any]) -> None:
    incident = make_incident(by=users["reporter"])
    cases.incident_start(incident=incident, by=users["dpo"])
    cases.incident_dismiss(incident=incident, by=users["dpo"], reason="Ikke et brudd.")
    reporter = login(Client(), users["reporter"])
    assert "Legg til en fil" not in reporter.get(f"/avvik/{incident.reference}/").content.decode()
    answer = post_file(reporter, incident, files.PDF)
    assert answer.status_code == 302
    assert "Saken er avsluttet" in reporter.get(answer["Location"]).content.decode()
    assert not Attachment.objects.exists()


def test_a_file_whose_bytes_are_lost_is_404_not_an_error(case: Incident, users: dict[str, Any]) -> None:
    from django.core.files.storage import storages

    attachment = attachment_add(incident=case, by=users["handler"], upload=SimpleUploadedFile("a.pdf", files.PDF))
    client = login(Client(), users["dpo"])
    url = f"/avvik/{case.reference}/vedlegg/{attachment.public_id}/"
    assert client.get(url).status_code == 200  # control
    storages["attachments"].delete(attachment.storage_name)
    assert client.get(url).status_code == 404
