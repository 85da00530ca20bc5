"""A realistic case for the notice tests: a class list with national ID numbers sent to
the wrong parent; high risk; the DPO decided to tell the pupils' parents."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from incidents.models import Assessment, Incident, Organisation
from incidents.selectors.cases import latest_decision
from incidents.services.cases import incident_start
from tests.worlds import conclude, write_notice_facts


@pytest.fixture
def organisation(db: None) -> Organisation:
    org = Organisation.current()
    org.name = "Eksempel kommune"
    org.contact_name = "Kari Nordmann"
    org.contact_email = "personvern@eksempel.kommune.no"
    org.contact_phone = "22 33 44 55"
    org.save()
    return org


@pytest.fixture
def decide(users: dict[str, User]) -> Callable[..., Assessment]:
    """The DPO concludes the case (art. 34: the people are told only after that decision),
    through the services, as on the assessment page; a case already decided is reassessed
    and decided again."""

    def make(incident: Incident, *, risk_level: str = "high", exemption: str = "", **changes: Any) -> Assessment:
        if exemption and "justification" not in changes:
            changes["justification"] = "Vi har ikke kontaktopplysninger til alle."
        conclude(incident, by=users["dpo"], risk_level=risk_level, exemption=exemption or None, **changes)
        decision = latest_decision(incident)
        assert decision is not None
        return decision

    return make


@pytest.fixture
def school_case(
    make_incident: Callable[..., Incident], organisation: Organisation, decide: Any, users: dict[str, User]
) -> Incident:
    now = timezone.now()
    incident = make_incident(
        title="E-post med elevliste sendt til feil mottaker",
        description="En lærer sendte en liste med navn og fødselsnummer til 31 elever til en forelder.",
        occurred_at=now - timedelta(days=2),
        discovered_at=now - timedelta(days=1),
        breach_types=("confidentiality",),
        data_categories=("basic", "national_id"),
        approx_subjects=31,
        immediate_measures="Vi har bedt mottakeren slette e-posten. Hun har svart at den er slettet.",
    )
    incident_start(incident=incident, by=users["handler"])  # the handler works the case
    decide(incident, risk_level="high")
    write_notice_facts(incident, users["dpo"])
    return Incident.objects.get(pk=incident.pk)


def now_minus(**delta: float) -> datetime:
    return timezone.now() - timedelta(**delta)


# The case of issue 17: a spreadsheet with 120 pupils' national ID numbers e-mailed to about
# 180 parents. The parents read the notice; the texts from the case are written in each
# language.
REALISTIC_SUMMARY = {
    "nb": "En ansatt ved skolen sendte et regneark på e-post til foreldrene i 8. trinn. "
    "Regnearket skulle ikke vært med. Det hadde navn og fødselsnummer til elevene.",
    "nn": "Ein tilsett ved skulen sende eit rekneark på e-post til foreldra i 8. trinn. "
    "Reknearket skulle ikkje ha vore med. Det hadde namn og fødselsnummer til elevane.",
    "en": "A member of staff at the school e-mailed a spreadsheet to the parents in year 8. "
    "The spreadsheet should not have been attached. It held the pupils' names and national ID numbers.",
}
REALISTIC_MEASURES = {
    "nb": "Vi har bedt alle foreldrene om å slette e-posten.\n"
    "Vi har slettet e-posten fra skolens e-postsystem.\n"
    "Innen 30. desember 2026 lærer alle ansatte ved skolen å sende filer på en trygg måte.",
    "nn": "Vi har bede alle foreldra om å slette e-posten.\n"
    "Vi har sletta e-posten frå e-postsystemet til skulen.\n"
    "Innan 30. desember 2026 lærer alle tilsette ved skulen å sende filer på ein trygg måte.",
    "en": "We have asked all the parents to delete the e-mail.\n"
    "We have deleted the e-mail from the school's e-mail system.\n"
    "By 30 December 2026, all staff at the school will learn to send files safely.",
}


@pytest.fixture
def realistic_case(
    make_incident: Callable[..., Incident], organisation: Organisation, decide: Any, users: dict[str, User]
) -> Incident:
    from datetime import date

    from notifications.models import Reader
    from notifications.services import notices as services

    organisation.name = "Oslo kommune"
    organisation.save()
    sent = timezone.make_aware(datetime(2026, 11, 30, 9, 15))
    incident = make_incident(
        title="Regneark med elevopplysninger sendt til feil mottakere",
        description="Et regneark med navn og fødselsnummer til 120 elever ble sendt til 180 foreldre.",
        occurred_at=sent,
        discovered_at=sent + timedelta(hours=2),
        breach_types=("confidentiality",),
        data_categories=("basic", "national_id"),
        approx_subjects=120,
        immediate_measures="Vi har bedt alle foreldrene om å slette e-posten.",
        now=sent + timedelta(hours=3),
    )
    incident_start(incident=incident, by=users["handler"])
    decide(incident, risk_level="high")
    services.notice_save_drafts(incident=incident, by=users["dpo"], texts={})  # the default audience
    audience = incident.notice_audiences.get()
    services.notice_audience_set_reader(audience=audience, by=users["dpo"], reader=Reader.GUARDIAN)
    services.notice_facts_save(
        incident=incident,
        by=users["dpo"],
        summary=REALISTIC_SUMMARY,
        measures=REALISTIC_MEASURES,
        values={
            "recipient_kind": "parents",
            "recipients_count": 180,
            "certainty": "received",
            "subjects_count": 120,
            "exposed_from": sent,
            "next_update": date(2026, 12, 15),
        },
    )
    return Incident.objects.get(pk=incident.pk)
