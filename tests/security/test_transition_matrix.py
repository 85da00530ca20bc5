"""Every transition of CONTRACT.md, run by every role, through the API and through the
pages: the answer each gets is written out below, derived from CONTRACT.md "Transitions"
(who may run each) and DESIGN.md "Who uses it" (who sees which case), and any difference
fails the test.

Each role meets a case just placed in the transition's source state — and, for the 409
column, in a state the transition does not start from (built once per row and rolled back
to a savepoint after each role's attempt) — and the body is a valid one, so the answer says
only whether this role may do this here. Answers: 200 done (the case is then in
the state the contract names), 403 the role may not, 404 a case the caller may not see, 409
not possible in the case's state (the case is unchanged). On the pages, "done" is a redirect
with the case moved on and 409 a redirect with a message and the case unchanged.

Roles: the reporter of the case and another reporter; the handler assigned to the case, a
handler while the case is assigned to someone else, and a handler while the case has no
handler (the intake queue, visible to every handler in `reported` and `triage`); the DPO,
a handler the DPO has named deputy DPO, management and the auditor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.db import transaction
from django.test import Client
from django.utils import timezone

from accounts.administration import deputy_name
from accounts.models import ApiToken, User
from incidents.models import Incident
from incidents.services import cases as services
from incidents.services.assessment import Decision, assessment_save_facts, incident_conclude
from incidents.services.authority import authority_draft_save, incident_submit
from incidents.services.organisation import organisation_update
from notifications.rules.notice_texts import PARTS
from notifications.services.notices import notice_approve, notice_save_drafts, public_notice_publish
from tests.conftest import login
from tests.worlds import FACTS, NOTICE_LEAD

pytestmark = pytest.mark.django_db

ROLES = (
    "reporter",  # reported the case
    "other_reporter",
    "handler",  # assigned to the case (once started: nothing is assigned before)
    "other_handler",  # a handler, the case is assigned to someone else
    "intake_handler",  # a handler, the case has no handler
    "dpo",
    "deputy",  # a handler the DPO has named deputy: acts as the DPO
    "management",
    "auditor",
)


def row(*answers: int) -> dict[str, int]:
    assert len(answers) == len(ROLES)
    return dict(zip(ROLES, answers, strict=True))


#                      reporter other_rep handler other_h intake  dpo  deputy management auditor
DPO_ONLY_INTAKE = row(403, 404, 403, 404, 403, 200, 200, 403, 403)  # triage: handlers see the unassigned case
DPO_ONLY = row(403, 404, 403, 404, 404, 200, 200, 403, 403)  # later: a handler sees only cases assigned to them


def conflict(answers: dict[str, int]) -> dict[str, int]:
    """The same roles, in a state the transition does not start from: 409 where it was 200."""
    return {role: 409 if status == 200 else status for role, status in answers.items()}


# (transition, the state the case is in) -> role -> answer
EXPECTED: dict[tuple[str, str], dict[str, int]] = {
    # handler, DPO and deputy; every handler sees the intake
    ("start", "reported"): row(403, 404, 200, 200, 200, 200, 200, 403, 403),
    ("dismiss", "triage"): DPO_ONLY_INTAKE,
    ("confirm", "triage"): DPO_ONLY_INTAKE,
    ("conclude", "assessment"): DPO_ONLY,
    ("submit", "authority_notification"): DPO_ONLY,
    ("complete", "subject_notification"): DPO_ONLY,
    ("close", "follow_up"): DPO_ONLY,
    ("reassess", "authority_notification"): DPO_ONLY,
    ("reassess", "subject_notification"): DPO_ONLY,
    ("reassess", "follow_up"): DPO_ONLY,
    ("reopen", "closed"): DPO_ONLY,
    ("reopen", "not_a_breach"): DPO_ONLY,
    # Not from here: 409 for whoever may run it, the same refusals for the others.
    ("start", "triage"): row(403, 404, 409, 404, 409, 409, 409, 403, 403),
    ("dismiss", "assessment"): conflict(DPO_ONLY),
    ("confirm", "assessment"): conflict(DPO_ONLY),
    ("conclude", "triage"): conflict(DPO_ONLY_INTAKE),
    ("submit", "assessment"): conflict(DPO_ONLY),
    ("complete", "follow_up"): conflict(DPO_ONLY),
    ("close", "subject_notification"): conflict(DPO_ONLY),
    ("reassess", "triage"): conflict(DPO_ONLY_INTAKE),
    ("reopen", "follow_up"): conflict(DPO_ONLY),
}

# Where each transition leads from its source (CONTRACT.md); `conclude` and `submit` follow
# the decision made below (Datatilsynet, and a public notice under art. 34(3)(c)).
TARGET = {
    "start": "triage",
    "dismiss": "not_a_breach",
    "confirm": "assessment",
    "conclude": "authority_notification",
    "submit": "subject_notification",
    "complete": "follow_up",
    "close": "closed",
    "reassess": "assessment",
    "reopen": "triage",
}
STATES = (
    "reported",
    "triage",
    "not_a_breach",
    "assessment",
    "authority_notification",
    "subject_notification",
    "follow_up",
    "closed",
)


def api_body(name: str) -> dict[str, Any]:
    return {
        "start": {},
        "dismiss": {"reason": "Opplysningene var anonyme."},
        "confirm": {},
        "conclude": {
            "notify_authority": True,
            "notify_data_subjects": False,
            "exemption": "34_3_c",
            "justification": "Vi har ikke kontaktopplysninger til de berørte.",
        },
        "submit": {
            "submitted_at": timezone.now().isoformat(),
            "authority_reference": "ALTINN-2026-1",
            "phased": False,
            "late_reason": "",
        },
        "complete": {},
        "close": {"lessons_learned": "Vi kontrollerer mottakerlisten før utsending."},
        "reassess": {"reason": "Nye opplysninger."},
        "reopen": {"reason": "Nye opplysninger."},
    }[name]


def web_request(name: str, reference: str) -> tuple[str, dict[str, str]]:
    """The page form a person uses for the transition, filled in as a browser sends it
    (times in Oslo local time, as the form shows them)."""
    if name == "conclude":
        body = api_body(name)
        return f"/avvik/{reference}/beslutning/", {
            "notify_authority": "yes",
            "notify_data_subjects": "no",
            "exemption": body["exemption"],
            "justification": body["justification"],
        }
    if name == "submit":
        local = timezone.localtime(timezone.now()).strftime("%d.%m.%Y %H:%M")
        return f"/avvik/{reference}/datatilsynet/send/", {
            "submitted_at": local,
            "authority_reference": "ALTINN-2026-1",
            "late_reason": "",
        }
    fields = {key: str(value) for key, value in api_body(name).items()}
    if name == "close":
        fields["root_cause"] = "human_error"
    return f"/avvik/{reference}/handling/{name}/", fields


@dataclass
class People:
    users: dict[str, User]
    assigned: User  # the handler the case is assigned to (the "handler" role)

    def acting(self, role: str) -> User:
        return self.users[role]


@pytest.fixture
def people(make_user: Callable[..., User]) -> People:
    users = {
        "reporter": make_user("reporter"),
        "other_reporter": make_user("reporter"),
        "handler": make_user("handler"),
        "other_handler": make_user("handler"),
        "intake_handler": make_user("handler"),
        "dpo": make_user("dpo"),
        "deputy": make_user("handler"),
        "management": make_user("management"),
        "auditor": make_user("auditor"),
    }
    deputy_name(user=users["deputy"], by=users["dpo"])
    organisation_update(
        by=users["dpo"],
        changes={
            "name": "Eksempel kommune",
            "address": "Storgata 1, 0001 Oslo",
            "contact_name": "Kari Nordmann",
            "contact_email": "personvern@eksempel.kommune.no",
            "contact_phone": "22 33 44 55",
        },
    )
    return People(users=users, assigned=users["handler"])


def case_in(state: str, people: People, make_incident: Any, *, assigned: bool) -> Incident:
    """A new case of the reporter's, carried by the services to ``state``; started by the
    handler (who is then assigned) when ``assigned``, else by the DPO (no handler)."""
    dpo = people.users["dpo"]
    incident = make_incident(
        by=people.users["reporter"],
        now=timezone.now() - timedelta(hours=2),
        immediate_measures="Mottakeren har slettet e-posten.",
    )
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("triage", lambda: services.incident_start(incident=incident, by=people.assigned if assigned else dpo)),
        ("assessment", lambda: services.incident_confirm(incident=incident, by=dpo)),
        ("authority_notification", lambda: _conclude(incident, dpo)),
        ("subject_notification", lambda: _submit_and_publish(incident, dpo)),
        ("follow_up", lambda: services.incident_complete(incident=incident, by=dpo)),
        (
            "closed",
            lambda: services.incident_close(
                incident=incident, by=dpo, lessons_learned="Rutinen er endret.", root_cause="human_error"
            ),
        ),
    ]
    if state == "not_a_breach":
        steps[0][1]()
        services.incident_dismiss(incident=incident, by=dpo, reason="Ikke personopplysninger.")
    elif state != "reported":
        for reached, step in steps:
            step()
            if reached == state:
                break
    if state == "assessment":
        assessment_save_facts(incident=incident, by=dpo, facts=FACTS)  # what `conclude` needs
    fresh = Incident.objects.get(pk=incident.pk)
    assert fresh.state == state
    assert (fresh.handler_id == people.assigned.pk) == (assigned and state != "reported")
    return fresh


def _conclude(incident: Incident, dpo: User) -> None:
    assessment_save_facts(incident=incident, by=dpo, facts=FACTS)
    body = api_body("conclude")
    decision = Decision(
        notify_authority=True,
        notify_data_subjects=False,
        exemption=body["exemption"],
        justification=body["justification"],
    )
    incident_conclude(incident=incident, by=dpo, decision=decision)
    authority_draft_save(incident=incident, by=dpo, texts={"main_cause": "En e-post gikk til feil mottaker."})


def _submit_and_publish(incident: Incident, dpo: User) -> None:
    """Datatilsynet is told; then, art. 34(3)(c), the public notice is out: what `complete` needs."""
    incident_submit(incident=incident, by=dpo, submitted_at=timezone.now(), authority_reference="ALTINN-2026-0")
    notice_save_drafts(
        incident=incident,
        by=dpo,
        texts={
            language: {"subject": lead, **{part: f"{lead} ({part})" for part in PARTS}}
            for language, lead in NOTICE_LEAD.items()
        },
    )
    notice_approve(incident=incident, by=dpo)
    public_notice_publish(incident=incident, by=dpo)


def _api_client(user: User) -> Client:
    _token, key = ApiToken.issue(user)
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def run_api(case: Incident, name: str, user: User) -> int:
    response = _api_client(user).post(
        f"/api/v1/incidents/{case.reference}/transitions/{name}/", api_body(name), content_type="application/json"
    )
    if response.status_code == 409:
        assert response.json()["detail"], "409 says why, in words"
    return response.status_code


def run_web(case: Incident, name: str, user: User) -> int:
    """The page's answer, in the API's terms: 200 done, 409 refused with a message."""
    path, fields = web_request(name, case.reference)
    response = login(Client(), user).post(path, fields)
    if response.status_code != 302:
        return response.status_code
    moved = Incident.objects.get(pk=case.pk).state != case.state
    said = [str(m) for m in get_messages(response.wsgi_request)]
    if moved:
        return 200
    return 409 if said else 302


def observe(
    make_incident: Any, people: People, run: Callable[[Incident, str, User], int], cells: list[tuple[str, str]]
) -> dict[tuple[str, str], dict[str, Any]]:
    """Run every (transition, state) in ``cells`` as every role, each on the case as it was
    made: the case is built once per cell (and once more without a handler, for the intake
    handler), and everything a role's attempt wrote is rolled back before the next role
    tries. An answer that does not match what happened to the case is given with the states."""
    table: dict[tuple[str, str], dict[str, Any]] = {}
    for name, state in cells:
        answers: dict[str, Any] = {}
        cases: dict[bool, Incident] = {}
        for role in ROLES:
            assigned = role != "intake_handler"
            if assigned not in cases:
                cases[assigned] = case_in(state, people, make_incident, assigned=assigned)
            case = cases[assigned]
            before = transaction.savepoint()
            try:
                status = run(case, name, people.acting(role))
                after = Incident.objects.get(pk=case.pk).state
            finally:
                transaction.savepoint_rollback(before)
            assert Incident.objects.get(pk=case.pk).state == state, "rolled back for the next role"
            if (status == 200) != (after != state) or (status == 200 and after != TARGET[name]):
                status = f"{status} with the case {state} → {after}"
            answers[role] = status
        table[(name, state)] = answers
    return table


def differences(
    expected: dict[tuple[str, str], dict[str, int]], observed: dict[tuple[str, str], dict[str, Any]]
) -> list[str]:
    return [
        f"{name} from {state} as {role}: got {observed[(name, state)][role]}, expected {answers[role]}"
        for (name, state), answers in expected.items()
        if (name, state) in observed
        for role in ROLES
        if observed[(name, state)][role] != answers[role]
    ]


def test_the_table_names_every_transition_from_every_source_state() -> None:
    """Every transition of the contract appears from each state it starts from, and once
    from a state it does not (the 409 row)."""
    from django_fsm import can_proceed

    from incidents.workflow import TRANSITIONS

    assert set(TARGET) == set(TRANSITIONS)
    for name in TRANSITIONS:
        sources = {s for s in STATES if can_proceed(getattr(Incident(state=s), name), check_conditions=False)}
        listed = {state for (n, state), answers in EXPECTED.items() if n == name and 200 in answers.values()}
        assert listed == sources, f"{name}: the table has {sorted(listed)}, the workflow {sorted(sources)}"
        assert any(n == name and state not in sources for n, state in EXPECTED), f"{name}: no 409 row"


@pytest.mark.slow
@pytest.mark.parametrize("channel", ["api", "web"])
def test_every_transition_as_every_role_answers_as_the_table_says(
    channel: str, make_incident: Any, people: People
) -> None:
    run = run_api if channel == "api" else run_web
    observed = observe(make_incident, people, run, list(EXPECTED))
    wrong = differences(EXPECTED, observed)
    assert not wrong, "\n".join(wrong)


def test_the_comparison_reports_a_wrong_entry(make_incident: Any, people: People) -> None:
    """The control: a table that expects the auditor may start a case is contradicted."""
    observed = observe(make_incident, people, run_api, [("start", "reported")])
    assert differences(EXPECTED, observed) == []
    wrong = {("start", "reported"): {**EXPECTED[("start", "reported")], "auditor": 200}}
    assert differences(wrong, observed) == ["start from reported as auditor: got 403, expected 200"]
    moved = {("start", "reported"): {**observed[("start", "reported")], "dpo": "200 with the case reported → reported"}}
    assert differences(EXPECTED, moved) == [
        "start from reported as dpo: got 200 with the case reported → reported, expected 200"
    ]
