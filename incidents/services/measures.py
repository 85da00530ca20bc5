"""Changes to measures (tiltak), and the daily digest of overdue ones.

Art. 33(3)(d) and 33(5): the measures taken or proposed to address the breach and limit
its effects are documented; each change is kept in the measure's history with the user.
The digest is derived from the database by the periodic sweep (DESIGN.md "Time"): one
e-mail per owner per day, claimed by a unique row so a sweep that runs twice sends
nothing twice."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import User
from core.errors import Conflict, Invalid, NotPermitted
from incidents import hooks
from incidents.models import Incident
from incidents.selectors.cases import incidents_visible_to
from incidents.selectors.measures import MEASURE_TEXT_MAX, Measure, MeasureDigest
from incidents.services.locking import lock_incident

# The digest is not sent in the middle of the night: the first sweep after this local hour
# sends the day's digest.
DIGEST_HOUR = 7


@dataclass(frozen=True)
class MeasureInput:
    """What a handler or the DPO writes for a measure."""

    what: str
    kind: str
    owner: User | None
    due_on: date | None


def _today(now: datetime) -> date:
    return timezone.localtime(now).date()


def _validate(data: MeasureInput) -> None:
    errors: dict[str, list[str]] = {}
    if not data.what or not data.what.strip():
        errors["what"] = [_("Skriv hva som skal gjøres.")]
    elif len(data.what) > MEASURE_TEXT_MAX:
        errors["what"] = [_("Teksten kan være høyst %(max)s tegn.") % {"max": f"{MEASURE_TEXT_MAX:,}"}]
    if data.kind not in Measure.Kind.values:
        errors["kind"] = [_("Velg hva tiltaket skal oppnå.")]
    if data.owner is None:
        errors["owner"] = [_("Velg hvem som er ansvarlig.")]
    elif not data.owner.is_active:
        errors["owner"] = [_("Den ansvarlige har ikke lenger tilgang til Avvik. Velg en annen.")]
    if data.due_on is None:
        errors["due_on"] = [_("Skriv inn en frist.")]
    if errors:
        raise Invalid(errors)


def _may_work(by: User, incident: Incident) -> None:
    if not by.has_perm(permissions.WORK) or not incidents_visible_to(by).filter(pk=incident.pk).exists():
        raise NotPermitted(_("Rollen din kan ikke endre tiltakene i denne saken."))


def _open_case(incident: Incident) -> None:
    if not incident.is_open:
        raise Conflict(_("Saken er avsluttet. Gjenåpne den for å endre tiltakene."))


def _lock_measure(measure: Measure | int) -> Measure:
    pk = measure.pk if isinstance(measure, Measure) else measure
    return Measure.objects.select_for_update().select_related("incident").get(pk=pk)


def _save(measure: Measure, *, by: User, reason: str = "") -> None:
    measure._history_user = by  # type: ignore[attr-defined]
    measure._change_reason = reason  # type: ignore[attr-defined]
    measure.save()


def measure_add(*, incident: Incident | int, by: User, data: MeasureInput, now: datetime | None = None) -> Measure:
    """A handler or the DPO adds a measure to stop the breach, limit the harm or prevent it
    happening again (art. 33(3)(d)). The case row is locked so that adding a measure and
    closing the case cannot both win."""
    now = now or timezone.now()
    _validate(data)
    with transaction.atomic():
        locked = lock_incident(incident)
        _may_work(by, locked)
        _open_case(locked)
        measure = Measure(
            incident=locked,
            what=data.what.strip(),
            kind=data.kind,
            owner=data.owner,
            due_on=data.due_on,  # type: ignore[misc]  # checked by _validate
            created_at=now,
            created_by=by,
        )
        _save(measure, by=by)
    return measure


def measure_update(*, measure: Measure | int, by: User, data: MeasureInput, reason: str = "") -> Measure:
    """A handler or the DPO changes an open measure: what, kind, owner or due date. The old
    values stay in the history (art. 33(5))."""
    _validate(data)
    with transaction.atomic():
        locked = _lock_measure(measure)
        _may_work(by, locked.incident)
        _open_case(locked.incident)
        if not locked.is_open:
            raise Conflict(_("Tiltaket er ikke lenger åpent og kan ikke endres."))
        locked.what = data.what.strip()
        locked.kind = data.kind
        locked.owner = data.owner  # type: ignore[assignment]
        locked.due_on = data.due_on  # type: ignore[assignment]
        _save(locked, by=by, reason=reason)
    return locked


def measure_complete(
    *, measure: Measure | int, by: User, done_on: date | None = None, now: datetime | None = None
) -> Measure:
    """The owner (or a handler or the DPO) marks a measure done, with the date. Done measures
    are "measures taken" in the notification to Datatilsynet (art. 33(3)(d)) and "what we have
    done" in the notice to the people affected (art. 34(2))."""
    now = now or timezone.now()
    today = _today(now)
    done_on = done_on or today
    if done_on > today:
        raise Invalid({"done_on": [_("Datoen kan ikke være i fremtiden.")]})
    with transaction.atomic():
        locked = _lock_measure(measure)
        if locked.owner_id != by.pk:
            _may_work(by, locked.incident)
        _open_case(locked.incident)
        if not locked.is_open:
            raise Conflict(_("Tiltaket er allerede %(status)s.") % {"status": locked.get_status_display().lower()})
        if done_on < timezone.localtime(locked.incident.reported_at).date():
            raise Invalid({"done_on": [_("Datoen kan ikke være før saken ble meldt.")]})
        locked.status = Measure.Status.DONE
        locked.done_on = done_on
        _save(locked, by=by)
    return locked


def measure_drop(*, measure: Measure | int, by: User, reason: str) -> Measure:
    """A handler or the DPO drops a measure that will not be carried out, with the reason
    (art. 33(5): the decision is documented)."""
    if not isinstance(reason, str) or not reason.strip():
        raise Invalid({"reason": [_("Skriv hvorfor tiltaket droppes.")]})
    if len(reason) > MEASURE_TEXT_MAX:
        raise Invalid({"reason": [_("Teksten kan være høyst %(max)s tegn.") % {"max": f"{MEASURE_TEXT_MAX:,}"}]})
    with transaction.atomic():
        locked = _lock_measure(measure)
        _may_work(by, locked.incident)
        _open_case(locked.incident)
        if not locked.is_open:
            raise Conflict(_("Tiltaket er allerede %(status)s.") % {"status": locked.get_status_display().lower()})
        locked.status = Measure.Status.DROPPED
        locked.drop_reason = reason.strip()
        _save(locked, by=by, reason=reason.strip())
    return locked


def open_measures_blocking_close(incident: Incident) -> list[Measure]:
    """``close`` needs the measures settled (DESIGN.md): the ones still open."""
    return list(Measure.objects.filter(incident=incident, status=Measure.Status.OPEN).order_by("due_on", "pk"))


def refuse_close_while_open(incident: Incident) -> None:
    """Raise Conflict naming the open measures; called by ``incident_close`` under the
    case's row lock."""
    still_open = open_measures_blocking_close(incident)
    if still_open:
        names = "; ".join(f"«{m.what[:120]}»" for m in still_open)
        raise Conflict(
            _("Saken kan ikke avsluttes mens tiltak er åpne. Merk dem som utført eller drop dem: %(names)s")
            % {"names": names}
        )


# --- Reads --------------------------------------------------------------------------------


def open_measures_of(user: User) -> list[Measure]:
    """The owner's open measures, soonest due first (their start page)."""
    return list(
        Measure.objects.filter(owner=user, status=Measure.Status.OPEN)
        .select_related("incident")
        .order_by("due_on", "pk")
    )


def overdue_measures(today: date) -> Any:
    return (
        Measure.objects.filter(status=Measure.Status.OPEN, due_on__lt=today, incident__closed_at__isnull=True)
        .select_related("incident", "owner")
        .order_by("owner_id", "due_on", "pk")
    )


# --- The daily digest ---------------------------------------------------------------------


def send_measure_digests(now: datetime | None = None) -> int:
    """Periodic job: each owner of overdue open measures gets one e-mail a day listing them.

    The day's claim is a ``MeasureDigest`` row unique on (owner, day), inserted in the same
    transaction as the outbox row: if the insert loses to another sweep, nothing is
    written; if the e-mail cannot be written, the claim is rolled back and the next sweep
    tries again. Returns the number of digests written."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.time() < time(DIGEST_HOUR):
        return 0
    today = local.date()
    already = set(MeasureDigest.objects.filter(day=today).values_list("owner_id", flat=True))
    by_owner: dict[int, list[Measure]] = defaultdict(list)
    for measure in overdue_measures(today).exclude(owner_id__in=already).filter(owner__is_active=True):
        by_owner[measure.owner_id].append(measure)
    written = 0
    for measures in by_owner.values():
        owner = measures[0].owner
        try:
            with transaction.atomic():
                MeasureDigest.objects.create(owner=owner, day=today, measure_count=len(measures), sent_at=now)
                hooks.queue_staff_email(
                    kind="measure_digest",
                    to_address=owner.email,
                    template="notifications/email/measure_digest",
                    context=_digest_context(owner, measures, today),
                    language=owner.language,
                    recipient_id=owner.pk,
                )
        except IntegrityError:
            continue  # another sweep claimed this owner's digest for today
        written += 1
    return written


def _digest_context(owner: User, measures: list[Measure], today: date) -> dict[str, object]:
    base = settings.AVVIK_BASE_URL
    return {
        "recipient": owner,
        "today": today,
        "items": [
            {
                "reference": m.incident.reference,
                "kind": m.get_kind_display(),
                "due_on": m.due_on,
                "days_overdue": (today - m.due_on).days,
                "url": base + m.incident.get_absolute_url(),
            }
            for m in measures
        ],
        "home_url": base + reverse("home"),
    }


def measure_input(data: Mapping[str, Any]) -> MeasureInput:
    return MeasureInput(
        what=data.get("what") or "", kind=data.get("kind") or "", owner=data.get("owner"), due_on=data.get("due_on")
    )
