"""Every change of a case goes through a function here (CONVENTIONS.md).

Each one opens a transaction, locks the case row, checks the permission (django-fsm does
not check ``permission=`` when a transition method is called), runs the transition, sets
the other fields, saves with the acting user and the reason in the history, and writes
what must leave the house to the outbox."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from accounts import permissions
from accounts.models import User
from accounts.roles import DEPUTY, DPO
from core.errors import Conflict, Invalid, NotPermitted
from core.text import NUL_MESSAGE, has_nul, is_blank, without_bidi_controls
from incidents import hooks
from incidents.models import SUBJECTS_MAX, TEXT_MAX, Incident, ReferenceCounter
from incidents.rules import deadlines
from incidents.rules.edpb import INCIDENT_KINDS
from incidents.selectors.cases import clock_of
from incidents.services.locking import (
    check_version,
    incident_for_update,
    lock_incident,
    save_incident,
    transition_permission,
)
from incidents.services.reminders import plan_reminders, rearm_reminders
from incidents.services.reporter import tell_reporter_of_status
from incidents.vocabulary import BREACH_TYPE_LABELS, DATA_CATEGORY_LABELS
from incidents.workflow import CLOSED_STATES, TRANSITIONS

REPORT_TEXT_FIELDS = ("title", "description", "how_discovered", "immediate_measures")


@dataclass(frozen=True)
class Report:
    """What a reporter sends (CONTRACT.md "Report")."""

    title: str
    description: str
    discovered_at: datetime
    occurred_at: datetime | None = None
    ongoing: bool = False
    how_discovered: str = ""
    breach_types: tuple[str, ...] = ()
    approx_subjects: int | None = None
    data_categories: tuple[str, ...] = ()
    immediate_measures: str = ""
    incident_kind: str = ""
    incident_kind_other: str = ""
    ended_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _out_of_range(value: datetime) -> str:
    """Why a time cannot be used (deadlines.moment), or ""; checked before any comparison,
    which for a year-1 time would overflow."""
    try:
        deadlines.moment(value)
    except deadlines.MomentError as error:
        return str(error)
    return ""


def validate_times(*, discovered_at: datetime, occurred_at: datetime | None, now: datetime) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name, value in (("discovered_at", discovered_at), ("occurred_at", occurred_at)):
        problem = _out_of_range(value) if value is not None else ""
        if problem:
            errors[name] = [problem]
    if errors:
        return errors
    if discovered_at > now:
        errors["discovered_at"] = [_("Tidspunktet for når det ble oppdaget kan ikke være i fremtiden.")]
    if occurred_at is not None:
        if occurred_at > now:
            errors["occurred_at"] = [_("Tidspunktet for når det skjedde kan ikke være i fremtiden.")]
        elif occurred_at > discovered_at:
            errors["occurred_at"] = [_("Det kan ikke ha skjedd etter at det ble oppdaget.")]
    return errors


def clean_title(title: str) -> str:
    """The title as lists, e-mails and the register show it: without the direction controls
    that would make it read otherwise on screen (U+202A-U+202E, U+2066-U+2069)."""
    return without_bidi_controls(title).strip()


def subjects_too_many() -> str:
    return _("Antallet kan være høyst %(max)s. Et anslag holder.") % {"max": f"{SUBJECTS_MAX:,}".replace(",", " ")}


def validate_report(report: Report, now: datetime) -> None:
    errors = validate_times(discovered_at=report.discovered_at, occurred_at=report.occurred_at, now=now)
    for name in ("title", "description"):
        # A zero-width space, or direction controls alone, is no title: nothing would show.
        if is_blank(without_bidi_controls(getattr(report, name))):
            errors.setdefault(name, []).append(_("Dette feltet må fylles ut."))
    for name in REPORT_TEXT_FIELDS:
        if len(getattr(report, name)) > TEXT_MAX:
            errors.setdefault(name, []).append(_("Teksten kan være høyst %(max)s tegn.") % {"max": f"{TEXT_MAX:,}"})
        if has_nul(getattr(report, name)):
            errors.setdefault(name, []).append(str(NUL_MESSAGE))
    unknown_types = [t for t in report.breach_types if t not in BREACH_TYPE_LABELS]
    if unknown_types:
        errors["breach_types"] = [_("Ukjent type brudd: %(values)s.") % {"values": ", ".join(unknown_types)}]
    unknown_categories = [c for c in report.data_categories if c not in DATA_CATEGORY_LABELS]
    if unknown_categories:
        errors["data_categories"] = [
            _("Ukjent type opplysninger: %(values)s.") % {"values": ", ".join(unknown_categories)}
        ]
    if report.incident_kind and report.incident_kind not in INCIDENT_KINDS:
        errors["incident_kind"] = [_("Ukjent type hendelse: %(value)s.") % {"value": report.incident_kind}]
    if len(report.incident_kind_other) > TEXT_MAX:
        errors["incident_kind_other"] = [_("Teksten kan være høyst %(max)s tegn.") % {"max": f"{TEXT_MAX:,}"}]
    if report.ended_at is not None and report.occurred_at is not None and report.ended_at < report.occurred_at:
        errors["ended_at"] = [_("Det kan ikke ha sluttet før det begynte.")]
    if report.approx_subjects is not None and report.approx_subjects < 0:
        errors["approx_subjects"] = [_("Antallet kan ikke være negativt.")]
    elif report.approx_subjects is not None and report.approx_subjects > SUBJECTS_MAX:
        errors["approx_subjects"] = [subjects_too_many()]
    if errors:
        raise Invalid(errors)


def _next_reference(now: datetime) -> tuple[int, int, str]:
    year = timezone.localtime(now).year
    counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return year, counter.last_number, f"AVVIK-{year}-{counter.last_number:04d}"


def incident_report(*, by: User, report: Report, now: datetime | None = None) -> Incident:
    """A suspected breach is reported. Awareness defaults to the time of discovery: an
    employee's knowledge is the organisation's, so a late report never makes a case look
    less urgent (art. 33(1) runs from awareness; the DPO may set it otherwise, with a
    reason; DESIGN.md "Time"). The DPO is told."""
    now = now or timezone.now()
    if not by.has_perm(permissions.ADD_INCIDENT):
        raise NotPermitted(_("Du har ikke tilgang til å melde avvik."))
    validate_report(report, now)
    with transaction.atomic():
        year, number, reference = _next_reference(now)
        incident = Incident(
            reference=reference,
            year=year,
            number=number,
            title=clean_title(report.title),
            description=report.description,
            discovered_at=report.discovered_at,
            occurred_at=report.occurred_at,
            ongoing=report.ongoing,
            how_discovered=report.how_discovered,
            breach_types=sorted(set(report.breach_types)),
            approx_subjects=report.approx_subjects,
            data_categories=sorted(set(report.data_categories)),
            immediate_measures=report.immediate_measures,
            incident_kind=report.incident_kind,
            incident_kind_other=report.incident_kind_other,
            ended_at=report.ended_at,
            reported_at=now,
            reported_by=by,
            aware_at=deadlines.instant(report.discovered_at),
            state_changed_at=now,
        )
        incident.row_version = 0
        save_incident(incident, by=by, transition="report")
        plan_reminders(incident)
        _tell_dpos(
            incident,
            kind="incident_reported",
            template="notifications/email/incident_reported",
            extra={"clock": clock_of(incident, now)},  # overdue already if discovered long before
        )
    return incident


def _tell_dpos(incident: Incident, *, kind: str, template: str, extra: Mapping[str, Any] | None = None) -> None:
    # The deputy DPO is told as the DPO is (accounts.roles.DEPUTY).
    for dpo in User.objects.filter(groups__name__in=[DPO, DEPUTY], is_active=True).distinct().order_by("pk"):
        hooks.queue_staff_email(
            kind=kind,
            to_address=dpo.email,
            template=template,
            context={
                "incident": incident,
                "recipient": dpo,
                "url": settings.AVVIK_BASE_URL + incident.get_absolute_url(),
                **(extra or {}),
            },
            language=dpo.language,
            incident_id=incident.pk,
            recipient_id=dpo.pk,
        )


# --- Transitions ------------------------------------------------------------------------


def _required_text(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise Invalid({name: [_("Skriv en begrunnelse.")]})
    if len(value) > TEXT_MAX:
        raise Invalid({name: [_("Teksten kan være høyst %(max)s tegn.") % {"max": f"{TEXT_MAX:,}"}]})
    return value


def _run(
    *,
    incident: Incident | int,
    by: User,
    name: str,
    reason: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
    prepare: Callable[[Incident], None] | None = None,
    call: Callable[[Incident], object] | None = None,
) -> Incident:
    now = now or timezone.now()
    with transaction.atomic():
        locked = incident_for_update(incident, by=by, transition=name, expected_version=expected_version)
        if prepare is not None:
            prepare(locked)
        if call is not None:
            call(locked)
        else:
            getattr(locked, name)()
        locked.state_changed_at = now
        save_incident(locked, by=by, reason=reason, transition=name)
    return locked


def incident_start(*, incident: Incident | int, by: User, expected_version: int | None = None) -> Incident:
    """Triage starts; a handler who starts an unassigned case becomes its handler."""

    def assign(locked: Incident) -> None:
        if locked.handler_id is None and not by.has_role(DPO):
            locked.handler = by

    return _run(incident=incident, by=by, name="start", prepare=assign, expected_version=expected_version)


def incident_dismiss(
    *, incident: Incident | int, by: User, reason: str, expected_version: int | None = None
) -> Incident:
    """Not a personal data breach. Art. 33(5): documented with the reason, kept in the register.
    The reporter is told, with the reason."""
    reason = _required_text({"reason": reason}, "reason")

    def record(locked: Incident) -> None:
        locked.dismiss_reason = reason
        locked.closed_at = timezone.now()

    with transaction.atomic():
        locked = _run(
            incident=incident, by=by, name="dismiss", reason=reason, prepare=record, expected_version=expected_version
        )
        tell_reporter_of_status(locked, transition="dismiss", by=by)
    return locked


def incident_confirm(
    *,
    incident: Incident | int,
    by: User,
    aware_at: datetime | None = None,
    aware_reason: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Incident:
    """A breach is established with reasonable certainty. The DPO may set when the
    organisation became aware (EDPB 9/2022); a changed time needs a reason. The reporter is told."""
    now = now or timezone.now()

    def set_awareness(locked: Incident) -> None:
        if aware_at is not None and aware_at != locked.aware_at:
            _apply_awareness(locked, aware_at=aware_at, reason=aware_reason, now=now)

    with transaction.atomic():
        locked = _run(
            incident=incident,
            by=by,
            name="confirm",
            reason=aware_reason,
            prepare=set_awareness,
            expected_version=expected_version,
            now=now,
        )
        tell_reporter_of_status(locked, transition="confirm", by=by)
    return locked


def _apply_awareness(incident: Incident, *, aware_at: datetime, reason: str, now: datetime) -> None:
    errors: dict[str, list[str]] = {}
    problem = _out_of_range(aware_at)
    if problem:
        errors["aware_at"] = [problem]
    elif aware_at > now:
        errors["aware_at"] = [_("Tidspunktet kan ikke være i fremtiden.")]
    if not reason.strip():
        errors["aware_reason"] = [_("Forklar hvorfor virksomheten ble kjent med bruddet på dette tidspunktet.")]
    if errors:
        raise Invalid(errors)
    incident.aware_at = deadlines.instant(aware_at)
    incident.aware_reason = reason
    plan_reminders(incident)  # unsent reminders move with the deadline


def incident_set_awareness(
    *,
    incident: Incident | int,
    by: User,
    aware_at: datetime,
    reason: str,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Incident:
    """The DPO moves the time of awareness, with a reason; the deadline follows (art. 33(1)).
    Lateness already recorded at a submission stays as it was."""
    now = now or timezone.now()
    if not by.has_perm(permissions.DECIDE):
        raise NotPermitted(_("Bare personvernombudet kan endre når virksomheten ble kjent med bruddet."))
    with transaction.atomic():
        locked = incident_for_update(incident, by=by, expected_version=expected_version)
        _apply_awareness(locked, aware_at=aware_at, reason=reason, now=now)
        save_incident(locked, by=by, reason=reason, transition="set_awareness")
    return locked


def incident_reassess(
    *, incident: Incident | int, by: User, reason: str, expected_version: int | None = None
) -> Incident:
    """New facts: back to assessment; a new assessment version is started."""
    reason = _required_text({"reason": reason}, "reason")
    with transaction.atomic():
        locked = _run(incident=incident, by=by, name="reassess", reason=reason, expected_version=expected_version)
        rearm_reminders(locked, timezone.now())
    return locked


def incident_reopen(
    *, incident: Incident | int, by: User, reason: str, expected_version: int | None = None
) -> Incident:
    """A closed or dismissed case is taken up again."""
    reason = _required_text({"reason": reason}, "reason")

    def clear(locked: Incident) -> None:
        locked.closed_at = None

    with transaction.atomic():
        locked = _run(
            incident=incident, by=by, name="reopen", reason=reason, prepare=clear, expected_version=expected_version
        )
        rearm_reminders(locked, timezone.now())
    return locked


def incident_close(
    *,
    incident: Incident | int,
    by: User,
    lessons_learned: str,
    expected_version: int | None = None,
    root_cause: str = "",
    root_cause_detail: str = "",
    now: datetime | None = None,
) -> Incident:
    """The case is closed with the lessons learned written (art. 33(5): remedial action):
    what changes, and the root cause from a fixed list. Refused while a measure is open. The
    reporter is told."""
    from incidents.lessons import RootCause
    from incidents.services.measures import refuse_close_while_open

    now = now or timezone.now()
    lessons_learned = _required_text({"lessons_learned": lessons_learned}, "lessons_learned")
    if root_cause and root_cause not in RootCause.values:
        raise Invalid({"root_cause": [_("Velg en årsak fra listen.")]})
    if root_cause == RootCause.OTHER and not root_cause_detail.strip():
        raise Invalid({"root_cause_detail": [_("Beskriv årsaken når du velger «Annet».")]})
    if len(root_cause_detail) > TEXT_MAX:
        raise Invalid({"root_cause_detail": [_("Teksten kan være høyst %(max)s tegn.") % {"max": f"{TEXT_MAX:,}"}]})

    def record(locked: Incident) -> None:
        refuse_close_while_open(locked)
        locked.lessons_learned = lessons_learned
        locked.root_cause = root_cause
        locked.root_cause_detail = root_cause_detail.strip()
        locked.closed_at = now

    with transaction.atomic():
        locked = _run(
            incident=incident, by=by, name="close", prepare=record, expected_version=expected_version, now=now
        )
        tell_reporter_of_status(locked, transition="close", by=by)
    return locked


def incident_complete(*, incident: Incident | int, by: User, expected_version: int | None = None) -> Incident:
    """The people affected have been told (art. 34): every approved notice delivered, or a
    public notice published (art. 34(3)(c))."""

    def check_notices(locked: Incident) -> None:
        missing = hooks.completion_missing(locked)
        if missing:
            raise Conflict(" ".join(missing))

    return _run(incident=incident, by=by, name="complete", prepare=check_notices, expected_version=expected_version)


# --- Editing facts ------------------------------------------------------------------------

EDITABLE_FIELDS = (
    "title",
    "description",
    "discovered_at",
    "occurred_at",
    "ongoing",
    "how_discovered",
    "breach_types",
    "approx_subjects",
    "data_categories",
    "immediate_measures",
    "incident_kind",
    "incident_kind_other",
    "ended_at",
)


def incident_update_facts(
    *,
    incident: Incident | int,
    by: User,
    changes: Mapping[str, Any],
    reason: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Incident:
    """Handlers and the DPO correct or add facts while the case is open; the change, the
    user and the reason are in the history."""
    now = now or timezone.now()
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise Invalid({name: [_("Dette feltet kan ikke endres.")] for name in sorted(unknown)})
    if not by.has_perm(permissions.WORK):
        raise NotPermitted(_("Rollen din kan ikke endre saken."))
    with transaction.atomic():
        locked = lock_incident(incident)
        if not locked.is_open:
            raise Conflict(_("Saken er avsluttet. Gjenåpne den for å endre den."))
        check_version(locked, expected_version)
        merged = {name: changes.get(name, getattr(locked, name)) for name in EDITABLE_FIELDS}
        report = Report(
            **{
                **merged,
                "breach_types": tuple(merged["breach_types"] or ()),
                "data_categories": tuple(merged["data_categories"] or ()),
            }
        )
        validate_report(report, now)
        for name, value in changes.items():
            if name in ("breach_types", "data_categories"):
                value = sorted(set(value or ()))
            elif name == "title":
                value = clean_title(value)
            setattr(locked, name, value)
        save_incident(locked, by=by, reason=reason, transition="edit")
    return locked


def incident_set_reporter_message(
    *, incident: Incident | int, by: User, text: str, expected_version: int | None = None
) -> Incident:
    """What the DPO chooses to tell the person who reported the case. The reporter sees
    their report, its status and this — never the internal reasoning (art. 5(1)(f): the
    assessment may name other people and weaknesses). Kept in the history."""
    if not by.has_perm(permissions.DECIDE):
        raise NotPermitted(_("Bare personvernombudet kan skrive til melderen."))
    if not isinstance(text, str):
        raise Invalid({"reporter_message": [_("Skriv vanlig tekst.")]})
    if len(text) > TEXT_MAX:
        raise Invalid({"reporter_message": [_("Teksten kan være høyst %(max)s tegn.") % {"max": f"{TEXT_MAX:,}"}]})
    with transaction.atomic():
        locked = incident_for_update(incident, by=by, expected_version=expected_version)
        if locked.reporter_message != text.strip():
            locked.reporter_message = text.strip()
            save_incident(locked, by=by, transition="reporter_message")
    return locked


def incident_assign(
    *, incident: Incident | int, by: User, handler: User, expected_version: int | None = None
) -> Incident:
    """The DPO assigns the case to a handler, or to another one (art. 38(1) and 39(1):
    the DPO is involved in every breach and decides who works it). The handler is told by
    e-mail, without the personal data of the people affected; the change is in the history.
    A closed case is not reassigned."""
    if not by.has_perm(permissions.DECIDE):
        raise NotPermitted(_("Bare personvernombudet kan tildele saker."))
    if not (handler.is_active and handler.has_perm(permissions.WORK)):
        raise Invalid({"handler": [_("Velg en aktiv saksbehandler.")]})
    with transaction.atomic():
        locked = incident_for_update(incident, by=by, expected_version=expected_version)
        if not locked.is_open:
            raise Conflict(_("Saken er avsluttet og kan ikke tildeles."))
        if locked.handler_id == handler.pk:
            return locked
        locked.handler = handler
        save_incident(locked, by=by, transition="assign")
        if handler.pk != by.pk:
            hooks.queue_staff_email(
                kind="incident_assigned",
                to_address=handler.email,
                template="notifications/email/incident_assigned",
                context={
                    "incident": locked,
                    "recipient": handler,
                    "assigned_by": by,
                    "url": settings.AVVIK_BASE_URL + locked.get_absolute_url(),
                },
                language=handler.language,
                incident_id=locked.pk,
                recipient_id=handler.pk,
            )
    return locked


def available_transitions(incident: Incident, user: User) -> list[str]:
    """The transitions this user may run on this case now."""
    return [
        name
        for name in TRANSITIONS
        if can_proceed(getattr(incident, name)) and user.has_perm(transition_permission(name))
    ]


def is_closed_state(state: str) -> bool:
    return state in CLOSED_STATES
