"""The register tells when and how many people were told (art. 34), from the deliveries:
the page in the right tense and the CSV in words with the main cause, risk level and measures."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from incidents.services.measures import MeasureInput, measure_add
from notifications.services.delivery import flush_deliveries, notices_send
from notifications.services.recipient_import import import_recipients
from tests.conftest import login
from tests.notifications.delivery_helpers import approve_notices, csv_bytes, people

pytestmark = pytest.mark.django_db


def register_csv(client: Client) -> dict[str, dict[str, str]]:
    answer = client.get("/register/", {"format": "csv"})
    text = b"".join(answer.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    return {row["Referanse"]: row for row in rows}


def test_the_register_says_who_was_told_and_when(school_case: Any, users: Any, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_BROKER_URL = ""
    dpo = login(Client(), users["dpo"])
    measure_add(
        incident=school_case,
        by=users["dpo"],
        data=MeasureInput(
            what="Skru av autofullføring i e-postprogrammet",
            kind="prevent",
            owner=users["handler"],
            due_on=timezone.localdate() + timedelta(days=7),
        ),
    )
    before = register_csv(dpo)[school_case.reference]
    assert before["Antall berørte varslet"] == "0"
    assert before["De berørte varslet første gang"] == ""
    assert before["Risikonivå"] == "høy risiko"
    assert before["Tiltak"] == "Skru av autofullføring i e-postprogrammet (Åpent, hindre at det skjer igjen)"
    assert before["Type brudd"] == "Konfidensialitet"
    assert before["Typer opplysninger"] == "Grunnleggende, Fødselsnummer/ID-nummer"
    page = dpo.get("/register/").content.decode()
    assert "skal varsles" in page and "personer varslet" not in page

    approve_notices(school_case, users["dpo"])
    data = csv_bytes(people(3))
    import_recipients(incident_id=school_case.pk, by=users["handler"], file=io.BytesIO(data), size=len(data))
    notices_send(incident_id=school_case.pk, by=users["dpo"])
    flush_deliveries()

    after = register_csv(dpo)[school_case.reference]
    assert after["Antall berørte varslet"] == "3"
    assert after["De berørte varslet første gang"].startswith(timezone.localtime().strftime("%d.%m.%Y"))
    page = dpo.get("/register/").content.decode()
    assert "3 personer varslet" in page and "skal varsles" not in page
    english = login(Client(), users["dpo"])
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "3 people told" in english.get("/register/").content.decode()


def test_the_register_says_how_each_was_told_in_the_page_the_api_and_both_csvs(
    school_case: Any, users: Any, settings: Any
) -> None:
    from accounts.models import ApiToken
    from notifications.models import Channel, Delivery
    from notifications.services.recipients import recipient_add

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_BROKER_URL = ""
    settings.AVVIK_SVARUT_URL = ""
    approve_notices(school_case, users["dpo"])
    data = csv_bytes(people(2))
    import_recipients(incident_id=school_case.pk, by=users["handler"], file=io.BytesIO(data), size=len(data))
    recipient_add(
        incident_id=school_case.pk,
        by=users["handler"],
        name="Per Post",
        address1="Storgata 1",
        postcode="0150",
        place="Oslo",
    )
    notices_send(incident_id=school_case.pk, by=users["dpo"])
    flush_deliveries()
    # The printed letter posted (the letter's own sender records it so).
    assert Delivery.objects.filter(channel=Channel.LETTER).update(status="sent", sent_at=timezone.now()) == 1
    words = "E-post: 2; Brev skrevet ut her: 1"

    dpo = login(Client(), users["dpo"])
    assert "3 personer varslet" in dpo.get("/register/").content.decode()
    assert f"({words})" in dpo.get("/register/").content.decode()
    assert register_csv(dpo)[school_case.reference]["Hvordan de berørte ble varslet"] == words

    api = Client(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(users['dpo'])[1]}")
    (row,) = [r for r in api.get("/api/v1/register/").json() if r["reference"] == school_case.reference]
    assert row["people_told"] == 3
    assert row["told_by_channel"] == {"email": 2, "svarut": 0, "letter": 1}
    assert row["told_how"] == words
    assert row["first_told_at"] is not None
    export = b"".join(api.get("/api/v1/register/", {"format": "csv"}).streaming_content).decode("utf-8-sig")
    (line,) = [r for r in csv.DictReader(io.StringIO(export), delimiter=";") if r["Referanse"] == school_case.reference]
    assert line["Hvordan de berørte ble varslet"] == words
    assert line["Antall berørte varslet"] == "3"

    english = login(Client(), users["dpo"])
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "(Email: 2; Letter printed here: 1)" in english.get("/register/").content.decode()
    in_english = Client(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(users['dpo'])[1]}", HTTP_ACCEPT_LANGUAGE="en")
    (row,) = [r for r in in_english.get("/api/v1/register/").json() if r["reference"] == school_case.reference]
    assert row["told_how"] == "Email: 2; Letter printed here: 1"


def test_a_case_nobody_was_told_of_answers_zero_in_the_api(school_case: Any, users: Any) -> None:
    from accounts.models import ApiToken

    api = Client(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(users['dpo'])[1]}")
    (row,) = [r for r in api.get("/api/v1/register/").json() if r["reference"] == school_case.reference]
    assert (row["people_told"], row["first_told_at"], row["told_how"]) == (0, None, "")
    assert row["told_by_channel"] == {"email": 0, "svarut": 0, "letter": 0}
