"""The DPO's worklist: most urgent first, then the newest, in the order the database keeps
(``Incident.urgency`` and ``running_deadline``, generated columns with an index)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone, translation

from core.i18n import long_datetime
from incidents.models import Incident
from incidents.selectors import cases as selectors
from incidents.workflow import State, Urgency
from tests.conftest import login
from tests.incidents.selectors.test_dashboard import bulk_cases

pytestmark = pytest.mark.django_db

H = timedelta(hours=1)


@pytest.fixture
def spread(users: dict[str, Any]) -> dict[str, Incident]:
    """One case of each kind the worklist orders, reported in an order unlike the one wanted."""
    now = timezone.now()
    specs = {
        "closed_new": {"reported_at": now - 1 * H, "state": State.CLOSED},
        "followup_old": {"reported_at": now - 200 * H, "state": State.FOLLOW_UP, "authority_required": False},
        "clock_late": {"reported_at": now - 80 * H, "state": State.ASSESSMENT},
        "notified": {
            "reported_at": now - 10 * H,
            "state": State.AUTHORITY_NOTIFICATION,
            "authority_required": True,
            "authority_notified_at": now - 2 * H,
            "authority_notified_late": False,
        },
        "clock_fresh": {"reported_at": now - 2 * H, "state": State.REPORTED},
        "dismissed_old": {"reported_at": now - 300 * H, "state": State.NOT_A_BREACH},
        "followup_new": {"reported_at": now - 5 * H, "state": State.FOLLOW_UP, "authority_required": False},
        "clock_mid": {"reported_at": now - 40 * H, "state": State.TRIAGE},
    }
    cases = bulk_cases(users["reporter"], [dict(spec) for spec in specs.values()])
    return dict(zip(specs, cases, strict=True))


def names(cases: dict[str, Incident], listed: Any) -> list[str]:
    by_pk = {case.pk: name for name, case in cases.items()}
    return [by_pk[incident.pk] for incident in listed]


def test_running_clocks_by_deadline_then_open_then_closed_each_newest_first(
    spread: dict[str, Incident], users: dict[str, Any]
) -> None:
    everything = selectors.worklist(users["dpo"])
    assert names(spread, everything) == [
        "clock_late",  # overdue: its deadline came first
        "clock_mid",
        "clock_fresh",
        "followup_new",
        "notified",  # Datatilsynet has been told: the clock no longer runs
        "followup_old",
        "closed_new",
        "dismissed_old",
    ]
    assert names(spread, selectors.open_only(everything)) == names(spread, everything)[:6]


def test_the_order_follows_each_change_of_state_and_notification(
    spread: dict[str, Incident], users: dict[str, Any]
) -> None:
    fresh = spread["clock_fresh"]
    assert Incident.objects.get(pk=fresh.pk).urgency == Urgency.CLOCK_RUNNING
    Incident.objects.filter(pk=fresh.pk).update(authority_notified_at=timezone.now(), authority_notified_late=False)
    assert Incident.objects.get(pk=fresh.pk).urgency == Urgency.OPEN
    assert Incident.objects.get(pk=fresh.pk).running_deadline is None
    Incident.objects.filter(pk=spread["clock_mid"].pk).update(state=State.NOT_A_BREACH)
    assert Incident.objects.get(pk=spread["clock_mid"].pk).urgency == Urgency.CLOSED
    assert names(spread, selectors.worklist(users["dpo"])) == [
        "clock_late",
        "clock_fresh",  # told Datatilsynet: now among the open cases, newest first
        "followup_new",
        "notified",
        "followup_old",
        "closed_new",
        "clock_mid",  # dismissed: now among the closed ones, newest first
        "dismissed_old",
    ]


def test_the_page_lists_open_cases_in_that_order(spread: dict[str, Incident], users: dict[str, Any]) -> None:
    client = login(Client(), users["dpo"])
    listed = [incident for incident, _clock in client.get("/avvik/").context["rows"]]
    assert names(spread, listed) == [
        "clock_late",
        "clock_mid",
        "clock_fresh",
        "followup_new",
        "notified",
        "followup_old",
    ]
    home = client.get("/").context["urgent"]
    assert names(spread, [incident for incident, _clock in home]) == ["clock_late", "clock_mid", "clock_fresh"]


def test_a_page_of_open_cases_is_read_from_the_index_not_sorted(users: dict[str, Any]) -> None:
    """What keeps the worklist fast with 10,000 cases (bench/list_pages.py): the database
    walks ``incident_worklist_idx`` and stops after a page instead of sorting every open case.
    SQLite plans without statistics; PostgreSQL's plan is checked in tests/integration."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan; PostgreSQL's is checked with statistics in tests/integration")
    for qs in (selectors.open_only(selectors.worklist(users["dpo"])), selectors.worklist(users["dpo"])):
        plan = qs[:50].explain()
        assert "incident_worklist_idx" in plan and "TEMP B-TREE" not in plan, plan


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", "torsdag 7. mai 2026 kl. 09:30"),
        ("nn", "torsdag 7. mai 2026 kl. 09:30"),
        ("en", "Thursday 7 May 2026 at 09:30"),
    ],
)
def test_a_deadline_reads_with_weekday_in_oslo_time(language: str, expected: str) -> None:
    with translation.override(language):
        assert long_datetime(datetime(2026, 5, 7, 7, 30, tzinfo=UTC)) == expected
        without_weekday = long_datetime(datetime(2026, 5, 7, 7, 30, tzinfo=UTC), weekday=False)
        assert without_weekday == expected.split(" ", 1)[1]


def test_state_names_follow_the_language_of_the_request(spread: dict[str, Incident]) -> None:
    case = spread["clock_fresh"]
    for language, expected in (("nb", "Meldt"), ("en", "Reported"), ("nb", "Meldt")):
        with translation.override(language):
            assert case.get_state_display() == expected


def test_rows_escape_what_people_typed(spread: dict[str, Incident], users: dict[str, Any]) -> None:
    hostile = "<script>alert('x')</script> \"Ola\" & <b>Kari</b>"
    Incident.objects.filter(pk=spread["clock_fresh"].pk).update(title=hostile)
    Incident.objects.filter(pk=spread["dismissed_old"].pk).update(title=hostile, dismiss_reason=hostile)
    client = login(Client(), users["dpo"])
    for page in ("/avvik/", "/avvik/?state=all", "/register/"):
        html = client.get(page).content.decode()
        assert "<script>alert" not in html and "<b>Kari" not in html, page
        escaped = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &quot;Ola&quot; &amp; &lt;b&gt;Kari&lt;/b&gt;"
        assert escaped in html, page
