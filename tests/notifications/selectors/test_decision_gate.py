"""Art. 34: the people affected are told only after the DPO has decided to tell them. Before
that decision — a case still reported, in triage or at the assessment, a case decided not to
tell them, a case back at the assessment — notices are neither approved, nor sent, nor
published: the API answers 409 with the reason in words, the pages say why and offer no
button."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client

from accounts.models import ApiToken
from core.errors import Conflict
from incidents.models import Incident
from incidents.services.cases import incident_reassess
from notifications.models import Notice, PublicNotice
from notifications.selectors.rendering import default_texts
from notifications.services import notices as services
from notifications.services.delivery import Delivery, SendOrder, fulfil_send_orders, notices_send
from notifications.services.recipient_import import import_recipients
from tests.conftest import login
from tests.notifications.delivery_helpers import csv_bytes, people
from tests.worlds import FACTS_BY_LEVEL, write_notice_facts

pytestmark = pytest.mark.django_db

BEFORE_DECISION = "før personvernombudet har besluttet at de skal varsles"


@pytest.fixture(autouse=True)
def _embedded(settings: Any) -> None:
    settings.CELERY_BROKER_URL = ""


@pytest.fixture
def reported(make_incident: Any, organisation: Any, users: Any) -> Incident:
    """A high-risk case as it comes in, still `reported`: notices drafted, 5 people listed."""
    incident = make_incident(
        title="E-post med elevliste sendt til feil mottaker",
        data_categories=("basic", "national_id"),
        immediate_measures="Vi har bedt mottakeren slette e-posten.",
        approx_subjects=5,
    )
    services.notice_save_drafts(incident=incident, by=users["dpo"], texts={})
    write_notice_facts(incident, users["dpo"])  # the drafts, in the case's words in each language
    data = csv_bytes(people(5))
    import_recipients(incident_id=incident.pk, by=users["dpo"], file=io.BytesIO(data), size=len(data))
    return incident


def _api(user: Any) -> Client:
    _token, key = ApiToken.issue(user)
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def _approved() -> int:
    return Notice.objects.filter(status=Notice.Status.APPROVED).count()


def _conclude_through_the_api(dpo: Client, reference: str, **decision: Any) -> None:
    base = f"/api/v1/incidents/{reference}/"
    for name in ("start", "confirm"):
        assert dpo.post(f"{base}transitions/{name}/", {}, content_type="application/json").status_code == 200
    facts = dpo.put(f"{base}assessment/", FACTS_BY_LEVEL["high"], content_type="application/json")
    assert facts.status_code == 200
    body = {"notify_authority": True, "notify_data_subjects": True, "exemption": None, "justification": "", **decision}
    assert dpo.post(f"{base}transitions/conclude/", body, content_type="application/json").status_code == 200


def test_api_refuses_approve_and_send_before_the_decision(reported: Incident, users: Any) -> None:
    dpo = _api(users["dpo"])
    base = f"/api/v1/incidents/{reported.reference}/notices/"
    approve = dpo.post(f"{base}approve/", {}, content_type="application/json")
    assert approve.status_code == 409, approve.content
    assert BEFORE_DECISION in approve.json()["detail"]
    send = dpo.post(f"{base}send/", {}, content_type="application/json")
    assert send.status_code == 409 and BEFORE_DECISION in send.json()["detail"]
    assert _approved() == 0, "nothing approved"
    assert not Delivery.objects.exists() and not SendOrder.objects.exists(), "nobody told"

    _conclude_through_the_api(dpo, reported.reference)
    assert dpo.post(f"{base}approve/", {}, content_type="application/json").status_code == 200
    sent = dpo.post(f"{base}send/", {}, content_type="application/json")
    assert sent.status_code == 202 and sent.json()["queued"] == 5


def test_api_refuses_when_the_decision_is_not_to_tell_the_people(reported: Incident, users: Any) -> None:
    dpo = _api(users["dpo"])
    _conclude_through_the_api(
        dpo, reported.reference, notify_data_subjects=False, justification="Mottakeren har slettet e-posten."
    )
    answer = dpo.post(f"/api/v1/incidents/{reported.reference}/notices/approve/", {}, content_type="application/json")
    assert answer.status_code == 409
    assert "ikke skal varsles" in answer.json()["detail"]
    assert _approved() == 0


def test_pages_offer_no_button_and_refuse_before_the_decision(reported: Incident, users: Any) -> None:
    dpo = login(Client(), users["dpo"])
    editor_url = f"/avvik/{reported.reference}/varsel/"
    editor = dpo.get(editor_url).content.decode()
    assert 'value="approve"' not in editor and BEFORE_DECISION in editor
    case_page = dpo.get(reported.get_absolute_url()).content.decode()
    assert "5 mottakere på listen" in case_page
    assert "Send varslene" not in case_page and BEFORE_DECISION in case_page

    # Posting anyway (an old page, a crafted form) is refused with the reason.
    form = {
        f"{language}-{name}": value
        for language in ("nb", "nn", "en")
        for name, value in default_texts(reported, None, language).items()
    }
    refused = dpo.post(editor_url, {**form, "action": "approve"}, follow=True).content.decode()
    assert BEFORE_DECISION in refused and _approved() == 0
    refused = dpo.post(f"/avvik/{reported.reference}/mottakere/send/", {"expected": 5}, follow=True).content.decode()
    assert BEFORE_DECISION in refused and not Delivery.objects.exists() and not SendOrder.objects.exists()

    _conclude_through_the_api(_api(users["dpo"]), reported.reference)
    editor = dpo.get(editor_url).content.decode()
    assert 'value="approve"' in editor and BEFORE_DECISION not in editor
    done = dpo.post(editor_url, {**form, "action": "approve"}, follow=True).content.decode()
    assert "godkjent på alle språk" in done and _approved() == 3
    assert "Send varslene" in dpo.get(reported.get_absolute_url()).content.decode()
    sent = dpo.post(f"/avvik/{reported.reference}/mottakere/send/", {"expected": 5}, follow=True).content.decode()
    assert "5 varsler er lagt i kø" in sent
    fulfil_send_orders()  # the task that writes the rows
    assert Delivery.objects.count() == 5


def test_a_public_notice_decision_allows_approval_and_publishing_but_not_e_mail(
    reported: Incident, users: Any, decide: Any
) -> None:
    dpo = users["dpo"]
    with pytest.raises(Conflict, match=BEFORE_DECISION):
        services.public_notice_publish(incident=reported, by=dpo)
    decide(reported, exemption="34_3_c")
    services.notice_approve(incident=reported, by=dpo)
    services.public_notice_publish(incident=reported, by=dpo)
    assert PublicNotice.objects.get(incident=reported).is_published
    with pytest.raises(Conflict, match="offentlig kunngjøring"):
        notices_send(incident_id=reported.pk, by=dpo)
    assert not Delivery.objects.exists() and not SendOrder.objects.exists()


def test_back_at_the_assessment_nothing_goes_out_until_decided_again(
    reported: Incident, users: Any, decide: Any
) -> None:
    dpo = users["dpo"]
    decide(reported, risk_level="high")
    services.notice_approve(incident=reported, by=dpo)
    incident_reassess(incident=reported, by=dpo, reason="Flere elever er berørt.")
    with pytest.raises(Conflict, match=BEFORE_DECISION):
        notices_send(incident_id=reported.pk, by=dpo)
    with pytest.raises(Conflict, match=BEFORE_DECISION):
        services.notice_approve(incident=reported, by=dpo)
    assert not Delivery.objects.exists() and not SendOrder.objects.exists()
    decide(reported, risk_level="high")
    assert notices_send(incident_id=reported.pk, by=dpo).queued == 5
