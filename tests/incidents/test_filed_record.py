"""What was filed with Datatilsynet stays as it was filed (#14): each filing keeps its
document; later edits are the next follow-up's draft and are in the history; the page, the
print, the PDF and the API show each filing with its own time."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader
from rest_framework.test import APIClient

from accounts.models import User
from core.i18n import long_datetime
from incidents.models import AuthoritySubmission, Incident, Organisation
from tests.conftest import login
from tests.incidents.services.test_authority import organisation_profile_of_testvik, to_notification

FIRST_CAUSE = "Feil mottaker valgt i e-postklienten."
LATER_CAUSE = "En kollega la inn feil adresse i fagsystemet."


@pytest.fixture
def profile(users: dict[str, User]) -> Organisation:
    return organisation_profile_of_testvik(users["dpo"])


@pytest.fixture
def base() -> datetime:
    """When the case was reported: two days ago, on a whole minute (forms take minutes)."""
    return (timezone.now() - timedelta(days=2)).replace(second=0, microsecond=0)


@pytest.fixture
def case(make_incident: Callable[..., Any], users: dict[str, User], profile: Organisation, base: datetime) -> Incident:
    incident = make_incident(
        now=base, discovered_at=base - timedelta(minutes=30), immediate_measures="Bedt mottakeren slette e-posten."
    )
    return to_notification(incident, users["dpo"])


def local(moment: datetime) -> str:
    """What the browser's datetime-local field posts: Oslo wall-clock time."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def save_main_cause(client: Client, incident: Incident, text: str) -> None:
    answer = client.post(f"/avvik/{incident.reference}/datatilsynet/del/description/", {"description-main_cause": text})
    assert answer.status_code == 302, answer.content.decode()[:500]


def file_initial(client: Client, incident: Incident, at: datetime) -> None:
    answer = client.post(
        f"/avvik/{incident.reference}/datatilsynet/send/",
        {"submitted_at": local(at), "authority_reference": "AR-2026-1", "phased": "on"},
    )
    assert answer.status_code == 302, answer.content.decode()[:500]


def file_follow_up(client: Client, incident: Incident, at: datetime, text: str) -> None:
    answer = client.post(
        f"/avvik/{incident.reference}/datatilsynet/oppfolging/",
        {"submitted_at": local(at), "authority_reference": "AR-2026-2", "text": text},
    )
    assert answer.status_code == 302, answer.content.decode()[:500]


def pdf_text(client: Client, url: str) -> str:
    answer = client.get(url)
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(answer.content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_an_edit_after_filing_leaves_the_filed_document_as_it_was(
    case: Incident, users: dict[str, User], base: datetime
) -> None:
    dpo = login(Client(), users["dpo"])
    filed_at = base + timedelta(hours=2)
    save_main_cause(dpo, case, FIRST_CAUSE)
    file_initial(dpo, case, filed_at)
    save_main_cause(dpo, case, LATER_CAUSE)

    # The API: the filing's document is what was filed; the notification itself is the new draft.
    api = APIClient()
    api.force_authenticate(users["dpo"])
    data = api.get(f"/api/v1/incidents/{case.reference}/authority-notification/").json()
    [filing] = data["submissions"]
    assert filing["document"]["description"]["main_cause"] == FIRST_CAUSE
    assert filing["document"]["phased"] is True
    assert filing["document"]["controller"]["name"] == "Testvik kommune"
    assert data["description"]["main_cause"] == LATER_CAUSE

    # The PDF (by default the latest filing) shows the filed text under its own time.
    when = long_datetime(filed_at, weekday=False)
    for url in (f"/avvik/{case.reference}/datatilsynet/pdf/", f"/avvik/{case.reference}/datatilsynet/pdf/?melding=1"):
        text = pdf_text(dpo, url)
        assert FIRST_CAUSE in text and LATER_CAUSE not in text, url
        assert f"Sendt til Datatilsynet {when}" in text, url
    printed = dpo.get(f"/avvik/{case.reference}/datatilsynet/utskrift/").content.decode()
    assert FIRST_CAUSE in printed and LATER_CAUSE not in printed

    # The draft of the next follow-up prints as such, never as sent.
    draft = pdf_text(dpo, f"/avvik/{case.reference}/datatilsynet/pdf/?utkast=1")
    assert LATER_CAUSE in draft and "Utkast til oppfølgende melding – ikke sendt" in draft
    assert "Sendt til Datatilsynet" not in draft.split("Meldinger sendt til Datatilsynet")[0]

    # The page: the filing as filed, and the draft said to be a draft.
    page = dpo.get(f"/avvik/{case.reference}/datatilsynet/").content.decode()
    sent = section(page, "submissions-heading")
    assert FIRST_CAUSE in sent and LATER_CAUSE not in sent
    assert f"Meldingen slik den ble sendt {when}" in sent
    assert "Utkast til oppfølgende melding" in section(page, "draft-heading")

    # The history: who changed which field of the notification, from what to what.
    history = section(dpo.get(f"/avvik/{case.reference}/").content.decode(), "timeline-heading")
    assert "Utkastet til oppfølgende melding til Datatilsynet er endret" in history
    assert "Teksten i meldingen til Datatilsynet er endret" in history  # the edit before filing
    assert LATER_CAUSE in history and "Hovedårsak" in history
    assert users["dpo"].display_name in history


def test_each_filing_shows_its_own_time_and_document(case: Incident, users: dict[str, User], base: datetime) -> None:
    dpo = login(Client(), users["dpo"])
    first_at, second_at = base + timedelta(hours=2), base + timedelta(hours=30)
    save_main_cause(dpo, case, FIRST_CAUSE)
    file_initial(dpo, case, first_at)
    save_main_cause(dpo, case, LATER_CAUSE)
    file_follow_up(dpo, case, second_at, "Årsaken er nå kjent.")
    save_main_cause(dpo, case, "Enda en endring etter oppfølgingen.")

    first_when, second_when = long_datetime(first_at, weekday=False), long_datetime(second_at, weekday=False)
    first = pdf_text(dpo, f"/avvik/{case.reference}/datatilsynet/pdf/?melding=1")
    assert f"Sendt til Datatilsynet {first_when}" in first
    assert second_when not in first and "Årsaken er nå kjent." not in first
    assert FIRST_CAUSE in first and LATER_CAUSE not in first

    second = pdf_text(dpo, f"/avvik/{case.reference}/datatilsynet/pdf/?melding=2")
    assert f"Oppfølgende melding: Sendt til Datatilsynet {second_when}" in second
    assert LATER_CAUSE in second and FIRST_CAUSE not in second
    assert "Årsaken er nå kjent." in second and "Enda en endring" not in second
    assert first_when in second, "the filings before it are listed with their times"

    latest = pdf_text(dpo, f"/avvik/{case.reference}/datatilsynet/pdf/")
    assert f"Sendt til Datatilsynet {second_when}" in latest and "Enda en endring" not in latest

    documents = [s["document"] for s in _api(users["auditor"], case)]
    assert [d["description"]["main_cause"] for d in documents] == [FIRST_CAUSE, LATER_CAUSE]
    assert [len(d["submissions"]) for d in documents] == [0, 1]

    for bad in ("3", "0", "x", "²", "-1"):
        assert dpo.get(f"/avvik/{case.reference}/datatilsynet/pdf/?melding={bad}").status_code == 404, bad
        assert dpo.get(f"/avvik/{case.reference}/datatilsynet/utskrift/?melding={bad}").status_code == 404, bad


def _api(user: User, incident: Incident) -> list[dict[str, Any]]:
    client = APIClient()
    client.force_authenticate(user)
    answer = client.get(f"/api/v1/incidents/{incident.reference}/authority-notification/")
    assert answer.status_code == 200
    return list(answer.json()["submissions"])


def test_a_filed_document_cannot_be_changed(case: Incident, users: dict[str, User], base: datetime) -> None:
    from incidents.models import FiledDocumentChanged
    from incidents.services.authority import authority_draft_save, incident_submit

    authority_draft_save(incident=case, by=users["dpo"], texts={"main_cause": FIRST_CAUSE})
    incident_submit(incident=case, by=users["dpo"], submitted_at=base + timedelta(hours=1))
    submission = AuthoritySubmission.objects.get(incident=case)
    submission.document = {**submission.document, "consequences": "Omskrevet etterpå."}
    with pytest.raises(FiledDocumentChanged):
        submission.save()
    with pytest.raises(FiledDocumentChanged):
        AuthoritySubmission.objects.filter(pk=submission.pk).update(document={})
    stored = AuthoritySubmission.objects.get(pk=submission.pk)
    assert stored.document["description"]["main_cause"] == FIRST_CAUSE
    stored.authority_reference = "AR-rettet"
    stored.save()  # the rest of the row is not the filed document


def test_filings_made_before_the_field_get_their_snapshot(
    case: Incident, users: dict[str, User], base: datetime
) -> None:
    import importlib

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from incidents.services.authority import authority_draft_save, incident_add_follow_up, incident_submit

    authority_draft_save(incident=case, by=users["dpo"], texts={"main_cause": FIRST_CAUSE})
    incident_submit(incident=case, by=users["dpo"], submitted_at=base + timedelta(hours=1), late_reason="")
    incident_add_follow_up(incident=case, by=users["dpo"], submitted_at=base + timedelta(hours=3), text="Mer.")
    initial, follow_up = AuthoritySubmission.objects.filter(incident=case).order_by("submitted_at")
    # As a filing stored before this change looked: the snapshot in ``content`` only.
    old_snapshot = {key: value for key, value in initial.document.items() if key not in ("phased", "submissions")}
    old_snapshot["sections"] = [{k: v for k, v in s.items() if k != "fields"} for s in old_snapshot["sections"]]
    AuthoritySubmission.objects.filter(pk=initial.pk).update(content={"document": old_snapshot})
    from django.db.models import QuerySet

    QuerySet.update(AuthoritySubmission.objects.filter(pk__in=[initial.pk, follow_up.pk]), document={})
    authority_draft_save(incident=case, by=users["dpo"], texts={"main_cause": LATER_CAUSE})

    migration = importlib.import_module("incidents.migrations.0004_filed_submission_document")
    state = MigrationExecutor(connection).loader.project_state(("incidents", "0004_filed_submission_document"))
    migration.backfill_documents(state.apps, None)

    initial, follow_up = AuthoritySubmission.objects.filter(incident=case).order_by("submitted_at")
    assert initial.document["description"]["main_cause"] == FIRST_CAUSE, "the snapshot of the filing"
    assert initial.document["phased"] is False and initial.document["submissions"] == []
    assert follow_up.document["description"]["main_cause"] == LATER_CAUSE, "no snapshot: the document now"
    assert [s["kind"] for s in follow_up.document["submissions"]] == ["initial"]
    page = login(Client(), users["dpo"]).get(f"/avvik/{case.reference}/datatilsynet/utskrift/?melding=1")
    assert FIRST_CAUSE in page.content.decode() and LATER_CAUSE not in page.content.decode()
