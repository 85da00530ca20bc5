"""The notification in the EDPB's common template (CONTRACT.md, issue #16): the export of a
new notification, a follow-up and a withdrawal; what a person fills in through PATCH and
through the page; and what was filed staying as filed whatever happens after."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from pypdf import PdfReader
from rest_framework.test import APIClient

from accounts.models import User
from incidents.models import Incident, Organisation
from tests.conftest import login
from tests.incidents.services.test_authority import organisation_profile_of_testvik, to_notification

TOP_LEVEL = {
    "template",
    "notification",
    "controller",
    "reporting_person",
    "dpo",
    "other_parties",
    "timeline",
    "nature",
    "subjects",
    "data",
    "consequences",
    "risk",
    "measures",
    "communication",
    "other_authorities",
    "cross_border",
}


@pytest.fixture
def profile(users: dict[str, User]) -> Organisation:
    return organisation_profile_of_testvik(users["dpo"])


@pytest.fixture
def case(make_incident: Callable[..., Any], users: dict[str, User], profile: Organisation) -> Incident:
    return to_notification(make_incident(immediate_measures="Bedt mottakeren slette e-posten."), users["dpo"])


def api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def url(incident: Incident) -> str:
    return f"/api/v1/incidents/{incident.reference}/authority-notification/edpb/"


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_a_late_phased_filing_turns_the_export_from_new_to_follow_up(case: Incident, users: dict[str, User]) -> None:
    client = api(users["dpo"])
    late = case.authority_deadline + timedelta(hours=3)
    with time_machine.travel(late + timedelta(minutes=10)):
        before = client.get(url(case)).json()
        assert set(before) >= TOP_LEVEL
        assert before["notification"]["type"] == "new" and before["notification"]["previous_id"] is None
        assert before["notification"]["subtype"] == "incomplete"  # the main cause is not known
        assert instant(before["timeline"]["awareness"]) == case.aware_at
        assert before["timeline"]["late"] is True and before["timeline"]["late_reason"] is None
        assert before["nature"]["cause"] == "to_be_determined"
        # FACTS: 31 people, national ID numbers, known recipients; the DPO decided to tell them.
        assert before["subjects"]["number"] == {"kind": "approximate", "value": 31}
        assert before["risk"]["outcome"] == "high"
        assert before["communication"]["status"] == "planned"
        assert "identity_theft" in before["consequences"]["impacts"]
        # Only the body CONTRACT.md names; the main cause still unknown.
        filed = client.post(
            f"/api/v1/incidents/{case.reference}/transitions/submit/",
            {
                "submitted_at": late.isoformat(),
                "authority_reference": "AR-2026-31",
                "phased": True,
                "late_reason": "Ferie.",
            },
            format="json",
        )
        assert filed.status_code == 200, filed.json()
        after = client.get(url(case)).json()
    assert after["notification"]["type"] == "follow_up"
    assert after["notification"]["previous_id"] == "AR-2026-31"
    assert after["timeline"]["late_reason"] == "Ferie." and after["timeline"]["late"] is True
    assert instant(after["timeline"]["awareness"]) == case.aware_at
    assert after["risk"]["outcome"] == "high"


def test_patch_stores_what_a_person_answers_and_names_each_bad_field_by_its_path(
    case: Incident, users: dict[str, User]
) -> None:
    client = api(users["handler"])
    case.handler = users["handler"]
    case.save()
    bad = client.patch(
        url(case),
        {
            "nature": {"cause": "bad luck"},
            "timeline": {"awareness": "2026-01-01T00:00:00+01:00"},
            "subjects": {"number": {"kind": "exact", "value": -1}},
        },
        format="json",
    )
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"nature.cause", "timeline.awareness", "subjects.number"}
    assert client.get(url(case)).json()["nature"]["cause"] == "to_be_determined"  # nothing stored

    answer = client.patch(
        url(case),
        {
            "nature": {"cause": "internal_non_malicious", "cause_description": "Feil adresse valgt."},
            "subjects": {"categories": ["students", "minors"], "number": {"kind": "exact", "value": 30}},
            "other_authorities": {"police": "no"},
            "cross_border": {"cross_border": "no"},
        },
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    data = answer.json()
    assert data["nature"]["cause"] == "internal_non_malicious"
    assert data["subjects"]["number"] == {"kind": "exact", "value": 30}
    assert data["subjects"]["categories"][:2] == ["students", "minors"]
    assert data["other_authorities"]["police"] == "no"
    # The main cause is now set before closing, and the document says it.
    document = client.get(f"/api/v1/incidents/{case.reference}/authority-notification/").json()
    assert document["description"]["main_cause"].startswith("Intern, ikke ondsinnet")
    assert "Feil adresse valgt" in document["description"]["main_cause"]
    assert document["description"]["subjects_count"] == "30"
    # null clears an answer.
    cleared = client.patch(url(case), {"other_authorities": {"police": None}}, format="json").json()
    assert cleared["other_authorities"]["police"] == "unknown"


def test_who_may_read_and_fill_the_export(case: Incident, users: dict[str, User]) -> None:
    assert api(users["auditor"]).get(url(case)).status_code == 200
    assert api(users["auditor"]).patch(url(case), {"nature": {"cause": "unknown"}}, format="json").status_code == 403
    assert api(users["management"]).get(url(case)).status_code == 403
    assert api(users["reporter"]).patch(url(case), {}, format="json").status_code == 403


def test_a_withdrawal_is_a_follow_up_of_a_filed_notification(case: Incident, users: dict[str, User]) -> None:
    client = api(users["dpo"])
    body = {"notification": {"subtype": "withdraw", "withdraw_reason": "Meldt to ganger."}}
    refused = client.patch(url(case), body, format="json")
    assert refused.status_code == 400 and "notification.subtype" in refused.json()["errors"]
    client.post(
        f"/api/v1/incidents/{case.reference}/transitions/submit/",
        {"submitted_at": case.aware_at.isoformat(), "phased": True},
        format="json",
    )
    data = client.patch(url(case), body, format="json").json()
    assert data["notification"]["type"] == "follow_up"
    assert data["notification"]["subtype"] == "withdraw"
    assert data["notification"]["withdraw_reason"] == "Meldt to ganger."


def test_the_page_asks_the_questions_and_offers_the_export_beside_the_pdf(
    case: Incident, users: dict[str, User]
) -> None:
    dpo = login(Client(), users["dpo"])
    page = dpo.get(f"/avvik/{case.reference}/datatilsynet/").content.decode()
    assert f"/avvik/{case.reference}/datatilsynet/edpb.json" in page and "Last ned PDF" in page
    # The checklist lists every gap, not only the required ones.
    assert "Beskrivelse av bruddet: hvor opplysningene er nå" in page
    answer = dpo.post(
        f"/avvik/{case.reference}/datatilsynet/opplysninger/",
        {"nature__cause": "external_malicious", "data__location": "Hos en forelder som har slettet den."},
    )
    assert answer.status_code == 302
    download = dpo.get(f"/avvik/{case.reference}/datatilsynet/edpb.json")
    assert download["Content-Disposition"].startswith("attachment")
    page = dpo.get(f"/avvik/{case.reference}/datatilsynet/").content.decode()
    assert "Beskrivelse av bruddet: hvor opplysningene er nå" not in page
    data = json.loads(download.content)
    assert data == api(users["dpo"]).get(url(case)).json()
    assert data["nature"]["cause"] == "external_malicious"
    assert data["data"]["location"] == "Hos en forelder som har slettet den."
    bad = dpo.post(f"/avvik/{case.reference}/datatilsynet/opplysninger/", {"nature__cause": "nonsense"})
    assert bad.status_code == 400 and "field-error" in bad.content.decode()


def test_the_export_is_in_the_openapi_schema(users: dict[str, User]) -> None:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    path = schema["paths"]["/api/v1/incidents/{reference}/authority-notification/edpb/"]
    assert {"get", "patch"} <= set(path)
    assert "400" in path["patch"]["responses"]


def pdf_text(client: Client, address: str) -> str:
    answer = client.get(address)
    assert answer["Content-Type"] == "application/pdf"
    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(answer.content)).pages))


def test_after_filing_a_reassessment_and_edits_change_nothing_filed(case: Incident, users: dict[str, User]) -> None:
    client = api(users["dpo"])
    dpo = login(Client(), users["dpo"])
    client.patch(
        url(case), {"nature": {"cause": "internal_non_malicious", "cause_description": "Første."}}, format="json"
    )
    filed = client.post(
        f"/api/v1/incidents/{case.reference}/transitions/submit/",
        {"submitted_at": case.aware_at.isoformat(), "authority_reference": "AR-1"},
        format="json",
    )
    assert filed.status_code == 200, filed.json()
    first = client.get(f"/api/v1/incidents/{case.reference}/authority-notification/").json()["submissions"][0]
    pdf_before = pdf_text(dpo, f"/avvik/{case.reference}/datatilsynet/pdf/?melding=1")
    assert "Første" in pdf_before

    # An edit, and a reassessment with other facts.
    client.patch(
        url(case), {"nature": {"cause_description": "Senere."}, "data": {"location": "Slettet."}}, format="json"
    )
    reassessed = client.post(
        f"/api/v1/incidents/{case.reference}/transitions/reassess/", {"reason": "Nye opplysninger."}, format="json"
    )
    assert reassessed.status_code == 200, reassessed.json()
    facts = {"breach_types": ["confidentiality"], "data_categories": ["basic"], "subjects_count": 2}
    assert client.put(f"/api/v1/incidents/{case.reference}/assessment/", facts, format="json").status_code == 200

    after = client.get(f"/api/v1/incidents/{case.reference}/authority-notification/").json()
    assert after["submissions"][0] == first
    assert "Senere" in after["description"]["main_cause"]  # the draft of the next one
    assert pdf_text(dpo, f"/avvik/{case.reference}/datatilsynet/pdf/?melding=1") == pdf_before
    page = dpo.get(f"/avvik/{case.reference}/datatilsynet/").content.decode()
    filed_part = page[page.index('id="filed-1"') :]
    assert "Første" in filed_part and "Senere" not in filed_part.split("</li>")[0]


def test_patch_with_a_list_where_a_code_belongs_is_refused_in_words(case: Incident, users: dict[str, User]) -> None:
    client = api(users["handler"])
    case.handler = users["handler"]
    case.save()
    bad = client.patch(
        url(case),
        {"controller": {"sector": ["public"]}, "data": {"types": [["health"]]}},
        format="json",
    )
    assert bad.status_code == 400
    assert bad.json()["errors"]["controller.sector"] == ["Velg ett av: public, private."]
    assert set(bad.json()["errors"]) == {"controller.sector", "data.types"}
    # Control: the same answers as plain codes are stored.
    good = client.patch(url(case), {"controller": {"sector": "public"}, "data": {"types": ["health"]}}, format="json")
    assert good.status_code == 200
    assert client.get(url(case)).json()["controller"]["sector"] == "public"
