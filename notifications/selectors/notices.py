"""Reads of notices shared by the services of notices and of deliveries: whether the people
affected may be told yet (art. 34), and the current version of each notice."""

from __future__ import annotations

from django.db.models import Max
from django.utils.translation import gettext as _

from core.errors import Conflict
from incidents.models import Incident
from incidents.selectors.cases import latest_decision
from incidents.services.assessment import needs_subject_step
from incidents.workflow import AFTER_ASSESSMENT, CLOSED_STATES
from notifications.models import Audience, Notice

# --- Art. 34: the people are told only after the DPO has decided to tell them -------------


def decision_gate(incident: Incident, *, individually: bool = False) -> str:
    """Why the people affected may not be told yet; empty when they may.

    Art. 34(1): the people are told when the DPO has decided that the breach is likely to
    result in a high risk to them; art. 34(3)(c): by a public notice instead, when telling
    each one would take disproportionate effort. Until that decision is made (the case is
    concluded and not back at the assessment), notices are neither approved, nor sent, nor
    published. ``individually``: the notices go to each person (e-mail, letter), which
    needs the decision to tell each one, not the public notice alone."""
    if incident.state in CLOSED_STATES:
        return _("Saken er avsluttet. Gjenåpne den og ta en ny beslutning før de berørte varsles.")
    decision = latest_decision(incident)
    if incident.state not in AFTER_ASSESSMENT or decision is None:
        return _(
            "De berørte kan ikke varsles før personvernombudet har besluttet at de skal varsles "
            "(art. 34). Fullfør risikovurderingen og ta beslutningen først."
        )
    if not needs_subject_step(notify_data_subjects=bool(decision.notify_data_subjects), exemption=decision.exemption):
        return _("Beslutningen i saken er at de berørte ikke skal varsles. Varsler kan ikke godkjennes eller sendes.")
    if individually and not decision.notify_data_subjects:
        return _(
            "Beslutningen er at de berørte informeres med en offentlig kunngjøring (art. 34 nr. 3 bokstav c), "
            "ikke med varsel til hver enkelt."
        )
    return ""


def refuse_before_decision(incident: Incident, *, individually: bool = False) -> None:
    """Raise Conflict (409 in the API, a message on the page) unless the decision to tell
    the people has been made (``decision_gate``)."""
    reason = decision_gate(incident, individually=individually)
    if reason:
        raise Conflict(reason)


def current_notice(audience: Audience, language: str) -> Notice | None:
    return audience.notices.filter(language=language).order_by("-version").first()


def current_notices(incident: Incident) -> list[Notice]:
    """The newest version of every audience's notice in every language."""
    latest = incident.notices.values("audience_id", "language").annotate(v=Max("version"))
    wanted = {(row["audience_id"], row["language"], row["v"]) for row in latest}
    return [
        n
        for n in incident.notices.select_related("audience").order_by("audience__position", "audience_id", "language")
        if (n.audience_id, n.language, n.version) in wanted
    ]
