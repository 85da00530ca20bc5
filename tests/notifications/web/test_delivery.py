"""The recipient page and the delivery section of the case page."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from incidents.workflow import State
from notifications.services.delivery import Delivery, fulfil_send_orders
from notifications.services.recipients import Recipient
from tests.conftest import login
from tests.notifications.delivery_helpers import approve_notices, csv_bytes, people

pytestmark = pytest.mark.django_db


def test_upload_with_a_bad_line_shows_the_line_and_imports_nothing(school_case: Any, users: Any, client: Any) -> None:
    login(client, users["handler"])
    url = f"/avvik/{school_case.reference}/mottakere/"
    rows = people(3)
    rows[1][1] = "feil@"
    page = client.post(url, {"upload": "1", "file": SimpleUploadedFile("l.csv", csv_bytes(rows))})
    assert page.status_code == 400
    assert "Linje 3" in page.content.decode() and "feil@" in page.content.decode()
    assert not Recipient.objects.exists()
    done = client.post(url, {"upload": "1", "file": SimpleUploadedFile("l.csv", csv_bytes(people(3)))}, follow=True)
    assert "3 mottakere lagt inn" in done.content.decode()


def test_adding_by_hand_keeps_what_was_typed_on_error(school_case: Any, users: Any, client: Any) -> None:
    login(client, users["handler"])
    url = f"/avvik/{school_case.reference}/mottakere/"
    page = client.post(url, {"add": "1", "name": "Per Hansen", "email": "per.hansen", "language": "nn"})
    assert page.status_code == 400
    html = page.content.decode()
    assert "ikke en gyldig e-postadresse" in html and 'value="Per Hansen"' in html
    client.post(url, {"add": "1", "name": "Per Hansen", "email": "per@example.org", "language": "nn"})
    assert Recipient.objects.get().language == "nn"
    again = client.post(url, {"add": "1", "name": "Per", "email": "PER@example.org", "language": ""})
    assert "allerede på mottakerlisten" in again.content.decode()


def test_case_page_shows_progress_and_the_dpo_can_send(
    school_case: Any, users: Any, client: Any, settings: Any
) -> None:
    settings.CELERY_BROKER_URL = ""
    approve_notices(school_case, users["dpo"])
    type(school_case).objects.filter(pk=school_case.pk).update(
        state=State.SUBJECT_NOTIFICATION, handler=users["handler"]
    )
    login(client, users["handler"])
    client.post(
        f"/avvik/{school_case.reference}/mottakere/",
        {"upload": "1", "file": SimpleUploadedFile("l.csv", csv_bytes(people(4)))},
    )
    page = client.get(school_case.get_absolute_url()).content.decode()
    assert "4 mottakere på listen" in page and "Send varslene" not in page  # handlers cannot send
    login(client, users["dpo"])
    assert "Send varslene" in client.get(school_case.get_absolute_url()).content.decode()
    confirm = client.get(f"/avvik/{school_case.reference}/mottakere/send/").content.decode()
    assert "4 personer får varselet når du bekrefter." in confirm and not Delivery.objects.exists()
    sent = client.post(f"/avvik/{school_case.reference}/mottakere/send/", {"expected": 4}, follow=True)
    sent = sent.content.decode()
    assert "4 varsler er lagt i kø" in sent
    assert 'id="delivery-bar" max="4" value="0"' in sent and "js/deliveries.js" in sent
    fulfil_send_orders()  # the task the request enqueued
    assert Delivery.objects.count() == 4
