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
    def make(incident: Incident, *, risk_level: str = "high", exemption: str = "", **changes: Any) -> Assessment:
        values: dict[str, Any] = {
            "incident": incident,
            "version": incident.assessments.count() + 1,
            "recommendation": {"risk_level": risk_level},
            "notify_authority": risk_level != "unlikely",
            "notify_data_subjects": risk_level == "high" and not exemption,
            "exemption": exemption,
            "justification": "Vi har ikke kontaktopplysninger til alle." if exemption else "",
            "concluded_at": timezone.now(),
            "concluded_by": users["dpo"],
        }
        values.update(changes)
        return Assessment.objects.create(**values)

    return make


@pytest.fixture
def school_case(make_incident: Callable[..., Incident], organisation: Organisation, decide: Any) -> Incident:
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
    decide(incident, risk_level="high")
    return incident


def now_minus(**delta: float) -> datetime:
    return timezone.now() - timedelta(**delta)
