"""Comments, the contact log and mentions on the case page (issue 19): who sees the forms,
what lands in the history, and what was typed is kept when something is refused."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.test import Client

from incidents.models import CaseNote, Incident
from incidents.services import cases
from notifications.models.outbox import OutboundEmail
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(users: dict[str, Any], make_incident: Any) -> Incident:
    incident = make_incident(by=users["reporter"])
    cases.incident_start(incident=incident, by=users["handler"])
    cases.incident_confirm(incident=incident, by=users["dpo"])
    return Incident.objects.get(pk=incident.pk)


def page_of(client: Client, case: Incident) -> str:
    return html.unescape(client.get(f"/avvik/{case.reference}/").content.decode())


def history_of(page: str) -> str:
    return page.split('id="timeline-heading"')[1].split("</section>")[0]


def test_the_handler_comments_and_mentions_the_dpo(users: dict[str, Any], case: Incident) -> None:
    handler = login(Client(), users["handler"])
    assert "Intern kommentar" in page_of(handler, case)
    handle = users["dpo"].email.split("@")[0]
    answer = handler.post(
        f"/avvik/{case.reference}/kommentar/",
        {"comment-text": f"@{handle} <b>Loggen</b> viser to oppslag."},
        follow=True,
    )
    page = html.unescape(answer.content.decode())
    assert answer.redirect_chain[-1][0].endswith(f"/avvik/{case.reference}/#note-{CaseNote.objects.get().pk}")
    assert f"Kommentaren er lagret. {users['dpo'].display_name} er varslet på e-post." in page
    assert "<b>Loggen</b> viser to oppslag." in history_of(page), "in the history, as typed"
    assert "&lt;b&gt;Loggen" in answer.content.decode(), "escaped, never markup"
    assert OutboundEmail.objects.filter(kind="comment_mention", to_address=users["dpo"].email).count() == 1

    management = page_of(login(Client(), users["management"]), case)
    assert "viser to oppslag" in history_of(management) and "Intern kommentar" not in management, "reads, no form"
    reporter = page_of(login(Client(), users["reporter"]), case)
    assert "viser to oppslag" not in reporter and "Intern kommentar" not in reporter


def test_a_refused_comment_keeps_what_was_typed(users: dict[str, Any], case: Incident, make_user: Any) -> None:
    outsider = make_user("handler", name="Per Utenfor")
    dpo = login(Client(), users["dpo"])
    typed = f"Viktig funn i loggen, @{outsider.email.split('@')[0]} bør se det."
    answer = dpo.post(f"/avvik/{case.reference}/kommentar/", {"comment-text": typed})
    assert answer.status_code == 400
    page = html.unescape(answer.content.decode())
    assert "Per Utenfor har ikke tilgang til denne saken og kan ikke nevnes." in page
    assert f"{typed}</textarea>" in page, "the text is still in the box"
    long = dpo.post(f"/avvik/{case.reference}/kommentar/", {"comment-text": "Ø" * 5_001})
    assert long.status_code == 400 and "Teksten kan være høyst 5 000 tegn. Nå er den 5 001." in long.content.decode()
    assert "Ø" * 5_001 + "</textarea>" in long.content.decode()
    assert not CaseNote.objects.exists()


def test_a_contact_is_entered_in_oslo_time_and_read_in_words(users: dict[str, Any], case: Incident) -> None:
    handler = login(Client(), users["handler"])
    answer = handler.post(
        f"/avvik/{case.reference}/kontakt/",
        {
            "contact-contacted": "forelderen",
            "contact-channel": "phone",
            "contact-contacted_at": "2026-03-04T20:40",
            "contact-text": "Har slettet den.",
        },
        follow=True,
    )
    page = html.unescape(answer.content.decode())
    assert "Kontakten er ført i kontaktloggen." in page
    assert "Kontakt: telefon med forelderen, 4. mars 2026 kl. 20:40" in history_of(page)

    refused = handler.post(
        f"/avvik/{case.reference}/kontakt/",
        {
            "contact-contacted": "leverandøren",
            "contact-channel": "",
            "contact-contacted_at": "i går",
            "contact-text": "Spurt om loggene.",
        },
    )
    assert refused.status_code == 400
    page = html.unescape(refused.content.decode())
    assert "Velg hvordan kontakten skjedde." in page and "Skriv dato og klokkeslett som dd.mm.åååå tt:mm." in page
    assert 'value="leverandøren"' in page and "Spurt om loggene.</textarea>" in page
    assert CaseNote.objects.count() == 1


def test_only_those_who_work_the_case_may_write_in_it(users: dict[str, Any], case: Incident) -> None:
    for role in ("reporter", "management", "auditor"):
        client = login(Client(), users[role])
        assert client.post(f"/avvik/{case.reference}/kommentar/", {"comment-text": "Hei"}).status_code == 403, role
        assert client.post(f"/avvik/{case.reference}/sporsmal/", {"question-text": "Hei"}).status_code == 403, role
    assert not CaseNote.objects.exists()
    # Control: the handler may.
    answer = login(Client(), users["handler"]).post(f"/avvik/{case.reference}/kommentar/", {"comment-text": "Hei"})
    assert answer.status_code == 302 and CaseNote.objects.count() == 1
