"""Shaping a case for the API (CONTRACT.md "Incident")."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from accounts.models import User
from core.i18n import current_language
from incidents.models import Assessment, Incident
from incidents.selectors import cases as selectors
from incidents.selectors.authority import submission_as_dict
from incidents.services.cases import available_transitions


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def recommendation_as_dict(assessment: Assessment | None, language: str) -> dict[str, Any] | None:
    if assessment is None or not assessment.recommendation:
        return None
    from incidents.services.assessment import stored_recommendation_as_dict

    return stored_recommendation_as_dict(assessment.recommendation, language)


def decision_as_dict(assessment: Assessment | None) -> dict[str, Any] | None:
    if assessment is None:
        return None
    return {
        "notify_authority": assessment.notify_authority,
        "notify_data_subjects": assessment.notify_data_subjects,
        "exemption": assessment.exemption or None,
        "justification": assessment.justification,
        "version": assessment.version,
        "decided_at": iso(assessment.concluded_at),
        "decided_by": assessment.concluded_by.email if assessment.concluded_by else None,
    }


def incident_as_dict(
    incident: Incident,
    user: User,
    *,
    request: HttpRequest | None = None,
    now: datetime | None = None,
    summary: bool = False,
) -> dict[str, Any]:
    now = now or timezone.now()
    clock = selectors.clock_of(incident, now)
    internal = selectors.sees_case_internals(user, incident)
    url = incident.get_absolute_url()
    data: dict[str, Any] = {
        "reference": incident.reference,
        "title": incident.title,
        "description": incident.description,
        "state": incident.state,
        "reported_at": iso(incident.reported_at),
        "reported_by": incident.reported_by.email,
        # A reporter gets no staff addresses and none of the reasoning (DESIGN.md "Who uses it").
        "handler": incident.handler.email if incident.handler and internal else None,
        "discovered_at": iso(incident.discovered_at),
        "occurred_at": iso(incident.occurred_at),
        "ongoing": incident.ongoing,
        "how_discovered": incident.how_discovered,
        "breach_types": incident.breach_types,
        "approx_subjects": incident.approx_subjects,
        "data_categories": incident.data_categories,
        "immediate_measures": incident.immediate_measures,
        "aware_at": iso(incident.aware_at),
        "aware_reason": incident.aware_reason if internal else "",
        "authority_deadline": iso(incident.authority_deadline),
        "deadline_status": clock.status,
        "state_label": incident.get_state_display(),
        "reporter_message": incident.reporter_message,
        "url": request.build_absolute_uri(url) if request is not None else url,
    }
    if summary:
        return data
    data["available_transitions"] = available_transitions(incident, user)
    if not internal:
        data.update({"recommendation": None, "decision": None, "authority_notifications": []})
        return data
    language = current_language()
    data["recommendation"] = recommendation_as_dict(selectors.current_assessment(incident), language)
    data["decision"] = decision_as_dict(selectors.latest_decision(incident))
    data["authority_notifications"] = [submission_as_dict(s) for s in incident.authority_submissions.all()]
    return data
