"""Every rule's source is a citation a reader can follow in their own language: the document's
title and the point, never a file of the repository, and never English words on a Norwegian
page. The check is shown to fail on the kinds of source it exists to catch."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from incidents.rules import risk
from incidents.rules.risk.sources import TITLES, cite, edpb_01, edpb_9, enisa, gdpr
from incidents.rules.risk.vocabulary import LANGUAGES, Text, t

# A file name: a word, a dot, and an extension a repository holds ("LAW.md", "table.py").
FILE_NAME = re.compile(r"\b[\w-]+\.(?:md|py|html|txt|rst|json|ya?ml|toml|csv|po)\b", re.IGNORECASE)
# Names and abbreviations that read the same in every language.
NAMES = re.compile(r"\b(?:ENISA|EDPB|GDPR|SE|DPC|EI|CB|Datatilsynet|[Aa]rt|nr)\b")
# English words that betray an untranslated source on a Norwegian page (titles removed first).
ENGLISH = re.compile(
    r"\b(?:the|of|and|or|only|case|cases|example|annex|recitals?|points?|when|with|not|which|should)\b",
    re.IGNORECASE,
)


def _without_titles(text: str) -> str:
    for title in TITLES:
        text = text.replace(title, "")
    return text


def has_words(text: str) -> bool:
    """Does the text explain something in words, beyond document titles, names and numbers?"""
    return bool(re.search(r"[^\W\d_]{3,}", NAMES.sub("", _without_titles(text))))


def source_problems(source: Text) -> list[str]:
    """What is wrong with one rule's source, for a reader of each language."""
    problems = []
    for lang in LANGUAGES:
        if not source.get(lang, "").strip():
            problems.append(f"{lang}: empty")
        elif found := FILE_NAME.findall(source[lang]):
            problems.append(f"{lang}: names a file ({', '.join(found)})")
    for lang in ("nb", "nn"):
        text = source.get(lang, "")
        if text == source.get("en") and has_words(text):
            problems.append(f"{lang}: the same words as in English")
        elif english := ENGLISH.findall(_without_titles(text)):
            problems.append(f"{lang}: English words ({', '.join(english)})")
    return problems


@pytest.mark.parametrize("rule", risk.RULES, ids=lambda rule: rule.code)
def test_every_source_is_a_citation_in_the_readers_language(rule: risk.Rule) -> None:
    assert source_problems(rule.source) == []


OLD = "ENISA 2013 (context adjustment); LAW.md «ENISA severity»"


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        (t(OLD, OLD, OLD), "nb: names a file (LAW.md)"),
        (t(OLD, OLD, OLD), "nb: the same words as in English"),
        (
            t("EDPB 01/2021 case 09 (trusted recipient)", "EDPB 01/2021 sak 09", "EDPB 01/2021 case 09"),
            "nb: English words (case)",
        ),
        (
            enisa(t("se table.py", "sjå table.py", "see table.py")),
            "en: names a file (table.py)",
        ),
        (t("", "x", "y"), "nb: empty"),
    ],
)
def test_the_check_catches_a_bad_source(source: Text, problem: str) -> None:
    assert problem in source_problems(source)


@pytest.mark.parametrize(
    "source",
    [
        # Titles alone are names, the same in every language.
        edpb_9(example=6),
        edpb_01("01", "02"),
        enisa(t("justering for omstendighetene", "justering for omstenda", "adjustment for the context")),
        gdpr("34(3)(a)"),
    ],
)
def test_the_check_lets_a_good_source_through(source: Text) -> None:
    assert source_problems(source) == []


def test_articles_are_cited_as_each_language_cites_them() -> None:
    cited = gdpr("33(1)", "34(3)(a)")
    assert cited["nb"] == "personvernforordningen (GDPR) art. 33 nr. 1 og art. 34 nr. 3 bokstav a"
    assert cited["nn"] == "personvernforordninga (GDPR) art. 33 nr. 1 og art. 34 nr. 3 bokstav a"
    assert cited["en"] == "GDPR art. 33(1) and art. 34(3)(a)"
    assert gdpr("recital 75", "recital 85")["en"] == "GDPR recitals 75 and 85"
    assert edpb_01("01–04", "12")["nb"].endswith(", sak nr. 01–04 og 12")
    assert edpb_9(example=1)["en"].endswith(", Annex B, example 1")


def test_the_page_table_gives_the_source_in_the_readers_language() -> None:
    for lang in LANGUAGES:
        for rule, row in zip(risk.RULES, risk.rules_table(lang), strict=True):
            assert row["source"] == rule.source[lang]
    dpc = {row["code"]: row["source"] for row in risk.rules_table("nb")}["DPC_ADJUSTED"]
    assert dpc == (
        "ENISA, Recommendations for a methodology of the assessment of severity of personal data breaches "
        "(2013): justering for omstendighetene"
    )


# Each way of citing, exactly as a reader sees it. The table's sources are built when it is
# loaded, before any test runs, so each citation here is built inside the test (hence the
# lambdas): only then does a wrong word, a lost point or a lost case number show.
POINT = t("punkt", "punkt", "point")
ENISA_TITLE = "ENISA, Recommendations for a methodology of the assessment of severity of personal data breaches (2013)"
EDPB_9_TITLE = "EDPB Guidelines 9/2022 on personal data breach notification under GDPR"
EDPB_01_TITLE = "EDPB Guidelines 01/2021 on Examples regarding Personal Data Breach Notification"


@pytest.mark.parametrize(
    ("source", "nb", "nn", "en"),
    [
        (
            lambda: gdpr("recital 85"),
            "personvernforordningen (GDPR) fortalepunkt 85",
            "personvernforordninga (GDPR) fortalepunkt 85",
            "GDPR recital 85",
        ),
        (
            lambda: gdpr("9"),
            "personvernforordningen (GDPR) art. 9",
            "personvernforordninga (GDPR) art. 9",
            "GDPR art. 9",
        ),
        (
            lambda: gdpr("5", "6", "33(1)"),
            "personvernforordningen (GDPR) art. 5, art. 6 og art. 33 nr. 1",
            "personvernforordninga (GDPR) art. 5, art. 6 og art. 33 nr. 1",
            "GDPR art. 5, art. 6 and art. 33(1)",
        ),
        (
            lambda: gdpr("33(1)", "recital 85"),
            "personvernforordningen (GDPR) art. 33 nr. 1 og fortalepunkt 85",
            "personvernforordninga (GDPR) art. 33 nr. 1 og fortalepunkt 85",
            "GDPR art. 33(1) and recital 85",
        ),
        (lambda: enisa(POINT), f"{ENISA_TITLE}: punkt", f"{ENISA_TITLE}: punkt", f"{ENISA_TITLE}: point"),
        (lambda: edpb_9(POINT), f"{EDPB_9_TITLE}: punkt", f"{EDPB_9_TITLE}: punkt", f"{EDPB_9_TITLE}: point"),
        (
            lambda: edpb_9(POINT, example=3),
            f"{EDPB_9_TITLE}: punkt (vedlegg B, eksempel 3)",
            f"{EDPB_9_TITLE}: punkt (vedlegg B, døme 3)",
            f"{EDPB_9_TITLE}: point (Annex B, example 3)",
        ),
        (
            lambda: edpb_9(example=3),
            f"{EDPB_9_TITLE}, vedlegg B, eksempel 3",
            f"{EDPB_9_TITLE}, vedlegg B, døme 3",
            f"{EDPB_9_TITLE}, Annex B, example 3",
        ),
        (
            lambda: edpb_01("01"),
            f"{EDPB_01_TITLE}, sak nr. 01",
            f"{EDPB_01_TITLE}, sak nr. 01",
            f"{EDPB_01_TITLE}, case 01",
        ),
        (
            lambda: edpb_01("01–04"),
            f"{EDPB_01_TITLE}, sak nr. 01–04",
            f"{EDPB_01_TITLE}, sak nr. 01–04",
            f"{EDPB_01_TITLE}, cases 01–04",
        ),
        (
            lambda: edpb_01("01", "02", point=POINT),
            f"{EDPB_01_TITLE}: punkt (sak nr. 01 og 02)",
            f"{EDPB_01_TITLE}: punkt (sak nr. 01 og 02)",
            f"{EDPB_01_TITLE}: point (cases 01 and 02)",
        ),
        (
            lambda: cite(enisa(POINT), gdpr("9")),
            f"{ENISA_TITLE}: punkt; personvernforordningen (GDPR) art. 9",
            f"{ENISA_TITLE}: punkt; personvernforordninga (GDPR) art. 9",
            f"{ENISA_TITLE}: point; GDPR art. 9",
        ),
    ],
)
def test_each_kind_of_citation_reads_exactly_so_in_each_language(
    source: Callable[[], Text], nb: str, nn: str, en: str
) -> None:
    assert dict(source()) == {"nb": nb, "nn": nn, "en": en}


def test_a_reference_that_is_no_article_is_refused() -> None:
    with pytest.raises(ValueError, match="not an article reference: 'art 33'"):
        gdpr("art 33")
