from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ mapping|get_item:key }}`` for dict lookups with a variable key."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.simple_tag
def deadline(clock: Any) -> str:
    """The countdown to Datatilsynet's deadline: colour and text (not colour alone), the exact
    deadline in Europe/Oslo on hover (title) and focus (tabindex) and for screen readers."""
    from django.utils import formats, timezone
    from django.utils.html import format_html
    from django.utils.translation import gettext as _

    exact = formats.date_format(timezone.localtime(clock.deadline), r"l j. F Y \k\l. H:i")
    hours, minutes = clock.hours_and_minutes
    status = clock.status
    if status in ("running", "due_soon"):
        text = _("%(h)s t %(m)s min igjen") % {"h": hours, "m": minutes}
    elif status == "overdue":
        text = _("Fristen er passert med %(h)s t %(m)s min") % {"h": hours, "m": minutes}
    elif status == "met":
        text = _("Meldt innen fristen")
    elif status == "late":
        text = _("Meldt etter fristen")
    else:
        text = _("Melding ikke påkrevd")
    return format_html(
        '<span class="deadline deadline--{}" tabindex="0" title="{}: {}">{} '
        '<span class="visually-hidden">({} {})</span></span>',
        status,
        _("Frist"),
        exact,
        text,
        _("frist"),
        exact,
    )
