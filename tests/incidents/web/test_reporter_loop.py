"""The reporter in the loop (issue 19): they add to their report until it is closed, are
told by e-mail when it is confirmed, dismissed (with the reason) and closed, and answer a
question from the DPO on their case page; their page links to nothing that refuses them."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client

from core.errors import Conflict, NotPermitted
from incidents.models import CaseNote, Incident
from incidents.services import cases
from incidents.services.reporter import reporter_addition_add, reporter_question_answer, reporter_question_ask
from notifications.models.outbox import OutboundEmail
from tests.conftest import login
from tests.worlds import conclude

pytestmark = pytest.mark.django_db
AFFECTED = "Kari Nordmann"
INTERNAL = "Leverandøren har ikke logget tilgangene."


@pytest.fixture
def case(users: dict[str, Any], make_incident: Any) -> Incident:
    incident = make_incident(by=users["reporter"], description=f"Journalen til {AFFECTED} ble sendt feil.")
    cases.incident_start(incident=incident, by=users["handler"])
    return Incident.objects.get(pk=incident.pk)


def speaking(user: Any, language: str) -> Any:
    """The user, with ``language`` chosen in their profile (their e-mails and pages)."""
    user.language = language
    user.save(update_fields=["language"])
    return user


def mail(kind: str) -> OutboundEmail:
    return OutboundEmail.objects.get(kind=kind)


# --- Told of the status -------------------------------------------------------------------

STATUS_WORDS = {
    "reporter_confirmed": {
        "nb": ("Avviket du meldte, er et brudd", "slått fast at det er et brudd"),
        "nn": ("Avviket du melde, er eit brot", "slått fast at det er eit brot"),
        "en": ("The incident you reported is a breach", "found that it is a personal data breach"),
    },
    "reporter_dismissed": {
        "nb": ("Avviket du meldte, er ikke et brudd", "Begrunnelse:"),
        "nn": ("Avviket du melde, er ikkje eit brot", "Grunngiving:"),
        "en": ("The incident you reported is not a breach", "Reason:"),
    },
    "reporter_closed": {
        "nb": ("Saken du meldte, er avsluttet", "er nå avsluttet"),
        "nn": ("Saka du melde, er avslutta", "er no avslutta"),
        "en": ("The case you reported is closed", "is now closed"),
    },
}


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_reporter_is_told_of_confirmation_and_closing_in_their_language(
    users: dict[str, Any], make_incident: Any, language: str
) -> None:
    reporter = speaking(users["reporter"], language)
    incident = make_incident(by=reporter, description=f"Journalen til {AFFECTED} ble sendt feil.")
    closed = conclude(incident, by=users["dpo"], risk_level="unlikely", justification=INTERNAL)
    cases.incident_close(incident=closed, by=users["dpo"], lessons_learned=INTERNAL)
    for kind in ("reporter_confirmed", "reporter_closed"):
        sent = mail(kind)
        subject, words = STATUS_WORDS[kind][language]
        assert sent.to_address == reporter.email and subject in sent.subject, (language, sent.subject)
        assert words in sent.body_text and incident.reference in sent.body_text, (language, sent.body_text)
        assert f"/avvik/{incident.reference}/" in sent.body_text
        for secret in (AFFECTED, INTERNAL, users["dpo"].email):
            assert secret not in sent.body_text + sent.subject, (kind, secret)


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_a_dismissal_tells_the_reporter_the_reason(users: dict[str, Any], case: Incident, language: str) -> None:
    speaking(users["reporter"], language)
    cases.incident_dismiss(incident=case, by=users["dpo"], reason="Opplysningene var anonyme.")
    sent = mail("reporter_dismissed")
    subject, words = STATUS_WORDS["reporter_dismissed"][language]
    assert subject in sent.subject and words in sent.body_text
    assert "Opplysningene var anonyme." in sent.body_text, "the reason, as the DPO wrote it"
    assert AFFECTED not in sent.body_text
    assert not OutboundEmail.objects.filter(kind="reporter_confirmed").exists()


def test_the_reporter_is_not_told_of_what_they_did_themselves(users: dict[str, Any], make_incident: Any) -> None:
    dpo = users["dpo"]
    own = make_incident(by=dpo)
    cases.incident_start(incident=own, by=dpo)
    cases.incident_confirm(incident=own, by=dpo)
    assert not OutboundEmail.objects.filter(kind__startswith="reporter_").exists()


# --- Additions ------------------------------------------------------------------------------


def test_the_reporter_adds_information_until_the_case_is_closed(users: dict[str, Any], case: Incident) -> None:
    reporter = login(Client(), users["reporter"])
    page = html.unescape(reporter.get(f"/avvik/{case.reference}/").content.decode())
    assert "Legg til opplysninger" in page
    answer = reporter.post(
        f"/avvik/{case.reference}/tillegg/", {"addition-text": "Det var to vedlegg, ikke ett."}, follow=True
    )
    page = html.unescape(answer.content.decode())
    assert "Takk. Opplysningene er lagt til meldingen din." in page
    history = page.split('id="timeline-heading"')[1]
    assert "Tillegg fra melderen" in history and "Det var to vedlegg, ikke ett." in history
    told = mail("reporter_addition")
    assert told.to_address == users["handler"].email and "Det var to vedlegg" not in told.body_text
    staff = html.unescape(login(Client(), users["handler"]).get(f"/avvik/{case.reference}/").content.decode())
    assert "Det var to vedlegg, ikke ett." in staff

    cases.incident_dismiss(incident=case, by=users["dpo"], reason="Ikke personopplysninger.")
    page = html.unescape(reporter.get(f"/avvik/{case.reference}/").content.decode())
    assert "Legg til opplysninger" not in page, "no form on a closed case"
    refused = reporter.post(f"/avvik/{case.reference}/tillegg/", {"addition-text": "Enda en ting."})
    assert refused.status_code == 409
    assert "Saken er avsluttet" in html.unescape(refused.content.decode())
    assert CaseNote.objects.filter(kind="addition").count() == 1


def test_only_the_reporter_adds_to_their_report(users: dict[str, Any], case: Incident, make_user: Any) -> None:
    with pytest.raises(NotPermitted):
        reporter_addition_add(incident=case, by=users["handler"], text="Fra saksbehandleren.")
    assert (
        login(Client(), users["dpo"]).post(f"/avvik/{case.reference}/tillegg/", {"addition-text": "x"}).status_code
        == 403
    )
    other = login(Client(), make_user("reporter"))
    assert other.post(f"/avvik/{case.reference}/tillegg/", {"addition-text": "x"}).status_code == 404
    empty = login(Client(), users["reporter"]).post(f"/avvik/{case.reference}/tillegg/", {"addition-text": "  "})
    assert empty.status_code == 400 and "Dette feltet må fylles ut." in html.unescape(empty.content.decode())
    assert not CaseNote.objects.exists()


# --- Questions and answers -----------------------------------------------------------------

QUESTION_WORDS = {
    "nb": ("Et spørsmål om avviket du meldte", "har et spørsmål til deg"),
    "nn": ("Eit spørsmål om avviket du melde", "har eit spørsmål til deg"),
    "en": ("A question about the incident you reported", "have a question for you"),
}

SEND_ANSWER = {"nb": "Send svaret", "nn": "Send svaret", "en": "Send the answer"}


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_dpo_asks_and_the_reporter_answers_on_their_page(
    users: dict[str, Any], case: Incident, language: str
) -> None:
    reporter_user = speaking(users["reporter"], language)
    dpo = login(Client(), users["dpo"])
    asked = dpo.post(f"/avvik/{case.reference}/sporsmal/", {"question-text": "Hvem fikk e-posten?"}, follow=True)
    assert "Spørsmålet er sendt." in html.unescape(asked.content.decode())
    question = CaseNote.objects.get(kind="question")

    sent = mail("reporter_question")
    subject, words = QUESTION_WORDS[language]
    assert sent.to_address == reporter_user.email and subject in sent.subject and words in sent.body_text
    assert "Hvem fikk e-posten?" not in sent.body_text, "the question is read in Avvik"

    reporter = login(Client(), reporter_user)
    page = html.unescape(reporter.get(f"/avvik/{case.reference}/").content.decode())
    assert "Hvem fikk e-posten?" in page and SEND_ANSWER[language] in page, "the page in their language"
    assert users["dpo"].display_name not in page, "staff are not named to the reporter"
    answer = reporter.post(
        f"/avvik/{case.reference}/svar/", {"question": question.pk, f"q{question.pk}-text": "Rektor på skolen."}
    )
    assert answer.status_code == 302
    assert mail("reporter_answer").to_address == users["dpo"].email
    staff = html.unescape(dpo.get(f"/avvik/{case.reference}/").content.decode())
    assert "Svar fra melderen" in staff and "Rektor på skolen." in staff
    page = html.unescape(reporter.get(f"/avvik/{case.reference}/").content.decode())
    assert SEND_ANSWER[language] not in page and "Rektor på skolen." in page


def test_a_question_is_answered_once_and_only_by_the_reporter(users: dict[str, Any], case: Incident) -> None:
    question = reporter_question_ask(incident=case, by=users["handler"], text="Når skjedde det?")
    with pytest.raises(NotPermitted):
        reporter_question_answer(incident=case, by=users["handler"], question_id=question.pk, text="I går.")
    with pytest.raises(NotPermitted):
        reporter_question_ask(incident=case, by=users["reporter"], text="Kan jeg spørre?")
    reporter_question_answer(incident=case, by=users["reporter"], question_id=question.pk, text="I går.")
    with pytest.raises(Conflict):
        reporter_question_answer(incident=case, by=users["reporter"], question_id=question.pk, text="Nei, i dag.")
    refused = login(Client(), users["reporter"]).post(
        f"/avvik/{case.reference}/svar/", {"question": "999999", "q999999-text": "Svar."}
    )
    assert refused.status_code == 409 and "Fant ikke spørsmålet" in html.unescape(refused.content.decode())
    assert CaseNote.objects.filter(kind="answer").count() == 1


# --- What the reporter's page links to -----------------------------------------------------


def links_on(page: str, reference: str) -> set[str]:
    return {href for href in re.findall(r'href="([^"#?]+)', page) if href.startswith(f"/avvik/{reference}/")}


def test_the_reporters_page_links_to_nothing_that_refuses_them(users: dict[str, Any], make_incident: Any) -> None:
    incident = make_incident(by=users["reporter"])
    decided = conclude(incident, by=users["dpo"])  # assessed: the staff page links to the assessment
    reporter = login(Client(), users["reporter"])
    links = links_on(reporter.get(f"/avvik/{decided.reference}/").content.decode(), decided.reference)
    refused = {link: reporter.get(link).status_code for link in links if reporter.get(link).status_code != 200}
    assert not refused, refused
    # Control: the DPO's page links to the assessment, which answers the reporter 403.
    staff_links = links_on(
        login(Client(), users["dpo"]).get(decided.get_absolute_url()).content.decode(), decided.reference
    )
    assessment = f"/avvik/{decided.reference}/vurdering/"
    assert assessment in staff_links and reporter.get(assessment).status_code == 403
