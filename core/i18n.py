"""Translations for pages that repeat the same few phrases on every row of a list.

Django's ``gettext`` walks the active catalogues on each call, and a lazy label looked up
in a dict (``get_FOO_display``) is translated again for each hash. These helpers look a
phrase up once per language and remember it, so a list of a hundred rows costs a hundred
dict lookups instead of a thousand catalogue walks. The catalogues do not change while
the process runs."""

from __future__ import annotations

import functools
from datetime import datetime

from django.utils import timezone, translation
from django.utils.dates import MONTHS, WEEKDAYS

LANGUAGES = ("nb", "nn", "en")


def current_language() -> str:
    """The language a page, an answer or a document is drawn in now: ``nb``, ``nn`` or ``en``
    (from the user's profile, the browser or Accept-Language; see accounts.middleware).
    Anything else is bokmål, the source language of the interface."""
    code = (translation.get_language() or "nb").lower()
    if code.startswith(("nn", "nno")):
        return "nn"
    if code.startswith("en"):
        return "en"
    return "nb"


def gettext(message: str) -> str:
    return _gettext(translation.get_language(), message)


def ngettext(singular: str, plural: str, number: int) -> str:
    return _ngettext(translation.get_language(), singular, plural, number)


@functools.lru_cache(maxsize=1024)
def _gettext(language: str | None, message: str) -> str:
    return translation.gettext(message)


@functools.lru_cache(maxsize=1024)
def _ngettext(language: str | None, singular: str, plural: str, number: int) -> str:
    return translation.ngettext(singular, plural, number)


@functools.lru_cache(maxsize=16)
def _calendar(language: str | None) -> tuple[list[str], dict[int, str]]:
    return [str(WEEKDAYS[day]) for day in range(7)], {month: str(name) for month, name in MONTHS.items()}


def long_datetime(value: datetime, *, weekday: bool = True, year: bool = True) -> str:
    """A moment in the current time zone (Europe/Oslo) as people read a deadline:
    «torsdag 7. mai 2026 kl. 09:30», «Thursday 7 May 2026 at 09:30»; without the weekday
    for records («7. mai 2026 kl. 09:30»), without the year for an e-mail's subject."""
    local = timezone.localtime(value)
    weekdays, months = _calendar(translation.get_language())
    parts = {
        "weekday": weekdays[local.weekday()],
        "day": local.day,
        "month": months[local.month],
        "year": local.year,
        "time": f"{local:%H:%M}",
    }
    if not weekday:
        return gettext("%(day)s. %(month)s %(year)s kl. %(time)s") % parts
    if year:
        return gettext("%(weekday)s %(day)s. %(month)s %(year)s kl. %(time)s") % parts
    return gettext("%(weekday)s %(day)s. %(month)s kl. %(time)s") % parts


def country_name(code: str, language: str | None = None) -> str:
    """The country of an ISO 3166 two-letter ``code`` in words, in ``language`` (the current
    language when not given): «Sverige» in bokmål and nynorsk, «Sweden» in English. The
    names are CLDR's (Babel). A value that is not a known code is given back as it is."""
    return _country_names(language or current_language()).get(code.strip().upper(), code)


@functools.lru_cache(maxsize=len(LANGUAGES))
def _country_names(language: str) -> dict[str, str]:
    from babel import Locale

    return {
        code: name
        for code, name in Locale.parse(language).territories.items()
        if isinstance(code, str) and len(code) == 2
    }
