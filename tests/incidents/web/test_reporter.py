"""A reporter sees their report, its status and what the DPO chooses to tell them — never
the internal reasoning (#14; DESIGN.md "Who uses it")."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from incidents.models import Incident, Organisation
from incidents.services.authority import authority_draft_save, incident_submit
from incidents.services.organisation import organisation_update
from tests.conftest import login
from tests.incidents.services.test_authority import to_notification

AWARE_REASON = "IT bekreftet innbruddet etter loggsjekk."
JUSTIFICATION = "Vurdert av personvernombudet."  # the decision's justification (to_notification)
LATE_REASON = "Leverandøren svarte ikke før fredag."
MAIN_CAUSE = "Feil mottaker valgt i e-postklienten."


@pytest.fixture
def case(make_incident: Callable[..., Any], users: dict[str, User]) -> Incident:
    dpo = users["dpo"]
    organisation_update(
        by=dpo,
        changes={
            "name": "Testvik kommune",
            "org_number": "974 760 673",
            "address": "Storgata 1\n9999 Testvik",
            "contact_name": "Dina Ombud",
            "contact_email": "personvern@testvik.kommune.no",
            "contact_phone": "+47 22 00 00 00",
        },
    )
    reported = timezone.now() - timedelta(days=5)
    incident = make_incident(
        by=users["reporter"],
        now=reported,
        discovered_at=reported - timedelta(hours=1),
        immediate_measures="Bedt mottakeren slette e-posten.",
    )
    Incident.objects.filter(pk=incident.pk).update(handler=users["handler"])  # the handler works it
    incident = to_notification(Incident.objects.get(pk=incident.pk), dpo, aware_at=reported)
    Incident.objects.filter(pk=incident.pk).update(aware_reason=AWARE_REASON)
    authority_draft_save(incident=incident, by=dpo, texts={"main_cause": MAIN_CAUSE})
    incident_submit(
        incident=incident,
        by=dpo,
        submitted_at=reported + timedelta(days=4),
        late_reason=LATE_REASON,
        now=timezone.now(),
    )
    return Incident.objects.get(pk=incident.pk)


def internals(users: dict[str, User]) -> list[str]:
    return [AWARE_REASON, JUSTIFICATION, LATE_REASON, MAIN_CAUSE, users["dpo"].email, users["handler"].email]


def test_the_reporters_case_page_shows_the_status_and_the_dpos_message_only(
    case: Incident, users: dict[str, User]
) -> None:
    reporter = login(Client(), users["reporter"])
    page = html.unescape(reporter.get(f"/avvik/{case.reference}/").content.decode())
    assert case.title in page and "Varsling av de berørte" in page, "the report and its status in words"
    for secret in internals(users):
        assert secret not in page, secret
    for internal_word in ("Beslutning", "Begrunnelse", "Frist for melding til Datatilsynet", "Til "):
        assert internal_word not in page.split('id="timeline-heading"')[1].split("</section>")[0]
    assert "Status: Melding til Datatilsynet" in page, "the history: how the status changed"

    dpo = login(Client(), users["dpo"])
    refused = reporter.post(f"/avvik/{case.reference}/til-melder/", {"reporter_message": "Hei"})
    assert refused.status_code == 403
    answer = dpo.post(
        f"/avvik/{case.reference}/til-melder/",
        {"reporter_message": "Takk for meldingen. Vi har varslet Datatilsynet.", "row_version": case.row_version},
    )
    assert answer.status_code == 302
    page = html.unescape(reporter.get(f"/avvik/{case.reference}/").content.decode())
    assert "Takk for meldingen. Vi har varslet Datatilsynet." in page
    assert "Melding fra personvernombudet" in page

    staff = html.unescape(dpo.get(f"/avvik/{case.reference}/").content.decode())
    for secret in (AWARE_REASON, JUSTIFICATION, users["dpo"].email):
        assert secret in staff, f"the DPO still sees {secret}"
    assert "Melding til melderen endret" in staff, "the message is in the staff history"


def test_the_api_gives_a_reporter_no_recommendation_decision_or_staff_address(
    case: Incident, users: dict[str, User]
) -> None:
    client = APIClient()
    client.force_authenticate(users["reporter"])
    detail = client.get(f"/api/v1/incidents/{case.reference}/")
    assert detail.status_code == 200
    data = detail.json()
    assert "recommendation" in data and data["recommendation"] is None
    assert "decision" in data and data["decision"] is None
    assert data["state"] == "subject_notification" and data["reported_by"] == users["reporter"].email
    listed = client.get("/api/v1/incidents/").json()["results"]
    for body in (json.dumps(data, ensure_ascii=False), json.dumps(listed, ensure_ascii=False)):
        for secret in internals(users):
            assert secret not in body, secret

    client.force_authenticate(users["dpo"])
    staff = client.get(f"/api/v1/incidents/{case.reference}/").json()
    assert staff["recommendation"] is not None and staff["decision"]["decided_by"] == users["dpo"].email
    assert staff["authority_notifications"][0]["late_reason"] == LATE_REASON


def test_a_handler_reads_their_own_report_on_a_case_others_work_as_a_reporter(
    make_incident: Callable[..., Any], users: dict[str, User], make_user: Callable[..., User]
) -> None:
    reporting_handler = make_user("handler")
    incident = make_incident(by=reporting_handler)
    Incident.objects.filter(pk=incident.pk).update(handler=users["handler"])
    incident = to_notification(Incident.objects.get(pk=incident.pk), users["dpo"])
    client = APIClient()
    client.force_authenticate(reporting_handler)
    data = client.get(f"/api/v1/incidents/{incident.reference}/").json()
    assert data["decision"] is None and data["recommendation"] is None and data["handler"] is None
    client.force_authenticate(users["handler"])
    assert client.get(f"/api/v1/incidents/{incident.reference}/").json()["decision"] is not None


def test_only_the_dpo_sets_the_message(case: Incident, users: dict[str, User]) -> None:
    from core.errors import Invalid, NotPermitted
    from incidents.services.cases import incident_set_reporter_message

    with pytest.raises(NotPermitted):
        incident_set_reporter_message(incident=case, by=users["handler"], text="Hei")
    with pytest.raises(Invalid):
        incident_set_reporter_message(incident=case, by=users["dpo"], text="x" * 10_001)
    done = incident_set_reporter_message(incident=case, by=users["dpo"], text="  Vi følger opp.  ")
    assert done.reporter_message == "Vi følger opp."
    assert Organisation.current().name == "Testvik kommune"
