"""A file of 200 000 bad lines answers a page, not 28 MB of errors (#14): the first 100
bad lines are named, then one line says how many more there are."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from notifications.services.recipient_import import MAX_REPORTED_ERRORS, ImportErrors, import_recipients
from notifications.services.recipients import Recipient
from tests.conftest import login
from tests.notifications.delivery_helpers import csv_bytes

pytestmark = pytest.mark.django_db

BAD_LINES = 20_000


def bad_file(n: int = BAD_LINES) -> bytes:
    return csv_bytes([[f"Person {i}", f"person{i}@", "nb"] for i in range(n)])


def test_the_service_names_the_first_hundred_and_counts_the_rest(school_case: Any, users: Any) -> None:
    data = bad_file()
    with pytest.raises(ImportErrors) as refused:
        import_recipients(incident_id=school_case.pk, by=users["handler"], file=io.BytesIO(data), size=len(data))
    assert refused.value.total == BAD_LINES
    shown = refused.value.shown
    assert len(shown) == MAX_REPORTED_ERRORS + 1
    assert [line for line, _ in shown[:3]] == [2, 3, 4]
    assert shown[-1][0] == 0 and "19 900 linjer til har feil" in shown[-1][1]


def test_the_api_answers_a_bounded_list_in_the_contracts_shape(school_case: Any, users: Any, client: Any) -> None:
    login(client, users["handler"])
    answer = client.post(
        f"/api/v1/incidents/{school_case.reference}/recipients/", {"file": SimpleUploadedFile("l.csv", bad_file())}
    )
    assert answer.status_code == 400
    body = answer.json()
    assert len(body["errors"]) == MAX_REPORTED_ERRORS + 1
    assert all(set(error) == {"row", "message"} for error in body["errors"])
    assert body["error_rows"] == BAD_LINES
    assert len(answer.content) < 50_000
    assert not Recipient.objects.filter(incident=school_case).exists()


def test_the_page_shows_the_count_of_every_bad_line(school_case: Any, users: Any, client: Any) -> None:
    login(client, users["handler"])
    page = client.post(
        f"/avvik/{school_case.reference}/mottakere/",
        {"upload": "1", "file": SimpleUploadedFile("l.csv", bad_file())},
    )
    assert page.status_code == 400
    text = page.content.decode()
    assert "20000 linjer har feil" in text or "20 000 linjer har feil" in text or "20\xa0000 linjer har feil" in text
    assert "19 900 linjer til har feil" in text
    assert text.count("<li>") < MAX_REPORTED_ERRORS + 20


def test_a_few_bad_lines_are_all_named_as_before(school_case: Any, users: Any) -> None:
    data = bad_file(3)
    with pytest.raises(ImportErrors) as refused:
        import_recipients(incident_id=school_case.pk, by=users["handler"], file=io.BytesIO(data), size=len(data))
    assert [line for line, _ in refused.value.shown] == [2, 3, 4]
    assert refused.value.as_list()[0]["row"] == 2
