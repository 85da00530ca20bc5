"""The recipient import on PostgreSQL, where the checked rows go into a temporary table by
COPY and the database merges the duplicates: the same tests as on SQLite, and a national
ID twice in one file (with another address) is one person, the first line winning."""

from __future__ import annotations

import io
from typing import Any

import pytest

from notifications.services.recipient_import import import_recipients
from notifications.services.recipients import Recipient
from tests.notifications.conftest import decide, organisation, school_case  # noqa: F401  (fixtures)
from tests.notifications.delivery_helpers import csv_bytes
from tests.notifications.services.test_import_streaming import (  # noqa: F401  (collected here, run on PostgreSQL)
    test_a_bad_line_after_many_good_ones_keeps_nothing_through_the_api,
    test_a_row_gets_the_same_answer_as_the_full_check,
    test_a_windows_1252_letter_far_into_the_file_is_read_as_such,
    test_duplicates_are_merged_the_first_line_winning,
    test_the_page_imports_a_list_with_duplicates_and_says_so,
    test_the_upload_is_read_in_chunks_never_whole,
)
from tests.notifications.services.test_recipient_import import (  # noqa: F401
    test_api_answers_as_the_contract_says,
    test_twenty_thousand_rows_in_one_go,
    test_windows_1252_from_excel,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

# Two valid national ID numbers (MOD11), made up.
FIRST, SECOND = "01010112377", "15076500565"


def test_a_national_id_twice_in_the_file_is_one_person(school_case: Any, users: Any) -> None:  # noqa: F811
    rows = [
        ["Kari", "kari@example.org", "nb", FIRST],
        ["Kari igjen", "kari.annen@example.org", "en", FIRST],
        ["Per", "", "nn", SECOND],
    ]
    data = csv_bytes(rows, header="name,email,language,national_id")
    result = import_recipients(incident_id=school_case.pk, by=users["handler"], file=io.BytesIO(data))
    assert (result.imported, result.duplicates) == (2, 1)
    kari = Recipient.objects.get(incident=school_case, email_key="kari@example.org")
    assert kari.national_id == FIRST and kari.name == "Kari"
    per = Recipient.objects.get(incident=school_case, name="Per")
    assert per.national_id == SECOND and per.email_key is None
