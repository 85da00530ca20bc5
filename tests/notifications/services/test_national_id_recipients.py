"""People on the list by national ID and postal address (#21): checked, encrypted at rest,
masked on pages, kept out of logs and URLs, purged; and told by the organisation's channel."""

from __future__ import annotations

import io
import logging
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import timezone

from core.errors import Invalid
from incidents.workflow import State
from notifications.models import Channel
from notifications.rules.contact_details import control_digits
from notifications.selectors.deliveries import people_informed
from notifications.services.delivery import Delivery, delivery_counts, flush_deliveries, notices_send
from notifications.services.recipient_import import ImportErrors, import_recipients
from notifications.services.recipients import Recipient, purge_recipients, recipient_add
from tests.conftest import login
from tests.notifications.delivery_helpers import BACKEND, FlakySmtpBackend, approve_notices, csv_bytes, svarut_account

pytestmark = pytest.mark.django_db

HEADER = "name,email,language,national_id,address1,address2,postcode,place,country,phone"


def _valid_numbers(n: int) -> list[str]:
    numbers = []
    for day in range(1, 29):
        for individual in range(500):  # born in the 1900s
            first_nine = f"{day:02d}0180{individual:03d}"
            digits = control_digits(first_nine)
            if digits is not None:
                numbers.append(first_nine + f"{digits[0]}{digits[1]}")
            if len(numbers) == n:
                return numbers
    raise AssertionError(n)


NUMBERS = _valid_numbers(1000)


def valid_number(i: int) -> str:
    """A valid fødselsnummer (born January 1980; numbers with a remainder of 1 skipped)."""
    return NUMBERS[i]


def with_one_digit_wrong(number: str) -> str:
    return number[:10] + str((int(number[10]) + 1) % 10)


def post_rows(n: int, bad: set[int] = frozenset()) -> tuple[bytes, list[str]]:  # type: ignore[assignment]
    numbers = [valid_number(i) for i in range(n)]
    rows = []
    for i, number in enumerate(numbers):
        shown = with_one_digit_wrong(number) if i in bad else number
        rows.append([f"Person {i}", "", "nb", shown, f"Storgata {i}", "", "0150", "Oslo", "NO", ""])
    return csv_bytes(rows, header=HEADER), numbers


@pytest.fixture
def ready(school_case: Any, users: Any, settings: Any) -> Any:
    settings.CELERY_BROKER_URL = ""
    settings.EMAIL_BACKEND = BACKEND
    FlakySmtpBackend.reset()
    approve_notices(school_case, users["dpo"])
    return school_case


# --- The list -------------------------------------------------------------------------------


def test_a_thousand_people_by_national_id_and_post_only_are_imported_encrypted(school_case: Any, users: Any) -> None:
    data, numbers = post_rows(1000)
    result = import_recipients(incident_id=school_case.pk, by=users["handler"], file=io.BytesIO(data), size=len(data))
    assert result.imported == 1000
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT national_id_encrypted, national_id_key FROM notifications_recipient WHERE incident_id = %s",
            [school_case.pk],
        )
        raw = cursor.fetchall()
    assert len(raw) == 1000
    stored = "\n".join(f"{token} {key}" for token, key in raw)
    assert not any(number in stored for number in numbers[:50])
    assert not any(number[:6] + number[6:] in stored for number in numbers[::97])
    first = Recipient.objects.filter(incident=school_case).order_by("pk").first()
    assert first is not None
    assert first.national_id == numbers[0] and first.has_postal_address and first.email == ""


@pytest.mark.parametrize("through", ["service", "api", "page"])
def test_ten_bad_control_digits_among_a_thousand_import_nothing_and_name_every_row(
    school_case: Any, users: Any, through: str, caplog: Any
) -> None:
    bad = {3, 99, 100, 250, 400, 555, 700, 801, 950, 999}
    data, numbers = post_rows(1000, bad)
    expected_lines = sorted(i + 2 for i in bad)  # the header is line 1
    caplog.set_level(logging.DEBUG)
    if through == "service":
        with pytest.raises(ImportErrors) as refused:
            import_recipients(incident_id=school_case.pk, by=users["handler"], file=io.BytesIO(data), size=len(data))
        lines = [line for line, _ in refused.value.shown]
        messages = [message for _, message in refused.value.shown]
    else:
        client = login(Client(), users["handler"])
        if through == "api":
            answer = client.post(
                f"/api/v1/incidents/{school_case.reference}/recipients/", {"file": SimpleUploadedFile("l.csv", data)}
            )
            assert answer.status_code == 400
            errors = answer.json()["errors"]
            lines = [e["row"] for e in errors]
            messages = [e["message"] for e in errors]
            body = answer.content.decode()
        else:
            answer = client.post(
                f"/avvik/{school_case.reference}/mottakere/",
                {"upload": "1", "file": SimpleUploadedFile("l.csv", data)},
            )
            assert answer.status_code == 400
            body = answer.content.decode()
            lines = [line for line in expected_lines if f"Linje {line}:" in body]
            messages = ["kontrollsifrene" if "kontrollsifrene stemmer ikke" in body else ""]
        for i in bad:
            assert with_one_digit_wrong(numbers[i]) not in body  # the message never repeats the number
    assert lines == expected_lines
    assert all("kontrollsifrene" in message for message in messages)
    assert not Recipient.objects.filter(incident=school_case).exists()
    assert not any(with_one_digit_wrong(numbers[i]) in caplog.text for i in bad)


def test_each_row_needs_a_way_to_reach_the_person(school_case: Any, users: Any) -> None:
    data = csv_bytes(
        [
            ["Ola", "", "nb", "", "", "", "", "", "", "91234567"],  # a phone alone reaches no one
            ["Kari", "", "nb", "", "Storgata 1", "", "150", "Oslo", "", ""],  # three-digit postcode
            ["", "", "nb", "", "Storgata 2", "", "0150", "Oslo", "", ""],  # a letter needs a name
            ["Per", "", "nb", valid_number(1), "", "", "", "", "", "22334455"],  # a landline
        ],
        header=HEADER,
    )
    with pytest.raises(ImportErrors) as refused:
        import_recipients(incident_id=school_case.pk, by=users["handler"], file=io.BytesIO(data), size=len(data))
    shown = dict(refused.value.shown)
    assert set(shown) == {2, 3, 4, 5}
    assert "minst én måte" in shown[2]
    assert "Postnummeret skal være fire sifre" in shown[3]
    assert "navnet" in shown[4]
    assert "Mobilnummeret" in shown[5]


def test_the_same_national_id_twice_is_merged_in_a_file_and_refused_by_hand(school_case: Any, users: Any) -> None:
    number = valid_number(5)
    spaced = number[:6] + " " + number[6:]
    data = csv_bytes(
        [["A", "", "nb", number, "", "", "", "", "", ""], ["B", "", "nb", spaced, "", "", "", "", "", ""]],
        header=HEADER,
    )
    result = import_recipients(incident_id=school_case.pk, by=users["handler"], file=io.BytesIO(data), size=len(data))
    assert (result.imported, result.duplicates) == (1, 1)
    with pytest.raises(Invalid) as refused:
        recipient_add(incident_id=school_case.pk, by=users["handler"], name="C", national_id=spaced)
    assert "samme fødselsnummer" in refused.value.errors["national_id"][0]


def test_added_by_hand_on_the_page_masked_in_the_list_never_in_a_url_or_log(
    school_case: Any, users: Any, caplog: Any
) -> None:
    caplog.set_level(logging.DEBUG)
    number = valid_number(7)
    client = login(Client(), users["handler"])
    page = f"/avvik/{school_case.reference}/mottakere/"
    bad = client.post(page, {"add": "1", "name": "Ola", "national_id": with_one_digit_wrong(number)})
    assert bad.status_code == 400
    assert "kontrollsifrene stemmer ikke" in bad.content.decode()
    assert 'value="Ola"' in bad.content.decode()  # nothing entered is lost
    done = client.post(
        page,
        {
            "add": "1",
            "name": "Ola",
            "national_id": number,
            "address1": "Storgata 1",
            "postcode": "0150",
            "place": "Oslo",
        },
    )
    assert done.status_code == 302 and number not in done["Location"]
    listed = client.get(page).content.decode()
    assert number[:6] + "*****" in listed
    assert number not in listed
    assert "Storgata 1, 0150 Oslo" in listed
    assert number not in caplog.text


def test_purge_clears_national_id_address_and_phone(school_case: Any, users: Any) -> None:
    recipient_add(
        incident_id=school_case.pk,
        by=users["handler"],
        name="Ola",
        national_id=valid_number(2),
        address1="Storgata 1",
        address2="c/o Kari",
        postcode="0150",
        place="Oslo",
        phone="912 34 567",
    )
    type(school_case).objects.filter(pk=school_case.pk).update(
        state=State.CLOSED, closed_at=timezone.now() - timedelta(days=400)
    )
    assert purge_recipients() == 1
    row = Recipient.objects.get(incident=school_case)
    assert (row.name, row.national_id_encrypted, row.national_id_key) == ("", "", None)
    assert (row.address1, row.address2, row.postcode, row.place, row.country, row.phone) == ("",) * 6
    assert row.national_id_masked == "" and not row.has_postal_address


# --- Channels ---------------------------------------------------------------------------------


def add_mixed(case: Any, users: Any) -> None:
    by = users["handler"]
    recipient_add(incident_id=case.pk, by=by, name="E", email="e@example.org")
    recipient_add(incident_id=case.pk, by=by, name="I", national_id=valid_number(3))
    recipient_add(incident_id=case.pk, by=by, name="P", address1="Storgata 1", postcode="0150", place="Oslo")


def test_each_person_gets_the_first_channel_that_reaches_them(ready: Any, users: Any, settings: Any) -> None:
    svarut_account(settings)
    add_mixed(ready, users)
    notices_send(incident_id=ready.pk, by=users["dpo"])
    flush_deliveries()
    channels = dict(Delivery.objects.values_list("recipient__name", "channel"))
    assert channels == {"E": "email", "I": "svarut", "P": "svarut"}
    statuses = dict(Delivery.objects.values_list("recipient__name", "status"))
    assert statuses == {"E": "sent", "I": "queued", "P": "queued"}  # the e-mail sender takes only e-mail
    assert [to for to, *_ in FlakySmtpBackend.accepted] == ["e@example.org"]
    counts = delivery_counts(ready.pk)
    assert counts["by_channel"] == {
        "email": {"total": 1, "sent": 1, "failed": 0},
        "svarut": {"total": 2, "sent": 0, "failed": 0},
        "letter": {"total": 0, "sent": 0, "failed": 0},
    }
    assert people_informed(ready)["by_channel"] == {"email": 1, "svarut": 0, "letter": 0}


def test_without_svarut_a_letter_and_a_person_no_channel_reaches_is_failed_for_follow_up(
    ready: Any, users: Any, settings: Any
) -> None:
    settings.AVVIK_SVARUT_URL = ""
    add_mixed(ready, users)
    notices_send(incident_id=ready.pk, by=users["dpo"])
    flush_deliveries()
    rows = {
        name: (channel, status)
        for name, channel, status in Delivery.objects.values_list("recipient__name", "channel", "status")
    }
    assert rows == {"E": ("email", "sent"), "I": ("svarut", "failed"), "P": ("letter", "queued")}
    client = login(Client(), users["dpo"])
    page = client.get(f"/avvik/{ready.reference}/mottakere/").content.decode()
    assert "Ingen av virksomhetens måter å varsle på" in page
    assert "no-channel" not in page
    assert "Brev skrevet ut her" in page and "Digital postkasse eller brev via SvarUt" in page


@pytest.mark.parametrize("missing", ["url", "username"])
def test_a_svarut_account_without_its_name_or_address_is_not_chosen_as_a_channel(
    ready: Any, users: Any, settings: Any, missing: str
) -> None:
    # The channel choice and the sender read the same "configured": a person is never put
    # on SvarUt when its sender would refuse every shipment for want of an account.
    svarut_account(settings, **{missing: ""})
    add_mixed(ready, users)
    notices_send(incident_id=ready.pk, by=users["dpo"])
    flush_deliveries()
    channels = dict(Delivery.objects.values_list("recipient__name", "channel"))
    assert channels == {"E": "email", "I": "svarut", "P": "letter"}
    assert Delivery.objects.get(recipient__name="I").status == Delivery.Status.FAILED  # no channel reaches them


def test_the_order_of_preference_is_the_organisations(ready: Any, users: Any, settings: Any) -> None:
    settings.AVVIK_DELIVERY_CHANNELS = ["letter", "email"]
    recipient_add(
        incident_id=ready.pk,
        by=users["handler"],
        name="Both",
        email="both@example.org",
        address1="Storgata 1",
        postcode="0150",
        place="Oslo",
    )
    notices_send(incident_id=ready.pk, by=users["dpo"])
    flush_deliveries()
    assert list(Delivery.objects.values_list("channel", "status")) == [(Channel.LETTER, "queued")]
    assert FlakySmtpBackend.accepted == []


def test_the_api_answers_by_channel(ready: Any, users: Any, settings: Any) -> None:
    settings.AVVIK_SVARUT_URL = ""
    add_mixed(ready, users)
    notices_send(incident_id=ready.pk, by=users["dpo"])
    flush_deliveries()
    client = login(Client(), users["handler"])
    body = client.get(f"/api/v1/incidents/{ready.reference}/deliveries/").json()
    assert body["total"] == 3
    assert body["by_channel"]["email"] == {"total": 1, "sent": 1, "failed": 0}
    assert body["by_channel"]["svarut"] == {"total": 1, "sent": 0, "failed": 1}
    assert body["by_channel"]["letter"] == {"total": 1, "sent": 0, "failed": 0}


def test_before_the_rows_are_written_the_channels_add_up_to_the_total(ready: Any, users: Any, settings: Any) -> None:
    settings.AVVIK_SVARUT_URL = ""
    add_mixed(ready, users)
    notices_send(incident_id=ready.pk, by=users["dpo"])  # the order is made; no row written yet
    assert not Delivery.objects.exists()
    client = login(Client(), users["handler"])
    before = client.get(f"/api/v1/incidents/{ready.reference}/deliveries/").json()
    assert (before["total"], before["queued"]) == (3, 3)
    assert {code: c["total"] for code, c in before["by_channel"].items()} == {"email": 1, "svarut": 1, "letter": 1}
    flush_deliveries()
    after = client.get(f"/api/v1/incidents/{ready.reference}/deliveries/").json()
    assert {code: c["total"] for code, c in after["by_channel"].items()} == {"email": 1, "svarut": 1, "letter": 1}
    assert sum(c["total"] for c in after["by_channel"].values()) == after["total"] == 3


def test_people_counted_by_the_order_but_not_on_the_list_go_under_the_first_channel(
    ready: Any, users: Any, settings: Any
) -> None:
    from notifications.models import SendOrder
    from notifications.services.channels import waiting_by_channel

    settings.AVVIK_DELIVERY_CHANNELS = ["letter", "email"]
    add_mixed(ready, users)
    notices_send(incident_id=ready.pk, by=users["dpo"])
    assert waiting_by_channel(ready.pk, 3) == {"letter": 1, "email": 1, "svarut": 1}
    assert waiting_by_channel(ready.pk, 2) == {"letter": 1, "email": 1}  # capped at what the order counts
    assert waiting_by_channel(ready.pk, 5) == {"letter": 3, "email": 1, "svarut": 1}
    assert waiting_by_channel(ready.pk, 0) == {}
    SendOrder.objects.update(queued=5)
    counts = delivery_counts(ready.pk)
    assert sum(c["total"] for c in counts["by_channel"].values()) == counts["total"] == 5


def test_a_foreign_address_names_its_country_in_words_in_the_readers_language(school_case: Any, users: Any) -> None:
    client = login(Client(), users["handler"])
    page = f"/avvik/{school_case.reference}/mottakere/"
    fields = {"add": "1", "name": "Sven", "address1": "Storgatan 1", "postcode": "111 22", "place": "Stockholm"}
    refused = client.post(page, {**fields, "country": "xx"})  # two letters, but no country's
    assert refused.status_code == 400
    assert "Skriv landkoden med to bokstaver" in refused.content.decode()
    assert 'value="Storgatan 1"' in refused.content.decode()  # nothing entered is lost
    assert client.post(page, {**fields, "country": "se"}).status_code == 302
    assert "Storgatan 1, 111 22 Stockholm, Sverige" in client.get(page).content.decode()
    users["handler"].language = "en"
    users["handler"].save(update_fields=["language"])
    listed = client.get(page).content.decode()
    assert "Storgatan 1, 111 22 Stockholm, Sweden" in listed and "Stockholm, SE" not in listed
