"""tests/e2e: Playwright driving Debian's Chromium, headless, against a live server.

Playwright's own browser download is not used: the launch names /usr/bin/chromium."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.services import chromium_path, missing

# Playwright's sync API runs an event loop in this thread; the Django ORM calls made by
# the tests themselves (creating users, checking rows) are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.e2e

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        missing("tests/e2e needs Debian's Chromium: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """``new_page(axe=True)`` loads axe-core into every page the context opens, before the
    page's own scripts: much cheaper than a script tag added after each navigation, which
    Chromium parses and compiles again every time."""
    contexts: list[Any] = []

    def make(*, axe: bool = False, **options: Any) -> Any:
        context = browser.new_context(base_url=live_server.url, locale="nb-NO", **options)
        context.set_default_timeout(15_000)
        if axe:
            context.add_init_script(path=str(axe_path()))
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Any]) -> Any:
    return new_page()


def log_in(page: Any, email: str, password: str, totp_secret: str | None = None) -> None:
    """Log in through the login page, and the two-factor page when the role needs it."""
    import time

    from tests.conftest import TOTP_SECRET, totp_code

    page.goto("/logg-inn/")
    page.get_by_label("E-postadresse").fill(email)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(lambda url: "/logg-inn/" not in url)
    if "/tofaktor/" in page.url:
        # A code is accepted once; a second login in the same 30 s uses the next one.
        for step in (0, 30):
            page.get_by_label("Engangskode").fill(totp_code(totp_secret or TOTP_SECRET, time.time() + step))
            page.get_by_role("button", name="Bekreft").click()
            page.wait_for_load_state()
            if "/tofaktor/" not in page.url:
                break


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Only the violations are wanted: axe still runs every rule of the tags on every node, but
# does not collect the details of what passed (the slow part of a run on a long page).
AXE_RUN = """async tags => await axe.run(document, {
  runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']
})"""


def axe_path() -> Path:
    if not AXE.exists():
        missing("axe-core is not installed: run `npm ci` (make unit does it)")
    return AXE


def log_in_directly(page: Any, user: Any, base_url: str) -> None:
    """Sign the browser in as ``user`` without the login form, the second factor verified
    where the role needs it: for the tests that walk pages rather than test signing in
    (log_in above, tests/e2e/test_foundation.py and tests/security drive the login)."""
    from django.conf import settings
    from django.test import Client

    from tests.conftest import login

    session = login(Client(), user).cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}])


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core in the page; the WCAG 2.1 A and AA violations it finds. A page opened
    with ``new_page(axe=True)`` has it already; any other gets it now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe_path()))
    result = page.evaluate(AXE_RUN, WCAG_21_AA)
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]
    ]
