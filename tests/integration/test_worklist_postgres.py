"""The worklist's order and index on PostgreSQL: the generated columns are computed by the
database, so the same tests run against it, and with statistics the planner reads a page of
10,000 cases from the index instead of sorting them."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from incidents.selectors import cases as selectors
from tests.bulk import bulk_cases
from tests.incidents.web.test_worklist import (  # noqa: F401  (collected here, run on PostgreSQL)
    spread,
    test_running_clocks_by_deadline_then_open_then_closed_each_newest_first,
    test_the_order_follows_each_change_of_state_and_notification,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_a_page_of_open_cases_is_read_from_the_index(users: dict[str, Any]) -> None:
    assert connection.vendor == "postgresql"
    bulk_cases(users["reporter"], 10_000, decided_by=users["dpo"])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE incidents_incident")
    plan = selectors.open_only(selectors.worklist(users["dpo"]))[:50].explain()
    assert "incident_worklist_idx" in plan and "Sort" not in plan, plan
