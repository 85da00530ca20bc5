"""The recipients page as a list: a page at a time, searched without the search in the URL,
each person's status in words, a wrong row removed before sending; and the confirmation
that "Send varslene" leads to."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from incidents.workflow import State
from notifications.models import Audience, Reader, SendOrder
from notifications.services.delivery import Delivery, fulfil_send_orders, notices_send
from notifications.services.recipients import Recipient, recipient_add
from tests.conftest import login
from tests.notifications.delivery_helpers import approve_notices

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(school_case: Any, users: Any, settings: Any) -> Any:
    settings.CELERY_BROKER_URL = ""
    approve_notices(school_case, users["dpo"])
    type(school_case).objects.filter(pk=school_case.pk).update(state=State.SUBJECT_NOTIFICATION)
    return school_case


def add_people(case: Any, n: int, start: int = 0, language: str = "nb") -> None:
    Recipient.objects.bulk_create(
        Recipient(
            incident=case,
            name=f"Person {i:04}",
            email=f"p{i}@example.org",
            email_key=f"p{i}@example.org",
            language=language,
        )
        for i in range(start, start + n)
    )


def url(case: Any, tail: str = "") -> str:
    return f"/avvik/{case.reference}/mottakere/{tail}"


def test_the_list_is_paginated_at_a_fixed_number_of_queries(ready: Any, users: Any) -> None:
    client = login(Client(), users["handler"])
    add_people(ready, 10)
    client.get(url(ready))
    with CaptureQueriesContext(connection) as small:
        client.get(url(ready))
    add_people(ready, 490, start=10)
    with CaptureQueriesContext(connection) as large:
        answer = client.get(url(ready))
    assert len(large) == len(small), "the same queries for 10 and 500 people"
    assert answer.context["page"].paginator.num_pages == 10 and len(answer.context["rows"]) == 50
    second = client.get(url(ready) + "?side=2").context["rows"]
    assert [row.name for row in second][:1] == ["Person 0050"]
    last = client.get(url(ready) + "?side=999")
    assert last.context["page"].number == 10 and last.context["rows"][-1].name == "Person 0499"
    assert client.get(url(ready) + "?side=tull").context["page"].number == 1


def test_the_search_is_posted_kept_in_the_session_and_never_in_a_url(ready: Any, users: Any) -> None:
    client = login(Client(), users["handler"])
    add_people(ready, 120)
    answer = client.post(url(ready), {"search": "1", "q": "  person 0077 "})
    assert answer.status_code == 302 and answer["Location"] == url(ready)  # nothing typed in the address
    page = client.get(url(ready))
    assert [row.name for row in page.context["rows"]] == ["Person 0077"]
    html = page.content.decode()
    assert 'value="person 0077"' in html and "1 mottaker funnet." in html
    links = re.findall(r'(?:href|action)="([^"]*)"', html)
    assert links and not [link for link in links if "0077" in link or "q=" in link]
    by_address = client.post(url(ready), {"search": "1", "q": "P12@EXAMPLE"}, follow=True)
    assert [row.email for row in by_address.context["rows"]] == ["p12@example.org"]
    other = client.get(f"/avvik/{ready.reference}/mottakere/")
    assert other.context["search"] == "P12@EXAMPLE"
    cleared = client.post(url(ready), {"clear_search": "1"}, follow=True)
    assert cleared.context["search"] == "" and cleared.context["page"].paginator.count == 120


def test_each_person_has_a_status_in_words(ready: Any, users: Any) -> None:
    client = login(Client(), users["dpo"])
    add_people(ready, 5)
    notices_send(incident_id=ready.pk, by=users["dpo"])
    fulfil_send_orders()
    rows = list(Delivery.objects.order_by("pk"))
    Delivery.objects.filter(pk=rows[0].pk).update(status="sent", sent_at=timezone.now())
    Delivery.objects.filter(pk=rows[1].pk).update(status="failed", error="550 5.1.1 <mottaker>: User unknown")
    Delivery.objects.filter(pk=rows[2].pk).update(status="failed", error="ConnectionRefusedError: refused")
    Recipient.objects.filter(pk=rows[3].recipient_id).update(
        name="", email="", email_key=None, purged_at=timezone.now()
    )
    recipient_add(incident_id=ready.pk, by=users["dpo"], name="Ny Person", email="ny@example.org")
    shown = {row.name or "purged": row.status for row in client.get(url(ready)).context["rows"]}
    assert shown["Person 0000"].startswith("Sendt ") and str(timezone.localdate().year) in shown["Person 0000"]
    assert shown["Person 0001"] == "Kom ikke fram: Adressen finnes ikke. Sjekk om den er skrevet riktig."
    assert shown["Person 0002"] == "Kom ikke fram: Fikk ikke kontakt med e-postserveren."
    assert shown["purged"] == "Navn og adresse er slettet etter oppbevaringstiden."
    assert shown["Person 0004"] == "I kø for sending"
    assert shown["Ny Person"] == "Venter: ikke sendt ennå"
    html = client.get(url(ready)).content.decode()
    assert "550 5.1.1" in html  # the server's own answer, behind «Svar fra e-postserveren»


def test_a_wrong_row_is_removed_from_the_page_before_sending_and_not_after(ready: Any, users: Any) -> None:
    client = login(Client(), users["handler"])
    wrong = recipient_add(incident_id=ready.pk, by=users["handler"], name="Feil Person", email="feil@example.org")
    page = client.get(url(ready)).content.decode()
    assert f'action="{url(ready, f"{wrong.pk}/fjern/")}"' in page
    done = client.post(url(ready, f"{wrong.pk}/fjern/"), {"side": "1"}, follow=True)
    assert "Mottakeren er fjernet fra listen." in done.content.decode()
    assert not Recipient.objects.filter(pk=wrong.pk).exists()
    sent = recipient_add(incident_id=ready.pk, by=users["handler"], name="Sendt Person", email="sendt@example.org")
    notices_send(incident_id=ready.pk, by=users["dpo"])
    fulfil_send_orders()
    page = client.get(url(ready)).content.decode()
    assert f"{sent.pk}/fjern/" not in page  # no button once sent
    refused = client.post(url(ready, f"{sent.pk}/fjern/"), follow=True).content.decode()
    assert "allerede sendt" in refused and Recipient.objects.filter(pk=sent.pk).exists()


def test_send_asks_first_with_the_count_per_audience_and_language(ready: Any, users: Any) -> None:
    client = login(Client(), users["dpo"])
    add_people(ready, 3)
    add_people(ready, 2, start=10, language="nn")
    audience = Audience.objects.get(incident=ready)
    Audience.objects.filter(pk=audience.pk).update(reader=Reader.GUARDIAN)
    confirm = client.get(url(ready, "send/"))
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "5 personer får varselet når du bekrefter." in html
    assert [(row["language"], row["people"]) for row in confirm.context["rows"]] == [("bokmål", 3), ("nynorsk", 2)]
    assert "Foreldre eller foresatte til et barn" in html and audience.name in html
    assert 'name="expected" value="5"' in html
    assert not SendOrder.objects.exists() and not Delivery.objects.exists(), "nothing sent by looking"
    assert client.post(url(ready, "send/")).status_code == 200  # a post without the number: the question again
    assert not SendOrder.objects.exists()
    add_people(ready, 1, start=20)  # someone added since the page was drawn
    changed = client.post(url(ready, "send/"), {"expected": "5"})
    assert changed.status_code == 409 and "nå får 6 personer varselet" in changed.content.decode()
    assert not SendOrder.objects.exists()
    done = client.post(url(ready, "send/"), {"expected": "6"}, follow=True)
    assert "6 varsler er lagt i kø" in done.content.decode()
    fulfil_send_orders()
    assert Delivery.objects.count() == 6
    again = client.get(url(ready, "send/")).content.decode()
    assert "Alle på listen har allerede fått varselet." in again


def test_a_language_without_an_approved_notice_is_shown_as_the_default(ready: Any, users: Any) -> None:
    from notifications.models import Notice

    client = login(Client(), users["dpo"])
    add_people(ready, 2, language="en")
    Notice.objects.filter(incident=ready, language="en").delete()
    rows = client.get(url(ready, "send/")).context["rows"]
    assert [(row["language"], row["wanted"], row["fallback"]) for row in rows] == [("bokmål", "engelsk", True)]


def test_the_handler_may_not_see_the_confirmation(ready: Any, users: Any) -> None:
    assert login(Client(), users["handler"]).get(url(ready, "send/")).status_code == 403
