"""The files of a case in the API: list, upload, download, remove; errors as CONTRACT.md says."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.models import ApiToken
from incidents.models import Attachment, Incident
from incidents.services import cases
from tests import files
from tests.clamd import EICAR

pytestmark = pytest.mark.django_db


def api(user: Any, language: str = "nb") -> Client:
    _token, key = ApiToken.issue(user)
    return Client(HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE=language)


@pytest.fixture
def case(make_incident: Any, users: dict[str, Any]) -> Incident:
    incident = make_incident(by=users["reporter"])
    return cases.incident_start(incident=incident, by=users["handler"])


def upload(client: Client, case: Incident, data: bytes, name: str = "kvittering.pdf", **extra: Any) -> Any:
    return client.post(
        f"/api/v1/incidents/{case.reference}/attachments/", {"file": SimpleUploadedFile(name, data), **extra}
    )


def test_upload_list_download_remove(case: Incident, users: dict[str, Any]) -> None:
    handler = api(users["handler"])
    created = upload(handler, case, files.ODT, "Referat.odt", description="Referat fra møtet")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["name"] == "Referat.odt" and body["description"] == "Referat fra møtet"
    assert body["content_type"] == "application/vnd.oasis.opendocument.text"
    assert body["type_label"] == "OpenDocument-tekst"
    assert body["size"] == len(files.ODT) and body["scan"] == "not_scanned"
    assert body["url"].endswith(f"/api/v1/incidents/{case.reference}/attachments/{body['id']}/")

    listed = api(users["auditor"]).get(f"/api/v1/incidents/{case.reference}/attachments/")
    assert [row["id"] for row in listed.json()["results"]] == [body["id"]]

    download = api(users["management"]).get(body["url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/vnd.oasis.opendocument.text"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == files.ODT

    path = f"/api/v1/incidents/{case.reference}/attachments/{body['id']}/"
    refused = api(users["dpo"]).delete(path, {}, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["errors"]["reason"] == ["Skriv hvorfor filen fjernes."]
    removed = api(users["dpo"]).delete(path, {"reason": "Feil sak."}, content_type="application/json")
    assert removed.status_code == 200 and removed.json()["removed_at"]
    assert api(users["dpo"]).get(path).status_code == 404
    assert api(users["dpo"]).get(f"/api/v1/incidents/{case.reference}/attachments/").json() == {"results": []}


def test_bad_uploads_are_400_naming_the_field(case: Incident, users: dict[str, Any]) -> None:
    client = api(users["handler"])
    assert upload(client, case, files.EXE).json() == {
        "errors": {
            "file": [
                "Denne filtypen tas ikke imot. Last opp PDF, bilde (PNG, JPEG, GIF, WebP), tekst, CSV, e-post (.eml), "
                "Word, Excel, PowerPoint eller OpenDocument."
            ]
        }
    }
    missing = client.post(f"/api/v1/incidents/{case.reference}/attachments/", {"description": "x"})
    assert missing.status_code == 400 and "file" in missing.json()["errors"]
    english = upload(api(users["handler"], "en"), case, b"", "empty.pdf")
    assert english.status_code == 400
    assert english.json()["errors"]["file"] == ["The file is empty. Choose a file with something in it."]
    assert not Attachment.objects.exists()


def test_a_virus_is_400_and_an_unreachable_scanner_503(
    case: Incident, users: dict[str, Any], settings: Any, tmp_path: Any
) -> None:
    from tests.clamd import fake_clamd

    client = api(users["handler"])
    with fake_clamd(tmp_path) as clamd:
        settings.AVVIK_CLAMD = clamd.path
        infected = upload(client, case, EICAR, "eicar.txt")
    assert infected.status_code == 400 and "skadelig" in infected.json()["errors"]["file"][0]
    settings.AVVIK_CLAMD = "/nonexistent/clamd.ctl"
    unavailable = upload(client, case, files.PDF)
    assert unavailable.status_code == 503 and "Prøv igjen" in unavailable.json()["detail"]
    assert not Attachment.objects.exists()


def test_roles_and_cases_one_may_not_see(case: Incident, users: dict[str, Any], make_user: Any) -> None:
    assert upload(api(users["auditor"]), case, files.PDF).status_code == 403
    assert upload(api(make_user("reporter")), case, files.PDF).status_code == 404
    own = upload(api(users["reporter"]), case, files.PDF).json()
    path = f"/api/v1/incidents/{case.reference}/attachments/{own['id']}/"
    regret = api(users["reporter"]).delete(path, {"reason": "Angrer."}, content_type="application/json")
    assert regret.status_code == 403
    assert api(make_user("reporter")).get(path).status_code == 404
    assert Client().get(path).status_code == 401
