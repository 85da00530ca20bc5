"""The case's timeline, from the history: every transition, every field change (old → new,
who, when, why), and every e-mail. A fixed number of queries per case."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from incidents.models import Incident
from incidents.vocabulary import BREACH_TYPE_SHORT, DATA_CATEGORY_SHORT
from incidents.workflow import TRANSITION_LABELS, state_label

HIDDEN_FIELDS = {"id", "state_changed_at", "authority_deadline", "reported_by", "reference"}

EVENT_LABELS: dict[str, Any] = {
    **TRANSITION_LABELS,
    "report": _("Meldt"),
    "edit": _("Opplysninger endret"),
    "set_awareness": _("Tidspunkt for kjennskap endret"),
    "assign": _("Saksbehandler endret"),
    "conclude": _("Beslutning lagret"),
    "submit": _("Melding til Datatilsynet registrert"),
}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Event:
    at: datetime
    who: str
    title: str
    reason: str = ""
    changes: list[Change] = field(default_factory=list)
    kind: str = "history"


def _show(name: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if name == "state":
        return state_label(value)
    if name == "breach_types":
        return ", ".join(str(BREACH_TYPE_SHORT.get(v, v)) for v in value)
    if name == "data_categories":
        return ", ".join(str(DATA_CATEGORY_SHORT.get(v, v)) for v in value)
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nei"))
    if isinstance(value, datetime):
        from config.i18n import long_datetime

        return long_datetime(value, weekday=False)
    return str(value)


def incident_timeline(incident: Incident) -> list[Event]:
    records = list(incident.history.select_related("history_user").order_by("history_date", "history_id"))
    model_fields = {f.name: f for f in Incident._meta.get_fields() if hasattr(f, "attname")}
    user_names: dict[int, str] = {}
    events: list[Event] = []
    previous = None
    for record in records:
        who = record.history_user.display_name if record.history_user else str(_("Systemet"))
        transition = getattr(record, "history_transition", "") or ("report" if previous is None else "edit")
        changes: list[Change] = []
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in HIDDEN_FIELDS:
                    continue
                model_field = model_fields.get(change.field)
                label = str(getattr(model_field, "verbose_name", change.field))
                old, new = change.old, change.new
                if change.field == "handler":
                    old, new = user_names.get(old, old), user_names.get(new, new)
                changes.append(Change(label, _show(change.field, old), _show(change.field, new)))
        if record.history_user_id:
            user_names[record.history_user_id] = who
        events.append(
            Event(
                at=record.history_date,
                who=who,
                title=str(EVENT_LABELS.get(transition, transition)),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
        previous = record
    for email in incident.emails.all().order_by("created_at"):
        events.append(
            Event(
                at=email.sent_at or email.created_at,
                who=str(_("Avvik")),
                title=str(_("E-post: %(subject)s") % {"subject": email.subject}),
                reason=str(
                    _("Til %(to)s – %(status)s") % {"to": email.to_address, "status": email.get_status_display()}
                ),
                kind="email",
            )
        )
    events.sort(key=lambda e: e.at)
    return events
