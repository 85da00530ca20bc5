"""Sending the approved notices: once per person, in their language, with the outcome of
every message recorded (SQLite; the real worker and SMTP server are in tests/integration)."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from core.errors import Conflict, NotPermitted
from notifications.services.delivery import (
    CLAIM_LEASE,
    Delivery,
    claim,
    deliveries_record_followup,
    deliveries_retry_failed,
    delivery_counts,
    flush_deliveries,
    fulfil_send_orders,
    notices_send,
    send_batch,
)
from notifications.services.recipient_import import import_recipients
from notifications.services.recipients import Recipient, purge_recipients, recipient_add
from tests.conftest import login
from tests.notifications.delivery_helpers import BACKEND, FlakySmtpBackend, accepted, approve_notices, csv_bytes, people

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def flaky_smtp(settings: Any) -> Any:
    settings.EMAIL_BACKEND = BACKEND
    settings.CELERY_BROKER_URL = ""  # embedded: the flush sends
    FlakySmtpBackend.reset()
    yield FlakySmtpBackend
    FlakySmtpBackend.reset()


def add_people(case: Any, user: Any, rows: list[list[str]]) -> None:
    data = csv_bytes(rows)
    import_recipients(incident_id=case.pk, by=user, file=io.BytesIO(data), size=len(data))


@pytest.fixture
def ready_case(school_case: Any, users: Any) -> Any:
    approve_notices(school_case, users["dpo"])
    return school_case


def test_send_needs_approved_notices(school_case: Any, users: Any) -> None:
    add_people(school_case, users["handler"], people(2))
    with pytest.raises(Conflict, match="godkjennes"):
        notices_send(incident_id=school_case.pk, by=users["dpo"])
    assert not Delivery.objects.exists()


def test_only_the_dpo_sends(ready_case: Any, users: Any) -> None:
    with pytest.raises(NotPermitted):
        notices_send(incident_id=ready_case.pk, by=users["handler"])


def test_everyone_gets_their_notice_once_in_their_language(ready_case: Any, users: Any) -> None:
    add_people(
        ready_case,
        users["handler"],
        [["A", "a@example.org", "nb"], ["B", "b@example.org", "en"], ["C", "c@example.org", "nn"]],
    )
    result = notices_send(incident_id=ready_case.pk, by=users["dpo"])
    assert result.queued == 3
    # Pressing twice queues nothing new.
    assert notices_send(incident_id=ready_case.pk, by=users["dpo"]).queued == 0
    flush_deliveries()
    flush_deliveries()
    sent = accepted()
    assert sorted(address for address, _mid, _subject in sent) == ["a@example.org", "b@example.org", "c@example.org"]
    by_address = {address: subject for address, _mid, subject in sent}
    notices = {n.language: n.frozen_subject for n in ready_case.notices.all()}
    assert by_address["b@example.org"] == notices["en"]
    assert by_address["c@example.org"] == notices["nn"]
    assert by_address["a@example.org"] == notices["nb"]
    # Each message carries its row's Message-ID, all different.
    assert {mid for _a, mid, _s in sent} == set(Delivery.objects.values_list("message_id", flat=True))
    counts = delivery_counts(ready_case.pk)
    assert counts.pop("by_channel")["email"] == {"total": 3, "sent": 3, "failed": 0}
    assert counts == {"total": 3, "queued": 0, "sent": 3, "failed": 0, "failed_unresolved": 0}
    assert all(d.sent_at for d in Delivery.objects.all())


def test_people_added_after_sending_are_sent_on_the_next_press(ready_case: Any, users: Any) -> None:
    add_people(ready_case, users["handler"], people(2))
    notices_send(incident_id=ready_case.pk, by=users["dpo"])
    recipient_add(incident_id=ready_case.pk, by=users["handler"], name="Ny", email="ny@example.org")
    assert notices_send(incident_id=ready_case.pk, by=users["dpo"]).queued == 1
    flush_deliveries()
    assert sorted(a for a, _m, _s in accepted()) == ["ny@example.org", "person0@example.org", "person1@example.org"]


def test_a_second_claim_of_the_same_rows_wins_nothing(ready_case: Any, users: Any) -> None:
    add_people(ready_case, users["handler"], people(3))
    notices_send(incident_id=ready_case.pk, by=users["dpo"])
    fulfil_send_orders()  # the task that writes the rows
    ids = list(Delivery.objects.values_list("pk", flat=True))
    assert claim(ids, timezone.now()) is not None
    assert send_batch(ids)["skipped"] == 3
    assert accepted() == []


def test_permanent_failure_is_recorded_without_the_address_and_not_retried(ready_case: Any, users: Any) -> None:
    add_people(ready_case, users["handler"], [["X", "bounce@example.org", "nb"], ["Y", "y@example.org", "nb"]])
    notices_send(incident_id=ready_case.pk, by=users["dpo"])
    flush_deliveries()
    failed = Delivery.objects.get(status=Delivery.Status.FAILED)
    assert failed.error.startswith("550") and "bounce@example.org" not in failed.error
    assert delivery_counts(ready_case.pk)["sent"] == 1
    flush_deliveries(now=timezone.now() + timedelta(days=1))
    assert len(accepted()) == 1 and failed.attempts == 1


def test_temporary_failure_is_retried_with_backoff(ready_case: Any, users: Any, flaky_smtp: Any) -> None:
    add_people(ready_case, users["handler"], [["L", "later@example.org", "nb"]])
    notices_send(incident_id=ready_case.pk, by=users["dpo"])
    flush_deliveries()
    row = Delivery.objects.get()
    assert row.status == Delivery.Status.QUEUED and row.error.startswith("451")
    assert row.available_at > timezone.now() + timedelta(seconds=20)
    flush_deliveries()  # not yet due
    assert Delivery.objects.get().attempts == 1
    flaky_smtp.healed = True
    flush_deliveries(now=row.available_at + timedelta(seconds=1))
    row.refresh_from_db()
    assert (row.status, row.attempts, row.error) == (Delivery.Status.SENT, 2, "")
    assert [a for a, _m, _s in accepted()] == ["later@example.org"]


def test_smtp_server_down_gives_the_batch_back(ready_case: Any, users: Any, flaky_smtp: Any) -> None:
    add_people(ready_case, users["handler"], people(5))
    notices_send(incident_id=ready_case.pk, by=users["dpo"])
    flaky_smtp.refuse_connection = True
    flush_deliveries()
    assert delivery_counts(ready_case.pk)["queued"] == 5
    assert set(Delivery.objects.values_list("error", flat=True)) == {
        "ConnectionRefusedError: [Errno 111] Connection refused"
    }
    flaky_smtp.refuse_connection = False
    flush_deliveries(now=timezone.now() + timedelta(hours=1))
    assert len(accepted()) == 5 and delivery_counts(ready_case.pk)["sent"] == 5


def test_a_dropped_connection_stops_the_batch_and_the_rest_is_sent_later(ready_case: Any, users: Any) -> None:
    add_people(
        ready_case,
        users["handler"],
        [["A", "a@example.org", "nb"], ["D", "drop@example.org", "nb"], ["B", "b@example.org", "nb"]],
    )
    notices_send(incident_id=ready_case.pk, by=users["dpo"])
    fulfil_send_orders()  # the task that writes the rows
    outcome = send_batch(list(Delivery.objects.values_list("pk", flat=True)))
    assert outcome == {"sent": 1, "failed": 0, "retry": 2, "skipped": 0}
    assert [a for a, _m, _s in accepted()] == ["a@example.org"]


def test_a_dead_workers_claim_is_taken_back_after_the_lease(ready_case: Any, users: Any) -> None:
    add_people(ready_case, users["handler"], people(4))
    notices_send(incident_id=ready_case.pk, by=users["dpo"])
    fulfil_send_orders()  # the task that writes the rows
    ids = list(Delivery.objects.values_list("pk", flat=True))
    claimed_at = timezone.now()
    claim(ids, claimed_at)  # ... and the worker is killed before sending anything
    flush_deliveries(now=claimed_at + CLAIM_LEASE - timedelta(seconds=1))
    assert accepted() == []  # the lease still runs: the worker may be alive
    flush_deliveries(now=claimed_at + CLAIM_LEASE + timedelta(seconds=1))
    assert sorted(a for a, _m, _s in accepted()) == [f"person{i}@example.org" for i in range(4)]


def test_failed_ones_can_be_retried_or_followed_up_and_then_the_case_completed(ready_case: Any, users: Any) -> None:
    from incidents.services.cases import incident_complete
    from incidents.workflow import State
    from notifications.services.notices import notices_ready_for_completion

    type(ready_case).objects.filter(pk=ready_case.pk).update(state=State.SUBJECT_NOTIFICATION)
    ready_case = type(ready_case).objects.get(pk=ready_case.pk)
    add_people(ready_case, users["handler"], [["X", "bounce@example.org", "nb"], ["Y", "y@example.org", "nb"]])
    assert notices_ready_for_completion(ready_case)  # nothing sent yet
    notices_send(incident_id=ready_case.pk, by=users["dpo"])
    flush_deliveries()
    assert notices_ready_for_completion(ready_case) == ["Varselet er ikke levert til alle mottakerne."]
    with pytest.raises(Conflict):
        incident_complete(incident=ready_case.pk, by=users["dpo"])

    assert deliveries_retry_failed(incident_id=ready_case.pk, by=users["dpo"]).queued == 1
    assert delivery_counts(ready_case.pk)["queued"] == 1
    flush_deliveries()
    assert delivery_counts(ready_case.pk)["failed"] == 1

    with pytest.raises(NotPermitted):
        deliveries_record_followup(incident_id=ready_case.pk, by=users["handler"], note="Brev sendt")
    assert deliveries_record_followup(incident_id=ready_case.pk, by=users["dpo"], note="Brev sendt i posten") == 1
    assert notices_ready_for_completion(ready_case) == []
    assert incident_complete(incident=ready_case.pk, by=users["dpo"]).state == State.FOLLOW_UP


def test_names_and_addresses_are_purged_after_retention_but_outcomes_stay(
    ready_case: Any, users: Any, settings: Any
) -> None:
    from incidents.services.cases import incident_complete
    from incidents.workflow import State

    settings.AVVIK_RECIPIENT_RETENTION_DAYS = 90
    type(ready_case).objects.filter(pk=ready_case.pk).update(state=State.SUBJECT_NOTIFICATION)
    add_people(ready_case, users["handler"], people(3))
    notices_send(incident_id=ready_case.pk, by=users["dpo"])
    flush_deliveries()
    done = incident_complete(incident=ready_case.pk, by=users["dpo"])
    completed = timezone.now()
    assert purge_recipients(now=completed + timedelta(days=89)) == 0
    assert purge_recipients(now=completed + timedelta(days=91)) == 3
    assert purge_recipients(now=completed + timedelta(days=92)) == 0
    assert set(Recipient.objects.filter(incident=done).values_list("name", "email", "email_key")) == {("", "", None)}
    assert delivery_counts(done.pk)["sent"] == 3
    assert not hasattr(Recipient, "history")  # no history table copies the addresses


def test_progress_api(ready_case: Any, users: Any, client: Any) -> None:
    add_people(ready_case, users["handler"], people(2))
    login(client, users["dpo"])
    answer = client.post(f"/api/v1/incidents/{ready_case.reference}/notices/send/", {}, content_type="application/json")
    assert answer.status_code == 202 and answer.json()["queued"] == 2
    again = client.post(f"/api/v1/incidents/{ready_case.reference}/notices/send/", {}, content_type="application/json")
    assert again.status_code == 202 and again.json()["queued"] == 0
    login(client, users["handler"])
    counts = client.get(f"/api/v1/incidents/{ready_case.reference}/deliveries/").json()
    assert {k: counts[k] for k in ("total", "queued", "sent", "failed")} == {
        "total": 2,
        "queued": 2,
        "sent": 0,
        "failed": 0,
    }
    forbidden = client.post(
        f"/api/v1/incidents/{ready_case.reference}/notices/send/", {}, content_type="application/json"
    )
    assert forbidden.status_code == 403


def test_send_api_is_409_before_approval(school_case: Any, users: Any, client: Any) -> None:
    login(client, users["dpo"])
    answer = client.post(
        f"/api/v1/incidents/{school_case.reference}/notices/send/", {}, content_type="application/json"
    )
    assert answer.status_code == 409 and answer.json()["detail"]


@pytest.mark.parametrize("name", ["", "Per Hansen", "Åse Ødegård", "  Kari   Nordmann "])
def test_the_message_built_once_per_batch_is_the_message_built_for_the_person(ready_case: Any, name: str) -> None:
    """The batch renders each notice once and fills in address, Message-ID and the greeting;
    what arrives must be what the full build gives that person, name and all."""
    from email import message_from_bytes, policy

    from notifications.models import Notice
    from notifications.services.delivery import BatchRender, notice_message

    notices = {n.pk: n for n in Notice.objects.filter(audience__incident=ready_case, approved_at__isnull=False)}
    fast = BatchRender(notices)
    for pk, notice in notices.items():
        raw = fast.render(pk, "ada@example.org", "<m1@example.org>", name)
        assert raw is not None, "plain names take the fast path"
        full = notice_message(notice, to="ada@example.org", name=name, message_id="<m1@example.org>").message()
        quick = message_from_bytes(raw, policy=policy.default)
        slow = message_from_bytes(full.as_bytes(linesep="\r\n"), policy=policy.default)  # as SMTP sends it
        for header in ("To", "Message-ID", "Subject", "From", "Reply-To", "Content-Language"):
            assert quick[header] == slow[header], header
        parts = [(p.get_content_type(), p.get_content()) for p in quick.walk() if not p.is_multipart()]
        assert parts == [(p.get_content_type(), p.get_content()) for p in slow.walk() if not p.is_multipart()]
        if name:
            assert " ".join(name.split()) in parts[0][1]


def test_a_name_that_html_would_change_gets_a_message_of_its_own(ready_case: Any) -> None:
    """Control: a name with characters the HTML part must escape is not pasted into both parts."""
    from notifications.models import Notice
    from notifications.services.delivery import BatchRender

    notices = {n.pk: n for n in Notice.objects.filter(audience__incident=ready_case, approved_at__isnull=False)}
    fast = BatchRender(notices)
    pk = next(iter(notices))
    assert fast.render(pk, "ada@example.org", "<m1@example.org>", "Tom & Jerry") is None
    assert fast.render(pk, "ada@example.org", "<m1@example.org>", "Tom Jerry") is not None
