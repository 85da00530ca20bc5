"""Does each paragraph of a notice read as the language it is sent in?

Art. 34(2) asks for clear and plain language; a nynorsk or English notice with bokmål
sentences in it (staff free text copied from the case) is neither. A language identifier
that tells bokmål from nynorsk (lingua, offline, no model download) reads every paragraph,
and every sentence long enough to judge, of each part. Addresses, URLs, numbers and the
names given (the organisation, the contact person) are taken out first: they belong to no
language.

A text taken from the case that still waits for its translation carries a mark
(``TRANSLATION_MARKS``) and is refused as such, whatever the identifier says."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

CODES = ("nb", "nn", "en")
# What a paragraph may be read as; Danish and Swedish are there so that a Norwegian text
# close to them is not forced into bokmål or nynorsk by a choice of three.
_LINGUA_NAMES = {"nb": "BOKMAL", "nn": "NYNORSK", "en": "ENGLISH", "da": "DANISH", "sv": "SWEDISH"}

# Put in front of a text taken from the case in bokmål, in the nynorsk and English notice,
# until someone translates it. A notice that still holds one cannot be approved.
TRANSLATION_MARKS = {"nn": "[Omset frå bokmål:", "en": "[Translate from Norwegian:"}
_MARK = re.compile(r"\[(?:Omset frå bokmål|Translate from Norwegian):\s*(.*?)\]", re.S)

# A paragraph with fewer words than this says too little to be judged; a sentence is
# judged on its own from SENTENCE_WORDS words up (shorter ones inside their paragraph).
MIN_WORDS = 3
SENTENCE_WORDS = 6
# How much more likely another language must be before a paragraph counts as written in
# it: bokmål and nynorsk share most short words, and a near tie is no evidence.
PARAGRAPH_MARGIN = 0.15
SENTENCE_MARGIN = 0.35

_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
# Markup and code kept as text ("<script>", "alert(1)", "{{ x }}") are no language.
_TAG = re.compile(r"<[^>]*>?|\{[{%].*?[%}]\}")
_CODE = re.compile(r"\S*[<>=/\\(){}\[\];$|_]\S*|\S+:\S+")
_EMAIL = re.compile(r"\S+@\S+")
_NUMBER = re.compile(r"[+]?\d[\d\s.:/-]*")
_BULLET = re.compile(r"^\s*[-*•]\s+", re.M)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"])")
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


@functools.cache
def detector() -> LanguageDetector:
    """Built once per process, on first use (building takes a second and some memory)."""
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in _LINGUA_NAMES.values()]
    return LanguageDetectorBuilder.from_languages(*languages).build()


@dataclass(frozen=True)
class Misread:
    """A piece of a part that reads as another language (``found``), or that still waits
    for its translation (``found`` is empty)."""

    part: str
    found: str
    excerpt: str


def strip_neutral(text: str, names: Iterable[str] = ()) -> str:
    """The text without what belongs to no language: marks, URLs, addresses, numbers, names."""
    text = _URL.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    text = _TAG.sub(" ", text)
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        text = re.sub(re.escape(name), " ", text, flags=re.I)
    text = _NUMBER.sub(" ", text)
    text = _BULLET.sub("", text)
    return _CODE.sub(" ", text)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def identify(text: str) -> dict[str, float]:
    """Confidence by language code (nb, nn, en, da, sv), summing to one."""
    codes = {name: code for code, name in _LINGUA_NAMES.items()}
    return {codes[c.language.name]: c.value for c in detector().compute_language_confidence_values(text)}


def reads_as(text: str, expected: str, margin: float = PARAGRAPH_MARGIN) -> str:
    """The language the text reads as when that is clearly not ``expected``; else ``expected``."""
    scores = identify(text)
    found = max(scores, key=lambda code: scores[code])
    if found != expected and scores[found] - scores.get(expected, 0.0) >= margin:
        return found
    return expected


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(" ".join(paragraph.split())) if s.strip()]


def has_translation_mark(text: str) -> bool:
    return bool(_MARK.search(text))


def mark_for_translation(text: str, language: str) -> str:
    """A bokmål text taken from the case, as the nynorsk or English notice starts it."""
    text = text.strip()
    if not text or language not in TRANSLATION_MARKS:
        return text
    return f"{TRANSLATION_MARKS[language]} {text}]"


def check_parts(parts: Mapping[str, str], language: str, *, names: Iterable[str] = ()) -> list[Misread]:
    """Every piece of ``parts`` ({"what_happened": text, …}) that does not read as
    ``language``: first the texts still marked for translation, then the paragraphs and
    sentences the identifier reads as another language. At most one finding per part."""
    names = list(names)
    found: list[Misread] = []
    for part, text in parts.items():
        mark = _MARK.search(text or "")
        if mark:
            found.append(Misread(part=part, found="", excerpt=" ".join(mark.group(1).split())[:80]))
            continue
        problem = _misread_in(text or "", language, names)
        if problem is not None:
            found.append(Misread(part=part, found=problem[0], excerpt=problem[1]))
    return found


def _misread_in(text: str, language: str, names: list[str]) -> tuple[str, str] | None:
    for paragraph in paragraphs(text):
        clean = strip_neutral(paragraph, names)
        if len(words(clean)) < MIN_WORDS:
            continue
        other = reads_as(clean, language)
        if other != language:
            return other, " ".join(paragraph.split())[:80]
        for sentence in sentences(clean):
            if len(words(sentence)) >= SENTENCE_WORDS:
                other = reads_as(sentence, language, SENTENCE_MARGIN)
                if other != language:
                    return other, " ".join(sentence.split())[:80]
    return None
