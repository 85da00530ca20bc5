"""Where a rule comes from, cited as a reader would want it: the document's real title and the
point, in bokmål, nynorsk and English. Titles stay in their own language (they are names); the
words around them are the reader's."""

from __future__ import annotations

import re
from typing import Final

from incidents.rules.risk.vocabulary import LANGUAGES, Text, t

ENISA: Final = "ENISA, Recommendations for a methodology of the assessment of severity of personal data breaches (2013)"
EDPB_9: Final = "EDPB Guidelines 9/2022 on personal data breach notification under GDPR"
EDPB_01: Final = "EDPB Guidelines 01/2021 on Examples regarding Personal Data Breach Notification"
TITLES: Final = (ENISA, EDPB_9, EDPB_01)

_GDPR: Final = t("personvernforordningen (GDPR)", "personvernforordninga (GDPR)", "GDPR")
_AND: Final = t("og", "og", "and")
_ARTICLE = re.compile(r"(\d+)(?:\((\d+)\))?(?:\(([a-z])\))?")


def _listed(items: list[str], lang: str) -> str:
    """ "a", "a og b", "a, b og c" (in English: "and")."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_AND[lang]} {items[-1]}"


def _document(title: str, point: Text | None, where: Text | None = None) -> Text:
    """«Title: the point (where in it)», «Title, where in it», or «Title: the point»."""
    result = {}
    for lang in LANGUAGES:
        text = title if point is None else f"{title}: {point[lang]}"
        if where is not None:
            text = f"{text}, {where[lang]}" if point is None else f"{text} ({where[lang]})"
        result[lang] = text
    return result


def _article(reference: str, lang: str) -> str:
    """``34(3)(a)`` as Norwegian law cites it (art. 34 nr. 3 bokstav a) or as English does;
    ``recital 85`` as fortalepunkt 85 or recital 85."""
    if reference.startswith("recital "):
        number = reference.removeprefix("recital ")
        return f"recital {number}" if lang == "en" else f"fortalepunkt {number}"
    match = _ARTICLE.fullmatch(reference)
    if match is None:
        raise ValueError(f"not an article reference: {reference!r}")
    article, paragraph, letter = match.groups()
    if lang == "en":
        return f"art. {reference}"
    return f"art. {article}" + (f" nr. {paragraph}" if paragraph else "") + (f" bokstav {letter}" if letter else "")


def gdpr(*references: str, point: Text | None = None) -> Text:
    """Articles (``"33(1)"``, ``"34(3)(a)"``) or recitals (``"recital 85"``) of the GDPR."""
    if all(r.startswith("recital ") for r in references):
        numbers = [r.removeprefix("recital ") for r in references]
        word = t("fortalepunkt", "fortalepunkt", "recital" if len(numbers) == 1 else "recitals")
        cited = {lang: f"{_GDPR[lang]} {word[lang]} {_listed(numbers, lang)}" for lang in LANGUAGES}
    else:
        cited = {lang: f"{_GDPR[lang]} {_listed([_article(r, lang) for r in references], lang)}" for lang in LANGUAGES}
    if point is None:
        return cited
    return {lang: f"{cited[lang]}: {point[lang]}" for lang in LANGUAGES}


def enisa(point: Text) -> Text:
    """A point of ENISA's severity methodology."""
    return _document(ENISA, point)


def edpb_9(point: Text | None = None, *, example: int | None = None) -> Text:
    """EDPB Guidelines 9/2022: a point of the guidelines, or an example of their Annex B."""
    where = None
    if example is not None:
        where = t(f"vedlegg B, eksempel {example}", f"vedlegg B, døme {example}", f"Annex B, example {example}")
    return _document(EDPB_9, point, where)


def edpb_01(*cases: str, point: Text | None = None) -> Text:
    """EDPB Guidelines 01/2021: one or more of its numbered cases ("01", or a range "01–04")."""
    one = len(cases) == 1 and "–" not in cases[0]
    where = {
        lang: (("case " if one else "cases ") if lang == "en" else "sak nr. ") + _listed(list(cases), lang)
        for lang in LANGUAGES
    }
    return _document(EDPB_01, point, where)


def cite(*sources: Text) -> Text:
    """Several sources of one rule, in the order given."""
    return {lang: "; ".join(source[lang] for source in sources) for lang in LANGUAGES}


# Points several rules cite.
SPECIAL_LIKELY: Final = t(
    "ved særlige kategorier av personopplysninger skal skade regnes som sannsynlig",
    "ved særlege kategoriar av personopplysningar skal skade reknast som sannsynleg",
    "where special categories of data are involved, damage should be considered likely",
)
NUMBER_AFFECTED: Final = t("antall berørte personer", "talet på råka personar", "the number of individuals affected")
OVER_100: Final = t(
    "flagget for mer enn 100 berørte", "flagget for meir enn 100 råka", "the flag for more than 100 people"
)
NOTIFY_AND_TELL: Final = t(
    "melding til Datatilsynet ved risiko, varsling av de berørte ved høy risiko",
    "melding til Datatilsynet ved risiko, varsling av dei råka ved høg risiko",
    "notifying Datatilsynet of a risk, telling the people affected of a high risk",
)
