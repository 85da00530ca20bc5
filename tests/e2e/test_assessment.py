"""The recommendation updates as the DPO fills in the facts, without a page reload."""

from __future__ import annotations

from typing import Any

import pytest

from incidents.services import cases as services
from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e


def test_recommendation_follows_the_facts_live(page: Any, users: dict[str, Any], make_incident: Any) -> None:
    incident = make_incident(data_categories=("basic",), approx_subjects=2)
    services.incident_start(incident=incident, by=users["dpo"])
    services.incident_confirm(incident=incident, by=users["dpo"])
    log_in(page, users["dpo"].email, PASSWORD)
    page.goto(f"/avvik/{incident.reference}/vurdering/")
    page.get_by_role("button", name="Lagre og oppdater anbefalingen").click()
    page.wait_for_load_state()
    panel = page.locator("#recommendation")
    before = panel.inner_text()
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))

    page.get_by_label(
        "Helse, etnisitet, religion, politisk syn, fagforening, seksualitet, genetikk eller biometri"
    ).check()
    page.get_by_label("Noen handlet med vilje for å skade").check()
    page.wait_for_function(
        "before => document.querySelector('#recommendation').innerText !== before", arg=before, timeout=10_000
    )
    after = panel.inner_text()
    assert "Høy" in after or "høy" in after
    assert navigations == [], "no page reload"
