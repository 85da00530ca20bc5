"""The breach case and what it is made of, one module per concept; models only.

One ``Incident`` per reported event. Its state changes only through the transitions of
``incidents.workflow`` run by ``incidents.services.cases``; every model that holds case facts
keeps its history (the audit trail, art. 33(5)). Django finds every model of the app
here."""

from incidents.models.access import CaseAccess
from incidents.models.assessment import Assessment
from incidents.models.attachments import Attachment
from incidents.models.authority import (
    AuthorityNotificationDraft,
    AuthoritySubmission,
    FiledDocumentChanged,
    SubmissionQuerySet,
)
from incidents.models.events import CaseEvent, EventChanged
from incidents.models.incident import (
    CLOCK_RUNNING,
    SUBJECTS_MAX,
    TEXT_MAX,
    Incident,
    ReferenceCounter,
    TransitionHistory,
)
from incidents.models.measures import MEASURE_TEXT_MAX, Measure, MeasureDigest
from incidents.models.notes import CONTACTED_MAX, NOTE_TEXT_MAX, CaseNote, NoteChanged
from incidents.models.organisation import Organisation
from incidents.models.reminders import Reminder

__all__ = [
    "CLOCK_RUNNING",
    "CONTACTED_MAX",
    "MEASURE_TEXT_MAX",
    "NOTE_TEXT_MAX",
    "SUBJECTS_MAX",
    "TEXT_MAX",
    "Assessment",
    "Attachment",
    "AuthorityNotificationDraft",
    "AuthoritySubmission",
    "CaseAccess",
    "CaseEvent",
    "CaseNote",
    "EventChanged",
    "FiledDocumentChanged",
    "Incident",
    "Measure",
    "MeasureDigest",
    "NoteChanged",
    "Organisation",
    "ReferenceCounter",
    "Reminder",
    "SubmissionQuerySet",
    "TransitionHistory",
]
