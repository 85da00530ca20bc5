"""The case's timeline, from the history: every transition, every field change (old → new,
who, when, why), what was done beside the case row (``incidents.services.events``) and every
e-mail. In words in the reader's language, never a stored code. A fixed number of queries
per case.

A reporter who does not work the case sees only how its status changed (DESIGN.md "Who
uses it"), what they added and answered, and the questions put to them: no reasons, no
field changes, no staff names, no e-mails, no comments or contact log."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from incidents.models import CaseEvent, CaseNote, Incident
from incidents.models.events import Kind
from incidents.selectors.notes import REPORTER_KINDS
from incidents.selectors.register import channels_words
from incidents.vocabulary import AUTHORITY_FIELD_LABELS, BREACH_TYPE_SHORT, DATA_CATEGORY_SHORT, EDPB_QUESTION_LABELS
from incidents.workflow import TRANSITION_LABELS, state_label

HIDDEN_FIELDS = {"id", "state_changed_at", "authority_deadline", "reported_by", "reference"}

EVENT_LABELS: dict[str, Any] = {
    **TRANSITION_LABELS,
    "report": _("Meldt"),
    "edit": _("Opplysninger endret"),
    "set_awareness": _("Tidspunkt for kjennskap endret"),
    "assign": _("Saksbehandler endret"),
    "conclude": _("Beslutning lagret"),
    "submit": _("Melding til Datatilsynet registrert"),
    "follow_up": _("Oppfølgende melding til Datatilsynet registrert"),
    "reporter_message": _("Melding til melderen endret"),
}

# Fields Django names after the column; what people read instead.
FIELD_LABELS: dict[str, Any] = {
    "closed_at": _("avsluttet"),
}

EMAIL_LABELS: dict[str, Any] = {
    "incident_reported": _("E-post om nytt avvik"),
    "incident_assigned": _("E-post: du er saksbehandler"),
    "deadline_reminder": _("E-post: påminnelse om fristen"),
    "deadline_overdue": _("E-post: fristen er passert"),
    "follow_up_owed": _("E-post: oppfølgende melding til Datatilsynet gjenstår"),
    "measure_digest": _("E-post: oversikt over tiltak"),
    "comment_mention": _("E-post: nevnt i en kommentar"),
    "reporter_confirmed": _("E-post til melderen: det er et brudd"),
    "reporter_dismissed": _("E-post til melderen: ikke et brudd"),
    "reporter_closed": _("E-post til melderen: saken er avsluttet"),
    "reporter_question": _("E-post til melderen: et spørsmål"),
    "reporter_answer": _("E-post: melderen har svart"),
    "reporter_addition": _("E-post: nye opplysninger fra melderen"),
}

LANGUAGE_NAMES: dict[str, Any] = {"nb": _("bokmål"), "nn": _("nynorsk"), "en": _("engelsk")}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Event:
    at: datetime
    who: str
    title: str
    reason: str = ""
    changes: list[Change] = field(default_factory=list)
    kind: str = "history"
    anchor: str = ""  # the id of a note, for links that lead to it


def _show(name: str, value: Any, model_field: Any = None) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if name == "state":
        return state_label(value)
    if name == "breach_types":
        return ", ".join(str(BREACH_TYPE_SHORT.get(v, v)) for v in value)
    if name == "data_categories":
        return ", ".join(str(DATA_CATEGORY_SHORT.get(v, v)) for v in value)
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nei"))
    if isinstance(value, datetime):
        from core.i18n import long_datetime

        return long_datetime(value, weekday=False)
    choices = getattr(model_field, "choices", None)
    if choices:
        return str(dict(choices).get(value, _("ukjent verdi")))
    return str(value)


def _who(user: Any) -> str:
    return user.display_name if user is not None else str(_("Systemet"))


def _languages(codes: Any) -> str:
    return ", ".join(str(LANGUAGE_NAMES.get(code, code)) for code in codes or [] if code in LANGUAGE_NAMES)


def _moment(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _event_words(event: CaseEvent, files: Mapping[str, str] | None = None) -> tuple[str, str, list[Change]]:
    """(title, reason, changes) of an event, in the active language. ``files``: the names of
    the case's files by their id (an event names a file by id only)."""
    details: Mapping[str, Any] = event.details or {}
    kind = event.kind
    title = str(Kind(kind).label) if kind in Kind.values else str(_("Saken er endret"))
    lines: list[str] = []
    changes: list[Change] = []
    if kind == Kind.AUTHORITY_TEXT_EDITED:
        if details.get("after_filing"):
            title = str(_("Utkastet til oppfølgende melding til Datatilsynet er endret"))
        for change in details.get("changes", []):
            label = AUTHORITY_FIELD_LABELS.get(change.get("key")) or EDPB_QUESTION_LABELS.get(
                change.get("key"), _("tekst")
            )
            changes.append(
                Change(str(label), change.get("old") or str(_("ukjent")), change.get("new") or str(_("ukjent")))
            )
    elif kind == Kind.NOTICE_APPROVED:
        if details.get("languages"):
            lines.append(str(_("Godkjent på %(languages)s.")) % {"languages": _languages(details["languages"])})
    elif kind == Kind.NOTICE_REOPENED:
        if details.get("languages"):
            lines.append(
                str(_("Versjon %(version)s på %(languages)s må godkjennes på nytt."))
                % {"version": details.get("new_version", ""), "languages": _languages(details["languages"])}
            )
    elif kind == Kind.RECIPIENTS_IMPORTED:
        imported = int(details.get("imported", 0))
        lines.append(ngettext("%(n)s mottaker lagt inn.", "%(n)s mottakere lagt inn.", imported) % {"n": imported})
        duplicates = int(details.get("duplicates", 0))
        if duplicates:
            lines.append(
                ngettext(
                    "%(n)s adresse sto der fra før og ble slått sammen.",
                    "%(n)s adresser sto der fra før og ble slått sammen.",
                    duplicates,
                )
                % {"n": duplicates}
            )
    elif kind in (Kind.NOTICES_SENT, Kind.DELIVERIES_RETRIED):
        queued = int(details.get("queued", 0))
        lines.append(
            ngettext("%(n)s varsel lagt i kø for sending.", "%(n)s varsler lagt i kø for sending.", queued)
            % {"n": queued}
        )
        moved = details.get("moved")
        if isinstance(moved, dict) and (how := channels_words((str(c), int(n)) for c, n in moved.items())):
            # An e-mail that bounced, sent again another way (notifications.services.delivery).
            lines.append(str(_("Sendes på en annen måte enn før: %(how)s.")) % {"how": how})
    elif kind == Kind.DELIVERIES_FOLLOWED_UP:
        count = int(details.get("count", 0))
        lines.append(ngettext("Gjelder %(n)s varsel.", "Gjelder %(n)s varsler.", count) % {"n": count})
    elif kind in (Kind.ATTACHMENT_ADDED, Kind.ATTACHMENT_REMOVED):
        name = (files or {}).get(str(details.get("attachment", "")))
        if name:
            lines.append(str(_("Fil: %(name)s")) % {"name": name})
    elif kind == Kind.LETTERS_PRINTED:
        count = int(details.get("count", 0))
        lines.append(
            ngettext("%(n)s brev skal skrives ut og postlegges.", "%(n)s brev skal skrives ut og postlegges.", count)
            % {"n": count}
        )
    elif kind == Kind.LETTERS_POSTED:
        count = int(details.get("count", 0))
        lines.append(ngettext("%(n)s brev er sendt.", "%(n)s brev er sendt.", count) % {"n": count})
        if posted_at := _moment(details.get("posted_at")):
            from core.i18n import long_datetime

            lines.append(str(_("Postlagt %(when)s.")) % {"when": long_datetime(posted_at, weekday=False)})
    elif kind in (Kind.PUBLIC_NOTICE_PUBLISHED, Kind.PUBLIC_NOTICE_UPDATED) and details.get("version"):
        lines.append(str(_("Versjon %(version)s.")) % {"version": details["version"]})
    if event.text:
        lines.append(event.text)
    return title, "\n".join(lines), changes


def incident_timeline(incident: Incident, *, internal: bool = True) -> list[Event]:
    """The case's history, oldest first. ``internal=False``: what a reporter sees, the
    status and when it changed."""
    records = list(incident.history.select_related("history_user").order_by("history_date", "history_id"))
    if not internal:
        notes = incident.notes.filter(kind__in=REPORTER_KINDS).select_related("by").order_by("at", "pk")
        seen = _status_timeline(records) + [_note_event(note, internal=False) for note in notes]
        seen.sort(key=lambda e: e.at)
        return seen
    model_fields = {f.name: f for f in Incident._meta.get_fields() if hasattr(f, "attname")}
    # Handlers are shown by name, never by their id: one query for every handler named.
    handler_ids = {r.handler_id for r in records if r.handler_id}
    user_names: dict[int, str] = {u.pk: u.display_name for u in User.objects.filter(pk__in=handler_ids)}
    events: list[Event] = []
    previous = None
    for record in records:
        who = _who(record.history_user)
        transition = getattr(record, "history_transition", "") or ("report" if previous is None else "edit")
        changes: list[Change] = []
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in HIDDEN_FIELDS:
                    continue
                model_field = model_fields.get(change.field)
                label = str(FIELD_LABELS.get(change.field) or getattr(model_field, "verbose_name", change.field))
                old, new = change.old, change.new
                if change.field == "handler":
                    old, new = user_names.get(old, old), user_names.get(new, new)
                changes.append(
                    Change(label, _show(change.field, old, model_field), _show(change.field, new, model_field))
                )
        events.append(
            Event(
                at=record.history_date,
                who=who,
                title=str(EVENT_LABELS.get(transition, _("Saken er endret"))),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
        previous = record
    files = {str(public_id): name for public_id, name in incident.attachments.values_list("public_id", "name")}
    for case_event in incident.events.select_related("by").order_by("at", "pk"):
        title, reason, event_changes = _event_words(case_event, files)
        events.append(
            Event(at=case_event.at, who=_who(case_event.by), title=title, reason=reason, changes=event_changes)
        )
    notes = incident.notes.select_related("by").prefetch_related("mentioned").order_by("at", "pk")
    events += [_note_event(note, internal=True) for note in notes]
    for email in incident.emails.all().order_by("created_at"):
        email_label = EMAIL_LABELS.get(email.kind)
        events.append(
            Event(
                at=email.sent_at or email.created_at,
                who=str(_("Avvik")),
                title=(
                    str(email_label)
                    if email_label
                    # An e-mail written in bulk has its subject once it is sent.
                    else str(_("E-post: %(subject)s") % {"subject": email.subject})
                    if email.subject
                    else str(_("E-post"))
                ),
                reason=str(
                    _("Til %(to)s – %(status)s") % {"to": email.to_address, "status": email.get_status_display()}
                ),
                kind="email",
            )
        )
    events.sort(key=lambda e: e.at)
    return events


def _status_timeline(records: list[Any]) -> list[Event]:
    events: list[Event] = []
    previous_state = None
    for record in records:
        if record.state == previous_state:
            continue
        title = (
            str(_("Meldt"))
            if previous_state is None
            else str(_("Status: %(state)s") % {"state": state_label(record.state)})
        )
        events.append(Event(at=record.history_date, who="", title=title, kind="status"))
        previous_state = record.state
    return events


def _note_event(note: CaseNote, *, internal: bool) -> Event:
    """A note as the history shows it. The reporter reads who wrote only what they wrote
    themselves: staff are not named to them (DESIGN.md "Who uses it")."""
    from core.i18n import long_datetime

    title = str(note.get_kind_display())
    lines: list[str] = []
    if note.kind == CaseNote.Kind.CONTACT:
        title = str(_("Kontakt: %(channel)s med %(who)s, %(when)s")) % {
            "channel": note.get_channel_display().lower(),
            "who": note.contacted,
            "when": long_datetime(note.contacted_at, weekday=False) if note.contacted_at else "—",
        }
    lines.append(note.text)
    if note.kind == CaseNote.Kind.COMMENT and internal:
        names = [user.display_name for user in note.mentioned.all()]
        if names:
            lines.append(str(_("Nevnt: %(names)s")) % {"names": ", ".join(names)})
    who = _who(note.by) if internal or note.by_id == note.incident.reported_by_id else ""
    return Event(at=note.at, who=who, title=title, reason="\n".join(lines), kind="note", anchor=f"note-{note.pk}")
