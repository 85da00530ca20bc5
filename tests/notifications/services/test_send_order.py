"""Pressing "Send varslene" records the decision and hands the writing of the delivery rows
to a task: the request costs the same whether 5 or 500 people are on the list (a send to
200,000 took 18 s inside the request), and the contract holds — 202 {"queued": N}, a
second press queues nothing new, everyone told exactly once (SQLite)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from notifications.services import delivery
from notifications.services.delivery import Delivery, SendOrder, delivery_counts, fulfil_send_orders, send_order_fulfil
from notifications.services.recipient_import import import_recipients
from tests.conftest import login
from tests.notifications.delivery_helpers import approve_notices, csv_bytes, people

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def embedded(settings: Any) -> None:
    settings.CELERY_BROKER_URL = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def case_with(make_incident: Any, decide: Any, organisation: Any, users: Any, n: int, domain: str) -> Any:
    incident = make_incident(immediate_measures="Vi har bedt mottakeren slette e-posten, og hun har gjort det.")
    decide(incident, risk_level="high")
    approve_notices(incident, users["dpo"])
    data = csv_bytes(people(n, domain=domain))
    import_recipients(incident_id=incident.pk, by=users["handler"], file=io.BytesIO(data), size=len(data))
    return incident


def send_through_api(client: Any, incident: Any) -> tuple[Any, int]:
    with CaptureQueriesContext(connection) as queries:
        answer = client.post(
            f"/api/v1/incidents/{incident.reference}/notices/send/", {}, content_type="application/json"
        )
    return answer, len(queries)


def send_through_form(client: Any, incident: Any) -> tuple[Any, int]:
    with CaptureQueriesContext(connection) as queries:
        answer = client.post(f"/avvik/{incident.reference}/mottakere/send/", {"expected": incident.recipients.count()})
    return answer, len(queries)


@pytest.mark.parametrize("send", [send_through_api, send_through_form])
def test_the_send_request_costs_the_same_for_5_and_500_people_and_writes_no_rows(
    send: Any, client: Any, users: Any, make_incident: Any, decide: Any, organisation: Any
) -> None:
    small = case_with(make_incident, decide, organisation, users, 5, "small.example.org")
    large = case_with(make_incident, decide, organisation, users, 500, "large.example.org")
    login(client, users["dpo"])

    small_answer, small_queries = send(client, small)
    large_answer, large_queries = send(client, large)
    assert small_answer.status_code in (202, 302) and large_answer.status_code == small_answer.status_code
    assert large_queries == small_queries, (small_queries, large_queries)
    assert not Delivery.objects.exists(), "the request wrote delivery rows itself"
    # The decision is recorded, and the progress counts the people waiting.
    assert delivery_counts(large.pk)["queued"] == 500
    assert SendOrder.objects.get(incident=large).queued == 500

    # The task writes the rows; everyone is then sent their notice once.
    fulfil_send_orders()
    assert Delivery.objects.filter(incident=large).count() == 500
    assert delivery_counts(large.pk) | {"failed_unresolved": 0} == {
        "total": 500,
        "queued": 500,
        "sent": 0,
        "failed": 0,
        "failed_unresolved": 0,
        "by_channel": {
            "email": {"total": 500, "sent": 0, "failed": 0},
            "svarut": {"total": 0, "sent": 0, "failed": 0},
            "letter": {"total": 0, "sent": 0, "failed": 0},
        },
    }


def test_the_api_answers_how_many_will_be_queued_and_a_second_press_queues_nothing(
    client: Any, users: Any, make_incident: Any, decide: Any, organisation: Any
) -> None:
    incident = case_with(make_incident, decide, organisation, users, 3, "example.org")
    login(client, users["dpo"])
    url = f"/api/v1/incidents/{incident.reference}/notices/send/"
    first = client.post(url, {}, content_type="application/json")
    assert (first.status_code, first.json()["queued"]) == (202, 3)
    # Pressed again before the task has run: nothing new.
    again = client.post(url, {}, content_type="application/json")
    assert (again.status_code, again.json()["queued"]) == (202, 0)
    assert SendOrder.objects.count() == 1
    fulfil_send_orders()
    # ... and after it has run.
    assert client.post(url, {}, content_type="application/json").json()["queued"] == 0
    delivery.flush_deliveries()
    assert delivery_counts(incident.pk)["sent"] == 3


def test_the_task_writes_rows_in_short_batches_and_twice_writes_nothing_new(
    users: Any, make_incident: Any, decide: Any, organisation: Any, monkeypatch: Any
) -> None:
    incident = case_with(make_incident, decide, organisation, users, 7, "example.org")
    delivery.notices_send(incident_id=incident.pk, by=users["dpo"])
    order = SendOrder.objects.get()
    monkeypatch.setattr(delivery, "INSERT_BATCH", 3)
    with CaptureQueriesContext(connection) as queries:
        assert send_order_fulfil(order.pk) == 7
    # One INSERT in one transaction per batch of three people, not one for the whole list
    # (inside the test's own transaction each shows as a savepoint).
    statements = [q["sql"] for q in queries.captured_queries]
    assert sum(sql.startswith("INSERT") and 'INTO "notifications_delivery"' in sql for sql in statements) == 3
    assert sum(sql.startswith("SAVEPOINT") for sql in statements) == 3
    # Another run (a second task, or the flush) changes nothing.
    SendOrder.objects.filter(pk=order.pk).update(done_at=None)
    assert send_order_fulfil(order.pk) == 0
    assert Delivery.objects.count() == 7
    assert SendOrder.objects.get().done_at is not None


def test_a_lost_send_task_is_carried_out_by_the_flush(
    users: Any, make_incident: Any, decide: Any, organisation: Any, settings: Any
) -> None:
    incident = case_with(make_incident, decide, organisation, users, 2, "example.org")
    delivery.notices_send(incident_id=incident.pk, by=users["dpo"])  # its task never runs
    delivery.flush_deliveries(now=timezone.now() + delivery.ORDER_GRACE)
    assert delivery_counts(incident.pk)["sent"] == 2
