"""Reads of notices shared by the services of notices and of deliveries: whether the people
affected may be told yet (art. 34), and the current version of each notice."""

from __future__ import annotations

from typing import Any

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


# --- The case export ---------------------------------------------------------------------


def notices_for_export(incident: Incident) -> list[dict[str, Any]]:
    """The newest version of each notice of the case, per audience and language, in words
    (incidents.hooks.notices_export): an approved notice as it was approved (the text
    everyone got, greeted without a name), a draft by its parts."""
    from django.conf import settings

    from notifications.rules.notice_texts import PARTS
    from notifications.selectors.rendering import personalise

    languages = dict(settings.LANGUAGES)
    order = {code: position for position, (code, _name) in enumerate(settings.LANGUAGES)}
    rows: list[dict[str, Any]] = []
    notices = (
        Notice.objects.filter(incident=incident)
        .select_related("audience", "approved_by")
        .order_by("audience__position", "audience__pk", "language", "-version")
    )
    newest: dict[tuple[int, str], Notice] = {}
    for notice in notices:
        newest.setdefault((notice.audience_id, notice.language), notice)
    for notice in sorted(newest.values(), key=lambda n: (n.audience.position, n.audience_id, order[n.language])):
        rows.append(
            {
                "audience": notice.audience.name,
                "reader": notice.audience.get_reader_display(),
                "language": str(languages[notice.language]),
                "status": notice.get_status_display(),
                "approved_at": notice.approved_at,
                "approved_by": notice.approved_by.display_name if notice.approved_by else "",
                "subject": notice.frozen_subject or notice.subject,
                # Greeted as one who is not named: the slot is filled per person when sent.
                "text": personalise(notice.frozen_text, name="", language=notice.language),
                "parts": [
                    (str(getattr(Notice._meta.get_field(part), "verbose_name", part)), getattr(notice, part))
                    for part in PARTS
                    if getattr(notice, part)
                ],
            }
        )
    return rows
