"""The words a notice uses for its reader and for the people involved, per language.

Art. 34(2): the notice speaks to the person who reads it. A parent reads about "barnet
ditt", not about "deg"; next of kin read about "familiemedlemmet ditt". Plain data, used by
the templates under templates/notifications/notice/<language>/."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

from django.utils import formats, translation

READERS = ("self", "guardian", "next_of_kin")

# about: the object ("opplysninger om deg"); who: the subject ("du er en av dem");
# owner: after a neuter, a common-gender or a plural noun ("fødselsnummeret ditt",
# "helsen din", "vanene dine"); for someone else's data, "… til barnet ditt".
# one: "one of them" agreeing with who; people: the plural noun for those affected.
WORDS: dict[str, dict[str, dict[str, str]]] = {
    "nb": {
        "self": {
            "about": "deg",
            "who": "du",
            "n": "ditt",
            "m": "din",
            "pl": "dine",
            "one": "en",
            "people": "personer",
            "name": "navnet ditt",
        },
        "guardian": {
            "about": "barnet ditt",
            "who": "barnet ditt",
            "n": "til barnet ditt",
            "m": "til barnet ditt",
            "pl": "til barnet ditt",
            "one": "ett",
            "people": "barn",
            "name": "navnet til barnet ditt",
        },
        "next_of_kin": {
            "about": "familiemedlemmet ditt",
            "who": "familiemedlemmet ditt",
            "n": "til familiemedlemmet ditt",
            "m": "til familiemedlemmet ditt",
            "pl": "til familiemedlemmet ditt",
            "one": "ett",
            "people": "personer",
            "name": "navnet til familiemedlemmet ditt",
        },
    },
    "nn": {
        "self": {
            "about": "deg",
            "who": "du",
            "n": "ditt",
            "m": "din",
            "pl": "dine",
            "one": "ein",
            "people": "personar",
            "name": "namnet ditt",
        },
        "guardian": {
            "about": "barnet ditt",
            "who": "barnet ditt",
            "n": "til barnet ditt",
            "m": "til barnet ditt",
            "pl": "til barnet ditt",
            "one": "eitt",
            "people": "barn",
            "name": "namnet til barnet ditt",
        },
        "next_of_kin": {
            "about": "familiemedlemmet ditt",
            "who": "familiemedlemmet ditt",
            "n": "til familiemedlemmet ditt",
            "m": "til familiemedlemmet ditt",
            "pl": "til familiemedlemmet ditt",
            "one": "eitt",
            "people": "personar",
            "name": "namnet til familiemedlemmet ditt",
        },
    },
    "en": {
        "self": {
            "about": "you",
            "who": "you are",
            "own": "your",
            "one": "one",
            "people": "people",
            "name": "your name",
        },
        "guardian": {
            "about": "your child",
            "who": "your child is",
            "own": "your child's",
            "one": "one",
            "people": "children",
            "name": "your child's name",
        },
        "next_of_kin": {
            "about": "your family member",
            "who": "your family member is",
            "own": "your family member's",
            "one": "one",
            "people": "people",
            "name": "your family member's name",
        },
    },
}

# Who received or could see the data (``RecipientKind``), as a plural noun.
RECIPIENT_NOUNS = {
    "nb": {"people": "personer", "parents": "foreldre", "pupils": "elever", "staff": "ansatte", "unknown": "personer"},
    "nn": {
        "people": "personar",
        "parents": "foreldre",
        "pupils": "elevar",
        "staff": "tilsette",
        "unknown": "personar",
    },
    "en": {"people": "people", "parents": "parents", "pupils": "pupils", "staff": "employees", "unknown": "people"},
}

GREETINGS = {"nb": ("Hei, {name}.", "Hei."), "nn": ("Hei, {name}.", "Hei."), "en": ("Dear {name},", "Hello,")}


def words_for(language: str, reader: str) -> dict[str, str]:
    return WORDS[language][reader if reader in READERS else "self"]


def long_date(value: date | datetime | None, language: str) -> str:
    """A date as a reader of the language writes it: "30. desember 2026", "30 December 2026"."""
    if value is None:
        return ""
    with translation.override(language):
        return formats.date_format(value, "j F Y" if language == "en" else "j. F Y")


def number(value: int | None, language: str) -> str:
    """A count as the language writes it: 1 200 in Norwegian, 1,200 in English."""
    if value is None:
        return ""
    grouped = f"{value:,}"
    return grouped if language == "en" else grouped.replace(",", "\u00a0")


def greeting(name: str, language: str) -> str:
    named, plain = GREETINGS.get(language, GREETINGS["nb"])
    name = " ".join(name.split())
    return named.format(name=name) if name else plain


# A sentence ends at . ! ? before a capital letter: "30. desember" goes on.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ\[«\"])")
_NORMALISE = re.compile(r"[^\w]+")


def sentences_of(texts: Iterable[str]) -> list[str]:
    """Measures as separate sentences: each line and each sentence on its own, ending with
    a full stop, a sentence said twice (or inside a longer one) only once."""
    found: list[str] = []
    for text in texts:
        for line in (text or "").splitlines():
            for sentence in _SENTENCE_END.split(line.strip().lstrip("-*• ").strip()):
                sentence = sentence.strip()
                if not sentence:
                    continue
                if sentence[-1] not in ".!?":
                    sentence += "."
                found.append(sentence[0].upper() + sentence[1:])
    keys = [_NORMALISE.sub(" ", s.lower()).strip() for s in found]
    kept: list[str] = []
    for index, sentence in enumerate(found):
        key = keys[index]
        earlier = keys[:index]
        longer = [k for j, k in enumerate(keys) if j != index and len(k) > len(key)]
        if key in earlier or any(f" {key} " in f" {other} " for other in longer):
            continue
        kept.append(sentence)
    return kept
