"""A key rotation (AVVIK_NATIONAL_ID_KEYS with a new key first) does not let the same person
onto a case twice: not by hand, not by a file on the page or through the API, before and
after ``reencrypt_national_ids``."""

from __future__ import annotations

import io
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.test import Client

from core import national_id as crypto
from notifications.services.recipient_import import import_recipients
from notifications.services.recipients import Recipient, national_ids_under_older_keys, recipient_add
from tests.conftest import login
from tests.notifications.delivery_helpers import csv_bytes
from tests.notifications.services.test_national_id_recipients import HEADER, valid_number

pytestmark = pytest.mark.django_db

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def _row(name: str, number: str) -> list[str]:
    return [name, "", "nb", number, "Storgata 1", "", "0150", "Oslo", "NO", ""]


@pytest.fixture
def on_case_under_old_key(school_case: Any, users: Any, settings: Any) -> str:
    """One person on the case, added while OLD was the only key; then NEW is put first."""
    settings.AVVIK_NATIONAL_ID_KEYS = [OLD]
    number = valid_number(11)
    recipient_add(incident_id=school_case.pk, by=users["handler"], name="Kari", national_id=number)
    settings.AVVIK_NATIONAL_ID_KEYS = [NEW, OLD]
    # The control: the stored hash is not the current one, so the unique constraint alone
    # would let the same number in again.
    assert Recipient.objects.get().national_id_key != crypto.lookup_key(number)
    return number


def _numbers_on_case(case: Any) -> list[str]:
    return sorted(r.national_id for r in Recipient.objects.filter(incident=case))


def test_the_older_hash_is_found(school_case: Any, on_case_under_old_key: str) -> None:
    other = valid_number(12)
    assert national_ids_under_older_keys(school_case.pk, [on_case_under_old_key, other]) == {on_case_under_old_key}


def test_with_one_key_nothing_is_asked(
    school_case: Any, users: Any, settings: Any, django_assert_num_queries: Any
) -> None:
    settings.AVVIK_NATIONAL_ID_KEYS = [OLD]
    recipient_add(incident_id=school_case.pk, by=users["handler"], name="Kari", national_id=valid_number(11))
    with django_assert_num_queries(0):
        assert national_ids_under_older_keys(school_case.pk, [valid_number(11)]) == set()


def test_a_file_after_a_rotation_merges_the_person_already_on_the_case(
    school_case: Any, users: Any, on_case_under_old_key: str
) -> None:
    other = valid_number(12)
    data = csv_bytes([_row("Kari igjen", on_case_under_old_key), _row("Per", other)], header=HEADER)
    result = import_recipients(incident_id=school_case.pk, by=users["handler"], file=io.BytesIO(data), size=len(data))
    assert (result.imported, result.duplicates, result.rows) == (1, 1, 2)
    assert _numbers_on_case(school_case) == sorted([on_case_under_old_key, other])


def test_on_the_page_and_through_the_api_after_a_rotation(
    school_case: Any, users: Any, on_case_under_old_key: str
) -> None:
    client = login(Client(), users["handler"])
    data = csv_bytes([_row("Kari igjen", on_case_under_old_key)], header=HEADER)
    page = client.post(
        f"/avvik/{school_case.reference}/mottakere/",
        {"upload": "1", "file": io.BytesIO(data)},
        follow=True,
    )
    assert "0 mottakere lagt inn; 1 dubletter slått sammen." in page.content.decode()
    api = client.post(f"/api/v1/incidents/{school_case.reference}/recipients/", {"file": io.BytesIO(data)})
    assert api.status_code == 201
    assert api.json() == {"imported": 0, "duplicates": 1, "rows": 1}
    assert _numbers_on_case(school_case) == [on_case_under_old_key]


def test_after_reencrypting_the_old_key_can_go(
    school_case: Any, users: Any, settings: Any, on_case_under_old_key: str
) -> None:
    call_command("reencrypt_national_ids", stdout=io.StringIO())
    settings.AVVIK_NATIONAL_ID_KEYS = [NEW]
    data = csv_bytes([_row("Kari igjen", on_case_under_old_key)], header=HEADER)
    result = import_recipients(incident_id=school_case.pk, by=users["handler"], file=io.BytesIO(data), size=len(data))
    assert (result.imported, result.duplicates) == (0, 1)
    assert _numbers_on_case(school_case) == [on_case_under_old_key]
