"""Every transition of a case by its name (CONTRACT.md "Transitions"): the one table the
pages and the API both run, so that a name means the same service wherever it is asked for.
The pages and the API only parse what the person sent into the service's keyword arguments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from accounts.models import User
from incidents.models import Incident
from incidents.services import assessment, authority, cases
from incidents.workflow import TRANSITIONS

SERVICES: dict[str, Callable[..., Incident]] = {
    "start": cases.incident_start,
    "dismiss": cases.incident_dismiss,
    "confirm": cases.incident_confirm,
    "conclude": assessment.incident_conclude,
    "submit": authority.incident_submit,
    "complete": cases.incident_complete,
    "close": cases.incident_close,
    "reassess": cases.incident_reassess,
    "reopen": cases.incident_reopen,
}
assert tuple(SERVICES) == TRANSITIONS, "one service per transition of the workflow"


def run_transition(name: str, *, incident: Incident, by: User, values: dict[str, Any]) -> Incident:
    """Run the transition ``name`` through its service (which locks the case, checks the
    permission, the state and the version, and records the reason). ``values`` are the
    service's own keyword arguments, already parsed; ``expected_version`` among them makes a
    stale page a conflict instead of an overwrite."""
    return SERVICES[name](incident=incident, by=by, **values)
