"""What was done on a case besides changing the case row: a notice approved, people put on
the list, notices sent, the public notice published, updated or withdrawn, the
notification to Datatilsynet reworded. Part of the case's audit trail (art. 5(2)
accountability, art. 33(5) documentation), shown in the history beside the changes of the
case itself.

An event stores a kind and plain values (numbers, a version, the keys of the fields that
changed); the words are chosen when the history is read, in the reader's language. No
names or addresses of the people affected are ever stored here: they are purged on their
own schedule, and the history must not keep a copy.

Append-only: an event is never changed or deleted through the application."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from accounts.models import User
from incidents.models import CaseEvent as CaseEvent
from incidents.models import EventChanged as EventChanged
from incidents.models.events import Kind as Kind


def record_event(
    *,
    incident: Any,
    by: User | None,
    kind: str,
    details: dict[str, Any] | None = None,
    text: str = "",
    now: datetime | None = None,
) -> CaseEvent:
    """Write one event into the case's history, in the caller's transaction (so that it
    is there exactly when what it records happened). ``incident`` is a case or its id."""
    if kind not in Kind.values:
        raise ValueError(f"unknown event kind {kind!r}")
    incident_id = incident if isinstance(incident, int) else incident.pk
    return CaseEvent.objects.create(
        incident_id=incident_id,
        kind=kind,
        at=now or timezone.now(),
        by=by,
        details=details or {},
        text=text,
    )
