"""In Chromium: the DPO finds a case by a word of its description and sorts the worklist by
risk with the column header; "Send varslene" asks first, with the count, and sends only
when confirmed."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from notifications.models import SendOrder
from notifications.services.notices import notice_approve
from notifications.services.recipients import recipient_add
from tests.e2e.conftest import axe_violations, log_in_directly
from tests.worlds import conclude, write_notice_facts

pytestmark = pytest.mark.e2e


def test_the_dpo_finds_a_case_by_a_word_and_sorts_by_risk(
    new_page: Any, live_server: Any, make_user: Any, make_incident: Any
) -> None:
    dpo = make_user("dpo", name="Dina Ombud")
    wanted = make_incident(title="Mistet minnepinne", description="En ukryptert minnepinne med lønnslister.")
    other = make_incident(title="Feil mottaker", description="En e-post til feil forelder.")
    conclude(other, by=dpo, risk_level="high")
    page = new_page(axe=True)
    log_in_directly(page, dpo, live_server.url)
    page.goto("/avvik/?state=all")
    page.get_by_label("Søk").fill("lønnsliste")
    page.get_by_role("button", name="Søk og filtrer").click()
    expect(page.get_by_role("status")).to_contain_text("1 sak funnet for «lønnsliste»")
    expect(page.get_by_role("link", name=wanted.reference)).to_be_visible()
    expect(page.get_by_role("link", name=other.reference)).to_have_count(0)
    expect(page.get_by_label("Søk")).to_have_value("lønnsliste")  # what was typed stays
    assert axe_violations(page) == []

    page.get_by_role("link", name="Vis alle").click()
    page.get_by_role("link", name="Risiko").click()  # high risk first
    header = page.get_by_role("columnheader", name="Risiko")
    expect(header).to_have_attribute("aria-sort", "descending")
    first_row = page.locator("table.worklist tbody tr").first
    expect(first_row).to_contain_text(other.reference)
    expect(first_row).to_contain_text("høy risiko")
    page.get_by_role("link", name="Risiko").click()  # turned: none last either way
    expect(page.get_by_role("columnheader", name="Risiko")).to_have_attribute("aria-sort", "ascending")
    assert "state=all" in page.url and "sort=risiko" in page.url


def test_send_varslene_shows_the_count_and_sends_only_when_confirmed(
    new_page: Any, live_server: Any, make_user: Any, make_incident: Any, settings: Any
) -> None:
    settings.CELERY_BROKER_URL = ""
    dpo = make_user("dpo", name="Dina Ombud")
    case = make_incident(title="Elevliste sendt til feil forelder", data_categories=("basic", "national_id"))
    conclude(case, by=dpo, risk_level="high")
    write_notice_facts(case, dpo)
    notice_approve(incident=case, by=dpo)
    for i, language in enumerate(("nb", "nb", "nn")):
        recipient_add(incident_id=case.pk, by=dpo, name=f"Forelder {i}", email=f"f{i}@example.org", language=language)
    page = new_page(axe=True)
    log_in_directly(page, dpo, live_server.url)
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="Send varslene").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bekreft utsending")
    expect(page.get_by_text("3 personer får varselet når du bekrefter.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Bokmål").get_by_role("cell").last).to_have_text("2")
    expect(page.get_by_role("row").filter(has_text="Nynorsk").get_by_role("cell").last).to_have_text("1")
    assert axe_violations(page) == []
    assert not SendOrder.objects.exists(), "nothing sent by looking"
    page.get_by_role("button", name="Send varselet til 3 personer").click()
    expect(page.get_by_text("3 varsler er lagt i kø for sending.")).to_be_visible()
    assert SendOrder.objects.filter(incident=case, queued=3).exists()
