"""Assignment (issue 19): the DPO assigns and reassigns a handler on the case page and
through the API; the handler is told by e-mail and sees the case in any state; a measure's
owner reaches its case; the worklist has a queue of cases waiting for the DPO; every
assignment is in the history."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import ApiToken
from core.errors import NotPermitted
from incidents.models import Incident
from incidents.services import cases as services
from incidents.services.measures import MeasureInput, measure_add
from notifications.models.outbox import OutboundEmail
from tests.conftest import login
from tests.worlds import conclude

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(users: dict[str, Any], make_incident: Any) -> Incident:
    """A case the DPO took on herself, then confirmed: no handler, past the intake queue."""
    case = make_incident(description="Navnet til Kari Nordmann og fødselsnummeret hennes lå i vedlegget.")
    services.incident_start(incident=case, by=users["dpo"])
    services.incident_confirm(incident=case, by=users["dpo"])
    return Incident.objects.get(pk=case.pk)


def test_the_dpo_assigns_a_handler_on_the_case_page(users: dict[str, Any], started: Incident) -> None:
    handler = users["handler"]
    handler_client = login(Client(), handler)
    assert handler_client.get(f"/avvik/{started.reference}/").status_code == 404, "before: not hers"

    dpo = login(Client(), users["dpo"])
    page = dpo.get(f"/avvik/{started.reference}/").content.decode()
    assert "Tildel en saksbehandler" in page and handler.display_name in page
    answer = dpo.post(
        f"/avvik/{started.reference}/saksbehandler/", {"handler": handler.pk, "row_version": started.row_version}
    )
    assert answer.status_code == 302
    page = dpo.get(f"/avvik/{started.reference}/").content.decode()
    assert f"Saken er tildelt {handler.display_name}." in page
    assert "Saksbehandler endret" in page and "Gi saken til en annen saksbehandler" in page

    mail = OutboundEmail.objects.get(kind="incident_assigned")
    assert mail.to_address == handler.email and started.reference in mail.subject
    assert started.reference in mail.body_text and "/avvik/" in mail.body_text
    assert "Kari Nordmann" not in mail.body_text + mail.subject, "no personal data of the people affected"
    assert started.title not in mail.body_text

    assert handler_client.get(f"/avvik/{started.reference}/").status_code == 200
    assert started.reference in handler_client.get("/avvik/").content.decode()
    assert handler_client.get(f"/avvik/{started.reference}/vurdering/").status_code == 200


def test_the_dpo_reassigns_and_the_history_names_both(users: dict[str, Any], make_user: Any, started: Incident) -> None:
    first, second = users["handler"], make_user("handler", name="Per Andresen")
    services.incident_assign(incident=started, by=users["dpo"], handler=first)
    services.incident_assign(incident=started, by=users["dpo"], handler=second)
    page = login(Client(), users["dpo"]).get(f"/avvik/{started.reference}/").content.decode()
    assert page.count("Saksbehandler endret") == 2
    assert "Per Andresen" in page and first.display_name in page
    assert OutboundEmail.objects.filter(kind="incident_assigned", to_address=second.email).exists()
    assert login(Client(), first).get(f"/avvik/{started.reference}/").status_code == 404


def test_only_the_dpo_assigns(users: dict[str, Any], make_user: Any, make_incident: Any) -> None:
    case = make_incident()
    services.incident_start(incident=case, by=users["handler"])  # hers now
    other = make_user("handler")
    with pytest.raises(NotPermitted):
        services.incident_assign(incident=case, by=users["handler"], handler=other)
    answer = login(Client(), users["handler"]).post(f"/avvik/{case.reference}/saksbehandler/", {"handler": other.pk})
    assert answer.status_code == 403
    assert Incident.objects.get(pk=case.pk).handler == users["handler"]


def test_a_reporter_or_a_closed_case_cannot_be_assigned(users: dict[str, Any], started: Incident) -> None:
    dpo = login(Client(), users["dpo"])
    answer = dpo.post(f"/avvik/{started.reference}/saksbehandler/", {"handler": users["reporter"].pk})
    assert answer.status_code == 400 and "Velg en aktiv saksbehandler." in answer.content.decode()
    assert Incident.objects.get(pk=started.pk).handler is None


def test_the_api_assigns_by_e_mail_address(users: dict[str, Any], started: Incident) -> None:
    _token, key = ApiToken.issue(users["dpo"])
    api = Client(HTTP_AUTHORIZATION=f"Token {key}")
    url = f"/api/v1/incidents/{started.reference}/assign/"
    answer = api.post(url, {"handler": users["handler"].email.upper()}, content_type="application/json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["handler"] == users["handler"].email
    unknown = api.post(url, {"handler": "ingen@example.org"}, content_type="application/json")
    assert unknown.status_code == 400 and "handler" in unknown.json()["errors"]
    _token, handler_key = ApiToken.issue(users["handler"])
    refused = Client(HTTP_AUTHORIZATION=f"Token {handler_key}").post(
        url, {"handler": users["handler"].email}, content_type="application/json"
    )
    assert refused.status_code == 403


def test_the_owner_of_a_measure_reaches_its_case(users: dict[str, Any], make_user: Any, started: Incident) -> None:
    owner = make_user("handler")
    measure_add(
        incident=started,
        by=users["dpo"],
        data=MeasureInput(what="Sperre kontoen", kind="stop", owner=owner, due_on=timezone.localdate()),
    )
    client = login(Client(), owner)
    home = client.get("/").content.decode()
    assert "Sperre kontoen" in home
    assert client.get(f"/avvik/{started.reference}/").status_code == 200


def test_the_worklist_has_a_queue_waiting_for_the_dpo(
    users: dict[str, Any], make_incident: Any, started: Incident
) -> None:
    assigned = make_incident(title="Tildelt sak")
    services.incident_start(incident=assigned, by=users["handler"])
    closed = conclude(make_incident(title="Ferdig sak"), by=users["dpo"], risk_level="unlikely")
    services.incident_close(incident=closed, by=users["dpo"], lessons_learned="Lærdom.", root_cause="human_error")
    page = login(Client(), users["dpo"]).get("/avvik/", {"state": "venter"}).content.decode()
    assert "Venter på personvernombudet" in page
    assert started.reference in page
    assert assigned.reference not in page and closed.reference not in page
