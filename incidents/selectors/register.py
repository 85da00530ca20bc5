"""The breach register (art. 33(5)): every case ever reported, notified or not, with the
decisions and the reasons for them. One query for any number of cases."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import Invalid
from incidents.models import Assessment, AuthoritySubmission, Measure
from incidents.selectors.cases import incidents_visible_to
from incidents.vocabulary import BREACH_TYPE_SHORT, DATA_CATEGORY_SHORT, EXEMPTION_SHORT
from incidents.workflow import State

DECISION_FILTERS = ("notified", "not_notified", "subjects_notified", "undecided")


def _with_decision(qs: QuerySet[Any]) -> QuerySet[Any]:
    decided = Assessment.objects.filter(incident=OuterRef("pk"), concluded_at__isnull=False).order_by("-version")
    return qs.annotate(
        decided_notify_authority=Subquery(decided.values("notify_authority")[:1]),
        decided_notify_data_subjects=Subquery(decided.values("notify_data_subjects")[:1]),
        decided_exemption=Subquery(decided.values("exemption")[:1]),
        decided_justification=Subquery(decided.values("justification")[:1]),
        decided_at=Subquery(decided.values("concluded_at")[:1]),
        decided_risk_level=Subquery(decided.values("recommendation__risk_level")[:1]),
    ).order_by("-year", "-number")


def register_queryset(user: User) -> QuerySet[Any]:
    """Every field of the register, for the API and the CSV export."""
    first = AuthoritySubmission.objects.filter(incident=OuterRef("pk"), kind=AuthoritySubmission.Kind.INITIAL).order_by(
        "submitted_at", "pk"
    )
    return _with_decision(incidents_visible_to(user)).annotate(
        first_late_reason=Subquery(first.values("late_reason")[:1]),
        first_authority_reference=Subquery(first.values("authority_reference")[:1]),
    )


# What a row of the register page shows (templatetags.avvik.register_row).
PAGE_FIELDS = (
    "reference",
    "year",
    "number",
    "title",
    "state",
    "reported_at",
    "authority_notified_at",
    "dismiss_reason",
)


def register_page_queryset(user: User) -> QuerySet[Any]:
    """The register as the page lists it: the same cases and decisions, only the columns shown."""
    return _with_decision(incidents_visible_to(user).only(*PAGE_FIELDS))


ToldLookup = Callable[[Iterable[int]], Mapping[int, Any]]

YEAR_MIN, YEAR_MAX = 1900, 9999


def parse_year(value: str) -> int | None:
    """The register's ``year`` filter: empty for every year, else a year written with the
    digits 0-9. Other digits (``²``, ``٣``) and absurd years are a message, never a crash."""
    value = value.strip()
    if not value:
        return None
    if value.isascii() and value.isdigit() and len(value) <= 4 and YEAR_MIN <= int(value) <= YEAR_MAX:
        return int(value)
    raise Invalid({"year": [_("Skriv et årstall med fire sifre, for eksempel 2026.")]})


def filter_register(qs: QuerySet[Any], *, year: str = "", state: str = "", decision: str = "") -> QuerySet[Any]:
    """Raises ``Invalid`` for a year that is not a year."""
    year_number = parse_year(year)
    if year_number is not None:
        qs = qs.filter(year=year_number)
    if state in State.values:
        qs = qs.filter(state=state)
    # ``authority_required`` is the latest decision's answer, kept on the case by the
    # conclusion (assessment.py): a column to filter on, not a subquery per case.
    if decision == "notified":
        qs = qs.filter(authority_required=True)
    elif decision == "not_notified":
        qs = qs.filter(authority_required=False)
    elif decision == "subjects_notified":
        qs = qs.filter(decided_notify_data_subjects=True)
    elif decision == "undecided":
        qs = qs.filter(authority_required__isnull=True)
    return qs


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def register_row(incident: Any, told: Any = None) -> dict[str, Any]:
    """One case of the register as the API answers it; ``told`` is its entry of
    ``incidents.hooks.people_told`` (None: nobody told yet)."""
    return {
        "reference": incident.reference,
        "title": incident.title,
        "state": incident.state,
        "reported_at": _iso(incident.reported_at),
        "discovered_at": _iso(incident.discovered_at),
        "occurred_at": _iso(incident.occurred_at),
        "aware_at": _iso(incident.aware_at),
        "authority_deadline": _iso(incident.authority_deadline),
        "breach_types": incident.breach_types,
        "data_categories": incident.data_categories,
        "approx_subjects": incident.approx_subjects,
        "decision": None
        if incident.decided_at is None
        else {
            "notify_authority": incident.decided_notify_authority,
            "notify_data_subjects": incident.decided_notify_data_subjects,
            "exemption": incident.decided_exemption or None,
            "justification": incident.decided_justification,
            "decided_at": _iso(incident.decided_at),
        },
        "dismiss_reason": incident.dismiss_reason,
        "authority_submitted_at": _iso(incident.authority_notified_at),
        "authority_reference": incident.first_authority_reference,
        "late": incident.authority_notified_late,
        "late_reason": incident.first_late_reason or "",
        "lessons_learned": incident.lessons_learned,
        "closed_at": _iso(incident.closed_at),
        **told_fields(told),
    }


def told_fields(told: Any) -> dict[str, Any]:
    """What the people affected were told (art. 34), for the API's register: how many, when
    first, how many by each channel (CONTRACT.md's channel names, every one), and the same
    in words in the asker's language."""
    by_channel = dict(told.by_channel) if told is not None else {}
    return {
        "people_told": told.people if told is not None else 0,
        "first_told_at": _iso(told.first_at) if told is not None else None,
        "told_by_channel": {code: by_channel.get(code, 0) for code in _channel_words()},
        "told_how": channels_words(told.by_channel) if told is not None else "",
    }


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """A cell that a spreadsheet would run as a formula is shown as text instead."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nei")
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return neutralise(str(value))


def _words(codes: Iterable[str] | None, labels: Mapping[str, Any]) -> str:
    return ", ".join(str(labels.get(code, _("ukjent verdi"))) for code in codes or ())


def risk_level_words(code: str | None) -> str:
    """The risk level of the decided assessment, as the assessment page names it."""
    from core.i18n import current_language
    from incidents.rules.risk import LEVEL_LABELS

    if code is None or code not in LEVEL_LABELS:
        return ""
    return LEVEL_LABELS[code][current_language()]


def _measures_words(measures: Iterable[Measure]) -> str:
    return "\n".join(f"{m.what} ({m.get_status_display()}, {m.get_kind_display().lower()})" for m in measures)


def _in_batches(incidents: Iterable[Any], size: int = 500) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for incident in incidents:
        batch.append(incident)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _channel_words() -> dict[str, str]:
    # The delivery channels of CONTRACT.md, in the words the case page uses.
    return {
        "email": _("E-post"),
        "svarut": _("Digital postkasse eller brev via SvarUt"),
        "letter": _("Brev skrevet ut her"),
    }


def channels_words(by_channel: Iterable[tuple[str, int]]) -> str:
    """How the people were told, per channel: «E-post: 950; Brev skrevet ut her: 50»."""
    words = _channel_words()
    return "; ".join(f"{words[code]}: {count}" for code, count in by_channel if count and code in words)


def _nobody_told(incident_ids: Iterable[int]) -> Mapping[int, Any]:
    return {}


def csv_rows(incidents: Iterable[Any], told: ToldLookup = _nobody_told) -> Iterator[list[str]]:
    """The register as a spreadsheet, in words in the active language (never a stored code).
    The measures, and through ``told`` (incidents.hooks.people_told) the notices sent, are
    looked up once per batch of cases."""
    yield [
        _("Referanse"),
        _("Kort beskrivelse"),
        _("Status"),
        _("Meldt"),
        _("Oppdaget"),
        _("Kjent fra"),
        _("Frist"),
        _("Type brudd"),
        _("Typer opplysninger"),
        _("Antall personer"),
        _("Melde til Datatilsynet"),
        _("Varsle de berørte"),
        _("Unntak art. 34(3)"),
        _("Begrunnelse for beslutningen"),
        _("Begrunnelse: ikke et brudd"),
        _("Meldt til Datatilsynet"),
        _("Altinn-referanse"),
        _("For sent"),
        _("Begrunnelse for forsinkelse"),
        _("Erfaringer"),
        _("Avsluttet"),
        _("Hovedårsak"),
        _("Risikonivå"),
        _("Tiltak"),
        _("De berørte varslet første gang"),
        _("Antall berørte varslet"),
        _("Hvordan de berørte ble varslet"),
    ]
    for batch in _in_batches(incidents):
        ids = [i.pk for i in batch]
        sent_to = told(ids)
        measures: dict[int, list[Measure]] = {}
        for measure in Measure.objects.filter(incident_id__in=ids).order_by("due_on", "pk"):
            measures.setdefault(measure.incident_id, []).append(measure)
        for i in batch:
            sent = sent_to.get(i.pk)
            yield [
                _cell(v)
                for v in (
                    i.reference,
                    i.title,
                    State(i.state).label,
                    i.reported_at,
                    i.discovered_at,
                    i.aware_at,
                    i.authority_deadline,
                    _words(i.breach_types, BREACH_TYPE_SHORT),
                    _words(i.data_categories, DATA_CATEGORY_SHORT),
                    i.approx_subjects,
                    i.decided_notify_authority,
                    i.decided_notify_data_subjects,
                    str(EXEMPTION_SHORT[i.decided_exemption]) if i.decided_exemption in EXEMPTION_SHORT else "",
                    i.decided_justification,
                    i.dismiss_reason,
                    i.authority_notified_at,
                    i.first_authority_reference,
                    i.authority_notified_late,
                    i.first_late_reason,
                    i.lessons_learned,
                    i.closed_at,
                    i.get_root_cause_display() if i.root_cause else "",
                    risk_level_words(i.decided_risk_level),
                    _measures_words(measures.get(i.pk, [])),
                    sent.first_at if sent else None,
                    sent.people if sent else 0,
                    channels_words(sent.by_channel if sent else ()),
                )
            ]


def register_csv(incidents: Iterable[Any], told: ToldLookup = _nobody_told) -> Iterator[str]:
    """CSV as Excel opens it in Norway: UTF-8 with a byte order mark, semicolons."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    yield "\ufeff"
    for row in csv_rows(incidents, told):
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
