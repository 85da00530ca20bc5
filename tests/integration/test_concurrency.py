"""Two people acting on the same case at once: exactly one wins, the other gets a clear
409 — never both applied. Real concurrent transactions against PostgreSQL."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client

from accounts.models import ApiToken
from core.errors import Conflict
from incidents.models import Incident
from incidents.services import cases as services
from incidents.workflow import State

pytestmark = pytest.mark.integration


@pytest.fixture
def triaged(transactional_db: None, users: dict[str, Any], make_incident: Any) -> Incident:
    incident = make_incident()
    services.incident_start(incident=incident, by=users["dpo"])
    return Incident.objects.get(pk=incident.pk)


def in_thread(target: Any) -> tuple[threading.Thread, dict[str, Any]]:
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = target()
        except Exception as error:
            outcome["error"] = error
        finally:
            connection.close()
        outcome["finished_at"] = time.monotonic()

    thread = threading.Thread(target=run)
    return thread, outcome


def test_the_second_transition_waits_for_the_first_and_loses(triaged: Incident, users: dict[str, Any]) -> None:
    dpo, other_dpo = users["dpo"], users["dpo"]
    first_holds_lock = threading.Event()
    release_first = threading.Event()

    def first() -> Incident:
        with transaction.atomic():
            result = services.incident_confirm(incident=triaged.pk, by=dpo)
            first_holds_lock.set()
            release_first.wait(10)  # still uncommitted: the row stays locked
            return result

    def second() -> Incident:
        first_holds_lock.wait(10)
        return services.incident_dismiss(incident=triaged.pk, by=other_dpo, reason="Ikke et brudd")

    t1, o1 = in_thread(first)
    t2, o2 = in_thread(second)
    t1.start()
    t2.start()
    first_holds_lock.wait(10)
    time.sleep(0.5)
    assert t2.is_alive(), "the second transaction must wait for the row lock"
    released_at = time.monotonic()
    release_first.set()
    t1.join(10)
    t2.join(10)

    assert "error" not in o1, o1.get("error")
    assert isinstance(o2.get("error"), Conflict), o2
    assert o2["finished_at"] >= released_at
    incident = Incident.objects.get(pk=triaged.pk)
    assert incident.state == State.ASSESSMENT
    assert incident.dismiss_reason == ""
    transitions = list(incident.history.values_list("history_transition", flat=True))
    assert transitions.count("confirm") == 1 and "dismiss" not in transitions


def test_two_api_calls_at_once_one_200_one_409(triaged: Incident, users: dict[str, Any]) -> None:
    keys = [ApiToken.issue(users["dpo"])[1] for _ in range(2)]
    barrier = threading.Barrier(2)
    path = f"/api/v1/incidents/{triaged.reference}/transitions/"

    def call(key: str, name: str, body: dict[str, str]) -> Any:
        client = Client(HTTP_AUTHORIZATION=f"Token {key}")
        barrier.wait(5)
        return client.post(path + name + "/", body, content_type="application/json")

    results = []
    for _ in range(1):
        t1, o1 = in_thread(lambda: call(keys[0], "confirm", {}))
        t2, o2 = in_thread(lambda: call(keys[1], "dismiss", {"reason": "Ikke et brudd"}))
        t1.start()
        t2.start()
        t1.join(20)
        t2.join(20)
        results = sorted([o1["result"].status_code, o2["result"].status_code])
    assert results == [200, 409]
    loser = o1["result"] if o1["result"].status_code == 409 else o2["result"]
    assert loser.json()["detail"]
    assert Incident.objects.get(pk=triaged.pk).state in (State.ASSESSMENT, State.NOT_A_BREACH)
