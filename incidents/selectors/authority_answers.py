"""What people answered to the questions of the notification to Datatilsynet (the EDPB's
common template, by path) and the language the DPO chose for it: read by the document
(incidents.services.authority) and by the export (incidents.services.edpb)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from incidents.models import AuthorityNotificationDraft, Incident

LANGUAGES = ("nb", "nn", "en")

# Answers kept on the case itself, where the reporter gives them (the report form).
ON_THE_CASE = {
    "nature.incident_kind": "incident_kind",
    "nature.incident_kind_other": "incident_kind_other",
    "timeline.start": "occurred_at",
    "timeline.end": "ended_at",
}


def draft_of(incident: Incident) -> AuthorityNotificationDraft | None:
    return AuthorityNotificationDraft.objects.filter(incident=incident).first()


def document_language(incident: Incident) -> str:
    """The one language the DPO chose for the notification (bokmål by default)."""
    draft = draft_of(incident)
    return draft.language if draft is not None and draft.language in LANGUAGES else "nb"


def stored_time(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and value:
        return datetime.fromisoformat(value)
    return None


@dataclass
class Answers:
    """What people answered, by path: the report's fields on the case, the rest from the
    notification's draft. A question no one answered is absent."""

    values: dict[str, Any]

    def get(self, path: str, default: Any = None) -> Any:
        value = self.values.get(path)
        return default if value in (None, "", []) else value

    def time(self, path: str) -> datetime | None:
        return stored_time(self.values.get(path))


def answers_of(incident: Incident, draft: AuthorityNotificationDraft | None = None) -> Answers:
    draft = draft if draft is not None else draft_of(incident)
    values: dict[str, Any] = dict(draft.answers) if draft is not None else {}
    for path, attribute in ON_THE_CASE.items():
        values[path] = getattr(incident, attribute) or None
    return Answers(values)
