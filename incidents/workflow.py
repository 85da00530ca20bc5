"""The case's states and transitions (DESIGN.md "The case and its states").

Transitions are pure: they change ``state`` and nothing else. The services in
``incidents.services.cases`` lock the row, check permission and conditions, run the transition,
set the other fields, save and record the reason."""

from __future__ import annotations

import functools

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, transition

from accounts import permissions


class State(models.TextChoices):
    REPORTED = "reported", _("Meldt")
    TRIAGE = "triage", _("Første vurdering")
    NOT_A_BREACH = "not_a_breach", _("Ikke et brudd")
    ASSESSMENT = "assessment", _("Risikovurdering")
    AUTHORITY_NOTIFICATION = "authority_notification", _("Melding til Datatilsynet")
    SUBJECT_NOTIFICATION = "subject_notification", _("Varsling av de berørte")
    FOLLOW_UP = "follow_up", _("Oppfølging")
    CLOSED = "closed", _("Avsluttet")


@functools.lru_cache(maxsize=16)
def _state_labels(language: str | None) -> dict[str, str]:
    return {value: str(label) for value, label in State.choices}


def state_label(value: str) -> str:
    """A state's name in the active language, looked up once per language (lists show
    hundreds)."""
    return _state_labels(get_language()).get(value, value)


# States in which the 72 hours may still be running.
CLOCK_STATES = [State.REPORTED, State.TRIAGE, State.ASSESSMENT, State.AUTHORITY_NOTIFICATION]
CLOSED_STATES = [State.CLOSED, State.NOT_A_BREACH]


class Urgency(models.IntegerChoices):
    """Where a case comes in the worklist (``Incident.urgency``)."""

    CLOCK_RUNNING = 0  # the 72 hours may still run and Datatilsynet has not been told
    OPEN = 1
    CLOSED = 2


AFTER_ASSESSMENT = [State.AUTHORITY_NOTIFICATION, State.SUBJECT_NOTIFICATION, State.FOLLOW_UP]


def next_step(*, notify_authority: bool, notify_data_subjects: bool) -> str:
    """The first step a decision requires; a case nobody must be told of goes to follow-up
    and stays in the register (art. 33(5))."""
    if notify_authority:
        return State.AUTHORITY_NOTIFICATION
    if notify_data_subjects:
        return State.SUBJECT_NOTIFICATION
    return State.FOLLOW_UP


class IncidentWorkflow:
    """Mixed into Incident; the django-fsm transitions and their permissions."""

    state: str

    @transition(field="state", source=State.REPORTED, target=State.TRIAGE, permission=permissions.WORK)
    def start(self) -> None:
        """A handler or the DPO picks up the report."""

    @transition(field="state", source=State.TRIAGE, target=State.NOT_A_BREACH, permission=permissions.DECIDE)
    def dismiss(self) -> None:
        """Not a personal data breach; documented and kept in the register."""

    @transition(field="state", source=State.TRIAGE, target=State.ASSESSMENT, permission=permissions.DECIDE)
    def confirm(self) -> None:
        """A breach with reasonable certainty: the organisation is aware (art. 33(1))."""

    @transition(
        field="state",
        source=State.ASSESSMENT,
        target=RETURN_VALUE(*AFTER_ASSESSMENT),
        permission=permissions.DECIDE,
    )
    def conclude(self, *, notify_authority: bool, notify_data_subjects: bool) -> str:
        """The DPO's decision; moves to the first step it requires."""
        return next_step(notify_authority=notify_authority, notify_data_subjects=notify_data_subjects)

    @transition(
        field="state",
        source=State.AUTHORITY_NOTIFICATION,
        target=RETURN_VALUE(State.SUBJECT_NOTIFICATION, State.FOLLOW_UP),
        permission=permissions.DECIDE,
    )
    def submit(self, *, notify_data_subjects: bool) -> str:
        """The notification to Datatilsynet is filed (art. 33)."""
        return State.SUBJECT_NOTIFICATION if notify_data_subjects else State.FOLLOW_UP

    @transition(field="state", source=State.SUBJECT_NOTIFICATION, target=State.FOLLOW_UP, permission=permissions.DECIDE)
    def complete(self) -> None:
        """The people affected are told (art. 34), or a public notice is out."""

    @transition(field="state", source=State.FOLLOW_UP, target=State.CLOSED, permission=permissions.DECIDE)
    def close(self) -> None:
        """Measures settled and lessons learned written."""

    @transition(field="state", source=AFTER_ASSESSMENT, target=State.ASSESSMENT, permission=permissions.DECIDE)
    def reassess(self) -> None:
        """New facts: the risk is assessed again (a new assessment version)."""

    @transition(field="state", source=CLOSED_STATES, target=State.TRIAGE, permission=permissions.DECIDE)
    def reopen(self) -> None:
        """A closed or dismissed case is taken up again."""


TRANSITIONS = ("start", "dismiss", "confirm", "conclude", "submit", "complete", "close", "reassess", "reopen")

TRANSITION_LABELS = {
    "start": _("Start første vurdering"),
    "dismiss": _("Avslutt: ikke et brudd"),
    "confirm": _("Bekreft brudd"),
    "conclude": _("Lagre beslutning"),
    "submit": _("Registrer melding til Datatilsynet"),
    "complete": _("Varsling fullført"),
    "close": _("Avslutt saken"),
    "reassess": _("Vurder risiko på nytt"),
    "reopen": _("Gjenåpne"),
}
