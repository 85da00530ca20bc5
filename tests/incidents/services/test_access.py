"""Who opened which case is recorded, and only the DPO and auditors see it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from incidents.services.access import CaseAccess
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_opening_a_case_is_logged_once_per_visit(users: dict[str, Any], make_incident: Any) -> None:
    incident = make_incident()
    handler = login(Client(), users["handler"])
    handler.get(f"/avvik/{incident.reference}/")
    handler.get(f"/avvik/{incident.reference}/")
    assert list(CaseAccess.objects.filter(incident=incident).values_list("user", "channel")) == [
        (users["handler"].pk, "page")
    ]
    dpo_page = login(Client(), users["dpo"]).get(f"/avvik/{incident.reference}/")
    assert "Hvem har åpnet saken" in dpo_page.content.decode()
    assert users["handler"].display_name in dpo_page.content.decode()
    auditor_page = login(Client(), users["auditor"]).get(f"/avvik/{incident.reference}/")
    assert "Hvem har åpnet saken" in auditor_page.content.decode()
    handler_page = handler.get(f"/avvik/{incident.reference}/")
    assert "Hvem har åpnet saken" not in handler_page.content.decode()


def test_a_case_one_may_not_see_is_404_and_not_logged(
    users: dict[str, Any], make_incident: Any, make_user: Any
) -> None:
    incident = make_incident()
    stranger = login(Client(), make_user("reporter"))
    assert stranger.get(f"/avvik/{incident.reference}/").status_code == 404
    assert not CaseAccess.objects.filter(incident=incident).exists()
