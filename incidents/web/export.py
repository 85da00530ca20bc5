"""The whole case as one PDF, for an auditor (and the DPO and management, who may read every
case): the facts, each assessment with its reasons and decision, the filings to Datatilsynet
as filed, the notices in every language, the measures and the history. Art. 33(5): the
controller documents every breach so that the authority can verify compliance; this is
that documentation in one file."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from accounts import permissions
from core.i18n import current_language
from incidents import hooks
from incidents.models import Incident, Organisation
from incidents.rules import risk
from incidents.selectors import authority as authority_doc
from incidents.selectors.timeline import incident_timeline
from incidents.services.assessment import stored_recommendation_as_dict
from incidents.vocabulary import BREACH_TYPE_LABELS, DATA_CATEGORY_LABELS
from incidents.web import filed as authority_filed
from incidents.web.assessment import facts_in_words
from incidents.web.pages import permitted_incident, request_user


def _assessments(incident: Incident, language: str) -> list[dict[str, Any]]:
    levels = {code: label[language] for code, label in risk.LEVEL_LABELS.items()}
    rows = []
    for assessment in incident.assessments.select_related("concluded_by", "updated_by").order_by("version"):
        recommendation = (
            stored_recommendation_as_dict(assessment.recommendation, language) if assessment.recommendation else None
        )
        rows.append(
            {
                "assessment": assessment,
                "facts": facts_in_words(assessment.facts, language) if assessment.facts else [],
                "recommendation": recommendation,
                "risk_level": levels.get(recommendation["risk_level"], "") if recommendation else "",
            }
        )
    return rows


def export_context(incident: Incident, user: Any) -> dict[str, Any]:
    language = current_language()
    document = authority_doc.build_document(incident)
    return {
        "incident": incident,
        "organisation": Organisation.current(),
        "breach_type_labels": [str(BREACH_TYPE_LABELS.get(code, code)) for code in incident.breach_types or []],
        "data_category_labels": [str(DATA_CATEGORY_LABELS.get(code, code)) for code in incident.data_categories or []],
        "assessments": _assessments(incident, language),
        "filings": authority_filed.filed_views(document),
        "notices": hooks.notices_export(incident),
        "measures": list(incident.measures.select_related("owner").order_by("due_on", "pk")),
        "timeline": incident_timeline(incident, internal=True),
        "made_at": timezone.now(),
        "made_by": user,
    }


@login_required
def case_export_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    """Those who may read every case (DPO, deputy, management, auditor) get the PDF; a
    handler works in the case's pages, a reporter sees their own report only."""
    from core.pdf import html_to_pdf

    incident = permitted_incident(request, reference, permissions.VIEW_ALL)
    html = render_to_string(
        "incidents/case_export.html", export_context(incident, request_user(request)), request=request
    )
    response = HttpResponse(html_to_pdf(html, base_url=request.build_absolute_uri("/")), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{incident.reference}-hele-saken.pdf"'
    return response
