"""Checks on text that people type, shared by the forms, the API and the imports.

Three things a database or a reader cannot take: a NUL character (PostgreSQL refuses it in
text and in JSON), text that is only invisible characters (a zero-width space is not a
title), and the bidirectional controls that make a title read backwards on screen."""

from __future__ import annotations

import unicodedata

from django.utils.translation import gettext_lazy as _

NUL = "\x00"
NUL_MESSAGE = _("Teksten inneholder et usynlig nulltegn som ikke kan lagres. Fjern det, eller skriv teksten på nytt.")

# Embeddings, overrides (U+202A-U+202E) and isolates (U+2066-U+2069): they turn the order
# of what follows on screen, so a title can show something other than what it says.
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_REMOVE_BIDI = {ord(c): None for c in BIDI_CONTROLS}

# Format characters (zero-width space, joiners, marks), separators and controls: nothing a
# reader sees on their own.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Zs", "Zl", "Zp", "Mn", "Me"})


def has_nul(value: str) -> bool:
    return NUL in value


def is_blank(value: str) -> bool:
    """True when nothing in ``value`` would show: empty, spaces, or only invisible characters."""
    return all(ch.isspace() or unicodedata.category(ch) in _INVISIBLE_CATEGORIES for ch in value)


def without_bidi_controls(value: str) -> str:
    """``value`` with the direction overrides and isolates taken out (marks such as U+200F stay)."""
    return value.translate(_REMOVE_BIDI)
