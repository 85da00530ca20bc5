"""The case's history records what is done to it, by whom, in words in the reader's language
(#14): approving a notice, importing recipients, sending, publishing, updating and
withdrawing the public notice, rewording the notification to Datatilsynet — never a stored
code such as ``follow_up`` or ``human_error``."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from incidents.models import Incident, Organisation
from incidents.services.assessment import Decision, assessment_save_facts, incident_conclude
from incidents.services.cases import incident_confirm, incident_start
from notifications.rules.notice_texts import PARTS
from notifications.services.notices import FIELDS, notice_new_version, notice_save_drafts
from tests.conftest import login
from tests.incidents.services.test_authority import FACTS, organisation_profile_of_testvik, to_notification
from tests.worlds import write_notice_facts

# What each event is called in the history, in bokmål and in English.
LABELS = {
    "authority_text": (
        "Teksten i meldingen til Datatilsynet er endret",
        "The text of the notification to Datatilsynet was changed",
    ),
    "submit": ("Melding til Datatilsynet registrert", "Notification to Datatilsynet registered"),
    "follow_up": ("Oppfølgende melding til Datatilsynet registrert", "Follow-up notification to Datatilsynet recorded"),
    "approved": ("Varselet til de berørte er godkjent", "The notice to the people affected was approved"),
    "imported": ("Mottakere er lest inn fra fil", "Recipients were imported from a file"),
    "sent": ("Varsler er sendt til de berørte", "Notices were sent to the people affected"),
}
PUBLIC_LABELS = {
    "published": ("Den offentlige kunngjøringen er publisert", "The public notice was published"),
    "updated": ("Den offentlige kunngjøringen er oppdatert", "The public notice was updated"),
    "withdrawn": ("Den offentlige kunngjøringen er trukket tilbake", "The public notice was withdrawn"),
    "closed": ("Avslutt saken", "Close the case"),
    "cause": ("Menneskelig feil", "Human error"),
}
CODES = ("follow_up", "human_error", "notice_approved", "recipients_imported", "public_notice", "authority_text")


@pytest.fixture
def dpo(make_user: Callable[..., User]) -> User:
    return make_user("dpo", name="Dina Ombud")


@pytest.fixture
def profile(dpo: User) -> Organisation:
    return organisation_profile_of_testvik(dpo)


CORRECTED_SUBJECTS = {
    "nb": "Rettet: feil i utsendingen av elevlisten",
    "nn": "Retta: feil i utsendinga av elevlista",
    "en": "Corrected: the pupil list went to the wrong people",
}


def texts(subject: str = "Feil i utsending av elevliste") -> dict[str, dict[str, str]]:
    return {
        language: {"subject": subject, **{part: f"Tekst for {part} ({language})." for part in PARTS}}
        for language in ("nb", "nn", "en")
    }


def local(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def history(client: Client, incident: Incident) -> str:
    page = client.get(f"/avvik/{incident.reference}/").content.decode()
    start = page.index('id="timeline-heading"')
    return html.unescape(page[start : page.index("</section>", start)])


def entries(timeline: str) -> list[str]:
    return [re.sub(r"\s+", " ", item) for item in re.findall(r"<li>(.*?)</li>\s*(?=<li>|</ol>)", timeline, re.S)]


def assert_in_words(
    client: Client, incident: Incident, labels: dict[str, tuple[str, str]], who: str, index: int
) -> None:
    timeline = history(client, incident)
    items = entries(timeline)
    for key, words in labels.items():
        label = words[index]
        assert label in timeline, f"{key}: «{label}» missing from the history"
        if key != "cause":
            assert any(label in item and who in item for item in items), f"{key}: no acting user with «{label}»"
    for code in CODES:
        assert code not in timeline, f"the code {code} is shown in the history"


def test_every_step_of_telling_people_is_in_the_history_in_words(
    make_incident: Callable[..., Any], dpo: User, profile: Organisation
) -> None:
    base = timezone.now() - timedelta(days=1)
    incident = to_notification(make_incident(now=base, immediate_measures="Bedt mottakeren slette e-posten."), dpo)
    web = login(Client(), dpo)
    api = APIClient()
    api.force_authenticate(dpo)

    answer = web.post(
        f"/avvik/{incident.reference}/datatilsynet/del/description/",
        {"description-main_cause": "Feil mottaker valgt i e-postklienten."},
    )
    assert answer.status_code == 302
    answer = web.post(
        f"/avvik/{incident.reference}/datatilsynet/send/",
        {"submitted_at": local(base + timedelta(hours=2)), "phased": "on"},
    )
    assert answer.status_code == 302
    answer = web.post(
        f"/avvik/{incident.reference}/datatilsynet/oppfolging/",
        {"submitted_at": local(base + timedelta(hours=5)), "text": "Antallet er 40."},
    )
    assert answer.status_code == 302
    write_notice_facts(incident, dpo)
    assert api.post(f"/api/v1/incidents/{incident.reference}/notices/approve/", {}, format="json").status_code == 200
    upload = SimpleUploadedFile("mottakere.csv", b"name,email,language\nAda,ada@example.org,nb\nBo,bo@example.org,en\n")
    answer = api.post(f"/api/v1/incidents/{incident.reference}/recipients/", {"file": upload}, format="multipart")
    assert answer.status_code == 201, answer.content
    assert web.post(f"/avvik/{incident.reference}/mottakere/send/", {"expected": 2}).status_code == 302

    assert_in_words(web, incident, LABELS, "Dina Ombud", 0)
    timeline = history(web, incident)
    assert "2 mottakere lagt inn." in timeline and "2 varsler lagt i kø for sending." in timeline
    assert "ada@example.org" not in timeline and "Ada" not in timeline, "no affected person in the history"

    User.objects.filter(pk=dpo.pk).update(language="en")
    english = login(Client(), User.objects.get(pk=dpo.pk))
    assert_in_words(english, incident, LABELS, "Dina Ombud", 1)
    timeline = history(english, incident)
    assert "2 recipients added." in timeline and "Godkjent" not in timeline and "lagt inn" not in timeline


def test_the_public_notice_and_closing_are_in_the_history_in_words(
    make_incident: Callable[..., Any], dpo: User, profile: Organisation
) -> None:
    incident = make_incident()
    incident_start(incident=incident, by=dpo)
    incident_confirm(incident=incident, by=dpo)
    assessment_save_facts(incident=incident, by=dpo, facts=FACTS)
    incident_conclude(
        incident=incident,
        by=dpo,
        decision=Decision(
            notify_authority=False,
            notify_data_subjects=False,
            exemption="34_3_c",
            justification="Vi har ikke adressene til dem som er berørt.",
        ),
    )
    web = login(Client(), dpo)
    api = APIClient()
    api.force_authenticate(dpo)
    write_notice_facts(incident, dpo)
    assert api.post(f"/api/v1/incidents/{incident.reference}/notices/approve/", {}, format="json").status_code == 200
    assert web.post(f"/avvik/{incident.reference}/varsel/kunngjoring/publish/", {"note": ""}).status_code == 302
    for language, subject in CORRECTED_SUBJECTS.items():
        draft = notice_new_version(incident=incident, by=dpo, language=language)
        written = {name: getattr(draft, name) for name in FIELDS}
        notice_save_drafts(incident=incident, by=dpo, texts={language: written | {"subject": subject}})
    assert api.post(f"/api/v1/incidents/{incident.reference}/notices/approve/", {}, format="json").status_code == 200
    answer = web.post(f"/avvik/{incident.reference}/varsel/kunngjoring/publish/", {"note": "Rettet emnet."})
    assert answer.status_code == 302
    incident.refresh_from_db()
    answer = web.post(f"/avvik/{incident.reference}/handling/complete/", {"row_version": incident.row_version})
    assert answer.status_code == 302
    answer = web.post(f"/avvik/{incident.reference}/varsel/kunngjoring/withdraw/", {"reason": "Saken er avklart."})
    assert answer.status_code == 302
    incident.refresh_from_db()
    answer = web.post(
        f"/avvik/{incident.reference}/handling/close/",
        {
            "root_cause": "human_error",
            "root_cause_detail": "",
            "lessons_learned": "Vi sjekker mottakerlisten før utsending.",
            "row_version": incident.row_version,
        },
    )
    assert answer.status_code == 302
    assert Incident.objects.get(pk=incident.pk).state == "closed"

    assert_in_words(web, incident, PUBLIC_LABELS, "Dina Ombud", 0)
    timeline = history(web, incident)
    assert "Rettet emnet." in timeline and "Saken er avklart." in timeline and "Versjon 2." in timeline
    User.objects.filter(pk=dpo.pk).update(language="en")
    assert_in_words(login(Client(), User.objects.get(pk=dpo.pk)), incident, PUBLIC_LABELS, "Dina Ombud", 1)


def test_an_unknown_stored_value_is_never_shown_as_a_code(make_incident: Callable[..., Any], dpo: User) -> None:
    from incidents.selectors.timeline import incident_timeline

    incident = make_incident()
    Incident.objects.filter(pk=incident.pk).update(root_cause="from_an_old_version")
    incident = Incident.objects.get(pk=incident.pk)
    incident.title = "Ny tittel"
    incident._history_user = dpo  # type: ignore[attr-defined]
    incident._transition = "a_step_from_an_old_version"  # type: ignore[attr-defined]
    incident.save()
    events = incident_timeline(incident)
    assert events[-1].title == "Saken er endret"
    words = " ".join(f"{e.title} {[(c.label, c.old, c.new) for c in e.changes]}" for e in events)
    assert "old_version" not in words


@pytest.mark.django_db
def test_an_email_written_in_bulk_is_named_in_the_history_before_it_is_sent(
    make_incident: Callable[..., Incident], users: dict[str, User]
) -> None:
    from incidents import hooks
    from incidents.selectors.timeline import incident_timeline

    incident = make_incident()
    hooks.queue_staff_emails(
        [
            hooks.StaffEmail(
                kind=kind,
                to_address=users["dpo"].email,
                template="notifications/email/follow_up_owed",
                language="nb",
                incident_id=incident.pk,
                recipient_id=users["dpo"].pk,
            )
            for kind in ("follow_up_owed", "something_new")
        ]
    )
    titles = [e.title for e in incident_timeline(incident) if e.kind == "email"]
    assert "E-post: oppfølgende melding til Datatilsynet gjenstår" in titles
    assert "E-post" in titles  # a kind without a label, and no subject yet
    assert "E-post: " not in titles
