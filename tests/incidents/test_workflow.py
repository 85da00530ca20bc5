"""The workflow (incidents/workflow.py) as tables, without a database: from which states each
transition starts, where it goes, and which role may run it (the roles' permissions as
accounts/roles.py gives them). tests/security/test_transition_matrix.py drives the same
table through the pages and the API."""

from __future__ import annotations

import pytest
from django.utils import translation
from django_fsm import can_proceed, has_transition_perm

from accounts.permissions import DECIDE, WORK
from accounts.roles import AUDITOR, DPO, HANDLER, MANAGEMENT, REPORTER, ROLE_PERMISSIONS
from incidents.models import Incident
from incidents.workflow import (
    AFTER_ASSESSMENT,
    CLOCK_STATES,
    CLOSED_STATES,
    TRANSITION_LABELS,
    TRANSITIONS,
    State,
    next_step,
    state_label,
)

SOURCES = {
    "start": {"reported"},
    "dismiss": {"triage"},
    "confirm": {"triage"},
    "conclude": {"assessment"},
    "submit": {"authority_notification"},
    "complete": {"subject_notification"},
    "close": {"follow_up"},
    "reassess": {"authority_notification", "subject_notification", "follow_up"},
    "reopen": {"closed", "not_a_breach"},
}
PLAIN_TARGETS = {
    "start": "triage",
    "dismiss": "not_a_breach",
    "confirm": "assessment",
    "complete": "follow_up",
    "close": "closed",
    "reassess": "assessment",
    "reopen": "triage",
}
# Who may run which transition: a handler works the case, only the DPO decides.
MAY_RUN = {
    REPORTER: set(),
    HANDLER: {"start"},
    DPO: set(TRANSITIONS),
    MANAGEMENT: set(),
    AUDITOR: set(),
}


class Role:
    """A user with exactly one role's permissions."""

    is_active = True

    def __init__(self, role: str) -> None:
        self.role = role

    def has_perm(self, perm: str, obj: object = None) -> bool:
        return perm in ROLE_PERMISSIONS[self.role]


def case(state: str) -> Incident:
    return Incident(state=state)


def test_the_states_and_transitions_keep_their_contract_names() -> None:
    assert [s.value for s in State] == [
        "reported",
        "triage",
        "not_a_breach",
        "assessment",
        "authority_notification",
        "subject_notification",
        "follow_up",
        "closed",
    ]
    assert set(SOURCES) == set(TRANSITIONS) == set(TRANSITION_LABELS)
    assert CLOCK_STATES == ["reported", "triage", "assessment", "authority_notification"]
    assert CLOSED_STATES == ["closed", "not_a_breach"]
    assert AFTER_ASSESSMENT == ["authority_notification", "subject_notification", "follow_up"]


@pytest.mark.parametrize("name", TRANSITIONS)
@pytest.mark.parametrize("state", [s.value for s in State])
def test_each_transition_starts_only_from_its_states(name: str, state: str) -> None:
    assert can_proceed(getattr(case(state), name), check_conditions=False) is (state in SOURCES[name])


def test_reassess_is_not_possible_from_a_closed_or_dismissed_case() -> None:
    for state in ("closed", "not_a_breach", "reported", "triage", "assessment"):
        assert not can_proceed(case(state).reassess, check_conditions=False), state
    assert can_proceed(case("follow_up").reassess, check_conditions=False)


@pytest.mark.parametrize("name", sorted(PLAIN_TARGETS))
def test_each_plain_transition_goes_to_its_state(name: str) -> None:
    incident = case(next(iter(sorted(SOURCES[name]))))
    getattr(incident, name)()
    assert incident.state == PLAIN_TARGETS[name]


@pytest.mark.parametrize(
    ("notify_authority", "notify_data_subjects", "target"),
    [
        (True, True, "authority_notification"),
        (True, False, "authority_notification"),
        (False, True, "subject_notification"),
        (False, False, "follow_up"),
    ],
)
def test_conclude_goes_to_the_first_step_the_decision_requires(
    notify_authority: bool, notify_data_subjects: bool, target: str
) -> None:
    assert next_step(notify_authority=notify_authority, notify_data_subjects=notify_data_subjects) == target
    incident = case("assessment")
    incident.conclude(notify_authority=notify_authority, notify_data_subjects=notify_data_subjects)
    assert incident.state == target


@pytest.mark.parametrize(("notify_data_subjects", "target"), [(True, "subject_notification"), (False, "follow_up")])
def test_submit_goes_on_to_the_people_only_when_they_are_to_be_told(notify_data_subjects: bool, target: str) -> None:
    incident = case("authority_notification")
    incident.submit(notify_data_subjects=notify_data_subjects)
    assert incident.state == target


@pytest.mark.parametrize("role", sorted(MAY_RUN))
@pytest.mark.parametrize("name", TRANSITIONS)
def test_who_may_run_each_transition(role: str, name: str) -> None:
    for state in SOURCES[name]:
        assert has_transition_perm(getattr(case(state), name), Role(role)) is (name in MAY_RUN[role]), state


def test_a_handler_may_neither_reopen_nor_complete_nor_close() -> None:
    handler = Role(HANDLER)
    assert not has_transition_perm(case("closed").reopen, handler)
    assert not has_transition_perm(case("not_a_breach").reopen, handler)
    assert not has_transition_perm(case("subject_notification").complete, handler)
    assert not has_transition_perm(case("follow_up").close, handler)
    assert has_transition_perm(case("reported").start, handler)
    assert (WORK, DECIDE) == ("incidents.work_incident", "incidents.decide_incident")


def test_state_and_transition_labels_follow_the_language() -> None:
    with translation.override("nb"):
        nb = [state_label(s.value) for s in State]
        nb_transitions = [str(label) for label in TRANSITION_LABELS.values()]
    with translation.override("en"):
        en = [state_label(s.value) for s in State]
        en_transitions = [str(label) for label in TRANSITION_LABELS.values()]
    assert nb[0] == "Meldt" and nb[-1] == "Avsluttet"
    assert en[0] == "Reported"
    assert all(a != b for a, b in zip(nb, en, strict=True))
    assert all(a != b for a, b in zip(nb_transitions, en_transitions, strict=True))
    assert state_label("unknown") == "unknown"
