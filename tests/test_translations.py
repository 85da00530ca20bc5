"""Everything a user reads exists in nynorsk and English, and the compiled catalogues are
the ones the .po files say (bokmål is the source language)."""

from __future__ import annotations

import gettext
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[1] / "locale"


@pytest.mark.parametrize("language", ["nn", "en"])
def test_every_message_is_translated(language: str) -> None:
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    untranslated = [e.msgid for e in po if e.msgid and not e.translated()]
    assert not untranslated, f"{len(untranslated)} messages lack a {language} translation: {untranslated[:10]}"
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
    assert not fuzzy, f"unchecked (fuzzy) {language} translations: {fuzzy[:10]}"


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_compiled_catalogue_matches_the_po_file(language: str) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    po = polib.pofile(str(folder / "django.po"))
    with (folder / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        e.msgid for e in po if e.msgid and not e.msgid_plural and e.msgstr and compiled.gettext(e.msgid) != e.msgstr
    ]
    assert not stale, f"django.mo is older than django.po for {language}: run `make messages` ({stale[:5]})"
