"""The "Meld avvik" page (issue 3): bad input gets a message next to its field in the
reader's language, and nothing typed is lost; a good report leads to the receipt."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from incidents.models import Incident
from tests.conftest import login

pytestmark = pytest.mark.django_db

TYPED = "Lærer sendte «klasseliste 7B» til feil forelder – 31 elever, navn & fødselsnummer <ikke lenke>"


def moment(delta: timedelta) -> str:
    return timezone.localtime(timezone.now() + delta).strftime("%Y-%m-%dT%H:%M")


def form(**changes: Any) -> dict[str, Any]:
    data = {
        "title": "Elevliste sendt til feil forelder",
        "description": TYPED,
        "discovered_at": moment(-timedelta(hours=1)),
        "occurred_at": "",
        "how_discovered": "",
        "breach_types": ["confidentiality"],
        "data_categories": ["basic", "national_id"],
        "approx_subjects": "31",
        "immediate_measures": "",
    }
    data.update(changes)
    return data


def field_error(page: Any, field: str) -> str:
    return " ".join(str(e) for e in page.context["form"].errors.get(field, []))


@pytest.fixture
def reporter(make_user: Any) -> Any:
    return make_user("reporter")


def test_missing_fields_are_named_next_to_the_field(reporter: Any) -> None:
    page = login(Client(), reporter).post("/meld/", form(title="", description=""))
    assert page.status_code == 400
    html = page.content.decode()
    assert field_error(page, "title") == "Skriv en kort beskrivelse."
    assert field_error(page, "description") == "Fortell kort hva som skjedde."
    assert 'id="id_title_error"' in html and 'id="id_description_error"' in html
    assert Incident.objects.count() == 0


def test_a_time_in_the_future_is_refused_and_what_was_typed_is_kept(reporter: Any) -> None:
    page = login(Client(), reporter).post("/meld/", form(discovered_at=moment(timedelta(hours=2))))
    assert page.status_code == 400
    assert "kan ikke være i fremtiden" in field_error(page, "discovered_at")
    html = page.content.decode()
    assert TYPED.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in html, "kept, and escaped"
    assert 'value="31"' in html
    assert page.context["form"]["data_categories"].value() == ["basic", "national_id"]
    assert html.count("checked") == 3, "the two kinds of data and the breach type stay ticked"
    assert Incident.objects.count() == 0


def test_it_cannot_have_happened_after_it_was_discovered(reporter: Any) -> None:
    page = login(Client(), reporter).post(
        "/meld/", form(discovered_at=moment(-timedelta(hours=3)), occurred_at=moment(-timedelta(hours=1)))
    )
    assert page.status_code == 400
    assert field_error(page, "occurred_at") == "Det kan ikke ha skjedd etter at det ble oppdaget."


def test_messages_come_in_the_readers_language(reporter: Any) -> None:
    User.objects.filter(pk=reporter.pk).update(language="en")
    page = login(Client(), reporter).post("/meld/", form(title="", discovered_at=moment(timedelta(hours=2))))
    assert field_error(page, "title") == "Write a short description."
    assert "future" in field_error(page, "discovered_at")


def test_a_good_report_leads_to_its_receipt(reporter: Any) -> None:
    client = login(Client(), reporter)
    answer = client.post("/meld/", form())
    incident = Incident.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/avvik/{incident.reference}/kvittering/"
    assert incident.description == TYPED and incident.approx_subjects == 31
    assert incident.reference in client.get(answer["Location"]).content.decode()
