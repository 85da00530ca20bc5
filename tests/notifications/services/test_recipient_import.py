"""CSV import of the people affected: what a DPO with a spreadsheet will run into."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.utils import translation

from notifications.models import Audience
from notifications.services import recipient_import
from notifications.services.recipient_import import MAX_UPLOAD_BYTES, ImportErrors, import_recipients
from notifications.services.recipients import Recipient
from tests.conftest import login
from tests.notifications.delivery_helpers import csv_bytes, people

pytestmark = pytest.mark.django_db


def run(case: Any, user: Any, data: bytes) -> Any:
    return import_recipients(incident_id=case.pk, by=user, file=io.BytesIO(data), size=len(data))


def test_utf8_with_bom_and_semicolons_as_excel_writes(school_case: Any, users: Any) -> None:
    data = b"\xef\xbb\xbf" + csv_bytes([["Åse Ødegård", "ase@example.org", "nn"]], sep=";")
    result = run(school_case, users["handler"], data)
    assert result.imported == 1
    person = Recipient.objects.get(incident=school_case)
    assert (person.name, person.email, person.language) == ("Åse Ødegård", "ase@example.org", "nn")


def test_windows_1252_from_excel(school_case: Any, users: Any) -> None:
    data = csv_bytes([["Bjørn Æsir", "bjorn@example.org", "nb"]], sep=";", encoding="cp1252")
    run(school_case, users["handler"], data)
    assert Recipient.objects.get(incident=school_case).name == "Bjørn Æsir"


def test_blank_language_becomes_the_organisations_default(school_case: Any, users: Any, organisation: Any) -> None:
    organisation.default_language = "nn"
    organisation.save()
    run(school_case, users["handler"], csv_bytes([["A", "a@example.org", ""]]))
    assert Recipient.objects.get(incident=school_case).language == "nn"


def test_every_bad_row_is_named_and_nothing_is_imported(school_case: Any, users: Any) -> None:
    rows = people(10)
    rows[2] = ["Feil adresse", "ikke-en-adresse", "nb"]
    rows[6] = ["Feil språk", "ok@example.org", "sv"]
    rows[8] = ["Ukjent gruppe", "ok2@example.org", "nb"]
    data = csv_bytes(
        [[*r, "Foreldre"] for r in rows[:8]] + [[*rows[8], "Naboer"]] + [[*rows[9], ""]],
        header="name,email,language,audience",
    )
    Audience.objects.create(incident=school_case, name="Foreldre", created_by=users["dpo"])
    with translation.override("nb"), pytest.raises(ImportErrors) as caught:
        run(school_case, users["handler"], data)
    # The header is line 1, so data row i is line i + 2, as the spreadsheet shows it.
    errors = dict(caught.value.rows)
    assert sorted(errors) == [4, 8, 10]
    assert "ikke-en-adresse" in errors[4] and "gyldig e-postadresse" in errors[4]
    assert "sv" in errors[8] and "nb, nn eller en" in errors[8]
    assert "Naboer" in errors[10] and "Foreldre" in errors[10]
    assert not Recipient.objects.filter(incident=school_case).exists()


def test_duplicates_by_address_in_any_case_are_merged_and_counted(school_case: Any, users: Any) -> None:
    data = csv_bytes([["A", "Kari@Example.org", "nb"], ["B", "kari@example.ORG", "en"], ["C", "c@example.org", "nb"]])
    result = run(school_case, users["handler"], data)
    assert (result.imported, result.duplicates) == (2, 1)
    # The same file again: everyone is already there.
    again = run(school_case, users["handler"], data)
    assert (again.imported, again.duplicates) == (0, 3)
    assert Recipient.objects.filter(incident=school_case).count() == 2


def test_missing_column_names_the_header(school_case: Any, users: Any) -> None:
    with pytest.raises(ImportErrors) as caught:
        run(school_case, users["handler"], b"name,mail\nA,a@example.org\n")
    assert caught.value.rows[0][0] == 1 and "email" in caught.value.rows[0][1]


def test_a_file_over_the_limit_is_refused_with_a_clear_message(school_case: Any, users: Any, monkeypatch: Any) -> None:
    """Found while the file is read in chunks, when no size was given (a stream)."""
    assert MAX_UPLOAD_BYTES >= 100 * 1024 * 1024  # a nation's list fits
    monkeypatch.setattr(recipient_import, "MAX_UPLOAD_BYTES", 1024 * 1024)
    data = b"name,email,language\n" + b"x" * (1024 * 1024)
    with pytest.raises(ImportErrors) as caught:
        import_recipients(incident_id=school_case.pk, by=users["handler"], file=io.BytesIO(data), size=None)
    assert caught.value.rows[0][0] == 0 and "høyst 1 MB" in caught.value.rows[0][1]
    assert not Recipient.objects.filter(incident=school_case).exists()


def test_reporters_may_not_import(school_case: Any, users: Any) -> None:
    from core.errors import NotPermitted

    with pytest.raises(NotPermitted):
        run(school_case, users["reporter"], csv_bytes(people(1)))


def test_twenty_thousand_rows_in_one_go(school_case: Any, users: Any) -> None:
    result = run(school_case, users["handler"], csv_bytes(people(20_000)))
    assert result.imported == 20_000
    assert Recipient.objects.filter(incident=school_case).count() == 20_000


def test_api_answers_as_the_contract_says(school_case: Any, users: Any, client: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, users["handler"])
    url = f"/api/v1/incidents/{school_case.reference}/recipients/"
    good = SimpleUploadedFile("liste.csv", csv_bytes([*people(3), ["Dup", "PERSON0@example.org", "nb"]]))
    answer = client.post(url, {"file": good})
    assert answer.status_code == 201
    assert answer.json()["imported"] == 3 and answer.json()["duplicates"] == 1

    bad = SimpleUploadedFile("liste.csv", csv_bytes([["X", "x@example.org", "nb"], ["Y", "y@", "nb"]]))
    answer = client.post(url, {"file": bad})
    assert answer.status_code == 400
    assert [e["row"] for e in answer.json()["errors"]] == [3]
    assert Recipient.objects.filter(incident=school_case).count() == 3

    login(client, users["reporter"])
    assert client.post(url, {"file": SimpleUploadedFile("l.csv", csv_bytes(people(1)))}).status_code in (403, 404)
