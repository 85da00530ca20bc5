"""The Norwegian cases of issue #18 through the assessment page and the API, as a DPO meets
them: the recommendation and its reasoning on the page and in the JSON, the new facts in the
form, in the read-only view and in the 400 answers, and /risiko/ explaining them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from accounts.models import ApiToken
from incidents.models import Assessment, Incident
from incidents.services import cases as services
from tests.conftest import login
from tests.incidents.rules.norwegian_cases import CASES, Case

pytestmark = pytest.mark.django_db

EVALUATE = "/api/v1/risk/evaluate/"


@pytest.fixture
def case_in_assessment(users: dict[str, Any], make_incident: Any) -> Incident:
    incident = make_incident()
    services.incident_start(incident=incident, by=users["dpo"])
    services.incident_confirm(incident=incident, by=users["dpo"])
    return Incident.objects.get(pk=incident.pk)


def api(user: Any, language: str = "nb") -> Client:
    _token, key = ApiToken.issue(user)
    return Client(HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE=language)


def page(user: Any, language: str = "nb") -> Client:
    client = login(Client(), user)
    client.cookies["django_language"] = language
    return client


def as_form(facts: dict[str, Any]) -> dict[str, Any]:
    """The facts as the assessment form posts them (a ticked box is "on", an unticked one absent)."""
    data: dict[str, Any] = {"dpc_adjustment": str(facts.get("dpc_adjustment", 0))}
    for name, value in facts.items():
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list):
            data[name] = value
        elif name != "dpc_adjustment":
            data[name] = str(value)
    return data


def outcome(body: dict[str, Any]) -> tuple[str, bool, bool]:
    return body["risk_level"], body["notify_authority"], body["notify_data_subjects"]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_the_api_evaluates_the_case_with_its_reasoning(case: Case, users: dict[str, Any]) -> None:
    answer = api(users["handler"]).post(EVALUATE, case.facts, content_type="application/json")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    said = " ".join(body["reasons"])
    assert outcome(body) == case.expected, said
    assert all(quote in said for quote in case.quotes), said
    assert not any(quote in said for quote in case.absent), said


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_the_page_saves_the_case_and_shows_the_reasoning(
    case: Case, users: dict[str, Any], case_in_assessment: Incident
) -> None:
    dpo = page(users["dpo"])
    url = f"/avvik/{case_in_assessment.reference}/vurdering/"
    saved = dpo.post(url, as_form(case.facts))
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved
    shown = dpo.get(url)
    recommendation = shown.context["recommendation"]
    assert outcome(recommendation) == case.expected
    html = shown.content.decode()
    for quote in case.quotes:
        assert quote in html, quote
    stored = Assessment.objects.get(incident=case_in_assessment)
    for name in ("access_without_need", "context_reveals_special"):
        assert stored.facts[name] is bool(case.facts.get(name, False))
    assert stored.facts["exfiltration"] == case.facts.get("exfiltration", "unknown")


@pytest.mark.parametrize("case", [c for c in CASES if c.id in {"own-01", "own-05", "own-09"}], ids=lambda c: c.id)
def test_put_assessment_stores_the_new_facts_and_answers_in_nynorsk(
    case: Case, users: dict[str, Any], case_in_assessment: Incident
) -> None:
    answer = api(users["dpo"], "nn").put(
        f"/api/v1/incidents/{case_in_assessment.reference}/assessment/", case.facts, content_type="application/json"
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert outcome(body["recommendation"]) == case.expected
    assert body["facts"]["exfiltration"] == case.facts.get("exfiltration", "unknown")
    assert body["facts"]["access_without_need"] is bool(case.facts.get("access_without_need"))
    assert "utan ugrunna opphald" in " ".join(body["recommendation"]["reasons"])
    assert "unødig" not in " ".join(body["recommendation"]["reasons"])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"exfiltration": "maybe"}, "exfiltration"),
        ({"exfiltration": None, "access_without_need": "ja"}, "access_without_need"),
        ({"context_reveals_special": 1}, "context_reveals_special"),
        ({"acces_without_need": True}, "acces_without_need"),
    ],
)
def test_bad_new_facts_are_a_400_naming_the_field_through_both_endpoints(
    change: dict[str, Any], field: str, users: dict[str, Any], case_in_assessment: Incident
) -> None:
    facts = {**CASES[0].facts, **change}
    client = api(users["dpo"], "en")
    for answer in (
        client.post(EVALUATE, facts, content_type="application/json"),
        client.put(
            f"/api/v1/incidents/{case_in_assessment.reference}/assessment/", facts, content_type="application/json"
        ),
    ):
        assert answer.status_code == 400, answer.content
        assert list(answer.json()["errors"]) == [field]
    assert not Assessment.objects.filter(incident=case_in_assessment).exists()
    if field == "acces_without_need":
        assert "Did you mean “access_without_need”?" in answer.json()["errors"][field][0]


def test_the_form_asks_the_new_questions_with_help(users: dict[str, Any], case_in_assessment: Incident) -> None:
    html = page(users["dpo"]).get(f"/avvik/{case_in_assessment.reference}/vurdering/").content.decode()
    assert 'name="access_without_need"' in html and 'name="context_reveals_special"' in html
    assert '<option value="unknown" selected>' in html, "exfiltration starts as unknown"
    assert "En ansatt som snoker av nysgjerrighet, har et eget spørsmål under" in html
    assert "En mistet eller stjålet PC, telefon, minnepinne eller mappe: «ukjente mottakere»" in html
    assert "Uten logger er svaret «ukjent»" in html
    assert "snoker med vilje" not in html, "snooping is no longer steered to «malicious»"
    english = page(users["dpo"], "en").get(f"/avvik/{case_in_assessment.reference}/vurdering/").content.decode()
    assert "Someone with access looked at the data without a work need" in english
    assert "Common cases: which answers fit?" in english
    nynorsk = page(users["dpo"], "nn").get(f"/avvik/{case_in_assessment.reference}/vurdering/").content.decode()
    assert "Etter eit åtak på systema: vart opplysningar kopierte ut?" in nynorsk


def test_the_read_only_view_shows_the_answers_in_words(users: dict[str, Any], case_in_assessment: Incident) -> None:
    page(users["dpo"]).post(f"/avvik/{case_in_assessment.reference}/vurdering/", as_form(CASES[0].facts))
    html = page(users["auditor"]).get(f"/avvik/{case_in_assessment.reference}/vurdering/").content.decode()
    assert 'id="facts-read-only"' in html and "facts-form" not in html
    assert "<dt>Noen med tilgang så på opplysningene uten tjenstlig behov («snoking»)</dt><dd>Ja</dd>" in html
    assert "<dd>ukjent: ikke undersøkt ennå" in html
    assert "access_without_need" not in html and "{&#x27;" not in html, "no codes or Python dicts"


def test_an_assessment_stored_before_the_new_facts_keeps_working(
    users: dict[str, Any], case_in_assessment: Incident
) -> None:
    old_facts = {
        "breach_types": ["availability", "integrity"],
        "data_categories": ["basic"],
        "identifiability": "maximum",
        "integrity_impact": "no_misuse",
        "availability_impact": "recoverable",
        "malicious": True,
        "dpc_adjustment": 0,
    }
    Assessment.objects.create(incident=case_in_assessment, version=1, facts=old_facts)
    dpo = page(users["dpo"])
    url = f"/avvik/{case_in_assessment.reference}/vurdering/"
    form = dpo.get(url).context["form"]
    assert form["exfiltration"].value() == "unknown" and not form["access_without_need"].value()
    html = page(users["auditor"]).get(url).content.decode()
    assert "<dd>ukjent: ikke undersøkt ennå" in html
    # Saved again as it was (without the new fields), the attack now asks whether data left.
    answer = api(users["dpo"]).put(
        f"/api/v1/incidents/{case_in_assessment.reference}/assessment/", old_facts, content_type="application/json"
    )
    assert answer.status_code == 200
    assert answer.json()["facts"]["exfiltration"] == "unknown"
    assert answer.json()["recommendation"]["notify_authority"] is True


@pytest.mark.parametrize(
    ("language", "heading", "snooping"),
    [
        ("nb", "Sannsynlighet, skade og de nye spørsmålene", "Når noen med tilgang ser på opplysninger"),
        ("nn", "Sannsyn, skade og dei nye spørsmåla", "Når nokon med tilgang ser på opplysningar"),
        ("en", "Likelihood, harm and the new questions", "When someone with access looks at data"),
    ],
)
def test_the_rules_page_explains_the_new_facts_and_rules(
    language: str, heading: str, snooping: str, users: dict[str, Any]
) -> None:
    html = page(users["reporter"], language).get("/risiko/").content.decode()
    assert heading in html and snooping in html
    for anchor in ("fact-access-without-need", "fact-exfiltration", "fact-context-reveals-special"):
        assert f'id="{anchor}"' in html
    for code in ("C_SNOOPING", "C_POSSIBLE", "C_HARM", "C_NOT_DISCLOSED", "C_TRUSTED_LIMITED", "VOLUME_OVER_LIMIT"):
        assert f'id="rule-{code}"' in html
    if language == "nn":
        assert "unødig" not in html
