"""Issue 3's run-through in a real browser: a reporter reports, the DPO starts triage and
confirms, the timeline shows each step with user and time; the reporter sees the new
state and cannot see another person's report."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e


def test_report_triage_confirm_and_timeline(new_page: Any, make_user: Any, make_incident: Any) -> None:
    reporter = make_user("reporter", name="Rita Reporter")
    dpo = make_user("dpo", name="Dina Ombud")
    other = make_user("reporter", name="Ola Annen")
    others_case = make_incident(by=other, title="Annen persons sak")

    page = new_page()
    log_in(page, reporter.email, PASSWORD)
    page.get_by_role("link", name="Meld avvik").first.click()
    page.get_by_role("button", name="Send meldingen").click()
    # Nothing typed: errors are listed, linked to the fields, and nothing is lost.
    assert page.get_by_role("alert").is_visible()
    page.get_by_label("Kort beskrivelse").fill("Mistet minnepinne med <b>elevliste</b>")
    page.get_by_label("Hva skjedde?").fill("Minnepinnen ble borte på toget. Ukryptert.")
    page.get_by_label("Fødselsnummer, D-nummer eller passnummer").check()
    page.get_by_label("Omtrent hvor mange personer gjelder det?").fill("31")
    page.get_by_role("button", name="Send meldingen").click()
    page.wait_for_url(re.compile(r"/kvittering/$"))
    reference = re.search(r"AVVIK-\d{4}-\d{4}", page.inner_text("main"))
    assert reference is not None
    reference_text = reference.group(0)

    dpo_page = new_page()
    log_in(dpo_page, dpo.email, PASSWORD)
    dpo_page.goto(f"/avvik/{reference_text}/")
    assert "<b>elevliste</b>" in dpo_page.get_by_role("heading", level=1).inner_text(), "markup is shown as text"
    dpo_page.get_by_role("button", name="Start første vurdering").click()
    dpo_page.wait_for_load_state()
    assert "Første vurdering" in dpo_page.inner_text("main")
    dpo_page.get_by_role("button", name="Bekreft brudd").click()
    dpo_page.wait_for_load_state()
    assert "Risikovurdering" in dpo_page.inner_text("main")

    timeline = dpo_page.get_by_role("region", name="Historikk").inner_text()
    for step in ("Meldt", "Start første vurdering", "Bekreft brudd"):
        assert step in timeline
    assert "Rita Reporter" in timeline and "Dina Ombud" in timeline
    assert re.search(r"\d{1,2}\. \w+ \d{4} kl\. \d{2}:\d{2}", timeline), "each step has its time"

    page.goto(f"/avvik/{reference_text}/")
    assert "Risikovurdering" in page.inner_text("main"), "the reporter sees the new state"
    assert page.get_by_role("button", name="Bekreft brudd").count() == 0
    response = page.goto(f"/avvik/{others_case.reference}/")
    assert response is not None and response.status == 404
    page.goto("/avvik/")
    assert others_case.reference not in page.inner_text("main")
