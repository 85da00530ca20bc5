"""On SQLite a transaction holds the one write lock of the whole database (IMMEDIATE, from
its first statement): parallel 200,000-row imports failed with "database is locked" and a
report waited 19 s, because the file was read and checked inside the transaction. The file
is now checked first; only the inserts run under the lock."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from notifications.services import recipient_import
from notifications.services.recipients import Recipient
from tests.conftest import login
from tests.notifications.delivery_helpers import csv_bytes, people


@pytest.fixture
def watched_parse(monkeypatch: Any) -> list[bool]:
    """Whether a transaction (and so, on SQLite, the write lock) was open while the file
    was being read and checked."""
    seen: list[bool] = []
    real = recipient_import.parse

    def watching(*args: Any, **kwargs: Any) -> Any:
        seen.append(connection.in_atomic_block)
        return real(*args, **kwargs)

    monkeypatch.setattr(recipient_import, "parse", watching)
    return seen


def test_the_file_is_checked_before_the_write_lock_is_taken_through_the_api(
    transactional_db: None, client: Any, users: Any, make_incident: Any, watched_parse: list[bool]
) -> None:
    incident = make_incident()
    login(client, users["handler"])
    answer = client.post(
        f"/api/v1/incidents/{incident.reference}/recipients/",
        {"file": SimpleUploadedFile("mottakere.csv", csv_bytes(people(3)), content_type="text/csv")},
    )
    assert answer.status_code == 201, answer.content
    assert watched_parse == [False]
    assert Recipient.objects.filter(incident=incident).count() == 3


def test_the_file_is_checked_before_the_write_lock_is_taken_through_the_form(
    transactional_db: None, client: Any, users: Any, make_incident: Any, watched_parse: list[bool]
) -> None:
    incident = make_incident()
    login(client, users["handler"])
    client.post(
        f"/avvik/{incident.reference}/mottakere/",
        {"upload": "1", "file": SimpleUploadedFile("l.csv", csv_bytes(people(4)))},
    )
    assert watched_parse == [False]
    assert Recipient.objects.filter(incident=incident).count() == 4


def test_a_refused_role_is_refused_before_the_file_is_read(
    transactional_db: None, client: Any, users: Any, make_incident: Any, watched_parse: list[bool]
) -> None:
    incident = make_incident()
    login(client, users["management"])
    answer = client.post(
        f"/api/v1/incidents/{incident.reference}/recipients/",
        {"file": SimpleUploadedFile("mottakere.csv", b"not,a\nvalid,file", content_type="text/csv")},
    )
    assert answer.status_code in (403, 404)
    assert watched_parse == []
