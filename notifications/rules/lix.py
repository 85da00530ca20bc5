"""Readability of a notice: LIX, sentence length and words a layperson may not know.

Pure functions (LAW.md "Plain language"): LIX = words / sentences + 100 × long words /
words, where a long word has more than six letters. static/js/lix.js implements the same
rules for the live figures in the editor; tests/notifications/rules/test_lix.py checks they agree.

The rules, shared with the JavaScript:
- a word is a run of letters and digits, possibly joined by "-" or an apostrophe;
- a sentence ends at ".", "!" or "?" followed by white space or the end, and at every line
  break (a heading or a list item is a sentence of its own); chunks without words do not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")
LONG_WORD_LETTERS = 6

BANDS = ((30, "very_easy"), (40, "easy"), (50, "medium"), (60, "difficult"))


@dataclass(frozen=True)
class Flag:
    term: str
    plain: str


# A term that ends in "." is matched exactly ("jf."); any other term also matches the
# forms that start with it ("behandlingsansvarlig" finds "behandlingsansvarlige").
HARD_WORDS: dict[str, tuple[Flag, ...]] = {
    "nb": (
        Flag("behandlingsansvarlig", "vi / virksomheten"),
        Flag("personopplysningssikkerhet", "sikkerheten rundt opplysninger om deg"),
        Flag("personopplysning", "opplysninger om deg"),
        Flag("databehandler", "leverandøren vår"),
        Flag("den registrerte", "du"),
        Flag("de registrerte", "dere / de som er rammet"),
        Flag("jf.", "se / slik det står i"),
        Flag("iht.", "etter"),
        Flag("i henhold til", "etter"),
        Flag("art.", "artikkel"),
        Flag("m.m.", "med mer / og annet"),
        Flag("bl.a.", "blant annet"),
        Flag("pseudonymisert", "uten navn, men kan kobles til deg"),
        Flag("anonymisert", "uten noe som viser hvem du er"),
        Flag("konfidensialitet", "at ingen andre får se opplysningene"),
        Flag("integritet", "at opplysningene er riktige"),
        Flag("kryptert", "låst med en kode"),
        Flag("autentisering", "innlogging"),
        Flag("uautorisert", "uten lov"),
        Flag("vedrørende", "om"),
        Flag("herunder", "blant annet"),
        Flag("forordning", "lov"),
        Flag("GDPR", "personvernloven"),
    ),
    "nn": (
        Flag("behandlingsansvarleg", "vi / verksemda"),
        Flag("personopplysningstryggleik", "tryggleiken rundt opplysningar om deg"),
        Flag("personopplysningssikkerheit", "tryggleiken rundt opplysningar om deg"),
        Flag("personopplysning", "opplysningar om deg"),
        Flag("databehandlar", "leverandøren vår"),
        Flag("den registrerte", "du"),
        Flag("dei registrerte", "de / dei som er råka"),
        Flag("jf.", "sjå / slik det står i"),
        Flag("iht.", "etter"),
        Flag("i medhald av", "etter"),
        Flag("art.", "artikkel"),
        Flag("m.m.", "med meir / og anna"),
        Flag("mellom anna", "til dømes"),
        Flag("pseudonymisert", "utan namn, men kan koplast til deg"),
        Flag("anonymisert", "utan noko som viser kven du er"),
        Flag("konfidensialitet", "at ingen andre får sjå opplysningane"),
        Flag("integritet", "at opplysningane er rette"),
        Flag("kryptert", "låst med ein kode"),
        Flag("autentisering", "innlogging"),
        Flag("uautorisert", "utan lov"),
        Flag("vedkomande", "om"),
        Flag("forordning", "lov"),
        Flag("GDPR", "personvernlova"),
    ),
    "en": (
        Flag("data controller", "we"),
        Flag("controller", "we"),
        Flag("data subject", "you"),
        Flag("processor", "our supplier"),
        Flag("personal data breach", "a breach of the safety of your data"),
        Flag("pursuant to", "under"),
        Flag("in accordance with", "under"),
        Flag("aforementioned", "this"),
        Flag("hereby", "(leave out)"),
        Flag("notwithstanding", "even so"),
        Flag("art.", "article"),
        Flag("i.e.", "that is"),
        Flag("e.g.", "for example"),
        Flag("etc.", "and so on"),
        Flag("pseudonymised", "without your name, but can be linked to you"),
        Flag("confidentiality", "keeping your data private"),
        Flag("integrity", "keeping your data correct"),
        Flag("encrypted", "locked with a code"),
        Flag("authentication", "logging in"),
        Flag("unauthorised", "without permission"),
        Flag("GDPR", "data protection law"),
    ),
}


def term_pattern(term: str) -> re.Pattern[str]:
    """A hard term as found in a text: at the start of a word, in any case, with any ending
    (a term ending in "." is an abbreviation and has none), and its spaces as any white space."""
    escaped = re.escape(term).replace(r"\ ", r"\s+")
    tail = "" if term.endswith(".") else r"[^\W_]*"
    return re.compile(rf"(?<![^\W_]){escaped}{tail}", re.IGNORECASE)


_PATTERNS: dict[str, tuple[tuple[Flag, re.Pattern[str]], ...]] = {
    language: tuple((flag, term_pattern(flag.term)) for flag in flags) for language, flags in HARD_WORDS.items()
}


def words(text: str) -> list[str]:
    return WORD.findall(text)


def is_long(word: str) -> bool:
    return sum(1 for ch in word if ch.isalpha()) > LONG_WORD_LETTERS


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` that contain at least one word, stripped."""
    return [chunk.strip() for chunk in SENTENCE_END.split(text) if WORD.search(chunk)]


def lix(text: str) -> float:
    all_words = words(text)
    if not all_words:
        return 0.0
    sentence_count = max(len(sentences(text)), 1)
    long_words = sum(1 for w in all_words if is_long(w))
    return len(all_words) / sentence_count + 100 * long_words / len(all_words)


def band(value: float) -> str:
    for limit, name in BANDS:
        if value < limit:
            return name
    return "very_difficult"


@dataclass(frozen=True)
class FoundWord:
    found: str
    term: str
    plain: str


@dataclass(frozen=True)
class Readability:
    lix: float
    band: str
    words: int
    sentences: int
    long_words: int
    average_sentence: float
    longest_sentence: int
    flagged: list[FoundWord] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "lix": round(self.lix, 1),
            "band": self.band,
            "words": self.words,
            "sentences": self.sentences,
            "long_words": self.long_words,
            "average_sentence": round(self.average_sentence, 1),
            "longest_sentence": self.longest_sentence,
            "flagged": [{"found": f.found, "term": f.term, "plain": f.plain} for f in self.flagged],
        }


def flagged_words(text: str, language: str) -> list[FoundWord]:
    """Each hard term found in ``text`` once, in the order of the list."""
    found: list[FoundWord] = []
    for flag, pattern in _PATTERNS.get(language, _PATTERNS["nb"]):
        match = pattern.search(text)
        if match and not any(match.group(0).lower() == f.found.lower() for f in found):
            found.append(FoundWord(found=match.group(0), term=flag.term, plain=flag.plain))
    return found


def readability(text: str, language: str) -> Readability:
    all_words = words(text)
    sentence_list = sentences(text)
    lengths = [len(words(s)) for s in sentence_list]
    value = lix(text)
    return Readability(
        lix=value,
        band=band(value),
        words=len(all_words),
        sentences=len(sentence_list),
        long_words=sum(1 for w in all_words if is_long(w)),
        average_sentence=(len(all_words) / len(sentence_list)) if sentence_list else 0.0,
        longest_sentence=max(lengths, default=0),
        flagged=flagged_words(text, language),
    )


def terms_for_js(language: str) -> list[dict[str, str]]:
    """The hard-word list for static/js/lix.js (one source of truth)."""
    return [{"term": f.term, "plain": f.plain} for f in HARD_WORDS.get(language, HARD_WORDS["nb"])]
