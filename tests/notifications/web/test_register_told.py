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
