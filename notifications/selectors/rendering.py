"""The words of a notice: default texts filled from the case, and the message as the
recipient sees it (plain text and HTML). Texts live in templates per language under
templates/notifications/notice/<language>/; this module only fills and assembles them
(their shape and readability are the rules in notifications/rules/notice_texts.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from incidents.models import Incident, Organisation
from incidents.selectors.cases import current_assessment, latest_decision
from incidents.selectors.measures import measures_summary
from notifications.models import Audience, Certainty, Notice, NoticeFacts, Reader
from notifications.rules.language_check import mark_for_translation
from notifications.rules.lix import terms_for_js
from notifications.rules.notice_texts import LANGUAGES, PARTS, missing_parts, not_involved, notice_readability, tidy
from notifications.rules.notice_words import (
    RECIPIENT_NOUNS,
    greeting,
    long_date,
    number,
    sentences_of,
    words_for,
)
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


def case_facts(incident: Incident) -> dict[str, Any]:
    """The facts of the DPO's assessment (CONTRACT.md "Facts"), or an empty dict."""
    assessment = latest_decision(incident) or current_assessment(incident)
    facts = assessment.facts if assessment else None
    return facts if isinstance(facts, dict) else {}


def notice_facts(incident: Incident) -> NoticeFacts:
    """What the notice says happened, prefilled from the case until someone edits it
    (not saved here: ``notices_facts_save`` stores it)."""
    stored = NoticeFacts.objects.filter(incident=incident).first()
    if stored is not None:
        return stored
    facts = case_facts(incident)
    exposure = facts.get("confidentiality_exposure")
    return NoticeFacts(
        incident=incident,
        summary={"nb": incident.title.strip().rstrip(".!?") + "." if incident.title.strip() else ""},
        measures={"nb": "\n".join(default_measure_lines(incident, "nb"))},
        certainty=Certainty.UNKNOWN if exposure == "no_evidence" else Certainty.COULD_SEE,
        subjects_count=facts.get("subjects_count") if isinstance(facts.get("subjects_count"), int) else None,
        exposed_from=incident.occurred_at,
    )


def default_measure_lines(incident: Incident, language: str) -> list[str]:
    """The measures of the case as separate sentences, in ``language``: what was done at
    once and the measures done, then each open measure with its date in the reader's
    words ("Innen 30. desember 2026: …"). The staff wrote them in bokmål; in nynorsk and
    English each is marked for translation until someone writes it."""
    done, planned = measures_summary(incident)
    taken = sentences_of([incident.immediate_measures, *(m.what for m in done)])
    lines = [mark_for_translation(sentence, language) for sentence in taken]
    by = {"nb": "Innen {date}: {what}", "nn": "Innan {date}: {what}", "en": "By {date}: {what}"}[language]
    for measure in planned:
        for sentence in sentences_of([measure.what]):
            what = mark_for_translation(sentence, language)
            lines.append(by.format(date=long_date(measure.due_on, language), what=what) if measure.due_on else what)
    return lines


def _own_text(values: dict[str, str], language: str) -> str:
    """The staff's own words in ``language``; the bokmål, marked for translation, when
    that language has none yet."""
    text = (values.get(language) or "").strip()
    if text or language == "nb":
        return text
    return mark_for_translation(values.get("nb") or "", language)


def _measures(facts: NoticeFacts, incident: Incident, language: str) -> list[str]:
    stored = facts.measures if isinstance(facts.measures, dict) else {}
    own = (stored.get(language) or "").strip()
    if own:
        return sentences_of([own])
    bokmal = (stored.get("nb") or "").strip()
    if bokmal and facts.pk:  # the staff's own bokmål: the other languages start from it
        return [mark_for_translation(sentence, language) for sentence in sentences_of([bokmal])]
    return default_measure_lines(incident, language)


def default_context(incident: Incident, audience: Audience | None, language: str) -> dict[str, Any]:
    organisation = Organisation.current()
    facts = notice_facts(incident)
    categories = set(audience.data_categories if audience and audience.data_categories else incident.data_categories)
    decision = latest_decision(incident)
    reader = audience.reader if audience else Reader.SELF
    summary = facts.summary if isinstance(facts.summary, dict) else {}
    return {
        "reader": reader,
        "w": words_for(language, reader),
        "summary": _own_text(summary, language),
        "types": {name: True for name in incident.breach_types},
        "certainty": facts.certainty,
        "recipients_count": number(facts.recipients_count, language),
        "recipient_noun": RECIPIENT_NOUNS[language].get(facts.recipient_kind, RECIPIENT_NOUNS[language]["people"]),
        "subjects_count": number(facts.subjects_count or incident.approx_subjects, language),
        "exposed_from": long_date(timezone.localtime(facts.exposed_from) if facts.exposed_from else None, language),
        "exposed_until": long_date(timezone.localtime(facts.exposed_until) if facts.exposed_until else None, language),
        "discovered": long_date(timezone.localtime(incident.discovered_at), language),
        "same_day": bool(
            facts.exposed_from
            and not facts.exposed_until
            and timezone.localtime(facts.exposed_from).date() == timezone.localtime(incident.discovered_at).date()
        ),
        "next_update": long_date(facts.next_update, language),
        "ongoing": incident.ongoing,
        "cat": {name: True for name in categories},
        "not_involved": not_involved(categories),
        "risk": risk_level(incident),
        "measures": _measures(facts, incident, language),
        "notified_authority": bool(decision and decision.notify_authority) or incident.authority_submissions.exists(),
        "contact_name": organisation.contact_name,
        "contact_email": organisation.contact_email,
        "contact_phone": organisation.contact_phone,
        "organisation": organisation.sender_name,
        "reference": incident.reference,
    }


def default_texts(incident: Incident, audience: Audience | None, language: str) -> dict[str, str]:
    """Subject and parts, suggested from the case; the DPO edits them."""
    context = default_context(incident, audience, language)
    texts = {"subject": header_safe(render_to_string(f"{TEMPLATE_DIR}/{language}/subject.txt", context), 255)}
    for part in PARTS:
        texts[part] = tidy(render_to_string(f"{TEMPLATE_DIR}/{language}/{part}.txt", context))
    return texts


def affected_text(incident: Incident, audience: Audience | None, language: str) -> str:
    """Whom a public notice is for (art. 34(3)(c)), in ``language``: how many, and who
    should read it."""
    context = default_context(incident, audience, language)
    return " ".join(render_to_string(f"{TEMPLATE_DIR}/{language}/affected.txt", context).split())


def neutral_names(incident: Incident) -> list[str]:
    """Names that belong to no language, left out when the language of a notice is checked."""
    organisation = Organisation.current()
    return [
        organisation.name,
        organisation.sender_name,
        organisation.contact_name,
        organisation.authority_name,
        "Datatilsynet",
        "kredittsperre",
        "SMS",
        incident.reference,
    ]


def complaint_text(language: str) -> str:
    return tidy(render_to_string(f"{TEMPLATE_DIR}/{language}/complaint.txt", {}))


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str  # the body fragment (headings and parts)


# Where the e-mail greets its reader; filled per person when the message is built
# (``personalise``), so that one approved text serves everyone on the list.
GREETING_SLOT = "[[GREETING]]"


def personalise(text: str, *, name: str, language: str, html: bool = False) -> str:
    words = greeting(name, language)
    return text.replace(GREETING_SLOT, escape(words) if html else words)


def render_message(*, language: str, subject: str, parts: dict[str, str], greet: bool = False) -> Rendered:
    """The notice as the recipient sees it. Dedicated (LAW.md art. 34): the message holds
    the notice and nothing else. ``greet``: an e-mail, with a slot for the greeting."""
    organisation = Organisation.current().sender_name
    text_parts = {**parts, "complaint": complaint_text(language)}
    html_parts = {name: mark_safe(text_to_html(value)) for name, value in text_parts.items()}  # noqa: S308 - cleaned by nh3
    subject = header_safe(subject, 255)
    context = {
        "subject": subject,
        "text": text_parts,
        "html": html_parts,
        "organisation": organisation,
        "greeting": GREETING_SLOT if greet else "",
    }
    text = render_to_string(f"{TEMPLATE_DIR}/{language}/message.txt", context)
    body = render_to_string(f"{TEMPLATE_DIR}/{language}/body.html", context)
    return Rendered(subject=subject, text=re.sub(r"\n{3,}", "\n\n", text).strip() + "\n", html=body)


_EMAIL_STYLES = {
    "<h2>": '<h2 style="font-size:20px;line-height:1.3;margin:28px 0 8px;">',
    "<p>": '<p style="margin:0 0 12px;">',
    "<ul>": '<ul style="margin:0 0 12px;padding-left:24px;">',
}


def email_html(*, language: str, subject: str, body_html: str) -> str:
    """The whole HTML part: the organisation named at the top, the subject as the heading,
    text only (no images, no tracking), readable without its styles."""
    for tag, styled in _EMAIL_STYLES.items():
        body_html = body_html.replace(tag, styled)
    return render_to_string(
        "notifications/notice/email.html",
        {
            "language": language,
            "subject": header_safe(subject, 255),
            "organisation": Organisation.current().sender_name,
            "body": mark_safe(body_html),  # noqa: S308 - built from nh3-cleaned parts
        },
    )


def texts_of(notice: Notice | None, incident: Incident, audience: Audience | None, language: str) -> dict[str, str]:
    if notice is None:
        return default_texts(incident, audience, language)
    return {"subject": notice.subject, **notice.parts()}


def preview(*, incident: Incident, audience: Audience | None, notice: Notice | None, language: str) -> dict[str, Any]:
    """CONTRACT.md NoticePreview for one language (what the recipient will see)."""
    if notice is not None and notice.is_approved:
        texts = {"subject": notice.frozen_subject, **notice.parts()}
        rendered = Rendered(
            subject=notice.frozen_subject,
            text=personalise(notice.frozen_text, name="", language=language),
            html=personalise(notice.frozen_html, name="", language=language, html=True),
        )
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
