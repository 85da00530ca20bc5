"""The words of a notice: default texts filled from the case, and the message as the
recipient sees it (plain text and HTML). Texts live in templates per language under
templates/notifications/notice/<language>/; this module only fills and assembles them
(their shape and readability are the rules in notifications/rules/notice_texts.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe

from incidents.models import Incident, Organisation
from incidents.selectors.cases import current_assessment, latest_decision
from incidents.services.authority import measures_text
from notifications.models import Audience, Notice
from notifications.rules.lix import terms_for_js
from notifications.rules.notice_texts import LANGUAGES, PARTS, missing_parts, not_involved, notice_readability, tidy
from notifications.rules.sanitise import text_to_html
from notifications.transport import header_safe

TEMPLATE_DIR = "notifications/notice"


def risk_level(incident: Incident) -> str:
    """The assessed risk: the recommendation's level; without one, the decision tells us
    at least whether the risk was judged high (art. 34(1))."""
    decision = latest_decision(incident)
    assessment = decision or current_assessment(incident)
    recommendation = assessment.recommendation if assessment else None
    if isinstance(recommendation, dict) and recommendation.get("risk_level") in ("unlikely", "risk", "high"):
        return str(recommendation["risk_level"])
    if decision is not None and decision.notify_data_subjects:
        return "high"
    return "risk"


def _date(value: Any, language: str) -> str:
    if value is None:
        return ""
    with translation.override(language):
        return date_format(timezone.localtime(value), "j F Y" if language == "en" else "j. F Y")


def default_context(incident: Incident, audience: Audience | None, language: str) -> dict[str, Any]:
    organisation = Organisation.current()
    categories = set(audience.data_categories if audience and audience.data_categories else incident.data_categories)
    decision = latest_decision(incident)
    with translation.override(language):
        measures = measures_text(incident)
    return {
        "title": incident.title.strip().rstrip(".!?"),
        "types": {name: True for name in incident.breach_types},
        "occurred": _date(incident.occurred_at, language),
        "discovered": _date(incident.discovered_at, language),
        "ongoing": incident.ongoing,
        "cat": {name: True for name in categories},
        "not_involved": not_involved(categories),
        "risk": risk_level(incident),
        "immediate_measures": measures[0],
        "planned_measures": measures[1],
        "notified_authority": bool(decision and decision.notify_authority) or incident.authority_submissions.exists(),
        "contact_name": organisation.contact_name,
        "contact_email": organisation.contact_email,
        "contact_phone": organisation.contact_phone,
        "organisation": organisation.name,
    }


def default_texts(incident: Incident, audience: Audience | None, language: str) -> dict[str, str]:
    """Subject and parts, suggested from the case; the DPO edits them."""
    context = default_context(incident, audience, language)
    texts = {"subject": header_safe(render_to_string(f"{TEMPLATE_DIR}/{language}/subject.txt", context), 255)}
    for part in PARTS:
        texts[part] = tidy(render_to_string(f"{TEMPLATE_DIR}/{language}/{part}.txt", context))
    return texts


def complaint_text(language: str) -> str:
    return tidy(render_to_string(f"{TEMPLATE_DIR}/{language}/complaint.txt", {}))


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str  # the body fragment (headings and parts)


def render_message(*, language: str, subject: str, parts: dict[str, str]) -> Rendered:
    """The notice as the recipient sees it. Dedicated (LAW.md art. 34): the message holds
    the notice and nothing else."""
    organisation = Organisation.current().name
    text_parts = {**parts, "complaint": complaint_text(language)}
    html_parts = {name: mark_safe(text_to_html(value)) for name, value in text_parts.items()}  # noqa: S308 - cleaned by nh3
    subject = header_safe(subject, 255)
    context = {"subject": subject, "text": text_parts, "html": html_parts, "organisation": organisation}
    text = render_to_string(f"{TEMPLATE_DIR}/{language}/message.txt", context)
    body = render_to_string(f"{TEMPLATE_DIR}/{language}/body.html", context)
    return Rendered(subject=subject, text=re.sub(r"\n{3,}", "\n\n", text).strip() + "\n", html=body)


def email_html(*, language: str, subject: str, body_html: str) -> str:
    return render_to_string(
        "notifications/notice/email.html",
        {"language": language, "subject": header_safe(subject, 255), "body": mark_safe(body_html)},  # noqa: S308
    )


def texts_of(notice: Notice | None, incident: Incident, audience: Audience | None, language: str) -> dict[str, str]:
    if notice is None:
        return default_texts(incident, audience, language)
    return {"subject": notice.subject, **notice.parts()}


def preview(*, incident: Incident, audience: Audience | None, notice: Notice | None, language: str) -> dict[str, Any]:
    """CONTRACT.md NoticePreview for one language (what the recipient will see)."""
    if notice is not None and notice.is_approved:
        texts = {"subject": notice.frozen_subject, **notice.parts()}
        rendered = Rendered(subject=notice.frozen_subject, text=notice.frozen_text, html=notice.frozen_html)
    else:
        texts = texts_of(notice, incident, audience, language)
        rendered = render_message(language=language, subject=texts["subject"], parts=texts)
    stats = notice_readability(texts, language)
    return {
        "language": language,
        "subject": rendered.subject,
        "text": rendered.text,
        "html": rendered.html,
        "lix": round(stats.lix, 1),
        "parts": {name: texts[name] for name in PARTS},
        "missing": missing_parts(texts),
        "readability": stats.as_dict(),
        "status": notice.status if notice else "new",
        "version": notice.version if notice else 0,
    }


def js_terms() -> dict[str, list[dict[str, str]]]:
    return {language: terms_for_js(language) for language in LANGUAGES}
