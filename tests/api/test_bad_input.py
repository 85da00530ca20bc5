"""Input that used to answer 500 (#14): each is a 400 or a form error in the reader's
language, through the page and through the API, and nothing typed is lost."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from accounts.models import ApiToken
from incidents.models import Incident
from incidents.services import cases as services
from notifications.services.recipients import Recipient
from tests.conftest import login

pytestmark = pytest.mark.django_db

NUL = "\x00"


def api(user: Any) -> Client:
    _token, key = ApiToken.issue(user)
    return Client(HTTP_AUTHORIZATION=f"Token {key}", raise_request_exception=False)


def page_client(user: Any) -> Client:
    return login(Client(raise_request_exception=False), user)


def moment(delta: timedelta) -> str:
    return timezone.localtime(timezone.now() + delta).strftime("%Y-%m-%dT%H:%M")


def report_form(**changes: Any) -> dict[str, Any]:
    data = {
        "title": "Elevliste sendt til feil forelder",
        "description": "En liste med navn ble sendt til feil forelder.",
        "discovered_at": moment(-timedelta(hours=1)),
        "occurred_at": "",
        "how_discovered": "",
        "breach_types": ["confidentiality"],
        "data_categories": ["basic"],
        "approx_subjects": "31",
        "immediate_measures": "",
    }
    data.update(changes)
    return data


def form_errors(page: Any, field: str) -> str:
    return " ".join(str(e) for e in page.context["form"].errors.get(field, []))


# --- ?year=² on the register ----------------------------------------------------------------


@pytest.mark.parametrize("year", ["²", "٢٠٢٦", "99999999999999999999999"])
def test_a_year_that_is_not_a_year_is_a_400_in_the_api(users: dict[str, Any], make_incident: Any, year: str) -> None:
    make_incident()
    answer = api(users["dpo"]).get("/api/v1/register/", {"year": year})
    assert answer.status_code == 400
    assert "årstall" in answer.json()["errors"]["year"][0]


def test_a_year_that_is_not_a_year_is_a_message_on_the_page(users: dict[str, Any], make_incident: Any) -> None:
    make_incident(title="Mistet mobiltelefon")
    client = page_client(users["dpo"])
    page = client.get("/register/", {"year": "²"})
    assert page.status_code == 400
    assert "Skriv et årstall med fire sifre" in page.content.decode()
    assert "Mistet mobiltelefon" in page.content.decode()  # every year is listed instead
    assert client.get("/register/", {"year": "²", "format": "csv"}).status_code == 400


def test_a_real_year_still_filters(users: dict[str, Any], make_incident: Any) -> None:
    incident = make_incident()
    answer = api(users["dpo"]).get("/api/v1/register/", {"year": str(incident.year)})
    assert [row["reference"] for row in answer.json()] == [incident.reference]
    assert api(users["dpo"]).get("/api/v1/register/", {"year": str(incident.year - 1)}).json() == []


# --- ?audience=² on the notice preview ------------------------------------------------------


@pytest.mark.parametrize("audience", ["²", "1²", "9" * 40])
def test_an_audience_that_is_not_a_number_is_a_400(users: dict[str, Any], make_incident: Any, audience: str) -> None:
    incident = make_incident()
    answer = api(users["dpo"]).get(
        f"/api/v1/incidents/{incident.reference}/notices/preview/", {"language": "nb", "audience": audience}
    )
    assert answer.status_code == 400
    assert answer.json()["errors"]["audience"]


# --- approx_subjects past what a column holds -------------------------------------------------


@pytest.mark.parametrize("count", [2**63, 2**31, 1_000_000_001])
def test_too_many_people_is_a_400_in_the_api(users: dict[str, Any], report_data: Any, count: int) -> None:
    answer = api(users["reporter"]).post(
        "/api/v1/incidents/", report_data(approx_subjects=count), content_type="application/json"
    )
    assert answer.status_code == 400
    assert "høyst 1 000 000 000" in answer.json()["errors"]["approx_subjects"][0]
    assert not Incident.objects.exists()


def test_too_many_people_is_a_form_error_and_the_rest_is_kept(users: dict[str, Any]) -> None:
    page = page_client(users["reporter"]).post("/meld/", report_form(approx_subjects=str(2**63)))
    assert page.status_code == 400
    assert "høyst 1 000 000 000" in form_errors(page, "approx_subjects")
    assert page.context["form"]["title"].value() == "Elevliste sendt til feil forelder"
    assert not Incident.objects.exists()


def test_a_billion_people_is_still_a_number(users: dict[str, Any], report_data: Any) -> None:
    answer = api(users["reporter"]).post(
        "/api/v1/incidents/", report_data(approx_subjects=1_000_000_000), content_type="application/json"
    )
    assert answer.status_code == 201


def test_changing_the_count_is_bounded_too(users: dict[str, Any], make_incident: Any) -> None:
    incident = make_incident()
    client = page_client(users["handler"])
    data = report_form(approx_subjects=str(2**40), reason="Nytt anslag", row_version=incident.row_version)
    page = client.post(f"/avvik/{incident.reference}/endre/", data)
    assert page.status_code == 400
    assert "høyst" in form_errors(page, "approx_subjects")


# --- deeply nested JSON ---------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/v1/risk/evaluate/", "/api/v1/incidents/"])
def test_deeply_nested_json_is_a_400(users: dict[str, Any], path: str) -> None:
    body = '{"title": ' + "[" * 100_000 + "]" * 100_000 + "}"
    answer = api(users["dpo"]).post(path, body, content_type="application/json")
    assert answer.status_code == 400
    assert "nøstet" in answer.json()["errors"]["non_field_errors"][0]


def test_moderately_nested_json_past_the_bound_is_a_400(users: dict[str, Any]) -> None:
    body = '{"breach_types": ' + "[" * 200 + "]" * 200 + "}"
    answer = api(users["dpo"]).post("/api/v1/risk/evaluate/", body, content_type="application/json")
    assert answer.status_code == 400


# --- NUL characters ---------------------------------------------------------------------------


def _assessment_case(users: dict[str, Any], make_incident: Any) -> Incident:
    incident = make_incident()
    services.incident_start(incident=incident, by=users["dpo"])
    services.incident_confirm(incident=incident, by=users["dpo"], aware_at=None, aware_reason="")
    return incident


def test_nul_in_the_facts_is_a_400_naming_the_field(users: dict[str, Any], make_incident: Any) -> None:
    incident = _assessment_case(users, make_incident)
    facts = {
        "breach_types": ["confidentiality"],
        "data_categories": ["basic"],
        "dpc_adjustment": 1,
        "dpc_adjustment_reason": f"Mer{NUL}enn",
    }
    client = api(users["dpo"])
    answer = client.put(f"/api/v1/incidents/{incident.reference}/assessment/", facts, content_type="application/json")
    assert answer.status_code == 400
    assert "nulltegn" in answer.json()["errors"]["dpc_adjustment_reason"][0]
    assert not incident.assessments.exclude(facts={}).exists()
    stateless = client.post("/api/v1/risk/evaluate/", facts, content_type="application/json")
    assert stateless.status_code == 400


def test_nul_in_the_report_is_refused_by_the_api_the_page_and_the_service(
    users: dict[str, Any], report_data: Any
) -> None:
    answer = api(users["reporter"]).post(
        "/api/v1/incidents/", report_data(description=f"a{NUL}b"), content_type="application/json"
    )
    assert answer.status_code == 400 and answer.json()["errors"]["description"]
    page = page_client(users["reporter"]).post("/meld/", report_form(title=f"Liste{NUL}"))
    assert page.status_code == 400 and form_errors(page, "title")
    with pytest.raises(services.Invalid) as refused:
        services.incident_report(
            by=users["reporter"],
            report=services.Report(
                title="Mistet mobil",
                description="x",
                discovered_at=timezone.now() - timedelta(hours=1),
                how_discovered=f"Tips{NUL}",
            ),
        )
    assert "how_discovered" in refused.value.errors
    assert not Incident.objects.exists()


def test_nul_in_a_recipients_name_is_a_bad_row(users: dict[str, Any], make_incident: Any) -> None:
    incident = make_incident()
    services.incident_start(incident=incident, by=users["dpo"])
    data = f"name,email,language\nOla{NUL}Nordmann,ola@example.org,nb\nKari,kari@example.org,nb\n".encode()
    answer = api(users["dpo"]).post(
        f"/api/v1/incidents/{incident.reference}/recipients/", {"file": SimpleUploadedFile("l.csv", data)}
    )
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["row"] == 2
    assert "nulltegn" in answer.json()["errors"][0]["message"]
    assert not Recipient.objects.filter(incident=incident).exists()


# --- oversized bodies -------------------------------------------------------------------------


def test_an_oversized_json_body_answers_json_413(users: dict[str, Any], settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = '{"title": "' + "x" * 20_000 + '"}'
    answer = api(users["dpo"]).post("/api/v1/incidents/", body, content_type="application/json")
    assert answer.status_code == 413
    assert answer["Content-Type"].startswith("application/json")
    assert answer.json()["errors"]["non_field_errors"]


def test_an_oversized_form_field_answers_json_413(users: dict[str, Any], make_incident: Any, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    incident = make_incident()
    data = b"name,email,language\nKari,kari@example.org,nb\n"
    answer = api(users["dpo"]).post(
        f"/api/v1/incidents/{incident.reference}/recipients/",
        {"file": SimpleUploadedFile("l.csv", data), "note": "x" * 20_000},
    )
    assert answer.status_code == 413
    assert answer["Content-Type"].startswith("application/json")


def test_a_json_body_without_a_length_is_read_only_up_to_the_limit(settings: Any) -> None:
    import io

    from core.parsers import BodyTooLarge, JSONParser

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    with pytest.raises(BodyTooLarge):
        JSONParser().parse(io.BytesIO(b'{"title": "' + b"x" * 5_000 + b'"}'), "application/json", {})
    assert JSONParser().parse(io.BytesIO(b'{"title": "kort"}'), "application/json", {}) == {"title": "kort"}


@pytest.mark.parametrize(("field", "count"), [("subjects_count", 2**70), ("records_count", 10**13)])
def test_counts_in_the_facts_are_bounded(users: dict[str, Any], make_incident: Any, field: str, count: int) -> None:
    incident = _assessment_case(users, make_incident)
    facts = {"breach_types": ["confidentiality"], "data_categories": ["basic"], field: count}
    answer = api(users["dpo"]).put(
        f"/api/v1/incidents/{incident.reference}/assessment/", facts, content_type="application/json"
    )
    assert answer.status_code == 400
    assert "høyst" in answer.json()["errors"][field][0]
    english = api(users["dpo"]).post(
        "/api/v1/risk/evaluate/", facts, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert english.status_code == 400
    assert "at most" in english.json()["errors"][field][0]


@pytest.mark.parametrize("path", ["/api/v1/auth/tokens/x/", "/api/v1/no-such-thing/"])
def test_an_api_path_that_names_nothing_is_a_json_404(users: dict[str, Any], path: str) -> None:
    answer = api(users["dpo"]).delete(path)
    assert answer.status_code == 404
    assert answer["Content-Type"] == "application/json"
    assert answer.json() == {"detail": "Fant ingenting på denne adressen."}


def test_a_page_path_that_names_nothing_is_still_a_page(users: dict[str, Any]) -> None:
    answer = page_client(users["dpo"]).get("/no-such-page/")
    assert answer.status_code == 404
    assert answer["Content-Type"].startswith("text/html")
