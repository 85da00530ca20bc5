"""The notification to Datatilsynet in the EDPB's common template (v1.0; CONTRACT.md
"AuthorityNotification in the EDPB's common template"): the answers a person gives to the
template's questions, kept by path with their history, and the export that fills every
field Avvik knows from the case, the risk assessment, the organisation profile, the
deliveries of the notices and those answers (art. 33(3): nature, contact point, likely
consequences, measures; art. 33(4): what is not known is "to be determined")."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import User
from core.errors import Conflict, Invalid, NotPermitted
from incidents import hooks
from incidents.models import Assessment, AuthorityNotificationDraft, AuthoritySubmission, Incident, Organisation
from incidents.rules import deadlines
from incidents.rules import edpb as rules
from incidents.selectors import cases as selectors
from incidents.selectors.authority_answers import (
    LANGUAGES,
    ON_THE_CASE,
    Answers,
    answers_of,
    document_language,
    draft_of,
)
from incidents.selectors.authority_answers import stored_time as _time
from incidents.services.events import Kind as EventKind
from incidents.services.events import record_event
from incidents.services.locking import lock_incident, save_incident


def choice_label(options: Mapping[str, Any], code: str | None) -> str | None:
    return str(options[code]) if code and code in options else None


# --- What Avvik derives ------------------------------------------------------------------------


def communication_status(decision: Assessment | None, informed: Mapping[str, Any] | None) -> str:
    """Art. 34: have the people been told (template 4.4)?"""
    if informed and (informed.get("informed") or informed.get("public_published_at")):
        return "yes"
    if decision is None or decision.notify_data_subjects is None:
        return "investigation_ongoing"
    if decision.notify_data_subjects or decision.exemption == Assessment.Exemption.DISPROPORTIONATE:
        return "planned"
    if decision.exemption:
        return "exemption"
    return "not_high_risk"


def risk_outcome(decision: Assessment | None, recommendation: Mapping[str, Any]) -> str:
    """The controller's own outcome (template 4.3): the DPO's decision where there is one
    (tell the people, or an art. 34(3) exemption from it: high risk; tell Datatilsynet only:
    risk; neither: unlikely), else Avvik's recommendation; else more information needed."""
    if decision is not None and decision.notify_authority is not None:
        if decision.notify_data_subjects or decision.exemption:
            return "high"
        return "risk" if decision.notify_authority else "unlikely"
    return rules.risk_outcome(recommendation.get("risk_level"))


def _informed_at(informed: Mapping[str, Any] | None) -> datetime | None:
    if not informed:
        return None
    times = [t for t in (informed.get("first_sent_at"), informed.get("public_published_at")) if t is not None]
    return min(times) if times else None


def export(incident: Incident) -> dict[str, Any]:
    """The next notification to file, in the structure of the EDPB's common template, with
    the template's answer codes (CONTRACT.md). Free text is in the notification's language."""
    from django.utils import translation

    from incidents.selectors.authority import build_document, measures_text

    organisation = Organisation.current()
    draft = draft_of(incident)
    answers = answers_of(incident, draft)
    language = document_language(incident)
    assessment = selectors.current_assessment(incident)
    decision = selectors.latest_decision(incident)
    basis = decision or assessment
    facts: Mapping[str, Any] = basis.facts if basis is not None else {}
    recommendation: Mapping[str, Any] = (basis.recommendation or {}) if basis is not None else {}
    submissions = list(incident.authority_submissions.order_by("submitted_at", "pk"))
    initial = next((s for s in submissions if s.kind == AuthoritySubmission.Kind.INITIAL), None)
    informed = hooks.people_informed(incident)
    with translation.override(language):
        document = build_document(incident)
        taken, planned = measures_text(incident)
        consequences_text = document.fields["consequences"].value
    categories = list(facts.get("data_categories") or incident.data_categories or [])
    breach_types = list(facts.get("breach_types") or incident.breach_types or [])
    harms = rules.harms_of(categories, context_reveals_special=bool(facts.get("context_reveals_special")))
    subjects = facts.get("subjects_count", incident.approx_subjects)
    subtype = answers.get("notification.subtype") or ("incomplete" if document.missing else "complete")
    status = communication_status(decision, informed)
    start, end = answers.time("timeline.start"), answers.time("timeline.end")
    subject_categories = list(answers.get("subjects.categories", []))
    if facts.get("vulnerable_subjects") and "vulnerable" not in subject_categories:
        subject_categories.append("vulnerable")
    data_types = answers.get("data.types") or list(
        dict.fromkeys(t for c in categories for t in rules.DATA_TYPE_OF_CATEGORY.get(c, ()))
    )
    informed_at = _informed_at(informed)
    exemption = decision.exemption if decision is not None and decision.exemption else None
    return {
        "template": dict(rules.TEMPLATE),
        "notification": {
            "type": "follow_up" if submissions else "new",
            "subtype": subtype,
            "previous_id": (initial.authority_reference or None) if initial else None,
            "withdraw_reason": answers.get("notification.withdraw_reason"),
            "controller_reference": incident.reference,
            "language": language,
        },
        "controller": {
            "identifier_type": "organisation_number",
            "identifier": organisation.org_number or None,
            "name": organisation.name or None,
            "address": organisation.address or None,
            "country": "NO",
            "email": organisation.contact_email or None,
            "phone": organisation.contact_phone or None,
            "sector": answers.get("controller.sector"),
            "organisation_type": answers.get("controller.organisation_type"),
            "economic_activity": answers.get("controller.economic_activity"),
        },
        "reporting_person": {
            "name": answers.get("reporting_person.name", organisation.contact_name or None),
            "email": answers.get("reporting_person.email", organisation.contact_email or None),
            "phone": answers.get("reporting_person.phone", organisation.contact_phone or None),
            "function": answers.get("reporting_person.function", "dpo"),
            "function_other": answers.get("reporting_person.function_other"),
        },
        "dpo": {
            "designated": bool(organisation.contact_name),
            "name": organisation.contact_name or None,
            "email": organisation.contact_email or None,
            "phone": organisation.contact_phone or None,
            "more_information_from": "dpo",
        },
        "other_parties": {
            "involved": answers.get("other_parties.involved", rules.TO_BE_DETERMINED),
            "parties": answers.get("other_parties.parties", []),
        },
        "timeline": {
            "when": rules.timeline_when(start, end, incident.ongoing),
            "start": start.isoformat() if start else None,
            "end": end.isoformat() if end else None,
            "contained": answers.get("timeline.contained"),
            "ongoing": incident.ongoing,
            "dates_estimated": answers.get("timeline.dates_estimated", False),
            "discovered": deadlines.instant(incident.discovered_at).isoformat(),
            "awareness": deadlines.instant(incident.aware_at).isoformat(),
            "deadline": deadlines.instant(incident.authority_deadline).isoformat(),
            "late": initial.was_late if initial else timezone.now() > incident.authority_deadline,
            "late_reason": (initial.late_reason or None) if initial else None,
            "discovery": answers.get("timeline.discovery"),
            "discovery_description": answers.get("timeline.discovery_description", incident.how_discovered or None),
            "other_party_told_at": answers.get("timeline.other_party_told_at"),
            "comments": answers.get("timeline.comments"),
        },
        "nature": {
            "breach_types": breach_types,
            "confidentiality": {
                "exfiltrated": rules.exfiltration_answer(
                    facts.get("exfiltration"), facts.get("confidentiality_exposure")
                ),
                "unintelligible": (
                    "protection_intact"
                    if facts.get("data_unintelligible")
                    else ("no" if "data_unintelligible" in facts else rules.TO_BE_DETERMINED)
                ),
            }
            if "confidentiality" in breach_types
            else None,
            "integrity": rules.integrity_answer(facts.get("integrity_impact")) if "integrity" in breach_types else None,
            "availability": rules.availability_answer(facts.get("availability_impact"))
            if "availability" in breach_types
            else None,
            "incident_kind": answers.get("nature.incident_kind", rules.TO_BE_DETERMINED),
            "incident_kind_other": answers.get("nature.incident_kind_other"),
            "cause": answers.get("nature.cause", rules.TO_BE_DETERMINED),
            "cause_description": answers.get("nature.cause_description"),
            "malicious": facts.get("malicious"),
            "systems": answers.get("nature.systems"),
        },
        "subjects": {
            "categories": subject_categories or ["not_yet_known"],
            "description": answers.get("subjects.description"),
            "number": answers.get("subjects.number") or rules.number_kind(subjects),
            "vulnerable": facts.get("vulnerable_subjects"),
        },
        "data": {
            "types": data_types or ["not_yet_known"],
            "description": answers.get("data.description"),
            "records": answers.get("data.records") or rules.number_kind(facts.get("records_count")),
            "location": answers.get("data.location"),
            "protection": answers.get("data.protection", []),
            "protection_description": answers.get("data.protection_description"),
        },
        "consequences": {
            "impacts": answers.get("consequences.impacts") or rules.impact_codes(harms) or [rules.TO_BE_DETERMINED],
            "severity": answers.get(
                "consequences.severity", rules.severity_of_band((recommendation.get("severity") or {}).get("band"))
            ),
            "description": answers.get("consequences.description", consequences_text),
        },
        "risk": {
            "outcome": risk_outcome(decision, recommendation),
            "method": "ENISA 2013 (SE = DPC × EI + CB)" if recommendation else None,
            "severity": recommendation.get("severity"),
            "factors": list(
                (recommendation.get("reasons_by_language") or {}).get(language) or recommendation.get("reasons") or []
            ),
            "decided_by_dpo": decision is not None,
        },
        "measures": {
            "taken": taken or None,
            "planned": planned or None,
            "prevention": answers.get("measures.prevention", []),
            "prevention_description": answers.get("measures.prevention_description"),
        },
        "communication": {
            "status": status,
            "exemption": exemption,
            "date": informed_at.isoformat() if informed_at else None,
            "how": (["individually"] if informed and informed.get("informed") else [])
            + (["public_announcement"] if informed and informed.get("public_published_at") else []),
            "informed": informed.get("informed") if informed else None,
            # How many people each channel told (CONTRACT.md channels: email, svarut, letter).
            "by_channel": dict(informed.get("by_channel") or {}) if informed else None,
            "total": informed.get("recipients") if informed else None,
            "all_informed": (
                bool(informed.get("public_published_at"))
                or (informed.get("recipients", 0) > 0 and informed.get("informed") == informed.get("recipients"))
            )
            if informed and status == "yes"
            else None,
            "not_all_reason": answers.get("communication.not_all_reason"),
        },
        "other_authorities": {
            "police": answers.get("other_authorities.police", "unknown"),
            "other": answers.get("other_authorities.other", "unknown"),
            "which": answers.get("other_authorities.which"),
            "reference": answers.get("other_authorities.reference"),
        },
        "cross_border": {
            "cross_border": answers.get("cross_border.cross_border", "unknown"),
            "lead_authority": answers.get("cross_border.lead_authority"),
            "establishment_countries": answers.get("cross_border.establishment_countries", []),
            "subject_countries": answers.get("cross_border.subject_countries", []),
        },
    }


# --- What a person fills in --------------------------------------------------------------------


def _parse_time(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError(_("Skriv et tidspunkt (ISO 8601)."))
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(_("Skriv et tidspunkt (ISO 8601).")) from None
    return deadlines.moment(parsed)


def _shown(path: str, value: Any) -> str | None:
    """An answer in words, for the history."""
    if value in (None, "", []):
        return None
    question = rules.QUESTIONS[path]
    if question.kind == "choice" and question.options is not None:
        return choice_label(question.options, value) or str(value)
    if question.kind == "choices" and question.options is not None:
        return ", ".join(choice_label(question.options, v) or str(v) for v in value)
    if question.kind == "number":
        kind = choice_label(rules.NUMBER_KINDS, value.get("kind")) or ""
        return f"{kind} {value['value']}" if value.get("value") is not None else kind
    if question.kind == "bool":
        return str(_("ja") if value else _("nei"))
    return str(value)


def authority_answers_save(
    *, incident: Incident | int, by: User, body: Mapping[str, Any], now: datetime | None = None
) -> Incident:
    """A person answers questions of the EDPB's template (art. 33(3): the nature of the
    breach, the people and records concerned, the consequences, the measures). ``body`` is
    any part of the export's structure; only what a person fills in is taken, never what
    Avvik derives. ``null`` clears an answer. Each change is in the case's history."""
    now = now or timezone.now()
    if not by.has_perm(permissions.WORK):
        raise NotPermitted(_("Rollen din kan ikke skrive meldingen til Datatilsynet."))
    values, errors = rules.validate_answers(body, _parse_time)
    if errors:
        raise Invalid(errors)
    with transaction.atomic():
        locked = lock_incident(incident)
        if not locked.is_open:
            raise Conflict(_("Saken er avsluttet. Gjenåpne den for å endre den."))
        if values.get("notification.subtype") == "withdraw" and not locked.authority_submissions.exists():
            raise Invalid(
                {
                    "notification.subtype": [
                        _("Bare en melding som er sendt, kan trekkes tilbake (oppfølgende melding).")
                    ]
                }
            )
        draft, _created = AuthorityNotificationDraft.objects.select_for_update().get_or_create(incident=locked)
        before = answers_of(locked, draft)
        stored = dict(draft.answers)
        case_changed = False
        for path, value in values.items():
            if path in ON_THE_CASE:
                attribute = ON_THE_CASE[path]
                if attribute in ("occurred_at", "ended_at"):
                    setattr(locked, attribute, _time(value))
                else:
                    setattr(locked, attribute, value or "")
                case_changed = True
            elif value is None:
                stored.pop(path, None)
            else:
                stored[path] = value
        after = answers_of(locked, AuthorityNotificationDraft(answers=stored))
        changes = [
            {"key": path, "old": _shown(path, before.values.get(path)), "new": _shown(path, after.values.get(path))}
            for path in values
            if before.values.get(path) != after.values.get(path)
        ]
        draft.answers = stored
        draft.updated_at = now
        draft.updated_by = by
        draft._history_user = by  # type: ignore[attr-defined]
        draft.save()
        if case_changed:
            save_incident(locked, by=by, reason=_("Opplysninger til meldingen til Datatilsynet"))
        if changes:
            record_event(
                incident=locked,
                by=by,
                kind=EventKind.AUTHORITY_TEXT_EDITED,
                details={"changes": changes, "after_filing": locked.authority_submissions.exists()},
                now=now,
            )
    return locked


def authority_language_save(*, incident: Incident | int, by: User, language: str) -> AuthorityNotificationDraft:
    """The DPO chooses the one language the notification is written in (nb, nn or en)."""
    if not by.has_perm(permissions.WORK):
        raise NotPermitted(_("Rollen din kan ikke skrive meldingen til Datatilsynet."))
    if language not in LANGUAGES:
        raise Invalid({"language": [_("Velg bokmål, nynorsk eller engelsk.")]})
    with transaction.atomic():
        locked = lock_incident(incident)
        if not locked.is_open:
            raise Conflict(_("Saken er avsluttet. Gjenåpne den for å endre den."))
        draft, _created = AuthorityNotificationDraft.objects.select_for_update().get_or_create(incident=locked)
        draft.language = language
        draft._history_user = by  # type: ignore[attr-defined]
        draft.save()
    return draft


__all__ = ["LANGUAGES", "Answers", "answers_of", "document_language", "draft_of"]
