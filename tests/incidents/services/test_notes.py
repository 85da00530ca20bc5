"""Comments, the contact log and mentions (issue 19): who may write and read them, the
limits, append-only, and the e-mail a mention sends."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from core.errors import Conflict, Invalid, NotPermitted
from incidents.models import CaseNote, Incident, NoteChanged
from incidents.selectors.notes import mentionable_users, notes_for
from incidents.selectors.timeline import incident_timeline
from incidents.services import cases
from incidents.services.notes import comment_add, contact_log_add, find_mentions
from notifications.models.outbox import OutboundEmail

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")
AFFECTED = "Kari Nordmann"


@pytest.fixture
def case(users: dict[str, Any], make_incident: Any) -> Incident:
    """Reported by the reporter, worked by the handler, past the intake queue."""
    incident = make_incident(by=users["reporter"], description=f"Navnet til {AFFECTED} lå i vedlegget.")
    cases.incident_start(incident=incident, by=users["handler"])
    cases.incident_confirm(incident=incident, by=users["dpo"])
    return Incident.objects.get(pk=incident.pk)


def test_a_comment_is_written_by_those_who_work_the_case_and_read_by_staff(
    users: dict[str, Any], case: Incident
) -> None:
    written = comment_add(incident=case, by=users["handler"], text="  Sjekket loggen.  ")
    assert written.note.text == "Sjekket loggen." and written.note.kind == CaseNote.Kind.COMMENT
    for role in ("handler", "dpo", "management", "auditor"):
        assert list(notes_for(users[role], case)) == [written.note], role
    assert list(notes_for(users["reporter"], case)) == [], "a comment is internal"
    for role in ("reporter", "management", "auditor"):
        with pytest.raises(NotPermitted):
            comment_add(incident=case, by=users[role], text="Hei")
    assert CaseNote.objects.count() == 1


def test_a_comment_has_limits_in_words(users: dict[str, Any], case: Incident) -> None:
    too_long = ("x" * 5_001, "høyst 5 000 tegn. Nå er den 5 001")
    for text, words in (("   ", "må fylles ut"), too_long, ("a\x00b", "nulltegn")):
        with pytest.raises(Invalid) as refused:
            comment_add(incident=case, by=users["dpo"], text=text)
        assert words in refused.value.errors["text"][0]
    comment_add(incident=case, by=users["dpo"], text="x" * 5_000)  # the limit itself is allowed


def test_a_note_is_never_changed_and_a_closed_case_takes_none(users: dict[str, Any], case: Incident) -> None:
    note = comment_add(incident=case, by=users["dpo"], text="Første versjon.").note
    note.text = "Endret i ettertid."
    with pytest.raises(NoteChanged):
        note.save()
    assert CaseNote.objects.get(pk=note.pk).text == "Første versjon."

    dismissed = cases.incident_start(incident=_new_case(users), by=users["dpo"])
    cases.incident_dismiss(incident=dismissed, by=users["dpo"], reason="Ikke personopplysninger.")
    with pytest.raises(Conflict):
        comment_add(incident=dismissed, by=users["dpo"], text="For sent.")
    assert not dismissed.notes.exists()


def _new_case(users: dict[str, Any]) -> Incident:
    from incidents.services.cases import Report, incident_report

    return incident_report(
        by=users["reporter"],
        report=Report(title="Ny", description="Ny sak.", discovered_at=timezone.now() - timedelta(hours=1)),
    )


def test_a_mention_tells_a_colleague_who_may_see_the_case(users: dict[str, Any], case: Incident) -> None:
    dpo = users["dpo"]
    handle = dpo.email.split("@")[0]
    written = comment_add(incident=case, by=users["handler"], text=f"@{handle}, kan du se på dette? {AFFECTED}")
    assert written.told == [dpo] and list(written.note.mentioned.all()) == [dpo]
    mail = OutboundEmail.objects.get(kind="comment_mention")
    assert mail.to_address == dpo.email and case.reference in mail.subject
    assert users["handler"].display_name in mail.body_text, "who mentioned them"
    assert f"/avvik/{case.reference}/#note-{written.note.pk}" in mail.body_text, "a link to the comment"
    assert AFFECTED not in mail.body_text + mail.subject, "no personal data of the people affected"
    assert "kan du se" not in mail.body_text, "the comment itself stays in Avvik"
    page_words = [e.reason for e in incident_timeline(case)]
    assert any(dpo.display_name in words and "Nevnt" in words for words in page_words)


def test_a_mention_of_someone_who_may_not_see_the_case_refuses_the_comment(
    users: dict[str, Any], case: Incident, make_user: Any
) -> None:
    outsider = make_user("handler", name="Per Utenfor")
    text = f"@{outsider.email.split('@')[0]} bør vite om dette."
    with pytest.raises(Invalid) as refused:
        comment_add(incident=case, by=users["handler"], text=text)
    assert "Per Utenfor har ikke tilgang til denne saken" in refused.value.errors["text"][0]
    with pytest.raises(Invalid):
        comment_add(incident=case, by=users["handler"], text="Se her.", mention=[users["reporter"]])
    assert not CaseNote.objects.exists() and not OutboundEmail.objects.filter(kind="comment_mention").exists()
    assert outsider not in mentionable_users(case) and users["reporter"] not in mentionable_users(case)
    # Control: the same outsider, once assigned, is mentioned.
    cases.incident_assign(incident=case, by=users["dpo"], handler=outsider)
    assert comment_add(incident=case, by=users["dpo"], text=text).told == [outsider]


def test_an_unknown_handle_is_kept_as_text_and_said_so(users: dict[str, Any], case: Incident) -> None:
    written = comment_add(
        incident=case, by=users["handler"], text="Delt av @skolen_oslo på Instagram; sendt til ola@example.com."
    )
    assert written.told == [] and written.ignored == ["@skolen_oslo"], "an address in the text is no mention"
    assert not OutboundEmail.objects.filter(kind="comment_mention").exists()


def test_a_handle_that_fits_two_people_asks_for_the_whole_address(users: dict[str, Any], make_user: Any) -> None:
    make_user("dpo", email="kari@a.example.org")
    make_user("auditor", email="kari@b.example.org")
    with pytest.raises(Invalid) as refused:
        find_mentions("@kari")
    assert "Skriv hele e-postadressen" in refused.value.errors["text"][0]
    assert [u.email for u in find_mentions("@kari@b.example.org.").users] == ["kari@b.example.org"]


def test_a_comment_mentions_at_most_twenty(users: dict[str, Any], case: Incident) -> None:
    with pytest.raises(Invalid) as refused:
        comment_add(incident=case, by=users["dpo"], text=" ".join(f"@navn{n}" for n in range(21)))
    assert refused.value.errors["text"] == ["Nevn høyst 20 personer i én kommentar."]
    assert comment_add(incident=case, by=users["dpo"], text=" ".join(f"@navn{n}" for n in range(20))).told == []


def test_the_writer_is_not_told_of_their_own_mention(users: dict[str, Any], case: Incident) -> None:
    dpo = users["dpo"]
    written = comment_add(incident=case, by=dpo, text="Notat.", mention=[dpo])
    assert written.told == [] and not OutboundEmail.objects.filter(kind="comment_mention").exists()


def test_the_mention_email_reads_in_the_colleagues_language(users: dict[str, Any], case: Incident) -> None:
    dpo = users["dpo"]
    expected = {
        "nb": ("Du er nevnt i saken", "nevnte deg i en kommentar"),
        "nn": ("Du er nemnd i saka", "nemnde deg i ein kommentar"),
        "en": ("You were mentioned in case", "mentioned you in a comment"),
    }
    for language, (subject, body) in expected.items():
        dpo.language = language
        dpo.save(update_fields=["language"])
        comment_add(incident=case, by=users["handler"], text="Se her.", mention=[dpo])
        mail = OutboundEmail.objects.filter(kind="comment_mention").latest("pk")
        assert subject in mail.subject and body in mail.body_text, (language, mail.subject, mail.body_text)


def test_a_contact_is_logged_in_oslo_time_with_who_and_how(users: dict[str, Any], case: Incident) -> None:
    when = datetime(2026, 3, 4, 20, 40, tzinfo=OSLO)
    note = contact_log_add(
        incident=case,
        by=users["handler"],
        contacted="forelderen",
        channel="phone",
        contacted_at=when,
        text="Ringte forelderen, som har slettet e-posten.",
        now=when + timedelta(hours=1),
    )
    stored = CaseNote.objects.get(pk=note.pk).contacted_at
    assert stored == datetime(2026, 3, 4, 19, 40, tzinfo=ZoneInfo("UTC")), "stored in UTC"
    expected = {
        "nb": "Kontakt: telefon med forelderen, 4. mars 2026 kl. 20:40",
        "nn": "Kontakt: telefon med forelderen, 4. mars 2026 kl. 20:40",
        "en": "Contact: phone with forelderen, 4 March 2026 at 20:40",
    }
    for language, title in expected.items():
        with translation.override(language):
            event = next(e for e in incident_timeline(case) if e.anchor == f"note-{note.pk}")
        assert event.title == title, (language, event.title)
    assert "slettet e-posten" in event.reason
    assert list(notes_for(users["reporter"], case)) == [], "the contact log is internal"


def test_a_contact_is_refused_field_by_field(users: dict[str, Any], case: Incident) -> None:
    with pytest.raises(Invalid) as refused:
        contact_log_add(
            incident=case,
            by=users["handler"],
            contacted="",
            channel="fax",
            contacted_at=timezone.now() + timedelta(hours=2),
            text="x" * 5_001,
        )
    assert set(refused.value.errors) == {"contacted", "channel", "contacted_at", "text"}
    assert "fremtiden" in refused.value.errors["contacted_at"][0]
    with pytest.raises(NotPermitted):
        contact_log_add(
            incident=case,
            by=users["auditor"],
            contacted="leverandøren",
            channel="email",
            contacted_at=timezone.now(),
            text="Spurt om logger.",
        )
