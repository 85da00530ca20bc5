"""Issue 19 in a real browser: the handler writes a comment that mentions the DPO, logs a
phone call in Oslo time and asks the reporter a question; the reporter answers and adds
information on their own page; the DPO closes the case and the reporter is told. Each step
lands in the history; axe-core finds nothing on the pages with the new forms."""

from __future__ import annotations

import re
from typing import Any

import pytest

from incidents.models import Incident
from incidents.services import cases
from notifications.models.outbox import OutboundEmail
from tests.e2e.conftest import axe_violations, log_in_directly
from tests.worlds import conclude

pytestmark = pytest.mark.e2e


def test_comment_contact_question_answer_addition_and_closing(
    new_page: Any, live_server: Any, make_user: Any, make_incident: Any
) -> None:
    reporter = make_user("reporter", name="Rita Reporter")
    handler = make_user("handler", name="Hanne Handler")
    dpo = make_user("dpo", name="Dina Ombud")
    case = make_incident(by=reporter)
    cases.incident_start(incident=case, by=handler)

    page = new_page(axe=True)
    log_in_directly(page, handler, live_server.url)
    page.goto(f"/avvik/{case.reference}/")
    assert axe_violations(page) == []
    page.get_by_role("textbox", name=re.compile("^Kommentar")).fill(f"@{dpo.email.split('@')[0]} kan du se på loggen?")
    page.get_by_role("button", name="Lagre kommentaren").click()
    page.wait_for_load_state()
    assert "Dina Ombud er varslet på e-post." in page.inner_text("main")
    history = page.get_by_role("region", name="Historikk")
    assert "kan du se på loggen?" in history.inner_text() and "Nevnt: Dina Ombud" in history.inner_text()

    page.get_by_label("Hvem ble kontaktet?").fill("forelderen")
    page.get_by_label("Hvordan?").select_option(label="Telefon")
    page.get_by_label("Når?").fill("2026-03-04T20:40")
    page.get_by_label("Hva ble sagt?").fill("Forelderen har slettet e-posten.")
    page.get_by_role("button", name="Før kontakten i loggen").click()
    page.wait_for_load_state()
    history = page.get_by_role("region", name="Historikk").inner_text()
    assert "Kontakt: telefon med forelderen, 4. mars 2026 kl. 20:40" in history

    page.get_by_label("Spørsmål til melderen").fill("Hvem fikk e-posten?")
    page.get_by_role("button", name="Send spørsmålet").click()
    page.wait_for_load_state()
    assert "Melderen får beskjed på e-post." in page.inner_text("main")

    mine = new_page(axe=True)
    log_in_directly(mine, reporter, live_server.url)
    mine.goto(f"/avvik/{case.reference}/")
    assert "Hvem fikk e-posten?" in mine.get_by_role("region", name="Spørsmål til deg").inner_text()
    assert "kan du se på loggen?" not in mine.inner_text("main"), "comments are internal"
    assert axe_violations(mine) == []
    mine.get_by_label("Ditt svar").fill("Rektor på skolen.")
    mine.get_by_role("button", name="Send svaret").click()
    mine.wait_for_load_state()
    mine.get_by_label("Nye opplysninger").fill("Det var to vedlegg.")
    mine.get_by_role("button", name="Legg til", exact=True).click()
    mine.wait_for_load_state()
    history = mine.get_by_role("region", name="Historikk").inner_text()
    assert "Rektor på skolen." in history and "Det var to vedlegg." in history

    closed = conclude(Incident.objects.get(pk=case.pk), by=dpo, risk_level="unlikely")
    cases.incident_close(incident=closed, by=dpo, lessons_learned="Rutinen for vedlegg er endret.")
    told = OutboundEmail.objects.get(kind="reporter_closed")
    assert told.to_address == reporter.email and case.reference in told.subject
    mine.goto(f"/avvik/{case.reference}/")
    assert mine.get_by_role("button", name="Legg til", exact=True).count() == 0, "nothing to add to a closed case"
