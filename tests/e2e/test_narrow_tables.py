"""Tables people read on a phone and on a desk: the worklist's deadline is on the screen at
320 CSS pixels, and the measures table does not break a word in the middle."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in
from tests.worlds import build_world

pytestmark = pytest.mark.e2e

# The words of a cell that do not fit on one line of it: a word broken in the middle.
BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const cell of document.querySelectorAll(selector)) {
    const probe = document.createElement("span");
    probe.style.whiteSpace = "nowrap";
    probe.style.font = getComputedStyle(cell).font;
    document.body.appendChild(probe);
    const inner = cell.clientWidth - parseFloat(getComputedStyle(cell).paddingLeft)
      - parseFloat(getComputedStyle(cell).paddingRight);
    for (const word of cell.innerText.split(/\\s+/)) {
      if (word.length < 4 || word.length > 30) continue;  // a 40-letter URL may break
      probe.textContent = word;
      if (probe.getBoundingClientRect().width > inner + 1) broken.push(word);
    }
    probe.remove();
  }
  return broken;
}"""


def test_the_deadline_is_on_a_phone_screen_and_measures_keep_their_words(
    new_page: Any, make_user: Any, make_incident: Any
) -> None:
    world = build_world(make_user, make_incident)
    phone = new_page(viewport={"width": 320, "height": 720})
    log_in(phone, world.users["dpo"].email, PASSWORD)
    phone.goto("/avvik/")
    deadline = phone.locator("table.worklist tbody tr").first.locator("td").last  # the deadline ends the row
    box = deadline.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 321, box
    assert deadline.is_visible()
    label = deadline.evaluate("(cell) => getComputedStyle(cell, '::before').content")
    assert "Frist" in label, "the cell says what it is"

    desk = phone
    desk.set_viewport_size({"width": 1024, "height": 800})
    desk.goto(f"/avvik/{world.case.reference}/")
    assert desk.locator(".measures td").count() > 0
    assert desk.evaluate(BROKEN_WORDS, ".measures td") == []
    # Control: a cell too narrow for its words is caught.
    desk.evaluate(
        "() => { const c = document.querySelector('.measures td'); c.style.width = '2rem';"
        " c.style.minWidth = '0'; c.style.overflowWrap = 'anywhere'; c.closest('table').style.tableLayout = 'fixed'; }"
    )
    assert desk.evaluate(BROKEN_WORDS, ".measures td") != []


def test_a_table_wider_than_the_screen_scrolls_by_keyboard_and_one_that_fits_takes_no_tab_stop(
    new_page: Any, make_user: Any, make_incident: Any
) -> None:
    """WCAG 2.1.1: the frame of a table that scrolls sideways is a named region in the tab
    order, and the arrow keys scroll it; a frame with nothing to scroll is not a tab stop."""
    world = build_world(make_user, make_incident)
    page = new_page(viewport={"width": 320, "height": 720})
    log_in(page, world.users["auditor"].email, PASSWORD)  # reads the measures, no link in them
    page.goto(f"/avvik/{world.case.reference}/")
    frame = page.locator(".measures .table-wrap")
    assert frame.evaluate("(f) => f.scrollWidth > f.clientWidth"), "the table is wider than a phone"
    assert (frame.get_attribute("tabindex"), frame.get_attribute("role")) == ("0", "region")
    assert frame.get_attribute("aria-label") == "Tiltak i saken"  # the table's caption
    frame.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.measures .table-wrap').scrollLeft > 0")

    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_function("() => !document.querySelector('.measures .table-wrap').hasAttribute('tabindex')")
    assert frame.get_attribute("role") is None

    # Control: without the page's script the frame is not reachable by keyboard.
    bare = new_page(viewport={"width": 320, "height": 720}, java_script_enabled=False)
    bare.context.add_cookies(page.context.cookies())
    bare.goto(f"/avvik/{world.case.reference}/")
    assert bare.locator(".measures .table-wrap").get_attribute("tabindex") is None
