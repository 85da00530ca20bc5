"""Sending again after a failure (#21): an e-mail that bounced goes by the next way the
organisation tells people that reaches the person — a letter to their postal address, SvarUt
by their national ID — on the same delivery row, so each person still gets the notice once.
The page says so before and after the press; the API does it too."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from accounts.models import ApiToken
from notifications.models import Channel
from notifications.services.delivery import Delivery, deliveries_retry_failed, flush_deliveries, notices_send
from notifications.services.recipients import recipient_add
from tests.conftest import login
from tests.notifications.delivery_helpers import BACKEND, FlakySmtpBackend, approve_notices, svarut_account
from tests.notifications.services.test_national_id_recipients import valid_number

pytestmark = pytest.mark.django_db

POST = {"address1": "Storgata 1", "postcode": "0150", "place": "Oslo"}


@pytest.fixture
def bounced(school_case: Any, users: Any, settings: Any) -> Any:
    """Three people told by e-mail: Anne's bounces (she has a postal address), Bjørn's
    bounces (he has nothing else), Cecilie's arrives."""
    settings.CELERY_BROKER_URL = ""
    settings.EMAIL_BACKEND = BACKEND
    settings.AVVIK_SVARUT_URL = ""
    FlakySmtpBackend.reset()
    approve_notices(school_case, users["dpo"])
    by = users["handler"]
    recipient_add(incident_id=school_case.pk, by=by, name="Anne", email="bounce@example.org", **POST)
    recipient_add(incident_id=school_case.pk, by=by, name="Bjørn", email="bounce@example.net")
    recipient_add(incident_id=school_case.pk, by=by, name="Cecilie", email="cecilie@example.org")
    notices_send(incident_id=school_case.pk, by=users["dpo"])
    flush_deliveries()
    assert _rows() == {"Anne": ("email", "failed"), "Bjørn": ("email", "failed"), "Cecilie": ("email", "sent")}
    return school_case


def _rows() -> dict[str, tuple[str, str]]:
    return {
        name: (channel, status)
        for name, channel, status in Delivery.objects.values_list("recipient__name", "channel", "status")
    }


def test_on_the_page_a_bounced_email_is_sent_as_a_letter_instead(bounced: Any, users: Any) -> None:
    dpo = login(Client(), users["dpo"])
    page = f"/avvik/{bounced.reference}/mottakere/"
    before = dpo.get(page).content.decode()
    assert "Sendes som brev i stedet." in before  # Anne, said before the press
    assert "Sendes på nytt på samme måte." in before  # Bjørn
    ids = dict(Delivery.objects.values_list("recipient__name", "pk"))

    after = dpo.post(f"/avvik/{bounced.reference}/mottakere/prov-igjen/", follow=True).content.decode()
    assert "2 varsler sendes på nytt. 1 av dem sendes som brev i stedet." in after
    assert _rows() == {"Anne": ("letter", "queued"), "Bjørn": ("email", "queued"), "Cecilie": ("email", "sent")}
    history = dpo.get(f"/avvik/{bounced.reference}/").content.decode()
    assert "Sendes på en annen måte enn før: Brev skrevet ut her: 1." in history
    # The same rows: one notice per person, whatever the channel.
    assert dict(Delivery.objects.values_list("recipient__name", "pk")) == ids

    flush_deliveries()
    assert _rows()["Anne"] == ("letter", "queued")  # waits for the letter to be printed, not the e-mail
    assert _rows()["Bjørn"] == ("email", "failed")
    assert [to for to, *_ in FlakySmtpBackend.accepted] == ["cecilie@example.org"]
    counts = dpo.get(f"/api/v1/incidents/{bounced.reference}/deliveries/").json()
    assert counts["by_channel"]["letter"] == {"total": 1, "sent": 0, "failed": 0}
    assert counts["by_channel"]["email"] == {"total": 2, "sent": 1, "failed": 1}
    assert counts["total"] == 3


def test_through_the_api_a_bounced_email_goes_through_svarut_when_it_is_set_up(
    school_case: Any, users: Any, settings: Any
) -> None:
    settings.CELERY_BROKER_URL = ""
    settings.EMAIL_BACKEND = BACKEND
    svarut_account(settings)
    FlakySmtpBackend.reset()
    approve_notices(school_case, users["dpo"])
    recipient_add(
        incident_id=school_case.pk,
        by=users["handler"],
        name="Dag",
        email="bounce@example.org",
        national_id=valid_number(4),
    )
    notices_send(incident_id=school_case.pk, by=users["dpo"])
    flush_deliveries()
    assert _rows() == {"Dag": ("email", "failed")}
    api = Client(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(users['dpo'])[1]}")
    answer = api.post(
        f"/api/v1/incidents/{school_case.reference}/deliveries/retry/", {}, content_type="application/json"
    )
    assert answer.status_code == 202
    assert answer.json() == {"queued": 1, "moved": {"svarut": 1}, "unreachable": 0}
    assert _rows() == {"Dag": ("svarut", "queued")}
    by_channel = api.get(f"/api/v1/incidents/{school_case.reference}/deliveries/").json()["by_channel"]
    assert by_channel["svarut"] == {"total": 1, "sent": 0, "failed": 0}
    assert by_channel["email"]["total"] == 0
    handler = Client(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(users['handler'])[1]}")
    refused = handler.post(f"/api/v1/incidents/{school_case.reference}/deliveries/retry/")
    assert refused.status_code == 403


def test_a_full_mailbox_is_tried_again_by_email(bounced: Any, users: Any) -> None:
    Delivery.objects.filter(recipient__name="Anne").update(error="552 5.2.2 mailbox full")
    retried = deliveries_retry_failed(incident_id=bounced.pk, by=users["dpo"])
    assert (retried.queued, retried.moved, retried.unreachable) == (2, {}, 0)
    assert _rows()["Anne"] == ("email", "queued")


def test_a_person_no_channel_reaches_stays_failed_until_one_does(school_case: Any, users: Any, settings: Any) -> None:
    settings.CELERY_BROKER_URL = ""
    settings.AVVIK_SVARUT_URL = ""
    approve_notices(school_case, users["dpo"])
    recipient_add(incident_id=school_case.pk, by=users["handler"], name="Eva", national_id=valid_number(6))
    notices_send(incident_id=school_case.pk, by=users["dpo"])
    flush_deliveries()
    dpo = login(Client(), users["dpo"])
    page = dpo.get(f"/avvik/{school_case.reference}/mottakere/").content.decode()
    assert "Ingen annen måte å nå personen på. Registrer hva som er gjort." in page
    after = dpo.post(f"/avvik/{school_case.reference}/mottakere/prov-igjen/", follow=True).content.decode()
    assert "1 person kan ikke nås på noen annen måte. Registrer hva som er gjort." in after
    assert _rows() == {"Eva": ("svarut", "failed")}  # not queued for a sender that does not exist

    svarut_account(settings)
    retried = deliveries_retry_failed(incident_id=school_case.pk, by=users["dpo"])
    assert (retried.queued, retried.unreachable) == (1, 0)
    assert _rows() == {"Eva": ("svarut", "queued")}


def test_in_english_the_page_says_it_in_english(bounced: Any, users: Any, settings: Any) -> None:
    dpo = login(Client(), users["dpo"])
    dpo.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Sent as a letter instead." in dpo.get(f"/avvik/{bounced.reference}/mottakere/").content.decode()
    after = dpo.post(f"/avvik/{bounced.reference}/mottakere/prov-igjen/", follow=True).content.decode()
    assert "1 of them is sent as a letter instead." in after


def test_the_order_of_preference_decides_the_next_channel(bounced: Any, users: Any, settings: Any) -> None:
    settings.AVVIK_DELIVERY_CHANNELS = [Channel.EMAIL]  # the organisation sends no letters
    retried = deliveries_retry_failed(incident_id=bounced.pk, by=users["dpo"])
    assert retried.moved == {}
    assert _rows()["Anne"] == ("email", "queued")
