"""The DPO's assessment: facts with a recommendation, a decision with its reasons, versions."""

from __future__ import annotations

from typing import Any

import pytest

from core.errors import Conflict, Invalid, NotPermitted
from incidents.models import Incident
from incidents.services import cases as services
from incidents.services.assessment import Decision, assessment_save_facts, incident_conclude
from incidents.workflow import State

pytestmark = pytest.mark.django_db

HIGH = {
    "breach_types": ["confidentiality"],
    "data_categories": ["basic", "special"],
    "identifiability": "maximum",
    "confidentiality_exposure": "unknown_recipients",
    "malicious": True,
    "subjects_count": 500,
}
TRIVIAL = {
    "breach_types": ["availability"],
    "data_categories": ["basic"],
    "identifiability": "maximum",
    "availability_impact": "recoverable",
    "subjects_count": 3,
}


@pytest.fixture
def in_assessment(users: dict[str, Any], make_incident: Any) -> Incident:
    incident = make_incident()
    services.incident_start(incident=incident, by=users["dpo"])
    services.incident_confirm(incident=incident, by=users["dpo"])
    return Incident.objects.get(pk=incident.pk)


def test_facts_are_stored_with_the_recommendation(in_assessment: Incident, users: dict[str, Any]) -> None:
    assessment = assessment_save_facts(incident=in_assessment, by=users["handler"], facts=HIGH)
    assert assessment.version == 1
    assert assessment.recommendation["risk_level"] == "high"
    assert assessment.recommendation["notify_data_subjects"] is True
    reasons = assessment.recommendation["reasons_by_language"]
    assert reasons["nb"] and reasons["nn"] and reasons["en"]
    assert reasons["nb"] != reasons["en"]


def test_bad_facts_are_named(in_assessment: Incident, users: dict[str, Any]) -> None:
    with pytest.raises(Invalid) as error:
        assessment_save_facts(
            incident=in_assessment, by=users["dpo"], facts={**HIGH, "dpc_adjustment": 2, "weather": "rain"}
        )
    assert {"dpc_adjustment_reason", "weather"} <= set(error.value.errors)


def test_reporter_may_not_assess_and_only_in_assessment(
    in_assessment: Incident, users: dict[str, Any], make_incident: Any
) -> None:
    with pytest.raises(NotPermitted):
        assessment_save_facts(incident=in_assessment, by=users["reporter"], facts=HIGH)
    with pytest.raises(Conflict):
        assessment_save_facts(incident=make_incident(), by=users["dpo"], facts=HIGH)


def test_following_the_recommendation_needs_no_justification(in_assessment: Incident, users: dict[str, Any]) -> None:
    assessment_save_facts(incident=in_assessment, by=users["dpo"], facts=HIGH)
    incident = incident_conclude(
        incident=in_assessment,
        by=users["dpo"],
        decision=Decision(notify_authority=True, notify_data_subjects=True, exemption=None, justification=""),
    )
    assert incident.state == State.AUTHORITY_NOTIFICATION


@pytest.mark.parametrize(
    "decision",
    [
        Decision(notify_authority=True, notify_data_subjects=False, exemption=None, justification=""),
        Decision(notify_authority=False, notify_data_subjects=False, exemption=None, justification=" "),
        Decision(notify_authority=True, notify_data_subjects=False, exemption="34_3_c", justification=""),
    ],
)
def test_override_nobody_or_exemption_needs_a_justification(
    in_assessment: Incident, users: dict[str, Any], decision: Decision
) -> None:
    assessment_save_facts(incident=in_assessment, by=users["dpo"], facts=HIGH)
    with pytest.raises(Invalid) as error:
        incident_conclude(incident=in_assessment, by=users["dpo"], decision=decision)
    assert "justification" in error.value.errors
    assert Incident.objects.get(pk=in_assessment.pk).state == State.ASSESSMENT


def test_unlikely_risk_goes_to_follow_up_and_stays_in_the_register(
    in_assessment: Incident, users: dict[str, Any]
) -> None:
    assessment_save_facts(incident=in_assessment, by=users["dpo"], facts=TRIVIAL)
    incident = incident_conclude(
        incident=in_assessment,
        by=users["dpo"],
        decision=Decision(
            notify_authority=False,
            notify_data_subjects=False,
            exemption=None,
            justification="Kort driftsstans, gjenopprettet fra kopi innen en time.",
        ),
    )
    assert incident.state == State.FOLLOW_UP
    from incidents.selectors.cases import clock_of

    assert clock_of(incident).status == "not_required"


def test_public_notice_exemption_goes_through_the_subject_step(in_assessment: Incident, users: dict[str, Any]) -> None:
    assessment_save_facts(incident=in_assessment, by=users["dpo"], facts=HIGH)
    incident = incident_conclude(
        incident=in_assessment,
        by=users["dpo"],
        decision=Decision(
            notify_authority=False,
            notify_data_subjects=False,
            exemption="34_3_c",
            justification="Vi har ikke kontaktopplysninger til de berørte; offentlig kunngjøring.",
        ),
    )
    assert incident.state == State.SUBJECT_NOTIFICATION


def test_reassess_starts_a_new_version_and_keeps_the_old(in_assessment: Incident, users: dict[str, Any]) -> None:
    assessment_save_facts(incident=in_assessment, by=users["dpo"], facts=TRIVIAL)
    incident_conclude(
        incident=in_assessment,
        by=users["dpo"],
        decision=Decision(notify_authority=False, notify_data_subjects=False, exemption=None, justification="Lav"),
    )
    services.incident_reassess(incident=in_assessment, by=users["dpo"], reason="Det viste seg at data ble kopiert")
    second = assessment_save_facts(incident=in_assessment, by=users["dpo"], facts=HIGH)
    assert second.version == 2
    first = in_assessment.assessments.get(version=1)
    assert first.facts["breach_types"] == ["availability"], "the concluded version is kept as it was"
    assert first.justification == "Lav"
