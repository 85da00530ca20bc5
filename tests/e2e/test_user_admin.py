"""The DPO invites a new handler in the browser; the handler opens the link from the e-mail,
chooses a password, sets up the authenticator app with the code the DPO was shown, and is
in; the DPO sees it all in the history."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from notifications.models import OutboundEmail
from tests.conftest import PASSWORD, totp_code
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "Et-langt-nytt-passord-2026"


def test_an_invited_handler_gets_in_with_password_and_authenticator(new_page: Any, make_user: Any) -> None:
    dpo = make_user("dpo", name="Dina Ombud")
    dpo_page = new_page()
    log_in(dpo_page, dpo.email, PASSWORD)
    dpo_page.get_by_role("link", name="Brukere").click()
    dpo_page.get_by_label("E-postadresse").fill("nora.ny@example.org")
    dpo_page.get_by_label("Navn", exact=True).fill("Nora Ny")
    dpo_page.get_by_label("Rolle").select_option(label="Saksbehandler")
    dpo_page.get_by_label("Språk i e-posten og i Avvik").select_option("nb")
    dpo_page.get_by_role("button", name="Send invitasjonen").click()
    dpo_page.wait_for_load_state()
    code = dpo_page.locator(".code-display strong").inner_text()
    assert re.fullmatch(r"[0-9a-f]{4}(-[0-9a-f]{4}){3}", code)
    assert "Invitert, venter på svar" in dpo_page.inner_text("main")

    mail = OutboundEmail.objects.get(kind="invitation", to_address="nora.ny@example.org")
    link = re.search(r"https?://[^/\s]+(/invitasjon/[\w-]+/)", mail.body_text).group(1)  # type: ignore[union-attr]
    nora = new_page()
    nora.goto(link)
    assert nora.url.endswith("/invitasjon/"), "the key is not left in the address bar"
    nora.get_by_label(re.compile(r"^Nytt passord( \*)?$")).fill(NEW_PASSWORD)
    nora.get_by_label("Nytt passord en gang til").fill(NEW_PASSWORD)
    nora.get_by_role("button", name="Velg passordet").click()
    nora.get_by_label("Oppsettskode").fill(code)
    nora.get_by_role("button", name="Fortsett").click()
    secret = nora.locator("code").first.inner_text().replace(" ", "")
    nora.get_by_label("Engangskode").fill(totp_code(secret, time.time()))
    nora.get_by_role("button", name="Bekreft og slå på").click()
    nora.get_by_role("link", name="Jeg har tatt vare på kodene").click()
    nora.wait_for_load_state()
    assert "Nora Ny" in nora.inner_text("header")

    dpo_page.goto("/brukere/")
    main = dpo_page.inner_text("main")
    assert "Dina Ombud inviterte Nora Ny som saksbehandler." in main
    assert "Nora Ny tok imot invitasjonen og valgte passord." in main

    again = new_page()
    again.goto(link)
    assert "Lenken er brukt eller utløpt" in again.inner_text("main")
