"""A nation's list is read as it arrives (#20): the upload is read in chunks, never whole;
the compiled check of a plain address accepts nothing the full check refuses; duplicates
are merged by the database, the first line winning; the encoding is known from the whole
file even when the first Windows-1252 letter comes late. Through the service, the page and
the API (SQLite; tests/integration/test_import_postgres.py does the same with COPY)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st

from notifications.services import recipient_import
from notifications.services.recipient_import import PLAIN_ADDRESS, ImportErrors, import_recipients
from notifications.services.recipients import Recipient, check_contact, check_email
from tests.conftest import login
from tests.notifications.delivery_helpers import csv_bytes, people


class ChunkedOnly(io.BytesIO):
    """An upload that refuses to be read whole: every read must ask for a bounded size."""

    reads: list[int]

    def read(self, size: int | None = -1) -> bytes:
        assert size is not None and 0 < size <= recipient_import.CHUNK_BYTES, "the file was read whole"
        self.reads = [*getattr(self, "reads", []), size]
        return super().read(size)


ADDRESS_CHARACTERS = st.sampled_from([*"aZ09._%+-@!#$'*/=?^`{}|~ \"[]()\\,;:<>ø\x00", "xn--", ".."])


@settings(max_examples=3000, deadline=None)
@given(st.lists(ADDRESS_CHARACTERS, min_size=1, max_size=24).map("".join))
def test_every_address_the_compiled_check_accepts_the_full_check_accepts(value: str) -> None:
    if PLAIN_ADDRESS.fullmatch(value) and len(value) <= 254:
        assert check_email(value) is None


@pytest.mark.parametrize(
    "address",
    [
        "ola.nordmann@example.org",
        "o+tag@sub.example.co.uk",
        "a@b.example",
        ".ola@example.org",
        "ola.@example.org",
        "ola..n@example.org",
        "ola@-example.org",
        "ola@example-.org",
        "ola@example.o",
        "ola@example.org.",
        "ola@localhost",
        "ola@[127.0.0.1]",
        '"ola nordmann"@example.org',
        "åse@example.org",
        "ola@eksempel.no\x00",
        "x" * 250 + "@example.org",
    ],
)
@pytest.mark.django_db
def test_a_row_gets_the_same_answer_as_the_full_check(address: str, school_case: Any, users: Any) -> None:
    """Same rule, same words: the import's answer for the row is check_contact's."""
    _contact, errors = check_contact(name="Ola", email=address)
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows([["name", "email", "language"], ["Ola", address, "nb"]])
    data = text.getvalue().encode()
    if not errors:
        result = import_recipients(incident_id=school_case.pk, by=users["handler"], file=io.BytesIO(data))
        assert result.imported == 1
        return
    with pytest.raises(ImportErrors) as refused:
        import_recipients(incident_id=school_case.pk, by=users["handler"], file=io.BytesIO(data))
    words = refused.value.rows[0][1]
    assert all(message in words for messages in errors.values() for message in messages)


@pytest.mark.django_db
def test_the_upload_is_read_in_chunks_never_whole(school_case: Any, users: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(recipient_import, "CHUNK_BYTES", 4096)
    upload = ChunkedOnly(csv_bytes(people(2000)))
    result = import_recipients(incident_id=school_case.pk, by=users["handler"], file=upload)
    assert result.imported == 2000
    assert len(upload.reads) > 10  # many small reads: the file was never held whole


@pytest.mark.django_db
def test_duplicates_are_merged_the_first_line_winning(school_case: Any, users: Any) -> None:
    rows = [["Første", "ADA@example.org", "nb"], *people(3), ["Andre", "ada@EXAMPLE.org", "en"]]
    rows.append(["Tredje", "a@x.no", ""])
    first = import_recipients(incident_id=school_case.pk, by=users["handler"], file=io.BytesIO(csv_bytes(rows[:2])))
    assert (first.imported, first.duplicates) == (2, 0)
    result = import_recipients(incident_id=school_case.pk, by=users["handler"], file=io.BytesIO(csv_bytes(rows)))
    # Ada and Person 0 were on the case already; Andre is Ada again: three duplicates.
    assert (result.imported, result.duplicates, result.rows) == (3, 3, 6)
    ada = Recipient.objects.get(incident=school_case, email_key="ada@example.org")
    assert (ada.name, ada.language) == ("Første", "nb")
    assert Recipient.objects.filter(incident=school_case).count() == 5


@pytest.mark.django_db
def test_a_windows_1252_letter_far_into_the_file_is_read_as_such(
    school_case: Any, users: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(recipient_import, "CHUNK_BYTES", 1024)
    data = csv_bytes([*people(500), ["Bjørn Æsir", "bjorn@example.org", "nb"]], encoding="cp1252")
    assert data.index("ø".encode("cp1252")) > 10 * 1024
    result = import_recipients(incident_id=school_case.pk, by=users["handler"], file=io.BytesIO(data))
    assert result.imported == 501
    assert Recipient.objects.get(incident=school_case, email_key="bjorn@example.org").name == "Bjørn Æsir"


@pytest.mark.django_db
def test_a_bad_line_after_many_good_ones_keeps_nothing_through_the_api(
    school_case: Any, users: Any, client: Any
) -> None:
    login(client, users["handler"])
    data = csv_bytes([*people(3000), ["Feil", "feil@", "nb"], *people(5, domain="example.net")])
    answer = client.post(
        f"/api/v1/incidents/{school_case.reference}/recipients/", {"file": SimpleUploadedFile("l.csv", data)}
    )
    assert answer.status_code == 400
    assert [error["row"] for error in answer.json()["errors"]] == [3002]
    assert not Recipient.objects.filter(incident=school_case).exists()
    answer = client.post(
        f"/api/v1/incidents/{school_case.reference}/recipients/",
        {"file": SimpleUploadedFile("l.csv", csv_bytes([*people(3000), *people(3000)]))},
    )
    assert answer.status_code == 201
    assert answer.json()["imported"] == 3000 and answer.json()["duplicates"] == 3000


@pytest.mark.django_db
def test_the_page_imports_a_list_with_duplicates_and_says_so(school_case: Any, users: Any, client: Any) -> None:
    login(client, users["handler"])
    page = client.post(
        f"/avvik/{school_case.reference}/mottakere/",
        {"upload": "1", "file": SimpleUploadedFile("l.csv", csv_bytes([*people(40), *people(10)]))},
        follow=True,
    )
    assert page.status_code == 200
    assert Recipient.objects.filter(incident=school_case).count() == 40
