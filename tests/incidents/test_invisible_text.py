"""A title of only invisible characters is no title, and direction overrides do not turn
what a title shows (#14)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import ApiToken
from incidents.models import Incident
from notifications.services.recipients import recipient_add
from tests.conftest import login

pytestmark = pytest.mark.django_db

RLO = "\u202e"
PDF = "\u202c"
LRI, PDI = "\u2066", "\u2069"


def api(user: Any) -> Client:
    _token, key = ApiToken.issue(user)
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def report_form(**changes: Any) -> dict[str, Any]:
    data = {
        "title": "Elevliste sendt til feil forelder",
        "description": "En liste med navn ble sendt til feil forelder.",
        "discovered_at": timezone.localtime(timezone.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "breach_types": ["confidentiality"],
        "data_categories": ["basic"],
        "approx_subjects": "3",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("title", ["\u200b", "\u200b \u200d\ufeff", "\u00a0\u2060", RLO + PDF, "\u3000"])
def test_an_invisible_title_is_refused_in_the_api(users: dict[str, Any], report_data: Any, title: str) -> None:
    answer = api(users["reporter"]).post(
        "/api/v1/incidents/", report_data(title=title), content_type="application/json"
    )
    assert answer.status_code == 400
    assert answer.json()["errors"]["title"]
    assert not Incident.objects.exists()


def test_an_invisible_title_is_a_form_error_and_the_rest_is_kept(users: dict[str, Any]) -> None:
    page = login(Client(), users["reporter"]).post("/meld/", report_form(title="\u200b"))
    assert page.status_code == 400
    assert page.context["form"].errors["title"]
    assert page.context["form"]["description"].value() == "En liste med navn ble sendt til feil forelder."


def test_an_invisible_description_is_refused(users: dict[str, Any], report_data: Any) -> None:
    answer = api(users["reporter"]).post(
        "/api/v1/incidents/", report_data(description="\u200b\u200c"), content_type="application/json"
    )
    assert answer.status_code == 400 and answer.json()["errors"]["description"]


def test_direction_overrides_are_taken_out_of_the_title(users: dict[str, Any], report_data: Any) -> None:
    typed = f"Faktura {RLO}fdp.exe{PDF} og {LRI}liste{PDI}"
    answer = api(users["reporter"]).post(
        "/api/v1/incidents/", report_data(title=typed), content_type="application/json"
    )
    assert answer.status_code == 201
    assert answer.json()["title"] == "Faktura fdp.exe og liste"
    incident = Incident.objects.get()
    assert incident.title == "Faktura fdp.exe og liste"
    shown = login(Client(), users["dpo"]).get(f"/avvik/{incident.reference}/").content.decode()
    assert RLO not in shown and "Faktura fdp.exe og liste" in shown


def test_direction_overrides_are_taken_out_when_the_title_is_edited(users: dict[str, Any], make_incident: Any) -> None:
    from incidents.services import cases as services

    incident = make_incident()
    services.incident_update_facts(incident=incident, by=users["handler"], changes={"title": f"{RLO}gpj.exe"})
    incident.refresh_from_db()
    assert incident.title == "gpj.exe"


def test_direction_overrides_are_taken_out_of_a_recipients_name(users: dict[str, Any], make_incident: Any) -> None:
    incident = make_incident()
    person = recipient_add(incident_id=incident.pk, by=users["dpo"], name=f"Ola {RLO}nnamdroN", email="ola@example.org")
    assert person.name == "Ola nnamdroN"


def test_ordinary_text_in_other_scripts_is_kept(users: dict[str, Any], report_data: Any) -> None:
    title = "שלום و مرحبا – Sámi giella"
    answer = api(users["reporter"]).post(
        "/api/v1/incidents/", report_data(title=title), content_type="application/json"
    )
    assert answer.status_code == 201
    assert answer.json()["title"] == title
