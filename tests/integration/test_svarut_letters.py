"""Issue #21, done when: 1,000 people known only by national ID and postal address are each
sent exactly one SvarUt shipment, with a worker SIGKILLed in the middle; the same list as
printed letters, each name and address in the envelope window; and in both, no national ID
in a log line, a page, a URL or a task's arguments, nor in the clear in the database.

Real PostgreSQL, Redis and Celery workers (with beat, as in production: nothing is re-sent
by the test's hand), and the local SvarUt of tests/fakes, which checks each request against
KS's published schema."""

from __future__ import annotations

import io
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from core import national_id
from incidents.models import Incident, Organisation
from notifications import svarut
from notifications.models import Channel, Delivery, LetterBatch, Recipient
from notifications.services.delivery import delivery_counts
from notifications.services.shipments import poll_shipments
from tests.conftest import login
from tests.fakes.svarut_server import FakeSvarUt, running
from tests.integration.conftest import Worker
from tests.integration.national_id_watch import Watch
from tests.notifications.delivery_helpers import csv_bytes
from tests.notifications.selectors.test_letters import box_in_window, in_window, pdf_lines, text_positions
from tests.notifications.services.test_national_id_recipients import HEADER, valid_number, with_one_digit_wrong
from tests.worlds import conclude, write_notice_facts

pytestmark = pytest.mark.integration

N = 1000
BAD_AT = [37 + 101 * j for j in range(10)]  # where the ten mistyped numbers sit in the file


def person(i: int) -> list[str]:
    return [f"Person {i}", "", "nb", valid_number(i), f"Storgata {i}", "", "0150", "Oslo", "NO", ""]


def files() -> tuple[bytes, bytes, list[str]]:
    """The file with ten mistyped numbers among the 1,000 (each with a wrong control digit),
    the good file, and the mistyped numbers."""
    good = [person(i) for i in range(N)]
    bad_numbers = [with_one_digit_wrong(valid_number(N - 1 - j)) for j in range(len(BAD_AT))]
    with_bad = list(good)
    for j, at in enumerate(BAD_AT):
        with_bad.insert(at, [f"Feil {j}", "", "nb", bad_numbers[j], "Feilgata 1", "", "0150", "Oslo", "NO", ""])
    return csv_bytes(with_bad, header=HEADER), csv_bytes(good, header=HEADER), bad_numbers


@pytest.fixture
def svarut_fake() -> Iterator[FakeSvarUt]:
    yield from running()


@pytest.fixture
def watch(tmp_path: Path) -> Iterator[Watch]:
    numbers = {valid_number(i) for i in range(N)} | set(files()[2])
    found = Watch(numbers=numbers, worker_log=tmp_path / "worker.log")
    found.start()
    yield found
    found.stop()


@dataclass
class World:
    """A case ready to be told about, what the test watches, and the workers' settings."""

    incident: Incident
    users: dict[str, Any]
    watch: Watch
    worker_env: dict[str, str]
    tmp_path: Path

    def worker(self, **env: str) -> Worker:
        self.worker_env.update(env)
        return Worker(self.worker_env, output=str(self.watch.worker_log), loglevel="info")


@pytest.fixture
def world(
    watch: Watch, worker_env: dict[str, str], users: dict[str, Any], make_incident: Any, settings: Any, tmp_path: Path
) -> World:
    # A key of this run's own for the national IDs (not the development key), in this
    # process and in the workers.
    key = Fernet.generate_key().decode()
    settings.AVVIK_NATIONAL_ID_KEYS = [key]
    worker_env.update(AVVIK_NATIONAL_ID_KEYS=key, AVVIK_DELIVERY_CHANNELS="")
    return World(ready_case(make_incident, users), users, watch, worker_env, tmp_path)


def wait_until(check: Any, timeout: float, every: float = 0.5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(every)
    return False


def ready_case(make_incident: Any, users: dict[str, Any]) -> Incident:
    org = Organisation.current()
    org.name, org.address = "Eksempel kommune", "Postboks 1\n0101 OSLO"
    org.save()
    incident = make_incident(immediate_measures="Vi har bedt mottakeren slette e-posten, og hun har gjort det.")
    conclude(incident, by=users["dpo"], risk_level="high")  # art. 34: the decision to tell the people comes first
    write_notice_facts(incident, users["dpo"])
    return incident


def import_approve_send(watch: Watch, incident: Incident, users: dict[str, Any], *, bad_file_first: bool) -> None:
    """The list through the API (the bad file first: refused, every bad row named, nothing
    imported), the notices approved and sent by the DPO."""
    with_bad, good, _bad = files()
    dpo = login(Client(), users["dpo"])
    url = f"/api/v1/incidents/{incident.reference}/recipients/"
    if bad_file_first:
        answer = watch.post(dpo, url, {"file": SimpleUploadedFile("mottakere.csv", with_bad)})
        assert answer.status_code == 400, answer.content
        errors = answer.json()["errors"]
        # Line numbers of the file: the header is line 1.
        assert [e["row"] for e in errors] == [at + 2 for at in BAD_AT]
        assert all("kontrollsifrene stemmer ikke" in e["message"] for e in errors), errors
        assert not Recipient.objects.filter(incident=incident).exists()
    answer = watch.post(dpo, url, {"file": SimpleUploadedFile("mottakere.csv", good)})
    assert (answer.status_code, answer.json()["imported"]) == (201, N)
    api = f"/api/v1/incidents/{incident.reference}/notices/"
    assert watch.post(dpo, api + "approve/", content_type="application/json").status_code == 200
    answer = watch.post(dpo, api + "send/", content_type="application/json")
    assert (answer.status_code, answer.json()["queued"]) == (202, N)


def look_at_pages(watch: Watch, incident: Incident, users: dict[str, Any]) -> None:
    """What the DPO sees of the case: the case page, the recipients and deliveries page (and
    its second page of the list), and the API's lists."""
    dpo = login(Client(), users["dpo"])
    for url in (
        f"/avvik/{incident.reference}/",
        f"/avvik/{incident.reference}/mottakere/",
        f"/avvik/{incident.reference}/mottakere/?side=2",
        f"/api/v1/incidents/{incident.reference}/deliveries/",
    ):
        assert watch.get(dpo, url).status_code == 200, url


def assert_no_national_id_anywhere(watch: Watch, svarut_fake: FakeSvarUt | None = None) -> None:
    """No national ID in what ``watch`` saw, nor in the database in the clear; and the scan
    is shown to find them where they must be."""
    request_lines = list(svarut_fake.request_lines) if svarut_fake else []
    assert watch.leaks(request_lines) == {}
    # The scan can find them: in the file that was uploaded, and in the column decrypted.
    assert len(watch.found_in(files()[0].decode())) == N + len(BAD_AT)
    stored = Recipient.objects.exclude(national_id_encrypted="")
    assert stored.count() == N
    assert {national_id.decrypt(token) for token in stored.values_list("national_id_encrypted", flat=True)} == {
        valid_number(i) for i in range(N)
    }
    # What was scanned is not empty: the worker logged, and tasks went through the broker
    # (with SvarUt, the worker's beat queued the shipments' tasks itself).
    assert watch.worker_log.read_text(encoding="utf-8").strip(), "the worker's log was not captured"
    assert watch.published, "no task message was recorded"
    if svarut_fake is not None:
        assert any('"notifications.send_shipments"' in line for line in watch.worker_published())


@pytest.mark.slow
def test_a_thousand_people_by_national_id_get_one_svarut_shipment_each_through_a_worker_crash(
    svarut_fake: FakeSvarUt, world: World, settings: Any
) -> None:
    started = time.monotonic()
    incident, users, watch, tmp_path = world.incident, world.users, world.watch, world.tmp_path
    account = {
        "AVVIK_SVARUT_URL": svarut_fake.url,
        "AVVIK_SVARUT_USERNAME": svarut_fake.username,
        "AVVIK_SVARUT_PASSWORD": svarut_fake.password,
    }
    for name, value in account.items():
        setattr(settings, name, value)
    worker = world.worker(**account)
    worker.start(beat_schedule=str(tmp_path / "beat-1"))
    try:
        # The shipment that brings SvarUt's count to 290 is taken, and its answer held back:
        # the worker is killed while SvarUt has a shipment it was never told the id of, in
        # the middle of a batch (25 a task) whose rest SvarUt has not seen.
        svarut_fake.hold_at = 290
        import_approve_send(watch, incident, users, bad_file_first=True)
        assert svarut_fake.held.wait(timeout=300), (len(svarut_fake.accepted), delivery_counts(incident.pk))
        worker.kill()
        svarut_fake.release.set()
        accepted_at_kill = len(svarut_fake.accepted)
        assert accepted_at_kill < N, "the worker finished before it could be killed"
        assert Delivery.objects.filter(incident=incident, channel=Channel.SVARUT).count() == N
        assert Delivery.objects.filter(status=Delivery.Status.SENDING).exists(), "killed while nothing was claimed"
        killed = time.monotonic()

        # A new worker with beat: the dead worker's rows come back when their lease runs out,
        # and each is looked up at SvarUt by its external reference before it is sent.
        worker.start(beat_schedule=str(tmp_path / "beat-2"))
        assert wait_until(lambda: delivery_counts(incident.pk)["sent"] == N, timeout=600), delivery_counts(incident.pk)
        recovered = time.monotonic() - killed
        # Nothing more arrives once every row is sent.
        assert wait_until(lambda: len(svarut_fake.accepted) == N, timeout=5)
        time.sleep(3)
    finally:
        worker.stop()

    counts = delivery_counts(incident.pk)
    assert (counts["total"], counts["queued"], counts["failed"]) == (N, 0, 0)
    assert counts["by_channel"][Channel.SVARUT] == {"total": N, "sent": N, "failed": 0}
    assert svarut_fake.refused == [], "a request did not match SvarUt's published schema"
    # Exactly one shipment per person, by external reference and by national ID: none lost,
    # none twice — the one held at the crash was found by its reference, not sent again.
    by_reference = svarut_fake.by_reference()
    rows = dict(Delivery.objects.filter(incident=incident).values_list("message_id", "svarut_id"))
    assert set(by_reference) == {svarut.external_reference(message_id) for message_id in rows}
    assert Counter(len(shipments) for shipments in by_reference.values()) == {1: N}
    assert Counter(item.national_id for item in svarut_fake.accepted) == dict.fromkeys(
        (valid_number(i) for i in range(N)), 1
    )
    assert {by_reference[svarut.external_reference(m)][0].id for m in rows} == set(rows.values())
    held = Delivery.objects.get(incident=incident, svarut_id=svarut_fake.held_id)
    assert held.attempts == 2, "the shipment held at the crash was not claimed again and found"
    looked_up = sum(line.startswith("GET ") and "/eksternref/" in line for line in svarut_fake.request_lines)
    assert looked_up >= 1, "no row was looked up by its reference after the crash"

    # The statuses come back: every letter reached a digital mailbox. The worker's beat asks
    # SvarUt every five minutes as well, so on a slow run it has asked about some already.
    known = Delivery.objects.filter(incident=incident, svarut_status="LEVERT_SDP").count()
    assert poll_shipments() == N - known
    assert Counter(Delivery.objects.filter(incident=incident).values_list("svarut_status", flat=True)) == {
        "LEVERT_SDP": N
    }

    look_at_pages(watch, incident, users)
    assert_no_national_id_anywhere(watch, svarut_fake)
    print(
        f"\nSvarUt: {N} people, {accepted_at_kill} shipments before the kill, {looked_up} looked up by reference, "
        f"everyone sent {recovered:.0f} s after the kill; test {time.monotonic() - started:.0f} s"
    )


@pytest.mark.slow
def test_the_same_thousand_as_printed_letters_each_address_in_the_envelope_window(world: World, settings: Any) -> None:
    started = time.monotonic()
    incident, users, watch = world.incident, world.users, world.watch
    # SvarUt not configured: people with a postal address get a printed letter.
    settings.AVVIK_SVARUT_URL = ""
    # The worker keeps the PDF where this process reads it (the private attachments storage).
    stored_in = settings.STORAGES["attachments"]["OPTIONS"]["location"]
    worker = world.worker(AVVIK_SVARUT_URL="", AVVIK_ATTACHMENT_DIR=stored_in)
    worker.start()
    try:
        import_approve_send(watch, incident, users, bad_file_first=False)
        # The worker writes a row per person, each a letter waiting to be printed.
        letters = Delivery.objects.filter(incident=incident, channel=Channel.LETTER, status=Delivery.Status.QUEUED)
        assert wait_until(lambda: letters.count() == N, timeout=120), delivery_counts(incident.pk)
        assert delivery_counts(incident.pk)["queued"] == N

        # The DPO makes the print run on the recipients page; a worker lays out its PDF
        # (never the web request), and the page says so until it is ready.
        dpo = login(Client(), users["dpo"])
        page = f"/avvik/{incident.reference}/mottakere/"
        made = time.monotonic()
        assert watch.post(dpo, page + "brev/").status_code == 302
        batch = LetterBatch.objects.get(incident=incident)
        assert batch.count == N
        assert "PDF-en lages" in watch.get(dpo, page).content.decode()
        ready = wait_until(
            lambda: LetterBatch.objects.filter(pk=batch.pk, pdf_status=LetterBatch.Pdf.READY).exists(), timeout=900
        )
        assert ready, LetterBatch.objects.get(pk=batch.pk).pdf_status
        rendered = time.monotonic() - made
    finally:
        worker.stop()
    assert "Klar: last ned PDF" in watch.get(dpo, page).content.decode()
    response = watch.get(dpo, f"{page}brev/{batch.pk}.pdf")
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert "no-store" in response["Cache-Control"]
    pdf = b"".join(response.streaming_content)

    # Every page: poppler reads each line's box, in one process for the whole file.
    checked = time.monotonic()
    pages = pdf_lines(pdf)
    assert len(pages) == N
    told: Counter[str] = Counter()
    for page_number, lines in enumerate(pages):
        names = [text for text, *_box in lines if text.startswith("Person ") and box_in_window(lines, text)]
        assert len(names) == 1, (page_number, names)
        i = int(names[0].split()[1])
        for line in (f"Storgata {i}", "0150 OSLO"):
            assert box_in_window(lines, line), (page_number, line)
        told[names[0]] += 1
    assert told == {f"Person {i}": 1 for i in range(N)}
    watch.pages["the printed letters"] = "\n".join(" ".join(text for text, *_box in lines) for lines in pages)
    # A sample read the other way (pypdf, where each piece of text starts) agrees.
    reader = PdfReader(io.BytesIO(pdf))
    for page_number in range(0, N, 100):
        positions = text_positions(reader.pages[page_number])
        names = [text for text, _x, _y in positions if text.startswith("Person ") and in_window(positions, text)]
        assert names == [f"Person {int(names[0].split()[1])}"] and in_window(positions, "0150 OSLO"), page_number
    pdf_checked = time.monotonic() - checked

    # The DPO records the posting: those people are told.
    posted = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    assert watch.post(dpo, f"{page}brev/{batch.pk}/postlagt/", {"posted_at": posted}).status_code == 302
    counts = delivery_counts(incident.pk)
    assert counts["by_channel"][Channel.LETTER] == {"total": N, "sent": N, "failed": 0}
    assert counts["by_channel"][Channel.SVARUT]["total"] == 0

    look_at_pages(watch, incident, users)
    assert_no_national_id_anywhere(watch)
    print(
        f"\nletters: {N} pages made by a worker in {rendered:.1f} s, positions read in {pdf_checked:.1f} s; "
        f"test {time.monotonic() - started:.0f} s"
    )
