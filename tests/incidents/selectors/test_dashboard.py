"""The overview: chart numbers against a hand-computed fixture, and a fixed query count."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from incidents.models import AuthoritySubmission, Incident
from incidents.selectors import dashboard
from incidents.selectors.measures import Measure
from tests.conftest import login

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")
H = timedelta(hours=1)


def oslo(*args: int) -> datetime:
    return datetime(*args, tzinfo=OSLO)  # type: ignore[misc]


def bulk_cases(reporter: Any, specs: list[dict[str, Any]], start_number: int = 1) -> list[Incident]:
    """Cases straight into the table (the services are tested elsewhere)."""
    rows = []
    for i, spec in enumerate(specs, start=start_number):
        reported_at = spec.pop("reported_at")
        year = spec.pop("year", reported_at.astimezone(OSLO).year)
        aware_at = spec.pop("aware_at", reported_at)
        rows.append(
            Incident(
                reference=f"AVVIK-{year}-{i:05d}",
                year=year,
                number=i,
                title=f"Sak {i}",
                description="Testsak",
                discovered_at=reported_at,
                reported_at=reported_at,
                reported_by=reporter,
                aware_at=aware_at,
                authority_deadline=aware_at + 72 * H,
                **spec,
            )
        )
    return Incident.objects.bulk_create(rows)


def submission(
    incident: Incident, hours_after: float, *, by: Any, kind: str = "initial", aware_at: datetime | None = None
) -> AuthoritySubmission:
    aware = aware_at or incident.aware_at
    return AuthoritySubmission(
        incident=incident,
        kind=kind,
        submitted_at=aware + hours_after * H,
        deadline_at_submission=aware + 72 * H,
        authority_reference=f"ALTINN-{incident.number}",
        recorded_by=by,
    )


@pytest.fixture
def fixture_2025(users: Any) -> dict[str, Incident]:
    reporter, dpo = users["reporter"], users["dpo"]
    names = ["A", "B", "C", "D", "E", "F", "G", "H"]
    specs = [
        {
            "reported_at": oslo(2025, 1, 10, 12),
            "breach_types": ["confidentiality"],
            "state": "closed",
            "root_cause": "human_error",
        },
        {
            "reported_at": oslo(2025, 1, 20, 8),
            "breach_types": ["confidentiality", "integrity"],
            "state": "closed",
            "root_cause": "human_error",
        },
        {
            "reported_at": oslo(2025, 3, 5, 9),
            "breach_types": ["availability"],
            "state": "closed",
            "root_cause": "technical_fault",
        },
        # 23:30 in Oslo on 31 March is 21:30 UTC: still March for the people reading the chart.
        {"reported_at": oslo(2025, 3, 31, 23, 30), "breach_types": [], "state": "follow_up"},
        {"reported_at": oslo(2025, 2, 15, 10), "breach_types": ["integrity"], "state": "not_a_breach"},
        # A 2024 case notified in January 2025 counts among 2025's notifications.
        {
            "reported_at": oslo(2024, 12, 31, 23, 30),
            "breach_types": ["confidentiality"],
            "state": "closed",
            "root_cause": "malicious",
        },
        {"reported_at": oslo(2025, 7, 1, 10), "breach_types": ["confidentiality"], "state": "closed", "root_cause": ""},
        {"reported_at": oslo(2024, 6, 1, 10), "breach_types": ["integrity"], "state": "closed", "root_cause": "other"},
    ]
    cases = dict(zip(names, bulk_cases(reporter, specs), strict=True))
    AuthoritySubmission.objects.bulk_create(
        [
            submission(cases["A"], 10, by=dpo),
            submission(cases["B"], 80, by=dpo),
            submission(cases["B"], 100, by=dpo),  # a second "initial": only the first counts
            submission(cases["B"], 200, by=dpo, kind="follow_up"),  # art. 33(4) follow-up: not counted
            submission(cases["C"], 30, by=dpo),
            submission(cases["F"], 60, by=dpo),
            submission(cases["G"], 50, by=dpo),
            submission(cases["H"], 20, by=dpo),  # filed in 2024
        ]
    )
    # Awareness moved after A was notified: the hours stay as they were at notification.
    Incident.objects.filter(pk=cases["A"].pk).update(aware_at=cases["A"].aware_at - 5 * H)
    return cases


def test_cases_per_month_by_type_by_hand(fixture_2025: Any) -> None:
    data = dashboard.cases_per_month_by_type(2025)
    assert data["cases"] == 5  # A B C D G; E is not a breach, F and H are 2024's
    assert data["series"] == ["confidentiality", "integrity", "availability", "unknown"]
    months = data["months"]
    assert months[0] == {"confidentiality": 2, "integrity": 1, "availability": 0, "unknown": 0}
    assert months[1] == {"confidentiality": 0, "integrity": 0, "availability": 0, "unknown": 0}
    assert months[2] == {"confidentiality": 0, "integrity": 0, "availability": 1, "unknown": 1}
    assert months[6]["confidentiality"] == 1
    assert sum(sum(m.values()) for m in months) == 6


def test_notification_timeliness_by_hand(fixture_2025: Any) -> None:
    data = dashboard.notification_timeliness(2025)
    q1, q2, q3, q4 = data["quarters"]
    # Q1: A 10 h, B 80 h (late), C 30 h, F 60 h -> 3 of 4 within, median (30 + 60) / 2
    assert (q1["filed"], q1["within"], q1["share_within"], q1["median_hours"]) == (4, 3, 75.0, 45.0)
    assert (q2["filed"], q2["share_within"], q2["median_hours"]) == (0, None, None)
    assert (q3["filed"], q3["within"], q3["share_within"], q3["median_hours"]) == (1, 1, 100.0, 50.0)
    assert q4["filed"] == 0
    # The year: 10, 30, 50, 60, 80
    assert (data["filed"], data["within"], data["share_within"], data["median_hours"]) == (5, 4, 80.0, 50.0)


def test_cases_by_root_cause_by_hand(fixture_2025: Any) -> None:
    data = dashboard.cases_by_root_cause(2025)
    counts = {row["cause"]: row["count"] for row in data["rows"]}
    assert counts == {
        "human_error": 2,
        "technical_fault": 1,
        "process": 0,
        "third_party": 0,
        "malicious": 0,
        "other": 0,
        "not_recorded": 1,
    }
    assert data["closed"] == 4


def test_notified_cases_list_the_references(fixture_2025: Any) -> None:
    rows = dashboard.notified_cases(2025)
    assert [r["reference"] for r in rows] == [fixture_2025[n].reference for n in ("F", "A", "B", "C", "G")]
    b = next(r for r in rows if r["reference"] == fixture_2025["B"].reference)
    assert (b["within"], b["hours"], b["authority_reference"]) == (False, 80.0, f"ALTINN-{fixture_2025['B'].number}")


def test_dashboard_page_shows_the_numbers_and_filters_by_year(fixture_2025: Any, users: Any, client: Any) -> None:
    login(client, users["management"])
    page = client.get(reverse("dashboard"), {"aar": "2025"}).content.decode()
    assert "4 av 5 meldinger til Datatilsynet ble sendt innen 72 timer (80 %)." in page
    assert "Median tid fra virksomheten ble kjent med bruddet til melding til Datatilsynet: 50 timer." in page
    assert "I 2025 ble det meldt 5 saker. Flest i januar (3)." in page
    # The charts are drawn without a script of their own: the only one is every page's (tables).
    assert "<svg" in page and "style=" not in page
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/js/tables.js">']
    other = client.get(reverse("dashboard"), {"aar": "2024"}).content.decode()
    assert "I 2024 ble det meldt 2 saker." in other

    login(client, users["handler"])
    assert client.get(reverse("dashboard")).status_code == 403


def test_annual_summary_page_and_pdf(fixture_2025: Any, users: Any, client: Any) -> None:
    login(client, users["dpo"])
    page = client.get(reverse("annual-summary", args=[2025])).content.decode()
    for name in ("A", "B", "C", "F", "G"):
        assert fixture_2025[name].reference in page
    assert fixture_2025["H"].reference not in page
    pdf = client.get(reverse("annual-summary-pdf", args=[2025]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    # Four charts with their tables and the list of filings: a few filled pages, not seven
    # mostly empty ones (each chart and table kept whole went to a page of its own).
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf.content))
    assert len(reader.pages) <= 4, f"{len(reader.pages)} pages"
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Saker per måned etter type brudd, 2025" in text and fixture_2025["A"].reference in text


def _dashboard_queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("dashboard"), {"aar": "2030"})
    assert response.status_code == 200
    return len(queries)


def _many(users: Any, n: int, start: int) -> None:
    base = oslo(2030, 1, 1, 12)
    cases = bulk_cases(
        users["reporter"],
        [
            {
                "reported_at": base + timedelta(hours=(i * 7) % 8000),
                "breach_types": [("confidentiality", "integrity", "availability")[i % 3]],
                "state": ("closed", "follow_up", "assessment", "triage")[i % 4],
                "root_cause": ("human_error", "process", "")[i % 3],
            }
            for i in range(n)
        ],
        start_number=start,
    )
    AuthoritySubmission.objects.bulk_create(
        [submission(c, (i % 100) + 1, by=users["dpo"]) for i, c in enumerate(cases) if i % 2 == 0]
    )
    Measure.objects.bulk_create(
        [
            Measure(
                incident=c,
                what="Tiltak",
                kind="prevent",
                owner=users["handler"],
                due_on=date(2030, 1, 2),
                created_by=users["dpo"],
            )
            for i, c in enumerate(cases)
            if c.state != "closed" and i % 5 == 0
        ]
    )


def test_dashboard_query_count_does_not_grow_with_cases(users: Any, client: Any) -> None:
    login(client, users["dpo"])
    _many(users, 10, start=1)
    small = _dashboard_queries(client)
    _many(users, 9_990, start=11)
    assert Incident.objects.count() == 10_000
    large = _dashboard_queries(client)
    assert large == small
    assert small <= 20


def test_the_years_with_cases_are_found_newest_first_in_one_query(users: Any, client: Any) -> None:
    from tests.bulk import bulk_cases

    assert dashboard.years_with_cases() == []
    cases = bulk_cases(users["reporter"], 3)
    Incident.objects.filter(pk=cases[0].pk).update(year=2019)
    Incident.objects.filter(pk=cases[1].pk).update(year=2023)
    Incident.objects.filter(pk=cases[2].pk).update(year=2023, number=999_999)
    with CaptureQueriesContext(connection) as queries:
        assert dashboard.years_with_cases() == [2023, 2019]
    assert len(queries) == 1
    # The register's year filter offers exactly those years.
    page = login(client, users["dpo"]).get(reverse("register"))
    assert page.context["years"] == [2023, 2019]
