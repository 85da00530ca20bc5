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
from tests.worlds import conclude


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
    return Incident.objects.get(pk=incident.pk)


def now_minus(**delta: float) -> datetime:
    return timezone.now() - timedelta(**delta)
