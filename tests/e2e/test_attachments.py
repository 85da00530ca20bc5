"""Files on a case in a real browser: the handler attaches the recipient's confirmation,
a file of a kind not taken is refused in words with the description kept, the reporter
adds a screenshot to their own report and sees only that, the download arrives under its
own name, and the DPO removes a file with a reason that the history shows; axe finds
nothing on the case page with its files."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from incidents.services import cases
from tests import files
from tests.conftest import PASSWORD
from tests.e2e.conftest import axe_violations, log_in

pytestmark = pytest.mark.e2e


def add_file(page: Any, name: str, data: bytes, mime: str, description: str) -> None:
    section = page.get_by_role("region", name="Vedlegg")
    section.get_by_label(re.compile(r"^Fil\b")).set_input_files({"name": name, "mimeType": mime, "buffer": data})
    section.get_by_label("Hva filen viser").fill(description)
    section.get_by_role("button", name="Legg til filen").click()
    page.wait_for_load_state()


def test_files_on_a_case_in_the_browser(new_page: Any, make_user: Any, make_incident: Any) -> None:
    reporter = make_user("reporter", name="Rita Melder")
    handler = make_user("handler", name="Hans Behandler")
    dpo = make_user("dpo", name="Dina Ombud")
    incident = cases.incident_start(incident=make_incident(by=reporter), by=handler)
    url = f"/avvik/{incident.reference}/"

    handler_page = new_page(axe=True)
    log_in(handler_page, handler.email, PASSWORD)
    handler_page.goto(url)
    add_file(handler_page, "program.pdf", files.EXE, "application/pdf", "Kvittering fra Altinn")
    main = handler_page.inner_text("main")
    assert "Denne filtypen tas ikke imot" in main
    assert handler_page.get_by_label("Hva filen viser").input_value() == "Kvittering fra Altinn"

    add_file(handler_page, "Bekreftelse fra mottaker.pdf", files.PDF, "application/pdf", "Mottakeren har slettet")
    section = handler_page.get_by_role("region", name="Vedlegg")
    assert "Filen er lagt til i saken." in handler_page.inner_text("main")
    row = section.get_by_role("row", name="Bekreftelse fra mottaker.pdf")
    assert "PDF-dokument" in row.inner_text() and "Hans Behandler" in row.inner_text()
    assert axe_violations(handler_page) == []

    with handler_page.expect_download() as download:
        section.get_by_role("link", name="Bekreftelse fra mottaker.pdf").click()
    assert download.value.suggested_filename == "Bekreftelse fra mottaker.pdf"
    assert Path(download.value.path()).read_bytes() == files.PDF

    reporter_page = new_page(axe=True)
    log_in(reporter_page, reporter.email, PASSWORD)
    reporter_page.goto(url)
    add_file(reporter_page, "Skjermbilde.png", files.PNG, "image/png", "Skjermbilde av e-posten")
    own = reporter_page.get_by_role("region", name="Vedlegg").inner_text()
    assert "Skjermbilde.png" in own and "Bekreftelse fra mottaker.pdf" not in own
    assert axe_violations(reporter_page) == []

    dpo_page = new_page()
    log_in(dpo_page, dpo.email, PASSWORD)
    dpo_page.goto(url)
    section = dpo_page.get_by_role("region", name="Vedlegg")
    row = section.get_by_role("row", name="Skjermbilde.png")
    row.locator("summary").click()
    row.get_by_label("Hvorfor filen fjernes").fill("Viser en annen sak.")
    row.get_by_role("button", name="Fjern filen").click()
    dpo_page.wait_for_load_state()
    assert "Filen er fjernet fra saken." in dpo_page.inner_text("main")
    history = dpo_page.get_by_role("region", name="Historikk").inner_text()
    assert "Vedlegg fjernet" in history and "Fil: Skjermbilde.png" in history and "Viser en annen sak." in history
    assert "Skjermbilde.png" not in dpo_page.get_by_role("region", name="Vedlegg").inner_text()
