from html import escape
from typing import Any

from django import template
from django.utils import timezone
from django.utils.safestring import SafeData, SafeString, mark_safe

from core.i18n import gettext as _
from core.i18n import long_datetime, ngettext
from incidents.selectors.register import channels_words, risk_level_words
from incidents.selectors.search import risk_level_of
from incidents.vocabulary import EXEMPTION_SHORT

register = template.Library()


def row_html(template: str, *values: Any) -> SafeString:
    """``django.utils.html.format_html`` for rows drawn many times a page: every value is
    escaped the same way (``html.escape`` with quotes, unless already safe HTML), without
    the lazy-string checks Django's version makes for each argument. The template is ours."""
    return mark_safe(template.format(*[v if isinstance(v, SafeData) else escape(str(v)) for v in values]))  # noqa: S308


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ mapping|get_item:key }}`` for dict lookups with a variable key."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.filter(name="long_datetime")
def long_datetime_filter(value: Any) -> str:
    """``{{ moment|long_datetime }}``: «torsdag 7. mai 2026 kl. 09:30» in the reader's language."""
    return long_datetime(value) if value else ""


@register.filter
def date_and_time(value: Any) -> str:
    """``{{ moment|date_and_time }}``: «7. mai 2026 kl. 09:30», for when something was done."""
    return long_datetime(value, weekday=False) if value else ""


@register.filter
def day_and_time(value: Any) -> str:
    """``{{ moment|day_and_time }}``: «torsdag 7. mai kl. 09:30», for e-mail subjects."""
    return long_datetime(value, year=False) if value else ""


@register.filter
def deadline_words(clock: Any) -> str:
    """``{{ clock|deadline_words }}``: the countdown in words («71 t 59 min igjen», «Fristen
    er passert med 37 t 0 min»), for plain-text e-mails and the badge below."""
    hours, minutes = clock.hours_and_minutes
    status = clock.status
    if status in ("running", "due_soon"):
        return _("%(h)s t %(m)s min igjen") % {"h": hours, "m": minutes}
    if status == "overdue":
        return _("Fristen er passert med %(h)s t %(m)s min") % {"h": hours, "m": minutes}
    if status == "met":
        return _("Meldt innen fristen")
    if status == "late":
        return _("Meldt etter fristen")
    return _("Melding ikke påkrevd")


@register.simple_tag
def deadline(clock: Any) -> str:
    """The countdown to Datatilsynet's deadline: colour and text (not colour alone), the exact
    deadline in Europe/Oslo on hover (title) and focus (tabindex) and for screen readers."""
    exact = long_datetime(clock.deadline)
    status = clock.status
    text = deadline_words(clock)
    return row_html(
        '<span class="deadline deadline--{}" tabindex="0" title="{}: {}">{} '
        '<span class="visually-hidden">({} {})</span></span>',
        status,
        _("Frist"),
        exact,
        text,
        _("frist"),
        exact,
    )


@register.simple_tag
def incident_deadline(incident: Any) -> str:
    """``{% incident_deadline incident %}``: the countdown of a case, from its own columns."""
    from incidents.selectors.cases import clock_of

    return deadline(clock_of(incident))


@register.simple_tag
def worklist_row(incident: Any, clock: Any, internal: bool = False, staff: bool = False) -> str:
    """One row of the worklist, drawn in Python: lists render many rows and template
    nodes per cell cost more than the page's queries. ``staff``: with the risk and the
    handler (what a reporter's list of their own reports leaves out)."""
    reported = timezone.localtime(incident.reported_at)
    hours = max(int((timezone.now() - incident.reported_at).total_seconds() // 3600), 0)
    if hours < 48:
        age = ngettext("%(n)s time siden", "%(n)s timer siden", hours) % {"n": hours}
    else:
        age = ngettext("%(n)s dag siden", "%(n)s dager siden", hours // 24) % {"n": hours // 24}
    title = incident.title if len(incident.title) <= 90 else incident.title[:89] + "…"
    # Art. 33(4): staff see that a phased notification still owes its follow-up.
    owed = (
        row_html(' <span class="badge deadline--due_soon">{}</span>', _("Oppfølgende melding gjenstår"))
        if internal and incident.authority_follow_up_owed
        else ""
    )
    staff_cells = (
        row_html(
            '<td data-label="{}">{}</td><td data-label="{}">{}</td>',
            _("Risiko"),
            risk_level_words(risk_level_of(incident.risk_rank)) or "—",
            _("Saksbehandler"),
            incident.handler.display_name if incident.handler_id else _("Ingen ennå"),
        )
        if staff
        else ""
    )
    # data-label names each cell where a phone shows the row as a card (avvik.css).
    return row_html(
        '<tr><td data-label="{}"><a href="{}">{}</a></td><td data-label="{}">{}</td>'
        '<td data-label="{}"><span class="badge">{}</span>{}</td>{}'
        '<td data-label="{}"><time datetime="{}">{}.{}.{} {}</time><br><span class="help">{}</span></td>'
        '<td data-label="{}">{}</td></tr>',
        _("Referanse"),
        incident.get_absolute_url(),
        incident.reference,
        _("Beskrivelse"),
        title,
        _("Status"),
        incident.get_state_display(),
        owed,
        staff_cells,
        _("Meldt"),
        incident.reported_at.isoformat(),
        reported.day,
        reported.month,
        reported.year,
        reported.strftime("%H:%M"),
        age,
        _("Frist"),
        deadline(clock),
    )


def _short(value: Any, length: int) -> str:
    text = value or ""
    return text if len(text) <= length else text[: length - 1] + "…"


def _day(value: Any, with_time: bool = False) -> str:
    local = timezone.localtime(value)
    day = f"{local.day}.{local.month}.{local.year}"
    return f"{day} {local:%H:%M}" if with_time else day


def register_decision_words(incident: Any) -> tuple[str, str]:
    """(Datatilsynet, the people affected) for a row of the register, in the tense of what
    has happened: «meldt 1.12.2026 09:30» once filed, «skal meldes» while it is still to do."""
    if not incident.decided_at:
        return "—", "—"
    if incident.authority_notified_at:
        authority = _("meldt %(when)s") % {"when": _day(incident.authority_notified_at, with_time=True)}
    elif incident.decided_notify_authority:
        authority = _("skal meldes")
    else:
        authority = _("skal ikke meldes")
    told = getattr(incident, "told", None)
    if told is not None and told.first_at is not None:
        subjects = ngettext("%(n)s person varslet %(when)s", "%(n)s personer varslet %(when)s", told.people) % {
            "n": told.people,
            "when": _day(told.first_at, with_time=True),
        }
        if how := channels_words(told.by_channel):
            subjects += f" ({how})"
    elif incident.decided_notify_data_subjects:
        subjects = _("skal varsles")
    else:
        subjects = _("skal ikke varsles")
    if incident.decided_exemption in EXEMPTION_SHORT:
        subjects += f" ({EXEMPTION_SHORT[incident.decided_exemption]})"
    return str(authority), str(subjects)


@register.simple_tag
def register_row(incident: Any) -> str:
    """One row of the breach register (art. 33(5)), drawn in Python like the worklist's."""
    authority, subjects = register_decision_words(incident)
    return row_html(
        '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
        '<td class="pre">{}</td></tr>',
        incident.get_absolute_url(),
        incident.reference,
        _day(incident.reported_at),
        _short(incident.title, 80),
        incident.get_state_display(),
        risk_level_words(incident.decided_risk_level) or "—",
        authority,
        subjects,
        _short(incident.decided_justification or incident.dismiss_reason, 200),
    )
