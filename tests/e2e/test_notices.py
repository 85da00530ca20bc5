"""Issue 7 in a real browser: the DPO writes a notice and sees LIX change while typing,
approves it, publishes the art. 34(3)(c) public notice, and a logged-out browser reads it
in nynorsk."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from incidents.models import Organisation
from notifications.models import PublicNotice
from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in
from tests.worlds import conclude, write_notice_facts

pytestmark = pytest.mark.e2e


def test_dpo_writes_approves_and_the_public_reads_nynorsk(new_page: Any, make_user: Any, make_incident: Any) -> None:
    dpo = make_user("dpo", name="Dina Ombud")
    org = Organisation.current()
    org.name, org.contact_name, org.contact_email = "Eksempel kommune", "Kari Nordmann", "personvern@example.org"
    org.save()
    incident = make_incident(
        title="Elevliste lagt ut på nettet",
        data_categories=("basic", "national_id"),
        approx_subjects=4000,
        immediate_measures="Vi har fjernet lista.",
        discovered_at=timezone.now() - timedelta(hours=3),
    )
    # Art. 34(3)(c): the DPO has decided on a public notice; only then can it be approved.
    conclude(
        incident,
        by=dpo,
        risk_level="high",
        exemption="34_3_c",
        justification="Vi har ikke adressene til de tidligere elevene.",
    )
    write_notice_facts(incident, dpo)  # the case's words in bokmål, nynorsk and English

    page = new_page()
    log_in(page, dpo.email, PASSWORD)
    page.goto(f"/avvik/{incident.reference}/varsel/")
    lix_nb = page.get_by_test_id("lix-nb")
    expect(lix_nb).to_have_text(re.compile(r"^\d+\.\d$"))  # the script has computed it from the fields
    before = float(lix_nb.inner_text())
    assert before <= 35
    field = page.locator("#id_nb-what_happened")
    field.fill(
        "Personopplysningssikkerheten ble kompromittert iht. behandlingsansvarliges sikkerhetsrutiner, "
        "jf. personvernforordningen artikkel trettifire, hvorpå konsekvensvurderingen gjennomføres."
    )
    expect(lix_nb).not_to_have_text(f"{before:.1f}")
    after = float(lix_nb.inner_text())
    assert after > before + 3, (before, after)
    flagged = page.locator('[data-lix-group="nb"] [data-lix-out="flagged"]').inner_text()
    assert "iht." in flagged and "jf." in flagged

    field.fill("En liste med navn og fødselsnummer lå åpent på nettsiden vår. Vi har fjernet den.")
    page.locator("#id_nn-what_happened").fill("Ei liste med namn og fødselsnummer låg ope på nettsida vår.")
    page.get_by_role("button", name="Godkjenn varselet").click()
    page.wait_for_load_state()
    assert "godkjent på alle språk" in page.inner_text("main")

    page.get_by_role("button", name="Publiser kunngjøringen").click()
    page.wait_for_load_state()
    assert "publisert" in page.inner_text("main")
    token = PublicNotice.objects.get(incident=incident).token

    public = new_page()  # a fresh context: not logged in
    response = public.goto(f"/varsel/{token}/")
    assert response is not None and response.status == 200
    public.get_by_role("link", name="Nynorsk").click()
    public.wait_for_url(f"**/varsel/{token}/nn/")
    assert public.locator("html").get_attribute("lang") == "nn"
    body = public.inner_text("main")
    assert "Ei liste med namn og fødselsnummer låg ope på nettsida vår." in body
    assert "Kva skjedde" in body and "Publisert" in body
    assert "Eksempel kommune" in public.get_by_test_id("public-organisation").inner_text()
    assert "Les dette dersom du kan vere ein av dei." in public.get_by_test_id("public-affected").inner_text()
    assert "Logg ut" not in public.content()
