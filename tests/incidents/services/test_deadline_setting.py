"""The hours of the authority deadline are a setting (art. 33(1) says 72 today; proposals to
change it exist): the case, the API, the lateness of a filing and the reminder ladder all
count from AVVIK_AUTHORITY_DEADLINE_HOURS."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from incidents.models import Reminder
from incidents.rules.deadlines import authority_deadline
from incidents.services.reminders import kind_for

pytestmark = pytest.mark.django_db


def report(user: User, discovered_at: str) -> dict[str, Any]:
    client = APIClient()
    client.force_authenticate(user)
    body = {"title": "Elevliste sendt feil", "description": "Feil mottaker.", "discovered_at": discovered_at}
    answer = client.post("/api/v1/incidents/", body, format="json")
    assert answer.status_code == 201, answer.json()
    return answer.json()


@pytest.mark.parametrize("hours", [72, 96])
def test_the_deadline_counts_the_hours_of_the_setting(settings: Any, users: dict[str, User], hours: int) -> None:
    settings.AVVIK_AUTHORITY_DEADLINE_HOURS = hours
    discovered = "2026-03-27T10:00:00+01:00"
    case = report(users["reporter"], discovered)
    deadline = datetime.fromisoformat(case["authority_deadline"])
    assert deadline - datetime.fromisoformat(discovered) == timedelta(hours=hours)
    # The reminder ladder: a rung at 72 hours is an overdue reminder only when 72 is the deadline.
    assert (kind_for(72) == Reminder.Kind.OVERDUE) is (hours <= 72)


def test_the_rule_takes_the_hours_as_a_parameter() -> None:
    aware = datetime.fromisoformat("2026-10-23T10:00:00+02:00")
    assert authority_deadline(aware) - aware == timedelta(hours=72)
    assert authority_deadline(aware, 48) - aware == timedelta(hours=48)
    with pytest.raises(ValueError):
        authority_deadline(aware, 0)
