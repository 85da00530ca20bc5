"""The assessment pages: the form saves facts and shows the recommendation; the decision
form concludes; bad input is named next to the field and kept."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client

from incidents.models import Incident
from incidents.services import cases as services
from incidents.workflow import State
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(users: dict[str, Any], make_incident: Any) -> Incident:
    incident = make_incident()
    services.incident_start(incident=incident, by=users["dpo"])
    services.incident_confirm(incident=incident, by=users["dpo"])
    return Incident.objects.get(pk=incident.pk)


def client_for(user: Any) -> Client:
    return login(Client(), user)


def test_save_facts_then_decide(case: Incident, users: dict[str, Any]) -> None:
    dpo = client_for(users["dpo"])
    url = f"/avvik/{case.reference}/vurdering/"
    page = dpo.get(url)
    assert page.status_code == 200
    assert b"Lagre og oppdater anbefalingen" in page.content
    saved = dpo.post(
        url,
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic", "national_id"],
            "identifiability": "maximum",
            "confidentiality_exposure": "unknown_recipients",
            "dpc_adjustment": "0",
            "subjects_count": "31",
        },
    )
    assert saved.status_code == 302
    page = dpo.get(url)
    assert "Avviks anbefaling" in page.content.decode()
    assert page.context["recommendation"]["notify_authority"] is True
    decided = dpo.post(
        f"/avvik/{case.reference}/beslutning/",
        {"notify_authority": "yes", "notify_data_subjects": "yes", "exemption": "", "justification": ""},
    )
    assert decided.status_code == 302
    assert Incident.objects.get(pk=case.pk).state == State.AUTHORITY_NOTIFICATION


def test_bad_facts_are_shown_next_to_the_field_and_kept(case: Incident, users: dict[str, Any]) -> None:
    page = client_for(users["dpo"]).post(
        f"/avvik/{case.reference}/vurdering/",
        {"breach_types": [], "data_categories": ["basic"], "identifiability": "maximum", "dpc_adjustment": "2"},
    )
    assert page.status_code == 400
    form = page.context["form"]
    assert "breach_types" in form.errors
    assert "dpc_adjustment_reason" in form.errors
    assert form["data_categories"].value() == ["basic"], "what was typed is kept"


def test_an_override_without_justification_is_refused(case: Incident, users: dict[str, Any]) -> None:
    dpo = client_for(users["dpo"])
    dpo.post(
        f"/avvik/{case.reference}/vurdering/",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["special"],
            "identifiability": "maximum",
            "confidentiality_exposure": "unknown_recipients",
            "dpc_adjustment": "0",
            "malicious": "on",
        },
    )
    page = dpo.post(
        f"/avvik/{case.reference}/beslutning/",
        {"notify_authority": "no", "notify_data_subjects": "no", "exemption": "", "justification": ""},
    )
    assert page.status_code == 400
    assert "justification" in page.context["decision_form"].errors
    assert Incident.objects.get(pk=case.pk).state == State.ASSESSMENT


def test_the_rules_page_shows_the_engines_rules(users: dict[str, Any]) -> None:
    from incidents.rules import risk

    page = client_for(users["reporter"]).get("/risiko/")
    assert page.status_code == 200
    for rule in risk.rules_table("nb")[:5]:
        assert f'id="rule-{rule["code"]}"' in page.content.decode()
    english = client_for(users["reporter"])
    english.cookies["django_language"] = "en"
    assert risk.rules_table("en")[0]["check"].split()[0] in english.get("/risiko/").content.decode()


SOURCE_CELL = re.compile(r'<tr id="rule-(\w+)">(?:<td>.*?</td>){4}<td>(.*?)</td></tr>', re.S)


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_rules_page_cites_each_source_in_the_readers_language(users: dict[str, Any], language: str) -> None:
    from incidents.rules import risk

    reader = client_for(users["reporter"])
    reader.cookies["django_language"] = language
    page = reader.get("/risiko/").content.decode()
    column = {code: html.unescape(cell) for code, cell in SOURCE_CELL.findall(page)}
    assert column == {rule.code: rule.source[language] for rule in risk.RULES}
    assert not any(".md" in cell for cell in column.values())
    expected = {
        "nb": "personvernforordningen (GDPR) art. 34 nr. 3 bokstav b: senere tiltak",
        "nn": "personvernforordninga (GDPR) art. 34 nr. 3 bokstav b: seinare tiltak",
        "en": "GDPR art. 34(3)(b): later measures",
    }
    assert column["EX_34_3_B"].startswith(expected[language])
