"""Sending notices through SvarUt, against the local SvarUt: one shipment per person, with
the national ID as digital address and the postal address for print; a retry after the
answer was lost sends nothing twice; the status is polled and a refused shipment becomes a
failure the DPO sees."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from incidents.models import Incident
from notifications.models import Channel, Delivery, Notice, Recipient
from notifications.services.delivery import CLAIM_LEASE, release_expired_claims
from notifications.services.shipments import flush_shipments, poll_shipments, send_shipments
from tests.fakes.svarut_server import FakeSvarUt, running
from tests.notifications.delivery_helpers import approve_notices

# Synthetic numbers with valid control digits (core's checks); never real people.
NATIONAL_IDS = ["01010012356", "15076500565", "17038500287"]


@pytest.fixture
def fake(settings: Any) -> Iterator[FakeSvarUt]:
    for item in running():
        settings.AVVIK_SVARUT_URL = item.url
        settings.AVVIK_SVARUT_USERNAME = item.username
        settings.AVVIK_SVARUT_PASSWORD = item.password
        yield item


@pytest.fixture
def shipments(school_case: Incident, users: dict[str, User]) -> list[Delivery]:
    approve_notices(school_case, users["dpo"])
    notice = Notice.objects.get(incident=school_case, language="nb", status=Notice.Status.APPROVED)
    rows = []
    for index, number in enumerate(NATIONAL_IDS):
        person = Recipient(
            incident=school_case,
            name=f"Person {index}",
            language="nb",
            address1=f"Skolegata {index + 1}",
            postcode="5003",
            place="Bergen",
        )
        person.set_national_id(number)
        person.save()
        rows.append(Delivery.objects.create(incident=school_case, notice=notice, recipient=person, channel="svarut"))
    return rows


def ids(rows: list[Delivery]) -> list[int]:
    return [row.pk for row in rows]


@pytest.mark.django_db
def test_each_person_gets_one_shipment_with_national_id_and_address(
    fake: FakeSvarUt, shipments: list[Delivery]
) -> None:
    outcome = send_shipments(ids(shipments))
    assert outcome["sent"] == 3
    assert sorted(item.national_id for item in fake.accepted) == sorted(NATIONAL_IDS)
    first = next(item for item in fake.accepted if item.national_id == NATIONAL_IDS[0])
    assert first.shipment["mottaker"]["postAdresse"] == {
        "navn": "Person 0",
        "adresse1": "Skolegata 1",
        "postNummer": "5003",
        "postSted": "Bergen",
    }
    assert first.files[0][1].startswith(b"%PDF-")
    for row in Delivery.objects.filter(pk__in=ids(shipments)):
        assert row.status == Delivery.Status.SENT and row.svarut_id and row.sent_at
    assert len(fake.by_reference()) == 3
    # Sending again sends nothing: the rows are no longer queued.
    assert send_shipments(ids(shipments))["skipped"] == 3
    assert len(fake.accepted) == 3


@pytest.mark.django_db
def test_a_lost_answer_is_found_by_reference_and_not_sent_again(fake: FakeSvarUt, shipments: list[Delivery]) -> None:
    fake.drop_after_accept = 1  # SvarUt takes the first shipment; the sender never hears back
    outcome = send_shipments(ids(shipments))
    assert outcome["retry"] == 1 and outcome["sent"] == 2
    assert len(fake.accepted) == 3
    lost = Delivery.objects.get(status=Delivery.Status.QUEUED)
    Delivery.objects.filter(pk=lost.pk).update(available_at=timezone.now())
    outcome = send_shipments([lost.pk])
    assert outcome["found"] == 1 and outcome["sent"] == 0
    assert len(fake.accepted) == 3  # not sent twice
    lost.refresh_from_db()
    assert lost.status == Delivery.Status.SENT
    from notifications.svarut import external_reference

    assert lost.svarut_id == fake.by_reference()[external_reference(lost.message_id)][0].id
    assert all(len(items) == 1 for items in fake.by_reference().values())


@pytest.mark.django_db
def test_a_dead_workers_shipments_come_back_after_the_lease_and_go_once(
    fake: FakeSvarUt, shipments: list[Delivery]
) -> None:
    from notifications.services.delivery import claim

    # A worker claimed all three, sent the first (SvarUt has it), and died before recording it.
    now = timezone.now()
    assert claim(ids(shipments), now, channel=Channel.SVARUT)
    assert Delivery.objects.filter(pk__in=ids(shipments), status=Delivery.Status.SENDING).count() == 3
    fake_first = shipments[0]
    from notifications import svarut

    client = svarut.Client(fake.url, fake.username, fake.password)
    client.send(
        svarut.Shipment(
            title="x",
            external_reference=svarut.external_reference(fake_first.message_id),
            address=svarut.PostalAddress(name="Person 0", place="Bergen"),
            pdf=b"%PDF-1.7\n",
        )
    )
    later = now + CLAIM_LEASE + timedelta(seconds=1)
    assert len(release_expired_claims(later)) == 3
    assert flush_shipments(later) == 3
    assert len(fake.accepted) == 3
    assert all(len(items) == 1 for items in fake.by_reference().values())
    assert Delivery.objects.filter(pk__in=ids(shipments), status=Delivery.Status.SENT).count() == 3


@pytest.mark.django_db
def test_a_refused_shipment_is_a_failure_and_svarut_down_is_tried_again(
    fake: FakeSvarUt, shipments: list[Delivery]
) -> None:
    fake.fail_next = [503, 400]
    outcome = send_shipments(ids(shipments))
    assert outcome == {"sent": 1, "found": 0, "failed": 1, "retry": 1, "skipped": 0}
    failed = Delivery.objects.get(status=Delivery.Status.FAILED)
    assert failed.error.startswith("SvarUt 400")
    waiting = Delivery.objects.get(status=Delivery.Status.QUEUED)
    assert waiting.available_at > timezone.now()  # backs off like an e-mail


@pytest.mark.django_db
def test_the_status_is_polled_and_stored_and_a_failed_delivery_is_recorded(
    fake: FakeSvarUt, shipments: list[Delivery]
) -> None:
    send_shipments(ids(shipments))
    assert poll_shipments() == 3
    statuses = set(Delivery.objects.filter(pk__in=ids(shipments)).values_list("svarut_status", flat=True))
    assert statuses == {"LEVERT_SDP"}
    assert poll_shipments() == 0  # final: not asked again
    # A shipment SvarUt later could not deliver.
    row = Delivery.objects.get(pk=shipments[1].pk)
    Delivery.objects.filter(pk=row.pk).update(svarut_status="SENDT_SDP", svarut_checked_at=None)
    fake.set_status(row.svarut_id, "IKKE_LEVERT")
    assert poll_shipments() == 1
    row.refresh_from_db()
    assert row.status == Delivery.Status.FAILED and row.svarut_status == "IKKE_LEVERT"


@pytest.mark.django_db
def test_no_national_id_in_urls_errors_or_stored_fields(fake: FakeSvarUt, shipments: list[Delivery]) -> None:
    fake.fail_next = [400]
    send_shipments(ids(shipments))
    poll_shipments()
    assert not [line for line in fake.request_lines if any(n in line for n in NATIONAL_IDS)]
    for row in Delivery.objects.filter(pk__in=ids(shipments)).values():
        assert not [value for value in row.values() if any(n in str(value) for n in NATIONAL_IDS)]


@pytest.mark.django_db
def test_without_svarut_configured_nothing_is_sent_and_nothing_is_lost(
    settings: Any, shipments: list[Delivery]
) -> None:
    settings.AVVIK_SVARUT_URL = ""
    assert flush_shipments() == 0
    assert send_shipments(ids(shipments))["retry"] == 3
    assert Delivery.objects.filter(pk__in=ids(shipments), status=Delivery.Status.QUEUED).count() == 3
