"""The notification to Datatilsynet (art. 33(3)-(5)): the document, in the order of
Datatilsynet's form, filled from the case, the assessment and the organisation profile;
the DPO's edits of it; and what was filed when (first notification and follow-ups).

The DPO files in Altinn by hand. Avvik makes sure every field is there, says "ukjent"
where the case does not know something (never blank, never invented), and records the
filing append-only: a mistake is corrected by a follow-up, never by editing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions
from accounts.models import User
from core.errors import Conflict, Invalid, NotPermitted
from core.i18n import current_language, long_datetime
from incidents.models import (
    TEXT_MAX,
    Assessment,
    AuthorityNotificationDraft,
    AuthoritySubmission,
    Incident,
    Organisation,
)
from incidents.rules import deadlines
from incidents.selectors import cases as selectors
from incidents.services.events import Kind as EventKind
from incidents.services.events import record_event
from incidents.services.locking import incident_for_update, lock_incident, save_incident
from incidents.services.organisation import organisation_missing
from incidents.vocabulary import BREACH_TYPE_SHORT, DATA_CATEGORY_LABELS
from incidents.workflow import State

# --- The document ------------------------------------------------------------------------


@dataclass
class DocField:
    key: str
    label: str
    generated: str | None  # what the case says; None: the case does not know
    required: bool = False
    editable: bool = True
    text: str | None = None  # the DPO's wording, when there is one

    @property
    def value(self) -> str | None:
        if self.text and self.text.strip():
            return self.text
        return self.generated if self.generated and self.generated.strip() else None

    @property
    def display(self) -> str:
        return self.value if self.value is not None else unknown()

    @property
    def missing(self) -> bool:
        return self.required and self.value is None

    @property
    def edited(self) -> bool:
        return bool(self.text and self.text.strip())


@dataclass
class DocSection:
    key: str
    title: str
    fields: list[DocField] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The section as plain text, for the copy button and for pasting into Altinn."""
        return "\n".join(f"{f.label}: {f.display}" for f in self.fields)

    @property
    def missing(self) -> list[DocField]:
        return [f for f in self.fields if f.missing]

    def get(self, key: str) -> DocField:
        return next(f for f in self.fields if f.key == key)


@dataclass
class Document:
    incident: Incident
    organisation: Organisation
    sections: list[DocSection]
    submissions: list[AuthoritySubmission]

    @property
    def missing(self) -> list[str]:
        """Every empty required field, in plain words: "Beskrivelse: hovedårsak"."""
        return [f"{s.title}: {f.label.lower()}" for s in self.sections for f in s.missing]

    def section(self, key: str) -> DocSection:
        return next(s for s in self.sections if s.key == key)

    @property
    def fields(self) -> dict[str, DocField]:
        return {f.key: f for s in self.sections for f in s.fields}

    @property
    def initial(self) -> AuthoritySubmission | None:
        return next((s for s in self.submissions if s.kind == AuthoritySubmission.Kind.INITIAL), None)

    @property
    def follow_ups(self) -> list[AuthoritySubmission]:
        return [s for s in self.submissions if s.kind == AuthoritySubmission.Kind.FOLLOW_UP]

    @property
    def last_filed_at(self) -> datetime | None:
        return self.submissions[-1].submitted_at if self.submissions else None


def unknown() -> str:
    return _("ukjent")


def when(value: datetime | None) -> str | None:
    if value is None:
        return None
    return long_datetime(value, weekday=False)


def _count(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return _("omtrent %(count)s") % {"count": f"{value:,}".replace(",", " ")}
    return None


def _joined(labels: list[str]) -> str | None:
    return ", ".join(labels) if labels else None


def measures_text(incident: Incident) -> tuple[str, str]:
    """(taken, planned) measures as text for art. 33(3)(d) and 34(2): what was done at once,
    the measures done, and the measures still open with their due dates. An empty string
    means the case says nothing (the document then says "ukjent")."""
    from django.utils import formats

    from incidents.selectors.measures import measures_summary

    done, planned = measures_summary(incident)
    taken_lines = [incident.immediate_measures.strip()] if (incident.immediate_measures or "").strip() else []
    taken_lines += [
        f"{m.what} ({formats.date_format(m.done_on, 'SHORT_DATE_FORMAT')})" if m.done_on else m.what for m in done
    ]
    planned_lines = [
        f"{m.what} ({_('innen')} {formats.date_format(m.due_on, 'SHORT_DATE_FORMAT')})" if m.due_on else m.what
        for m in planned
    ]
    return "\n".join(taken_lines), "\n".join(planned_lines)


def _period(incident: Incident) -> str | None:
    if incident.occurred_at is None:
        return _("Pågår fortsatt.") if incident.ongoing else None
    start = when(incident.occurred_at)
    if incident.ongoing:
        return _("Fra %(start)s. Pågår fortsatt.") % {"start": start}
    return _("Fra %(start)s til det ble oppdaget %(end)s.") % {"start": start, "end": when(incident.discovered_at)}


def _main_cause(incident: Incident) -> str | None:
    cause = getattr(incident, "root_cause", "") or ""
    detail = (getattr(incident, "root_cause_detail", "") or "").strip()
    label = str(incident.get_root_cause_display()) if cause and hasattr(incident, "get_root_cause_display") else ""
    text = ". ".join(p for p in (label, detail) if p)
    return text or None


RISK_LEVEL_TEXT = {
    "unlikely": gettext_lazy("Lite sannsynlig at bruddet medfører en risiko for de berørtes rettigheter og friheter."),
    "risk": gettext_lazy("Bruddet kan medføre en risiko for de berørtes rettigheter og friheter."),
    "high": gettext_lazy("Bruddet medfører sannsynligvis en høy risiko for de berørtes rettigheter og friheter."),
}


def _consequences(assessment: Assessment | None, language: str) -> str | None:
    if assessment is None or not assessment.recommendation:
        return None
    from incidents.services.assessment import stored_recommendation_as_dict

    rec = stored_recommendation_as_dict(assessment.recommendation, language)
    level = RISK_LEVEL_TEXT.get(rec.get("risk_level", ""))
    if level is None:
        return None
    lines = [str(level)]
    lines += [f"- {reason}" for reason in rec.get("reasons", [])]
    return "\n".join(lines)


def _informed(decision: Assessment | None) -> str | None:
    if decision is None or decision.notify_data_subjects is None:
        return None
    if decision.notify_data_subjects:
        return _("Ikke ennå. De berørte skal varsles direkte (art. 34).")
    if decision.exemption == Assessment.Exemption.DISPROPORTIONATE:
        return _("De berørte informeres gjennom en offentlig kunngjøring (art. 34 nr. 3 bokstav c).")
    text = _("Nei. De berørte varsles ikke.")
    if decision.exemption:
        text += " " + str(decision.get_exemption_display()) + "."
    if decision.justification.strip():
        text += " " + _("Begrunnelse: %(text)s") % {"text": decision.justification.strip()}
    return text


def _not_applicable(decision: Assessment | None) -> str | None:
    if decision is not None and decision.notify_data_subjects is False and decision.exemption != "34_3_c":
        return _("Ikke aktuelt.")
    return None


def build_document(incident: Incident, *, language: str = "nb") -> Document:
    """The notification as it stands now, in the order of Datatilsynet's form."""
    organisation = Organisation.current()
    assessment = selectors.current_assessment(incident)
    decision = selectors.latest_decision(incident)
    basis = decision or assessment
    facts: Mapping[str, Any] = basis.facts if basis is not None else {}
    draft = AuthorityNotificationDraft.objects.filter(incident=incident).first()
    texts: Mapping[str, str] = draft.texts if draft else {}

    breach_types = list(facts.get("breach_types") or incident.breach_types or [])
    categories = list(facts.get("data_categories") or incident.data_categories or [])
    subjects = facts.get("subjects_count")
    if subjects is None:
        subjects = incident.approx_subjects
    taken, planned = measures_text(incident)
    discovered = when(incident.discovered_at) or ""
    if incident.how_discovered.strip():
        discovered += ". " + incident.how_discovered.strip()
    aware = when(incident.aware_at) or ""
    if incident.aware_reason.strip():
        aware += ". " + incident.aware_reason.strip()
    address = ", ".join(line.strip() for line in organisation.address.splitlines() if line.strip())

    sections = [
        DocSection(
            "description",
            _("Beskrivelse av bruddet"),
            [
                DocField("what_happened", _("Hva skjedde"), incident.description, required=True),
                DocField("main_cause", _("Hovedårsak"), _main_cause(incident), required=True),
                DocField("period", _("Periode for bruddet"), _period(incident)),
                DocField("discovered_at", _("Når og hvordan bruddet ble oppdaget"), discovered, required=True),
                DocField("aware_at", _("Når virksomheten ble kjent med bruddet"), aware),
                DocField(
                    "breach_types",
                    _("Type brudd"),
                    _joined([str(BREACH_TYPE_SHORT.get(t, t)) for t in breach_types]),
                    required=True,
                ),
                DocField(
                    "data_categories",
                    _("Typer personopplysninger"),
                    _joined([str(DATA_CATEGORY_LABELS.get(c, c)) for c in categories]),
                    required=True,
                ),
                DocField("subjects_count", _("Antall berørte personer"), _count(subjects), required=True),
                DocField("records_count", _("Antall berørte registreringer"), _count(facts.get("records_count"))),
                DocField("relation", _("Virksomhetens forhold til de berørte"), None),
                DocField("data_location", _("Hvor opplysningene er nå"), None),
                DocField("other_countries", _("Berørte i andre EØS-land"), None),
            ],
        ),
        DocSection(
            "consequences",
            _("Konsekvenser"),
            [
                DocField(
                    "consequences",
                    _("Sannsynlige konsekvenser"),
                    _consequences(decision or assessment, language),
                    required=True,
                )
            ],
        ),
        DocSection(
            "measures",
            _("Tiltak"),
            [
                DocField("measures_taken", _("Tiltak som er gjennomført"), taken, required=True),
                DocField("measures_planned", _("Tiltak som er planlagt"), planned),
            ],
        ),
        DocSection(
            "information_to_subjects",
            _("Informasjon til de berørte"),
            [
                DocField("informed", _("Er de berørte informert"), _informed(decision), required=True),
                DocField("informed_how", _("Hvordan"), _not_applicable(decision)),
                DocField("informed_when", _("Når"), _not_applicable(decision)),
            ],
        ),
        DocSection(
            "contact",
            _("Kontaktinformasjon"),
            [
                DocField("controller_name", _("Behandlingsansvarlig"), organisation.name, True, editable=False),
                DocField("org_number", _("Organisasjonsnummer"), organisation.org_number, editable=False),
                DocField("address", _("Adresse"), address, editable=False),
                DocField("contact_name", _("Kontaktperson"), organisation.contact_name, True, editable=False),
                DocField("contact_email", _("E-post"), organisation.contact_email, True, editable=False),
                DocField("contact_phone", _("Telefon"), organisation.contact_phone, True, editable=False),
            ],
        ),
    ]
    for section in sections:
        for item in section.fields:
            if item.editable:
                item.text = texts.get(item.key) or None
    submissions = list(incident.authority_submissions.order_by("submitted_at", "pk"))
    return Document(incident=incident, organisation=organisation, sections=sections, submissions=submissions)


# The description section of Datatilsynet's form, in its order.
DESCRIPTION_KEYS = (
    "what_happened",
    "main_cause",
    "period",
    "discovered_at",
    "aware_at",
    "breach_types",
    "data_categories",
    "subjects_count",
    "records_count",
    "relation",
    "data_location",
    "other_countries",
)

EDITABLE_KEYS = (
    *DESCRIPTION_KEYS,
    "consequences",
    "measures_taken",
    "measures_planned",
    "informed",
    "informed_how",
    "informed_when",
)

# The form's label of each field the DPO may word, for the history (the same words as
# build_document uses).


def document_content(document: Document) -> dict[str, Any]:
    """The document as data: CONTRACT.md "AuthorityNotification" without the filings, and
    the snapshot stored with each filing."""
    values = {key: f.display for key, f in document.fields.items()}
    section_text = {s.key: s.text for s in document.sections}
    return {
        "controller": {
            "name": values["controller_name"],
            "organisation_number": values["org_number"],
            "address": values["address"],
        },
        "contact": {
            "name": values["contact_name"],
            "email": values["contact_email"],
            "phone": values["contact_phone"],
        },
        "description": {key: values[key] for key in DESCRIPTION_KEYS},
        "consequences": values["consequences"],
        "measures": {"taken": values["measures_taken"], "planned": values["measures_planned"]},
        "information_to_subjects": {
            "informed": values["informed"],
            "how": values["informed_how"],
            "when": values["informed_when"],
        },
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "text": section_text[s.key],
                "fields": [{"key": f.key, "label": f.label, "value": f.display} for f in s.fields],
            }
            for s in document.sections
        ],
        "missing": document.missing,
    }


def submission_as_dict(submission: AuthoritySubmission) -> dict[str, Any]:
    """A filed notification or follow-up as the API shows it (CONTRACT.md)."""
    return {
        "kind": submission.kind,
        "submitted_at": submission.submitted_at.isoformat(),
        "authority_reference": submission.authority_reference,
        "phased": submission.phased,
        "late_reason": submission.late_reason,
        "late": submission.was_late,
        "recorded_at": submission.recorded_at.isoformat(),
    }


def submission_summary(submission: AuthoritySubmission) -> dict[str, Any]:
    return {**submission_as_dict(submission), "note": submission.note}


def filed_document(document: Document, *, phased: bool, late_reason: str) -> dict[str, Any]:
    """The notification as it is filed now (CONTRACT.md "AuthorityNotification"), kept with
    the filing and never changed after (art. 33(5): the record of what Datatilsynet was
    told). ``submissions`` are the filings before this one; the words are those the DPO
    read when filing, in that language."""
    data = document_content(document)
    data.update(
        {
            "reference": document.incident.reference,
            "phased": phased,
            "late_reason": late_reason,
            "authority_deadline": document.incident.authority_deadline.isoformat(),
            "submissions": [submission_summary(s) for s in document.submissions],
            "language": current_language(),
        }
    )
    return data


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
            if section.key == "contact":
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


def notification_as_dict(document: Document) -> dict[str, Any]:
    """CONTRACT.md "AuthorityNotification": the next notification to file as it stands
    now, and each filing with the document exactly as it was filed."""
    data = document_content(document)
    initial = document.initial
    latest = document.submissions[-1] if document.submissions else None
    data["reference"] = document.incident.reference
    data["state"] = document.incident.state
    data["phased"] = bool(latest.phased) if latest else False
    data["late_reason"] = initial.late_reason if initial else ""
    data["authority_deadline"] = document.incident.authority_deadline.isoformat()
    data["submissions"] = [{**submission_summary(s), "document": s.document} for s in document.submissions]
    data["ready"] = not document.missing and not organisation_missing(document.organisation)
    return data


def in_notification_step(incident: Incident) -> bool:
    return incident.state == State.AUTHORITY_NOTIFICATION
