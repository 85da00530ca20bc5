"""Database connections of the long-lived processes (issue #14, point 10) on real PostgreSQL:
the relaxed commit of a "sent" mark stays inside its transaction, and run_scheduler comes
back by itself when its connection is cut (a database restart)."""

from __future__ import annotations

import io
import logging
from typing import Any

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from notifications.services.delivery import Delivery, delivery_counts, fulfil_send_orders, notices_send, send_batch
from tests.integration.conftest import database_url
from tests.integration.test_delivery import ready_case

pytestmark = pytest.mark.integration


def synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return str(cursor.fetchone()[0])


def cut_this_connection() -> None:
    """Terminate this process's database session from another one, as a restart would."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    with psycopg.connect(database_url(), autocommit=True) as other:
        assert other.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone() == (True,)


def run_scheduler_once() -> str:
    out = io.StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    return out.getvalue()


@pytest.fixture
def embedded(settings: Any) -> None:
    settings.CELERY_BROKER_URL = ""  # run_scheduler sends itself


def test_a_delivery_batch_leaves_its_connection_committing_synchronously(
    transactional_db: None, embedded: None, users: dict[str, Any], make_incident: Any
) -> None:
    incident = ready_case(make_incident, users, 3)
    notices_send(incident_id=incident.pk, by=users["dpo"])
    fulfil_send_orders()
    ids = list(Delivery.objects.filter(incident=incident).values_list("pk", flat=True))
    assert synchronous_commit() == "on"
    assert send_batch(ids)["sent"] == 3
    # Whatever runs next on this connection (in a worker: the next task) commits durably.
    assert synchronous_commit() == "on"


def test_run_scheduler_leaves_its_connection_committing_synchronously(
    transactional_db: None, embedded: None, users: dict[str, Any], make_incident: Any
) -> None:
    incident = ready_case(make_incident, users, 2)
    notices_send(incident_id=incident.pk, by=users["dpo"])
    assert run_scheduler_once().endswith("0 failed\n")
    assert delivery_counts(incident.pk)["sent"] == 2
    assert synchronous_commit() == "on"


def test_run_scheduler_carries_on_after_its_connection_is_cut(
    transactional_db: None, embedded: None, users: dict[str, Any], make_incident: Any, caplog: Any
) -> None:
    assert run_scheduler_once().endswith("0 failed\n")
    cut_this_connection()
    with caplog.at_level(logging.WARNING):
        assert run_scheduler_once().endswith("0 failed\n"), caplog.text
    # And the pass after works on a fresh connection too, sending what is due.
    incident = ready_case(make_incident, users, 2)
    notices_send(incident_id=incident.pk, by=users["dpo"])
    assert run_scheduler_once().endswith("0 failed\n")
    assert delivery_counts(incident.pk)["sent"] == 2
