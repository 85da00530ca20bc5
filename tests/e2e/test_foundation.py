"""The demo DPO logs in, switches language, and logs out, in a real Chromium."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from incidents.demo import DEMO_TOTP_SECRET, DEMO_USERS
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e


def test_demo_dpo_logs_in_switches_language_and_logs_out(page: Any, transactional_db: None) -> None:
    call_command("seed_demo", allow_demo_site=True, verbosity=0)
    dpo = next(u for u in DEMO_USERS if u.role == "dpo")

    page.goto("/")
    assert "/logg-inn/" in page.url, "anonymous visitors are sent to the login page"
    assert page.locator("html").get_attribute("lang") == "nb"

    log_in(page, dpo.email, dpo.password, totp_secret=DEMO_TOTP_SECRET)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hei")

    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Bytt språk").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="Log out").is_visible()

    page.get_by_label("Language").select_option("nn")
    page.get_by_role("button", name="Change language").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "nn"

    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url("**/logg-inn/")
    page.goto("/")
    assert "/logg-inn/" in page.url, "after logging out the start page needs a login again"
