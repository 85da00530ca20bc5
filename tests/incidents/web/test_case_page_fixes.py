"""Small things on the case page that made the DPO stumble (issue 19): a refused closing
keeps what was typed; the triage panel has one «Kjent fra» and does not offer «ikke et
brudd» first; the print of the notification has a way back."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from incidents.services import cases as services
from incidents.services.measures import MeasureInput, measure_add
from tests.conftest import login
from tests.worlds import conclude

pytestmark = pytest.mark.django_db


def test_a_refused_closing_keeps_what_was_typed(users: Any, make_incident: Any) -> None:
    dpo = users["dpo"]
    case = conclude(make_incident(), by=dpo, risk_level="unlikely")
    assert case.state == "follow_up"
    measure_add(
        incident=case,
        by=dpo,
        data=MeasureInput(
            what="Kurs i mobilsikkerhet", kind="prevent", owner=users["handler"], due_on=timezone.localdate()
        ),
    )
    lessons = "Telefoner skal ha skjermlås. Rutinen er oppdatert."
    answer = login(Client(), dpo).post(
        f"/avvik/{case.reference}/handling/close/",
        {"root_cause": "human_error", "lessons_learned": lessons, "row_version": case.row_version},
    )
    page = answer.content.decode()
    assert answer.status_code == 409, "a refusal of the state, with what was typed kept"
    assert "kan ikke avsluttes mens tiltak er åpne" in page and "Kurs i mobilsikkerhet" in page
    assert lessons in page, "the lessons learned are still in the form"
    assert re.search(r'<option value="human_error" selected>', page)
    case.refresh_from_db()
    assert case.state == "follow_up"


def test_the_triage_panel_has_one_aware_form_and_confirm_before_dismiss(users: Any, make_incident: Any) -> None:
    case = make_incident()
    services.incident_start(incident=case, by=users["dpo"])
    page = login(Client(), users["dpo"]).get(f"/avvik/{case.reference}/").content.decode()
    panel = page[page.index('id="actions-heading"') :]
    assert panel.count(">Kjent fra<") == 1
    assert "Endre når virksomheten ble kjent med bruddet" not in panel
    assert panel.index("/handling/confirm/") < panel.index("/handling/dismiss/")


def test_after_triage_the_aware_time_is_changed_in_its_own_form(users: Any, make_incident: Any) -> None:
    case = make_incident()
    services.incident_start(incident=case, by=users["dpo"])
    services.incident_confirm(
        incident=case, by=users["dpo"], aware_at=timezone.now() - timedelta(hours=2), aware_reason="Varslet av IT."
    )
    page = login(Client(), users["dpo"]).get(f"/avvik/{case.reference}/").content.decode()
    assert "Endre når virksomheten ble kjent med bruddet" in page


def test_the_print_of_the_notification_has_a_way_back(users: Any, make_incident: Any) -> None:
    case = conclude(make_incident(), by=users["dpo"], risk_level="risk")
    page = login(Client(), users["dpo"]).get(f"/avvik/{case.reference}/datatilsynet/utskrift/").content.decode()
    assert f'href="/avvik/{case.reference}/datatilsynet/"' in page
    assert f'href="/avvik/{case.reference}/"' in page
