"""Issue 10's run-through in a real browser: the DPO adds two measures, the owner marks
one done, closing is refused while the other is open, the DPO drops it with a reason and
closes with lessons learned; the dashboard's numbers change accordingly."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in
from tests.incidents.services.test_measures import to_follow_up

pytestmark = pytest.mark.e2e


def dashboard_text(page: Any) -> dict[str, str]:
    page.goto("/oversikt/")
    return {
        "follow_up": page.get_by_test_id("open-follow_up").inner_text(),
        "overdue": page.get_by_test_id("overdue-count").inner_text(),
        "causes": page.get_by_test_id("summary-causes").inner_text(),
    }


def test_measures_close_and_dashboard(new_page: Any, make_user: Any, make_incident: Any) -> None:
    dpo = make_user("dpo", name="Dina Ombud")
    owner = make_user("handler", name="Ola Eier")
    incident = to_follow_up(make_incident(by=make_user("reporter")), dpo)
    today = timezone.localdate()

    dpo_page = new_page()
    log_in(dpo_page, dpo.email, PASSWORD)
    before = dashboard_text(dpo_page)
    assert before["follow_up"] == "1"
    assert before["overdue"].startswith("0 tiltak")
    assert "Ingen saker avsluttet" in before["causes"]

    dpo_page.goto(f"/avvik/{incident.reference}/")
    for what, kind, due in (
        ("Sperre den tapte telefonen", "Stanse bruddet", today - timedelta(days=1)),
        ("Kurs i mobilsikkerhet for ansatte", "Hindre at det skjer igjen", today + timedelta(days=30)),
    ):
        section = dpo_page.get_by_role("region", name="Tiltak")
        section.get_by_label("Hva skal gjøres?").fill(what)
        section.get_by_label("Hva skal tiltaket oppnå?").select_option(label=kind)
        section.get_by_label("Ansvarlig").select_option(label=f"Ola Eier ({owner.email})")
        section.get_by_label(re.compile(r"^Frist")).fill(due.isoformat())
        section.get_by_role("button", name="Legg til tiltak").click()
        dpo_page.wait_for_load_state()
        assert "Tiltaket er lagt til." in dpo_page.inner_text("main")
    assert dashboard_text(dpo_page)["overdue"].startswith("1 tiltak")

    owner_page = new_page()
    log_in(owner_page, owner.email, PASSWORD)
    owner_page.goto("/")
    mine = owner_page.get_by_role("region", name="Mine tiltak")
    assert "Sperre den tapte telefonen" in mine.inner_text() and "forfalt" in mine.inner_text()
    mine.get_by_role("button", name=re.compile(r"Merk som utført i dag\W*Sperre")).click()
    owner_page.wait_for_load_state()
    assert "Tiltaket er merket som utført." in owner_page.inner_text("main")
    assert "Sperre den tapte telefonen" not in owner_page.get_by_role("region", name="Mine tiltak").inner_text()

    dpo_page.goto(f"/avvik/{incident.reference}/")
    assert "Utført" in dpo_page.get_by_role("row", name=re.compile("Sperre den tapte telefonen")).inner_text()
    close = dpo_page.locator("form", has=dpo_page.get_by_role("button", name="Avslutt saken"))
    close.get_by_label("Hva var hovedårsaken?").select_option(label="Menneskelig feil")
    close.get_by_label("Erfaringer").fill("Telefoner skal ha skjermlås. Rutinen er oppdatert.")
    close.get_by_role("button", name="Avslutt saken").click()
    dpo_page.wait_for_load_state()
    refused = dpo_page.inner_text("main")
    assert "kan ikke avsluttes mens tiltak er åpne" in refused and "Kurs i mobilsikkerhet for ansatte" in refused
    assert "Oppfølging" in dpo_page.get_by_role("heading", level=1).locator("xpath=..").inner_text()

    dpo_page.get_by_role("link", name=re.compile(r"Dropp\W*Kurs i mobilsikkerhet")).click()
    dpo_page.get_by_role("button", name="Dropp tiltaket").click()
    assert "Skriv hvorfor tiltaket droppes." in dpo_page.inner_text("main"), "a missing reason is named"
    dpo_page.get_by_label("Hvorfor droppes tiltaket?").fill("Dekkes av det årlige sikkerhetskurset.")
    dpo_page.get_by_role("button", name="Dropp tiltaket").click()
    dpo_page.wait_for_url(re.compile(rf"/avvik/{incident.reference}/$"))
    assert "Tiltaket er droppet." in dpo_page.inner_text("main")

    close = dpo_page.locator("form", has=dpo_page.get_by_role("button", name="Avslutt saken"))
    close.get_by_label("Hva var hovedårsaken?").select_option(label="Menneskelig feil")
    close.get_by_label("Erfaringer").fill("Telefoner skal ha skjermlås. Rutinen er oppdatert.")
    close.get_by_role("button", name="Avslutt saken").click()
    dpo_page.wait_for_load_state()
    main = dpo_page.inner_text("main")
    assert "Status: Avsluttet" in main and "Menneskelig feil" in main

    after = dashboard_text(dpo_page)
    assert after["follow_up"] == "0"
    assert after["overdue"].startswith("0 tiltak")
    assert after["causes"] == "1 sak avsluttet. Vanligste årsak: Menneskelig feil (1)."
