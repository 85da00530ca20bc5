"""Issue 6 in a real browser: a case in assessment whose awareness lies four days back is
concluded, its notification to Datatilsynet completed in place, refused when late without
a reason, recorded as a late, phased submission, followed up; the PDF holds every section
and the reasons for the delay."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from incidents.demo import seed_demo
from incidents.models import AuthoritySubmission, Incident
from incidents.services.cases import incident_confirm, incident_start
from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

SECTIONS = (
    "Beskrivelse av bruddet",
    "Konsekvenser",
    "Tiltak",
    "Informasjon til de berørte",
    "Kontaktinformasjon",
)


def test_late_phased_notification_with_follow_up_and_pdf(
    new_page: Any, make_user: Any, make_incident: Any, settings: Any
) -> None:
    from pypdf import PdfReader

    seed_demo()  # the organisation profile
    dpo = make_user("dpo", name="Dina Ombud")
    aware_at = timezone.now() - timedelta(days=4)
    incident = make_incident(
        discovered_at=aware_at - timedelta(hours=1), immediate_measures="Bedt mottakeren slette e-posten."
    )
    incident_start(incident=incident, by=dpo)
    incident_confirm(incident=incident, by=dpo, aware_at=aware_at, aware_reason="IT bekreftet innbruddet.")
    reference = incident.reference

    page = new_page()
    log_in(page, dpo.email, PASSWORD)

    # Assessment and decision in the browser.
    page.goto(f"/avvik/{reference}/vurdering/")
    page.get_by_label("Hvor lett er det å finne ut hvem det gjelder?").select_option(value="maximum")
    page.get_by_label("Hvem kan ha fått opplysningene?").select_option(value="known_recipients")
    page.get_by_role("button", name="Lagre og oppdater anbefalingen").click()
    page.wait_for_load_state()
    page.locator("input[name='notify_authority'][value='yes']").check()
    page.locator("input[name='notify_data_subjects'][value='yes']").check()
    page.get_by_label("Begrunnelse").last.fill("Elevene må få vite det.")
    page.get_by_role("button", name="Lagre beslutning").click()
    page.wait_for_load_state()
    assert Incident.objects.get(pk=incident.pk).state == "authority_notification"

    # The case page leads to the notification; the checklist names what is missing.
    page.goto(f"/avvik/{reference}/")
    page.get_by_role("link", name="Gå til meldingen til Datatilsynet").click()
    page.wait_for_url(re.compile(r"/datatilsynet/$"))
    checklist = page.get_by_role("region", name="Sjekkliste").inner_text()
    assert "Mangler:" in checklist and "hovedårsak" in checklist
    assert page.get_by_role("button", name="Kopier beskrivelse av bruddet").is_visible(), "copy.js shows the buttons"
    assert "ukjent" in page.get_by_role("region", name="1. Beskrivelse av bruddet").inner_text()

    # Edit the description in place.
    description = page.get_by_role("region", name="1. Beskrivelse av bruddet")
    description.get_by_text("Endre teksten").click()
    description.get_by_label("Hovedårsak").fill("Feil mottaker valgt i e-postklienten.")
    description.get_by_label("Hvor opplysningene er nå").fill("Hos én forelder, som har bekreftet sletting.")
    description.get_by_role("button", name="Lagre beskrivelse av bruddet").click()
    page.wait_for_load_state()
    assert "Alle påkrevde felt er fylt ut" in page.get_by_role("region", name="Sjekkliste").inner_text()

    # Late without a reason: refused, next to the field, with what was typed kept.
    submitted = timezone.localtime(timezone.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Når ble meldingen sendt?").first.fill(submitted)
    page.get_by_label("Referanse fra Altinn").first.fill("AR-2026-77")
    page.get_by_label("Trinnvis melding").check()
    page.get_by_role("button", name="Registrer melding til Datatilsynet").last.click()
    page.wait_for_load_state()
    assert "begrunnelsen for forsinkelsen" in page.inner_text("main")
    assert page.get_by_label("Referanse fra Altinn").first.input_value() == "AR-2026-77"
    assert not AuthoritySubmission.objects.filter(incident=incident).exists()

    page.get_by_label("Begrunnelse for forsinkelse").fill("Omfanget var uklart til leverandøren svarte.")
    page.get_by_role("button", name="Registrer melding til Datatilsynet").last.click()
    page.wait_for_load_state()
    assert "Meldingen til Datatilsynet er registrert" in page.inner_text("main")
    sent = page.get_by_role("region", name="Sendt til Datatilsynet").inner_text()
    assert "AR-2026-77" in sent and "Sendt etter fristen" in sent and "mer kommer" in sent

    # A follow-up (art. 33(4)).
    page.get_by_label("Når ble meldingen sendt?").last.fill(timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Hva den oppfølgende meldingen sa").fill("Antallet berørte er 40, ikke 12.")
    page.get_by_role("button", name="Registrer oppfølgende melding").click()
    page.wait_for_load_state()
    sent = page.get_by_role("region", name="Sendt til Datatilsynet").inner_text()
    assert "Oppfølgende melding" in sent and "Antallet berørte er 40" in sent
    kinds = list(AuthoritySubmission.objects.filter(incident=incident).values_list("kind", flat=True))
    assert kinds == ["initial", "follow_up"]

    # The PDF: every section and the reasons for the delay.
    response = page.request.get(f"/avvik/{reference}/datatilsynet/pdf/")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    text = " ".join((p.extract_text() or "") for p in reader.pages)
    text = re.sub(r"\s+", " ", text)
    for section in SECTIONS:
        assert section in text, section
    assert "Omfanget var uklart til leverandøren svarte." in text
    assert "Feil mottaker valgt i e-postklienten." in text
    assert "Demo kommune" in text and reference in text
    assert "Antallet berørte er 40, ikke 12." in text
    assert re.search(r"\b1 / \d+\b", text), "page numbers in the margin"
    assert "Sendt til Datatilsynet" in text, "the filed-at line"
