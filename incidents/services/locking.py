"""Loading a case for a change: the row lock, the permission of a transition and the
stale-version check, in one place for every service of both apps.

A service opens ``transaction.atomic()``, takes the case with ``incident_for_update`` and
saves it with ``save_incident``. The lock makes two changes of one case wait for each
other; the version a form or an API client read (``expected_version``) must still be the
case's, or the change is refused rather than silently overwriting someone else's."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_fsm import can_proceed

from accounts.models import User
from core.errors import Conflict, NotPermitted
from incidents.models import Incident


def transition_permission(name: str) -> str:
    """The permission a transition of the case asks for (django-fsm does not check
    ``permission=`` when a transition method is called: the services do)."""
    meta = getattr(Incident, name)._django_fsm
    return str(next(iter(meta.transitions.values())).permission)


def lock_incident(incident: Incident | int) -> Incident:
    """The case row, fresh from the database and locked until the transaction ends."""
    pk = incident.pk if isinstance(incident, Incident) else incident
    return Incident.objects.select_for_update().get(pk=pk)


def check_version(incident: Incident, expected_version: int | None) -> None:
    """Refuse a change made on a case someone else has changed since it was read."""
    if expected_version is not None and incident.row_version != expected_version:
        raise Conflict(_("Noen andre har endret saken mens du jobbet med den. Last siden på nytt og prøv igjen."))


def check_transition(incident: Incident, name: str, by: User, expected_version: int | None = None) -> None:
    """The role may run the transition, the case is as it was read, and its state allows it."""
    if not by.has_perm(transition_permission(name)):
        raise NotPermitted(_("Rollen din kan ikke gjøre dette."))
    check_version(incident, expected_version)
    if not can_proceed(getattr(incident, name)):
        raise Conflict(
            _("Dette er ikke mulig når saken har status «%(state)s».") % {"state": incident.get_state_display()}
        )


def incident_for_update(
    incident: Incident | int,
    *,
    by: User,
    transition: str | None = None,
    expected_version: int | None = None,
) -> Incident:
    """Lock the case; with ``transition``, check the role, the version and the state for
    it, otherwise only the version. Call inside ``transaction.atomic()``."""
    locked = lock_incident(incident)
    if transition is not None:
        check_transition(locked, transition, by, expected_version)
    else:
        check_version(locked, expected_version)
    return locked


def save_incident(incident: Incident, *, by: User, reason: str = "", transition: str = "") -> None:
    """Save a changed case: a new row version, and a history row naming who, why and which
    transition (art. 33(5): the case's documentation)."""
    incident.row_version += 1
    incident._history_user = by  # type: ignore[attr-defined]
    incident._change_reason = reason  # type: ignore[attr-defined]
    incident._transition = transition  # type: ignore[attr-defined]
    incident.save()
