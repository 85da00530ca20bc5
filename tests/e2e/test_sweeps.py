"""Every page, for every role, in a real Chromium, each page opened once for three sweeps:

- the XSS sweep: payloads stored in every free-text field; no dialog opens and no script of
  theirs runs on any page that shows them (the Content-Security-Policy is bypassed here, so
  the test proves the escaping, not the policy);
- the accessibility sweep: axe-core finds no WCAG 2.1 A/AA violation;
- the reflow sweep: at 320 CSS pixels (a phone, or 1280 at 400 % zoom) no page scrolls
  sideways (WCAG 1.4.10); a wide table scrolls inside its own frame.

The case's title keeps its ordinary words after the payloads (tests/worlds.py), so the
searched lists still find the case and show it as they do in use."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import axe_violations, log_in_directly
from tests.security.test_role_matrix import ROLES
from tests.urlwalk import pages_for
from tests.worlds import World, build_world, plain

pytestmark = pytest.mark.e2e


def open_as(role: str, world: World, new_page: Any, base_url: str, **options: Any) -> Any:
    """A page signed in as ``role`` (the login itself is tested in test_foundation.py and
    tests/security; here it would only add two pages per role to every sweep)."""
    page = new_page(**options)
    if role != "anonymous":
        log_in_directly(page, world.users[role], base_url)
    return page


def visit(page: Any, path: str) -> Any:
    """Open ``path``; the page itself must answer, not a redirect (to the login page)."""
    response = page.goto(path)
    assert urlsplit(page.url).path == urlsplit(path).path, f"{path} led to {page.url}"
    return response


def xss(field: str) -> str:
    """The payloads, and after the title its ordinary words: the searched lists find the case."""
    words = f" {plain(field)}" if field == "title" else ""
    return (
        f'<script>alert("{field}")</script>"><img src=x onerror="alert(1)">'
        '<svg/onload=alert(1)> javascript:alert(1) <a href="javascript:alert(1)">lenke</a> '
        f"</textarea><iframe src=javascript:alert(1)> {{{{ 7|add:7 }}}} {{% now 'Y' %}} ${{7*7}}{words}"
    )


OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  return [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > width + 1 && !e.closest(".table-wrap, pre"))
    .slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.className ? "." + e.className : ""));
}"""
DESKTOP = {"width": 1280, "height": 720}
PHONE = {"width": 320, "height": 720}


def sideways(page: Any) -> str:
    """'' when the page fits its width, else the page's scroll width and what sticks out."""
    wider = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    return f"{wider}px too wide: {page.evaluate(OVERFLOW)}" if wider > 0 else ""


# One test per role: the sweeps are the longest tests, and split they spread over the workers.
@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
def test_every_page_runs_no_payload_passes_axe_and_fits_a_phone(
    role: str, new_page: Any, live_server: Any, make_user: Any, make_incident: Any
) -> None:
    world = build_world(make_user, make_incident, text=xss)
    executed: list[str] = []
    problems: list[str] = []
    page = open_as(role, world, new_page, live_server.url, bypass_csp=True, axe=True, viewport=DESKTOP)
    page.on("dialog", lambda dialog: (executed.append(f"{role}: {page.url}"), dialog.dismiss()))
    seen: set[str] = set()
    for name, path in pages_for(role, world):
        if path in seen:
            continue
        seen.add(path)
        response = visit(page, path)
        assert response is not None and response.status == 200, f"{role} {name} {path}"
        page.wait_for_load_state("load")
        if page.evaluate("() => document.querySelectorAll('script:not([src])').length"):
            problems.append(f"{role} {name} {path}: an inline script element exists")
        if name == "incident-detail":
            assert '<script>alert("title")</script>' in page.inner_text("main"), "payloads are shown as text"
        for violation in axe_violations(page):
            problems.append(f"{role} {name} {path}: {violation['id']} – {violation['help']} {violation['nodes']}")
        page.set_viewport_size(PHONE)
        if overflow := sideways(page):
            problems.append(f"{role} {name} {path} on a phone: {overflow}")
        page.set_viewport_size(DESKTOP)
    # The error pages too: a missing page, a bad public link, and one the role may not see.
    for path in ("/finnes-ikke/", "/varsel/ugyldig-lenke/", "/register/"):
        response = page.goto(path)
        if response is not None and response.status in (403, 404):
            for violation in axe_violations(page):
                problems.append(f"{role} {response.status} {path}: {violation['id']} – {violation['help']}")
    assert seen, f"{role}: no page to sweep"
    assert executed == [], f"dialogs opened: {executed}"
    assert not problems, "\n".join(problems)


def test_the_checks_can_fail(page: Any, new_page: Any) -> None:
    """Controls: a page with a known violation and a running payload is caught by both."""
    loaded = new_page(axe=True)  # axe-core loaded with every page, as in the sweep
    markup = '<html><body><img src="x"><input type="text"></body></html>'
    loaded.route("**/kontroll/", lambda route: route.fulfill(content_type="text/html", body=markup))
    loaded.goto("/kontroll/")
    assert loaded.evaluate("() => typeof window.axe") == "object", "axe-core came with the page"
    assert {"html-has-lang", "image-alt", "label"} <= {v["id"] for v in axe_violations(loaded)}

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_content('<html><body><img src="x" onerror="alert(\'ran\')"><input type="text"></body></html>')
    page.wait_for_timeout(300)
    assert dialogs == ["ran"]
    ids = {v["id"] for v in axe_violations(page)}
    assert {"html-has-lang", "image-alt", "label"} <= ids
    page.set_viewport_size({"width": 320, "height": 720})
    page.set_content('<html><body><div style="width: 400px">bred</div></body></html>')
    assert sideways(page).endswith("px too wide: ['div']")


def test_the_recipients_page_by_national_id_passes_axe_in_every_state(
    new_page: Any, live_server: Any, make_user: Any, make_incident: Any, settings: Any
) -> None:
    """The recipients page with people by national ID and postal address (#21), as the DPO
    uses it in a browser: the list, the add form and the upload refused, the sending per
    channel with failures, and the retry that sends a bounced e-mail as a letter instead."""
    from tests.recipient_states import BAD_ADD, add_people_by_national_id, bad_upload, send_with_failures

    world = build_world(make_user, make_incident)
    add_people_by_national_id(world)
    page = open_as("dpo", world, new_page, live_server.url, bypass_csp=True, axe=True)
    recipients = f"/avvik/{world.case.reference}/mottakere/"
    problems: list[str] = []

    def check(state: str, *texts: str) -> None:
        main = page.inner_text("main")
        assert all(text in main for text in texts), f"{state}: {[t for t in texts if t not in main]}"
        problems.extend(f"{state}: {v['id']} – {v['help']} {v['nodes']}" for v in axe_violations(page))

    visit(page, recipients)
    check("list", "*****", "Storgata 1, c/o Kari Nordmann, 0150 Oslo")
    for field, value in BAD_ADD.items():
        if field != "add":
            page.locator(f"#id_{field}").fill(value)
    page.get_by_role("button", name="Legg til", exact=True).click()
    check("add refused", "kontrollsifrene stemmer ikke", "Postnummeret skal være fire sifre.")
    assert page.locator("#id_name").input_value() == "Ola Nordmann"  # nothing entered is lost
    page.locator("#id_file").set_input_files({"name": "liste.csv", "mimeType": "text/csv", "buffer": bad_upload()})
    page.get_by_role("button", name="Last opp", exact=True).click()
    check("upload refused", "Linje 3", "ingenting er lagt inn")
    send_with_failures(world, settings)
    visit(page, recipients)
    check("sent", "Sendes som brev i stedet.", "Brev skrevet ut her", "Ingen annen måte å nå personen på.")
    visit(page, f"/avvik/{world.case.reference}/")
    check("case page", "Brev skrevet ut her")
    visit(page, recipients)
    page.get_by_role("button", name="Send på nytt til dem som ikke fikk det").click()
    check("retried", "1 av dem sendes som brev i stedet.", "kan ikke nås på noen annen måte")
    assert not problems, "\n".join(problems)
