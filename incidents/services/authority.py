"""The notification to Datatilsynet (art. 33(3)-(5)): the DPO's edits of the document (the
document itself is read in ``incidents.selectors.authority``) and what was filed when
(first notification and follow-ups).

The DPO files in Altinn by hand. Avvik makes sure every field is there, says "ukjent"
where the case does not know something (never blank, never invented), and records the
filing append-only: a mistake is corrected by a follow-up, never by editing."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import User
from core.errors import Conflict, Invalid, NotPermitted
from incidents.models import (
    TEXT_MAX,
    AuthorityNotificationDraft,
    AuthoritySubmission,
    Incident,
)
from incidents.rules import deadlines
from incidents.selectors import cases as selectors
from incidents.selectors.authority import EDITABLE_KEYS, build_document, filed_document, when
from incidents.selectors.organisation import organisation_missing
from incidents.services.events import Kind as EventKind
from incidents.services.events import record_event
from incidents.services.locking import incident_for_update, lock_incident, save_incident
from incidents.workflow import State

# --- Services -----------------------------------------------------------------------------


def authority_draft_save(
    *, incident: Incident | int, by: User, texts: Mapping[str, str], now: datetime | None = None
) -> AuthorityNotificationDraft:
    """The DPO (or the handler) words fields of the notification. A text equal to what the
    case says, or empty, is not stored: the field then follows the case (art. 33(3))."""
    now = now or timezone.now()
    if not by.has_perm(permissions.WORK):
        raise NotPermitted(_("Rollen din kan ikke skrive meldingen til Datatilsynet."))
    errors: dict[str, list[str]] = {}
    for key, value in texts.items():
        if key not in EDITABLE_KEYS:
            errors[key] = [_("Dette feltet kan ikke endres her.")]
        elif not isinstance(value, str):
            errors[key] = [_("Skriv vanlig tekst.")]
        elif len(value) > TEXT_MAX:
            errors[key] = [_("Teksten kan være høyst %(max)s tegn.") % {"max": f"{TEXT_MAX:,}"}]
    if errors:
        raise Invalid(errors)
    with transaction.atomic():
        locked = lock_incident(incident)
        if not locked.is_open:
            raise Conflict(_("Saken er avsluttet. Gjenåpne den for å endre den."))
        draft, _created = AuthorityNotificationDraft.objects.select_for_update().get_or_create(incident=locked)
        before = build_document(locked)
        generated = {key: f.generated for key, f in before.fields.items()}
        stored = dict(draft.texts)
        for key, value in texts.items():
            if not value.strip() or value.strip() == (generated.get(key) or "").strip():
                stored.pop(key, None)
            else:
                stored[key] = value
        changes = [
            # None: the case did not know; the history says so in the reader's language.
            {"key": key, "old": before.fields[key].value, "new": stored.get(key) or generated.get(key) or None}
            for key in EDITABLE_KEYS
            if key in texts and stored.get(key) != draft.texts.get(key)
        ]
        draft.texts = stored
        draft.updated_at = now
        draft.updated_by = by
        draft._history_user = by  # type: ignore[attr-defined]
        draft.save()
        if changes:
            # Art. 33(5): what the notification says, and who changed it, is part of the record.
            record_event(
                incident=locked,
                by=by,
                kind=EventKind.AUTHORITY_TEXT_EDITED,
                details={"changes": changes, "after_filing": bool(before.submissions)},
                now=now,
            )
    return draft


def _validate_filing_time(incident: Incident, submitted_at: datetime | None, now: datetime) -> dict[str, list[str]]:
    if submitted_at is None:
        return {"submitted_at": [_("Skriv inn når meldingen ble sendt.")]}
    if submitted_at > now:
        return {"submitted_at": [_("Tidspunktet kan ikke være i fremtiden.")]}
    if submitted_at < incident.aware_at:
        return {
            "submitted_at": [
                _("Meldingen kan ikke være sendt før virksomheten ble kjent med bruddet (%(aware)s).")
                % {"aware": when(incident.aware_at)}
            ]
        }
    return {}


def _reference(value: str, errors: dict[str, list[str]]) -> str:
    value = (value or "").strip()
    if len(value) > 200:
        errors["authority_reference"] = [_("Referansen kan være høyst 200 tegn.")]
    return value


def incident_submit(
    *,
    incident: Incident | int,
    by: User,
    submitted_at: datetime | None,
    authority_reference: str = "",
    phased: bool = False,
    late_reason: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Incident:
    """The notification to Datatilsynet was filed (art. 33(1)). Art. 33(1): after 72 hours
    it must give the reasons for the delay. Art. 33(3): it must contain at least the nature
    of the breach, the contact point, the likely consequences and the measures; what is not
    known yet may follow in phases (art. 33(4), ``phased``). The filing is recorded with a
    snapshot of the document as filed and the deadline then in force; the case moves on."""
    now = now or timezone.now()
    # Compared with the deadline as instants: a filing 72.5 real hours after awareness is
    # late whatever the wall clock did in between (DESIGN.md "Time").
    submitted_at = deadlines.instant(submitted_at) if submitted_at is not None else None
    late_reason = late_reason or ""
    with transaction.atomic():
        locked = incident_for_update(incident, by=by, transition="submit", expected_version=expected_version)
        errors = _validate_filing_time(locked, submitted_at, now)
        reference = _reference(authority_reference, errors)
        late = submitted_at is not None and not errors and submitted_at > locked.authority_deadline
        if late and not late_reason.strip():
            errors["late_reason"] = [
                _(
                    "Meldingen er sendt etter fristen på 72 timer. Skriv begrunnelsen for forsinkelsen "
                    "(personvernforordningen art. 33 nr. 1)."
                )
            ]
        if len(late_reason) > TEXT_MAX:
            errors["late_reason"] = [_("Teksten kan være høyst %(max)s tegn.") % {"max": f"{TEXT_MAX:,}"}]
        document = build_document(locked)
        profile_missing = organisation_missing(document.organisation)
        if profile_missing:
            errors["organisation"] = [
                _("Virksomhetsprofilen mangler %(what)s (art. 33 nr. 3 bokstav b). Fyll den ut under Virksomhet.")
                % {"what": ", ".join(profile_missing)}
            ]
        for section in document.sections:
            # Art. 33(4): a phased notification is filed with what is known; what is not
            # is "to be determined" and follows later. Only a complete one needs every field.
            if section.key == "contact" or phased:
                continue
            if section.missing:
                errors[section.key] = [
                    _("«%(section)s» mangler: %(fields)s.")
                    % {"section": section.title, "fields": ", ".join(f.label.lower() for f in section.missing)}
                ]
        if errors:
            raise Invalid(errors)
        assert submitted_at is not None
        decision = selectors.latest_decision(locked)
        stored_late_reason = late_reason.strip() if submitted_at > locked.authority_deadline else ""
        AuthoritySubmission.objects.create(
            incident=locked,
            kind=AuthoritySubmission.Kind.INITIAL,
            submitted_at=submitted_at,
            authority_reference=reference,
            phased=phased,
            late_reason=stored_late_reason,
            deadline_at_submission=locked.authority_deadline,
            document=filed_document(document, phased=phased, late_reason=stored_late_reason),
            recorded_at=now,
            recorded_by=by,
        )
        locked.authority_notified_at = submitted_at
        locked.authority_notified_late = submitted_at > locked.authority_deadline
        locked.authority_follow_up_owed = phased
        if phased:
            from incidents.services.reminders import plan_follow_up_reminder

            plan_follow_up_reminder(locked, submitted_at)
        from incidents.services.assessment import needs_subject_step

        subjects = decision is not None and needs_subject_step(
            notify_data_subjects=bool(decision.notify_data_subjects), exemption=decision.exemption or None
        )
        locked.submit(notify_data_subjects=subjects)
        locked.state_changed_at = now
        save_incident(locked, by=by, reason=late_reason, transition="submit")
    return locked


def incident_add_follow_up(
    *,
    incident: Incident | int,
    by: User,
    submitted_at: datetime | None,
    text: str,
    authority_reference: str = "",
    phased: bool = False,
    now: datetime | None = None,
) -> AuthoritySubmission:
    """A follow-up to Datatilsynet (art. 33(4): what was not known may follow in phases,
    without further undue delay). Allowed in any state once the first notification is
    recorded; append-only, with its own time, reference and content."""
    now = now or timezone.now()
    submitted_at = deadlines.instant(submitted_at) if submitted_at is not None else None
    if not by.has_perm(permissions.DECIDE):
        raise NotPermitted(_("Bare personvernombudet kan registrere meldinger til Datatilsynet."))
    with transaction.atomic():
        locked = lock_incident(incident)
        first = (
            locked.authority_submissions.filter(kind=AuthoritySubmission.Kind.INITIAL)
            .order_by("submitted_at", "pk")
            .first()
        )
        if first is None:
            raise Conflict(_("Registrer den første meldingen til Datatilsynet før en oppfølgende melding."))
        errors = _validate_filing_time(locked, submitted_at, now)
        if submitted_at is not None and not errors and submitted_at < first.submitted_at:
            errors["submitted_at"] = [_("En oppfølgende melding kan ikke være sendt før den første meldingen.")]
        reference = _reference(authority_reference, errors)
        if not (text or "").strip():
            errors["text"] = [_("Skriv hva den oppfølgende meldingen sa.")]
        elif len(text) > TEXT_MAX:
            errors["text"] = [_("Teksten kan være høyst %(max)s tegn.") % {"max": f"{TEXT_MAX:,}"}]
        if errors:
            raise Invalid(errors)
        assert submitted_at is not None
        submission = AuthoritySubmission.objects.create(
            incident=locked,
            kind=AuthoritySubmission.Kind.FOLLOW_UP,
            submitted_at=submitted_at,
            authority_reference=reference,
            phased=phased,
            deadline_at_submission=first.deadline_at_submission,
            content={"note": text.strip()},
            document=filed_document(build_document(locked), phased=phased, late_reason=first.late_reason),
            recorded_at=now,
            recorded_by=by,
        )
        # Art. 33(4): a follow-up that is itself phased still owes the rest; a complete one
        # settles what the phased notification owed.
        locked.authority_follow_up_owed = phased
        if phased:
            from incidents.services.reminders import plan_follow_up_reminder

            plan_follow_up_reminder(locked, submitted_at)
        save_incident(locked, by=by, reason=text.strip(), transition="follow_up")
    return submission


def can_add_follow_up(incident: Incident, user: User) -> bool:
    return (
        user.has_perm(permissions.DECIDE)
        and incident.authority_submissions.filter(kind=AuthoritySubmission.Kind.INITIAL).exists()
    )


def can_view_notification(user: User) -> bool:
    """CONTRACT.md: handler, dpo, auditor."""
    return user.has_perm(permissions.WORK) or user.has_perm(permissions.VIEW_AUDIT_TRAIL)


def in_notification_step(incident: Incident) -> bool:
    return incident.state == State.AUTHORITY_NOTIFICATION
