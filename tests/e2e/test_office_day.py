"""Issue 19's office day in Chromium, one case from report to closed, each person on their
own page: the DPO assigns a handler, who is told by e-mail and finds the case on her
worklist; she attaches the recipient's confirmation and writes a comment; the reporter adds
what they remembered later; the DPO closes the case and the reporter is told, in words and
in their own language; and afterwards the DPO finds the case by a word of its description."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from incidents.models import Incident
from incidents.services import cases
from notifications.models.outbox import OutboundEmail
from tests import files
from tests.e2e.conftest import axe_violations, log_in_directly
from tests.worlds import conclude

pytestmark = pytest.mark.e2e


def test_the_office_day(new_page: Any, live_server: Any, make_user: Any, make_incident: Any) -> None:
    reporter = make_user("reporter", name="Rita Melder")
    handler = make_user("handler", name="Hanne Behandler")
    dpo = make_user("dpo", name="Dina Ombud")
    case = make_incident(
        by=reporter,
        title="Lønnsslipper på feil sted",
        description="Skjermbilder av lønnsslippene lå i en mappe som hele avdelingen kunne åpne.",
    )
    make_incident(title="Mistet nøkkelkort", description="Et nøkkelkort ble borte på en konferanse.")
    # The DPO took the case on herself at intake; now it needs a handler.
    cases.incident_confirm(incident=cases.incident_start(incident=case, by=dpo), by=dpo)
    url = f"/avvik/{case.reference}/"

    # 1. The DPO assigns Hanne; Hanne is told by e-mail.
    office = new_page(axe=True)
    log_in_directly(office, dpo, live_server.url)
    office.goto(url)
    office.get_by_label("Saksbehandler").select_option(label=handler.display_name)
    office.get_by_role("button", name="Tildel").click()
    expect(office.get_by_text(f"Saken er tildelt {handler.display_name}.")).to_be_visible()
    told = OutboundEmail.objects.get(kind="incident_assigned")
    assert told.to_address == handler.email and case.reference in told.subject

    # 2. Hanne finds it on her worklist, attaches the confirmation and writes a comment.
    hanne = new_page(axe=True)
    log_in_directly(hanne, handler, live_server.url)
    hanne.goto("/avvik/")
    hanne.get_by_role("link", name=case.reference).click()
    files_section = hanne.get_by_role("region", name="Vedlegg")
    files_section.get_by_label(re.compile(r"^Fil\b")).set_input_files(
        {"name": "Bekreftelse fra IT.pdf", "mimeType": "application/pdf", "buffer": files.PDF}
    )
    files_section.get_by_label("Hva filen viser").fill("IT bekrefter at mappen er stengt")
    files_section.get_by_role("button", name="Legg til filen").click()
    hanne.wait_for_load_state()
    expect(
        hanne.get_by_role("region", name="Vedlegg").get_by_role("link", name="Bekreftelse fra IT.pdf")
    ).to_be_visible()
    hanne.get_by_role("textbox", name=re.compile("^Kommentar")).fill("Mappen er stengt; tilgangsloggen er bestilt.")
    hanne.get_by_role("button", name="Lagre kommentaren").click()
    hanne.wait_for_load_state()
    history = hanne.get_by_role("region", name="Historikk").inner_text()
    assert "Bekreftelse fra IT.pdf" in history and "tilgangsloggen er bestilt" in history
    assert axe_violations(hanne) == []

    # 3. The reporter adds what they remembered, on their own page; comments stay internal.
    rita = new_page(axe=True)
    log_in_directly(rita, reporter, live_server.url)
    rita.goto(url)
    assert "tilgangsloggen er bestilt" not in rita.inner_text("main")
    rita.get_by_label("Nye opplysninger").fill("Mappen het «Lønn 2026» og lå på fellesdisken.")
    rita.get_by_role("button", name="Legg til", exact=True).click()
    rita.wait_for_load_state()
    assert "Lønn 2026" in rita.get_by_role("region", name="Historikk").inner_text()

    # 4. The DPO closes the case on its page; the reporter is told.
    conclude(Incident.objects.get(pk=case.pk), by=dpo, risk_level="unlikely")
    office.goto(url)
    assert "Lønn 2026" in office.get_by_role("region", name="Historikk").inner_text()
    office.get_by_label("Hva var hovedårsaken?").select_option(label="Prosess eller rutine")
    office.get_by_label("Erfaringer: hva lærte vi, og hva endrer vi?").fill("Fellesmapper får eier og tilgangsliste.")
    office.get_by_role("button", name="Avslutt saken").click()
    office.wait_for_load_state()
    assert Incident.objects.get(pk=case.pk).state == "closed"
    closed = OutboundEmail.objects.get(kind="reporter_closed")
    assert closed.to_address == reporter.email and case.reference in closed.subject
    assert "avsluttet" in closed.body_text, "in words, in the reporter's language (bokmål)"
    rita.goto(url)
    expect(rita.get_by_role("button", name="Legg til", exact=True)).to_have_count(0)

    # 5. Later, the DPO finds the case by a word of its description.
    office.goto("/avvik/?state=all")
    office.get_by_label("Søk").fill("lønnsslippene")
    office.get_by_role("button", name="Søk og filtrer").click()
    expect(office.get_by_role("status")).to_contain_text("1 sak funnet for «lønnsslippene»")
    expect(office.get_by_role("link", name=case.reference)).to_be_visible()
    assert axe_violations(office) == []
