"""The deadline sweep on PostgreSQL: a batch of 200 due reminders is at most 10 statements
(the claim with FOR UPDATE SKIP LOCKED, one INSERT of all the e-mails, one UPDATE of the
outcomes), however many e-mails it writes; and each reminder is still sent once."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from incidents.services.reminders import BATCH_SIZE, Reminder, sweep_deadlines
from notifications.models import OutboundEmail
from tests.incidents.services.test_sweep_in_bulk import PER_BATCH, PER_SWEEP, due_cases

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.mark.parametrize("batches", [1, 3])
def test_each_batch_of_200_due_reminders_is_at_most_10_statements(
    users: dict[str, Any], make_user: Any, django_assert_max_num_queries: Any, batches: int
) -> None:
    assert connection.vendor == "postgresql"
    make_user("management")
    now = timezone.now()
    cases = due_cases(users, BATCH_SIZE * batches, now)
    with django_assert_max_num_queries(PER_SWEEP + PER_BATCH * batches):
        handled = sweep_deadlines(now)
    assert handled == BATCH_SIZE * batches
    assert OutboundEmail.objects.filter(incident__in=cases).count() > len(cases) * 1.4
    assert sweep_deadlines(now) == 0
    assert Reminder.objects.filter(incident__in=cases, sent_at=now).count() == handled


def test_a_row_another_sweep_dealt_with_rolls_the_batch_back(users: dict[str, Any], monkeypatch: Any) -> None:
    from tests.incidents.services.test_sweep_in_bulk import a_batch_with_a_row_taken_is_rolled_back

    a_batch_with_a_row_taken_is_rolled_back(users, monkeypatch)
