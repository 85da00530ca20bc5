"""The recipient import on PostgreSQL takes the short way when it can: each checked row goes
straight into the case's list by one COPY while the next rows are read. When the list
cannot take the file as it stands (someone already on it, or twice in the file), the case's
audiences changed meanwhile, or a rotation of the national-ID keys is unfinished, the file
is merged through the temporary table instead, with the same outcome as before."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import psycopg
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.errors import Conflict
from notifications.models import Audience
from notifications.services import recipient_import
from notifications.services.recipient_import import import_recipients
from notifications.services.recipients import Recipient
from tests.integration.conftest import database_url
from tests.notifications.conftest import decide, organisation, school_case  # noqa: F401  (fixtures)
from tests.notifications.delivery_helpers import csv_bytes, people

pytestmark = [pytest.mark.integration]


def merged(queries: CaptureQueriesContext) -> bool:
    """Whether the import went through the temporary table (the COPY itself is psycopg's and
    not among the queries Django sees)."""
    return any("CREATE TEMPORARY TABLE" in query["sql"] for query in queries.captured_queries)


def imported(incident: Any, data: bytes, by: Any) -> tuple[Any, bool]:
    with CaptureQueriesContext(connection) as queries:
        result = import_recipients(incident_id=incident.pk, by=by, file=io.BytesIO(data))
    return result, merged(queries)


def meanwhile(monkeypatch: Any, sql: str, params: list[Any]) -> None:
    """Run ``sql`` on a connection of its own, committed, once the import has read its first
    row: as another person's change while the file is read."""
    real = recipient_import.parse

    def parse(*args: Any, **kwargs: Any) -> Iterator[Any]:
        rows = real(*args, **kwargs)
        yield next(rows)
        with psycopg.connect(database_url(), autocommit=True) as other:
            other.execute(sql, params)
        yield from rows

    monkeypatch.setattr(recipient_import, "parse", parse)


@pytest.mark.django_db
def test_a_list_with_no_one_twice_goes_in_by_one_copy_in_the_order_of_the_file(
    school_case: Any,  # noqa: F811
    users: Any,
) -> None:
    rows = people(500)
    result, through_merge = imported(school_case, csv_bytes(rows), users["handler"])
    assert (result.imported, result.duplicates, result.rows) == (500, 0, 500)
    assert not through_merge
    in_order = Recipient.objects.filter(incident=school_case).order_by("pk").values_list("name", "email", "language")
    assert [list(row) for row in in_order] == rows


@pytest.mark.django_db
def test_someone_already_on_the_list_is_merged_the_first_one_kept(school_case: Any, users: Any) -> None:  # noqa: F811
    first, through_merge = imported(school_case, csv_bytes([["Ada", "ada@example.org", "nb"]]), users["handler"])
    assert (first.imported, through_merge) == (1, False)
    again = csv_bytes([["Bo", "bo@example.org", "en"], ["Ada igjen", "ADA@example.org", "en"]])
    result, through_merge = imported(school_case, again, users["handler"])
    assert (result.imported, result.duplicates, through_merge) == (1, 1, True)
    ada = Recipient.objects.get(incident=school_case, email_key="ada@example.org")
    assert (ada.name, ada.language) == ("Ada", "nb")
    assert Recipient.objects.filter(incident=school_case).count() == 2


def test_a_case_closed_while_the_file_is_read_keeps_nothing(
    transactional_db: None,
    school_case: Any,  # noqa: F811
    users: Any,
    monkeypatch: Any,
) -> None:
    meanwhile(monkeypatch, "UPDATE incidents_incident SET state = 'closed' WHERE id = %s", [school_case.pk])
    with pytest.raises(Conflict):
        import_recipients(incident_id=school_case.pk, by=users["handler"], file=io.BytesIO(csv_bytes(people(50))))
    assert not Recipient.objects.filter(incident=school_case).exists()


def test_an_audience_made_again_while_the_file_is_read_is_found_under_its_new_id(
    transactional_db: None,
    school_case: Any,  # noqa: F811
    users: Any,
    monkeypatch: Any,
) -> None:
    old = Audience.objects.create(incident=school_case, name="Foreldre", created_by=users["dpo"])
    meanwhile(
        monkeypatch,
        "WITH gone AS (DELETE FROM notifications_audience WHERE id = %s RETURNING incident_id, name, reader, "
        "data_categories, position, created_at, created_by_id) "
        "INSERT INTO notifications_audience (incident_id, name, reader, data_categories, position, created_at, "
        "created_by_id) SELECT * FROM gone",
        [old.pk],
    )
    data = csv_bytes([[*row, "Foreldre"] for row in people(20)], header="name,email,language,audience")
    with CaptureQueriesContext(connection) as queries:
        result = import_recipients(incident_id=school_case.pk, by=users["handler"], file=io.BytesIO(data))
    assert result.imported == 20 and merged(queries)
    new = Audience.objects.get(incident=school_case, name="Foreldre")
    assert new.pk != old.pk
    assert set(Recipient.objects.filter(incident=school_case).values_list("audience_id", flat=True)) == {new.pk}


@pytest.mark.django_db
def test_an_unfinished_key_rotation_merges_through_the_temporary_table(
    school_case: Any,  # noqa: F811
    users: Any,
    settings: Any,
    rotated_keys: Callable[[], None],
) -> None:
    rotated_keys()
    result, through_merge = imported(school_case, csv_bytes(people(5)), users["handler"])
    assert (result.imported, through_merge) == (5, True)


@pytest.fixture
def rotated_keys(settings: Any) -> Callable[[], None]:
    from cryptography.fernet import Fernet

    def rotate() -> None:
        settings.AVVIK_NATIONAL_ID_KEYS = [Fernet.generate_key().decode(), Fernet.generate_key().decode()]
        settings.AVVIK_NATIONAL_ID_HMAC_KEY = ""

    return rotate


FIELDS = (
    "name",
    "email",
    "email_key",
    "language",
    "audience_id",
    "national_id_encrypted",
    "national_id_key",
    "address1",
    "address2",
    "postcode",
    "place",
    "country",
    "phone",
    "purged_at",
)


@pytest.mark.django_db
def test_the_copy_keeps_every_value_as_the_merge_does(make_incident: Any, users: Any) -> None:
    """Text that the CSV of the COPY must quote, empty text that must stay empty, and the
    keys a person does not have, which must be NULL: row for row what the merge stores."""
    rows = [
        ['Ola "Olsen", jr.', "ola@example.org", "nb", "", "", "", "", ""],
        ["Kari \\ Back\tslash", "", "nn", "01010112377", "", "", "", ""],
        ["Per Postmann", "", "en", "", "Storgata 1, 2. etg", "0155", "OSLO", ""],
        ["Åse Ærlig-Øvre", "ase@example.org", "", "", "", "", "", "+47 912 34 567"],
        ["  Spaces  ", "SPACES@Example.ORG", "nb", "", "", "", "", ""],
    ]
    header = ["name", "email", "language", "national_id", "address1", "postcode", "place", "phone"]

    def spreadsheet(lines: list[list[str]]) -> bytes:
        out = io.StringIO()
        csv.writer(out).writerows([header, *lines])
        return out.getvalue().encode()

    def stored(incident: Any) -> list[tuple[Any, ...]]:
        return list(Recipient.objects.filter(incident=incident).order_by("pk").values_list(*FIELDS))

    copied, merged_case = make_incident(), make_incident()
    result, through_merge = imported(copied, spreadsheet(rows), users["handler"])
    assert (result.imported, through_merge) == (5, False)
    # The same file with its first line again at the end goes through the merge.
    result, through_merge = imported(merged_case, spreadsheet([*rows, rows[0]]), users["handler"])
    assert (result.imported, result.duplicates, through_merge) == (5, 1, True)
    by_copy, by_merge = stored(copied), stored(merged_case)
    # The national ID is encrypted with a fresh nonce each time: compared in the clear.
    people_copied = Recipient.objects.filter(incident=copied).order_by("pk")
    people_merged = Recipient.objects.filter(incident=merged_case).order_by("pk")
    assert (
        [p.national_id for p in people_copied]
        == [p.national_id for p in people_merged]
        == ["", "01010112377", "", "", ""]
    )
    at = FIELDS.index("national_id_encrypted")
    assert [row[:at] + row[at + 1 :] for row in by_copy] == [row[:at] + row[at + 1 :] for row in by_merge]
    assert by_copy[0][:2] == ('Ola "Olsen", jr.', "ola@example.org")
    kari = by_copy[1]
    assert kari[FIELDS.index("email_key")] is None and kari[FIELDS.index("email")] == ""
    assert kari[FIELDS.index("address1")] == "" and kari[FIELDS.index("audience_id")] is None
    assert by_copy[2][FIELDS.index("address1")] == "Storgata 1, 2. etg"
    assert by_copy[2][FIELDS.index("national_id_key")] is None
    # The time each person was added: the database's, the time of the COPY.
    times = set(Recipient.objects.filter(incident=copied).values_list("created_at", flat=True))
    assert len(times) == 1 and abs(times.pop() - timezone.now()) < timedelta(minutes=1)


@pytest.mark.django_db
def test_someone_already_on_the_list_in_the_first_line_of_a_long_file_is_merged(
    school_case: Any,  # noqa: F811
    users: Any,
) -> None:
    """The database refuses the COPY at its first line while blocks of the file are still
    being sent: the refusal must still be read as "merge", not as a broken connection."""
    imported(school_case, csv_bytes(people(1)), users["handler"])
    result, through_merge = imported(school_case, csv_bytes(people(30_000)), users["handler"])
    assert (result.imported, result.duplicates, through_merge) == (29_999, 1, True)
