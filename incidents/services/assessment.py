"""The DPO's risk assessment of a case: facts in, Avvik's recommendation out, the DPO's
decision recorded with its reasons (art. 33(5)). The recommendation never decides."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import User
from core.errors import Conflict, Invalid, NotPermitted
from incidents.models import TEXT_MAX, Assessment, Incident
from incidents.rules import risk
from incidents.services.locking import incident_for_update, lock_incident, save_incident, transition_permission
from incidents.workflow import State


@dataclass(frozen=True)
class Decision:
    """What the DPO decided (CONTRACT.md, the `conclude` transition)."""

    notify_authority: bool
    notify_data_subjects: bool
    exemption: str | None
    justification: str


def recommendation_snapshot(recommendation: risk.Recommendation) -> dict[str, Any]:
    """The recommendation as it was, in every language: the engine's rules may change
    later, the record of what Avvik recommended must not."""
    data = risk.recommendation_to_dict(recommendation, "nb")
    data["reasons_by_language"] = {
        language: [risk.render_reason(r, language) for r in recommendation.reasons] for language in risk.LANGUAGES
    }
    data["reason_codes"] = [{"code": r.code, "params": dict(r.params)} for r in recommendation.reasons]
    return data


def stored_recommendation_as_dict(stored: Mapping[str, Any], language: str) -> dict[str, Any]:
    """CONTRACT.md's Recommendation from a stored snapshot, reasons in ``language``."""
    language = risk.normalize_language(language)
    by_language = stored.get("reasons_by_language") or {}
    return {
        "severity": stored["severity"],
        "risk_level": stored["risk_level"],
        "notify_authority": stored["notify_authority"],
        "notify_data_subjects": stored["notify_data_subjects"],
        "public_communication": stored.get("public_communication", False),
        "exemption": stored.get("exemption"),
        "flags": stored.get("flags", []),
        "reasons": by_language.get(language) or stored.get("reasons", []),
    }


def evaluate_facts(data: Mapping[str, object], language: str = "nb") -> tuple[risk.Facts, risk.Recommendation]:
    """Parse and evaluate facts; bad facts are an Invalid naming each field."""
    try:
        facts = risk.parse_facts(data, language)
    except risk.FactsError as error:
        raise Invalid(error.errors) from error
    return facts, risk.evaluate(facts)


def needs_subject_step(*, notify_data_subjects: bool, exemption: str | None) -> bool:
    """Art. 34: the people are told directly, or (34(3)(c)) by a public notice instead."""
    return notify_data_subjects or exemption == "34_3_c"


def _draft(incident: Incident, by: User, now: datetime) -> Assessment:
    """The assessment being worked on: the newest unconcluded version, or a new version
    starting from the facts of the last one (after `reassess`)."""
    latest = incident.assessments.order_by("-version").first()
    if latest is not None and not latest.is_concluded:
        return latest
    return Assessment(
        incident=incident,
        version=(latest.version + 1) if latest else 1,
        facts=dict(latest.facts) if latest else {},
        created_at=now,
    )


def assessment_save_facts(
    *,
    incident: Incident | int,
    by: User,
    facts: Mapping[str, object],
    language: str = "nb",
    now: datetime | None = None,
) -> Assessment:
    """Store the DPO's or handler's facts with Avvik's recommendation (not yet a decision)."""
    now = now or timezone.now()
    if not by.has_perm(permissions.WORK):
        raise NotPermitted(_("Rollen din kan ikke gjøre risikovurderinger."))
    with transaction.atomic():
        locked = lock_incident(incident)
        if locked.state != State.ASSESSMENT:
            raise Conflict(_("Risikovurderingen kan bare endres mens saken er til risikovurdering."))
        parsed, recommendation = evaluate_facts(facts, language)
        draft = _draft(locked, by, now)
        draft.facts = risk.facts_to_dict(parsed)
        draft.recommendation = recommendation_snapshot(recommendation)
        draft.updated_at = now
        draft.updated_by = by
        draft._history_user = by  # type: ignore[attr-defined]
        draft.save()
    return draft


def validate_decision(decision: Decision, recommendation: Mapping[str, Any] | None) -> None:
    errors: dict[str, list[str]] = {}
    if decision.exemption not in (None, "", *risk.EXEMPTIONS):
        errors["exemption"] = [_("Ukjent unntak. Velg 34_3_a, 34_3_b, 34_3_c eller ingen.")]
    if decision.exemption and decision.notify_data_subjects:
        errors["exemption"] = [
            _(
                "Et unntak etter art. 34 nr. 3 betyr at de berørte ikke varsles hver for seg. "
                "Velg det ene eller det andre."
            )
        ]
    if len(decision.justification) > TEXT_MAX:
        errors["justification"] = [_("Teksten kan være høyst %(max)s tegn.") % {"max": f"{TEXT_MAX:,}"}]
    overrides = recommendation is not None and (
        decision.notify_authority != recommendation["notify_authority"]
        or decision.notify_data_subjects != recommendation["notify_data_subjects"]
    )
    nobody = not decision.notify_authority and not decision.notify_data_subjects
    if (overrides or nobody or decision.exemption) and not decision.justification.strip():
        if overrides:
            message = _("Beslutningen avviker fra anbefalingen. Skriv hvorfor.")
        elif decision.exemption:
            message = _("Et unntak må begrunnes: skriv avveiningen.")
        else:
            message = _("Når ingen skal varsles, må beslutningen begrunnes (art. 33 nr. 5).")
        errors["justification"] = [message]
    if errors:
        raise Invalid(errors)


def incident_conclude(
    *, incident: Incident | int, by: User, decision: Decision, now: datetime | None = None
) -> Incident:
    """The DPO decides: notify Datatilsynet (art. 33)? tell the people (art. 34)? on which
    art. 34(3) ground not? The facts, the recommendation and the decision are kept as they
    were; the case moves to the first step the decision requires."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = incident_for_update(incident, by=by, transition="conclude")
        draft = locked.assessments.order_by("-version").first()
        if draft is None or draft.is_concluded or not draft.facts:
            raise Invalid({"facts": [_("Fyll ut og lagre risikovurderingen før du tar en beslutning.")]})
        validate_decision(decision, draft.recommendation)
        draft.notify_authority = decision.notify_authority
        draft.notify_data_subjects = decision.notify_data_subjects
        draft.exemption = decision.exemption or ""
        draft.justification = decision.justification
        draft.concluded_at = now
        draft.concluded_by = by
        draft._history_user = by  # type: ignore[attr-defined]
        draft._change_reason = decision.justification  # type: ignore[attr-defined]
        draft.save()
        locked.authority_required = decision.notify_authority
        locked.conclude(
            notify_authority=decision.notify_authority,
            notify_data_subjects=needs_subject_step(
                notify_data_subjects=decision.notify_data_subjects, exemption=decision.exemption
            ),
        )
        locked.state_changed_at = now
        save_incident(locked, by=by, reason=decision.justification, transition="conclude")
    return locked


def can_conclude(user: User) -> bool:
    return user.has_perm(transition_permission("conclude"))
