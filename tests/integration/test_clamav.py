"""The virus scan against Debian's real clamd (issue 19): the test starts clamd itself with
a signature database of its own for the EICAR test file (the public databases cannot be
downloaded on these machines), uploads EICAR through the case page and sees it refused
with nothing stored, and a clean file taken and marked as checked. A clamd that stops
answering refuses every file (fail closed). Under CI=true a missing clamd fails the run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from incidents.models import Attachment, CaseEvent, Incident
from incidents.services import cases
from incidents.services.events import Kind
from tests import files
from tests.clamd import EICAR, clamd_binary, real_clamd
from tests.conftest import login
from tests.services import missing

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def clamd(tmp_path: Path, settings: Any) -> Iterator[str]:
    if clamd_binary() is None:
        missing("clamd is not installed: apt-get install clamav-daemon")
    with real_clamd(tmp_path) as socket_path:
        settings.AVVIK_CLAMD = socket_path
        yield socket_path


@pytest.fixture
def case(make_incident: Any, users: dict[str, Any]) -> Incident:
    incident = make_incident(by=users["reporter"])
    return cases.incident_start(incident=incident, by=users["handler"])


def stored() -> list[Path]:
    return [p for p in Path(storages["attachments"].location).rglob("*") if p.is_file()]


def post_file(client: Client, case: Incident, data: bytes, name: str) -> Any:
    return client.post(
        f"/avvik/{case.reference}/vedlegg/",
        {"attachment-file": SimpleUploadedFile(name, data), "attachment-description": "Fra e-posten"},
    )


def test_eicar_is_refused_through_the_page_and_a_clean_file_is_taken(
    clamd: str, case: Incident, users: dict[str, Any]
) -> None:
    handler = login(Client(), users["handler"])
    refused = post_file(handler, case, EICAR, "vedlegg fra e-posten.txt")
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Virussjekken fant skadelig innhold i filen. Filen er ikke lagret." in page
    assert 'value="Fra e-posten"' in page  # what was typed is kept
    assert not Attachment.objects.exists() and stored() == []
    assert not CaseEvent.objects.filter(kind=Kind.ATTACHMENT_ADDED).exists()

    # The same words with EICAR inside: the body signature finds it there too.
    assert post_file(handler, case, b"Hei!\n" + EICAR + b"\nHilsen\n", "svar.txt").status_code == 400
    assert stored() == []

    taken = post_file(handler, case, files.PDF, "Kvittering fra Altinn.pdf")
    assert taken.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.scan == Attachment.Scan.CLEAN
    assert len(stored()) == 1
    page = handler.get(f"/avvik/{case.reference}/").content.decode()
    assert "Kvittering fra Altinn.pdf" in page and "sjekket for virus, ingen funnet" in page


def test_a_clamd_that_has_stopped_refuses_every_file(
    tmp_path: Path, settings: Any, case: Incident, users: dict[str, Any]
) -> None:
    if clamd_binary() is None:
        missing("clamd is not installed: apt-get install clamav-daemon")
    with real_clamd(tmp_path) as socket_path:
        settings.AVVIK_CLAMD = socket_path
    # clamd has been stopped: its address is still configured.
    answer = post_file(login(Client(), users["handler"]), case, files.PDF, "Kvittering.pdf")
    assert answer.status_code == 409
    assert "kunne ikke sjekkes for virus" in answer.content.decode()
    assert not Attachment.objects.exists() and stored() == []
