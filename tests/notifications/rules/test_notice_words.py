"""The words a notice uses for its reader (art. 34(2): the notice speaks to the person who
reads it), its dates, counts and greeting in nb, nn and en, and how its sentences are
measured. Pure: no database."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import translation

from notifications.rules.notice_words import (
    GREETINGS,
    READERS,
    RECIPIENT_NOUNS,
    greeting,
    long_date,
    number,
    sentences_of,
    words_for,
)

NBSP = "\u00a0"


def _norwegian_sentences(language: str, reader: str) -> list[str]:
    w = words_for(language, reader)
    return [
        f"Opplysninger om {w['about']}.",
        f"{w['who']} er {w['one']} av 120 {w['people']}.",
        f"fødselsnummeret {w['n']}, helsen {w['m']}, vanene {w['pl']}, {w['name']}",
    ]


def _english_sentences(reader: str) -> list[str]:
    w = words_for("en", reader)
    return [
        f"Information about {w['about']}.",
        f"{w['who']} {w['one']} of 120 {w['people']}.",
        f"{w['own']} national ID number, {w['name']}",
    ]


@pytest.mark.parametrize(
    ("language", "reader", "expected"),
    [
        (
            "nb",
            "self",
            [
                "Opplysninger om deg.",
                "du er en av 120 personer.",
                "fødselsnummeret ditt, helsen din, vanene dine, navnet ditt",
            ],
        ),
        (
            "nb",
            "guardian",
            [
                "Opplysninger om barnet ditt.",
                "barnet ditt er ett av 120 barn.",
                "fødselsnummeret til barnet ditt, helsen til barnet ditt, vanene til barnet ditt, "
                "navnet til barnet ditt",
            ],
        ),
        (
            "nb",
            "next_of_kin",
            [
                "Opplysninger om familiemedlemmet ditt.",
                "familiemedlemmet ditt er ett av 120 personer.",
                "fødselsnummeret til familiemedlemmet ditt, helsen til familiemedlemmet ditt, "
                "vanene til familiemedlemmet ditt, navnet til familiemedlemmet ditt",
            ],
        ),
        (
            "nn",
            "self",
            [
                "Opplysninger om deg.",
                "du er ein av 120 personar.",
                "fødselsnummeret ditt, helsen din, vanene dine, namnet ditt",
            ],
        ),
        (
            "nn",
            "guardian",
            [
                "Opplysninger om barnet ditt.",
                "barnet ditt er eitt av 120 barn.",
                "fødselsnummeret til barnet ditt, helsen til barnet ditt, vanene til barnet ditt, "
                "namnet til barnet ditt",
            ],
        ),
        (
            "nn",
            "next_of_kin",
            [
                "Opplysninger om familiemedlemmet ditt.",
                "familiemedlemmet ditt er eitt av 120 personar.",
                "fødselsnummeret til familiemedlemmet ditt, helsen til familiemedlemmet ditt, "
                "vanene til familiemedlemmet ditt, namnet til familiemedlemmet ditt",
            ],
        ),
    ],
)
def test_every_reader_in_norwegian(language: str, reader: str, expected: list[str]) -> None:
    assert _norwegian_sentences(language, reader) == expected


@pytest.mark.parametrize(
    ("reader", "expected"),
    [
        ("self", ["Information about you.", "you are one of 120 people.", "your national ID number, your name"]),
        (
            "guardian",
            [
                "Information about your child.",
                "your child is one of 120 children.",
                "your child's national ID number, your child's name",
            ],
        ),
        (
            "next_of_kin",
            [
                "Information about your family member.",
                "your family member is one of 120 people.",
                "your family member's national ID number, your family member's name",
            ],
        ),
    ],
)
def test_every_reader_in_english(reader: str, expected: list[str]) -> None:
    assert _english_sentences(reader) == expected


def test_every_reader_has_the_same_words_in_each_language() -> None:
    assert READERS == ("self", "guardian", "next_of_kin")
    for language in ("nb", "nn", "en"):
        keys = {frozenset(words_for(language, reader)) for reader in READERS}
        assert len(keys) == 1, language


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_an_unknown_reader_is_spoken_to_as_the_person_themself(language: str) -> None:
    assert words_for(language, "someone_else") == words_for(language, "self")
    assert words_for(language, "") == words_for(language, "self")


def test_who_received_the_data_in_every_language() -> None:
    assert RECIPIENT_NOUNS["nb"] == {
        "people": "personer",
        "parents": "foreldre",
        "pupils": "elever",
        "staff": "ansatte",
        "unknown": "personer",
    }
    assert RECIPIENT_NOUNS["nn"] == {
        "people": "personar",
        "parents": "foreldre",
        "pupils": "elevar",
        "staff": "tilsette",
        "unknown": "personar",
    }
    assert RECIPIENT_NOUNS["en"] == {
        "people": "people",
        "parents": "parents",
        "pupils": "pupils",
        "staff": "employees",
        "unknown": "people",
    }


# --- Dates and numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (date(2026, 12, 30), "nb", "30. desember 2026"),
        (date(2026, 12, 30), "nn", "30. desember 2026"),
        (date(2026, 12, 30), "en", "30 December 2026"),
        (date(2027, 1, 1), "nb", "1. januar 2027"),
        (date(2027, 1, 1), "en", "1 January 2027"),
        (date(2026, 5, 17), "nn", "17. mai 2026"),
        (datetime(2026, 11, 30, 23, 15), "nb", "30. november 2026"),
        (datetime(2026, 11, 30, 23, 15), "en", "30 November 2026"),
    ],
)
def test_long_dates_as_a_reader_of_the_language_writes_them(value: date, language: str, expected: str) -> None:
    assert long_date(value, language) == expected


def test_a_long_date_leaves_the_active_language_as_it_was() -> None:
    with translation.override("nn"):
        assert long_date(date(2026, 12, 30), "en") == "30 December 2026"
        assert translation.get_language() == "nn"


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_no_date_and_no_count_say_nothing(language: str) -> None:
    assert long_date(None, language) == ""
    assert number(None, language) == ""


@pytest.mark.parametrize(
    ("value", "nb", "en"),
    [
        (0, "0", "0"),
        (999, "999", "999"),
        (1000, f"1{NBSP}000", "1,000"),
        (1200, f"1{NBSP}200", "1,200"),
        (1_234_567, f"1{NBSP}234{NBSP}567", "1,234,567"),
    ],
)
def test_counts_are_grouped_with_a_space_in_norwegian_and_a_comma_in_english(value: int, nb: str, en: str) -> None:
    assert number(value, "nb") == nb
    assert number(value, "nn") == nb
    assert number(value, "en") == en


# --- Greetings --------------------------------------------------------------------------------


def test_greetings_with_a_name() -> None:
    assert greeting("Per Hansen", "nb") == "Hei, Per Hansen."
    assert greeting("Per Hansen", "nn") == "Hei, Per Hansen."
    assert greeting("Per Hansen", "en") == "Dear Per Hansen,"
    # The name as one line, its spaces tidied.
    assert greeting("  Per \n  Hansen ", "en") == "Dear Per Hansen,"


def test_greetings_without_a_name() -> None:
    assert greeting("", "nb") == "Hei."
    assert greeting("", "nn") == "Hei."
    assert greeting(" \t\n", "en") == "Hello,"
    assert set(GREETINGS) == {"nb", "nn", "en"}


def test_a_greeting_in_an_unknown_language_is_in_bokmal() -> None:
    assert greeting("Per", "de") == "Hei, Per."
    assert greeting("", "de") == "Hei."


# --- Sentences measured -----------------------------------------------------------------------


def test_a_date_does_not_end_a_sentence() -> None:
    assert sentences_of(["Vi oppdaget det 30. desember 2026. Vi ringte deg samme dag."]) == [
        "Vi oppdaget det 30. desember 2026.",
        "Vi ringte deg samme dag.",
    ]


def test_sentences_end_before_capitals_quotes_and_marks() -> None:
    text = 'Hva skjedde? Å nei! Ærlig talt. Øyeblikk. «Hei» sa hun. "Ja" sa han. [Omset frå bokmål: tekst] Slutt'
    assert sentences_of([text]) == [
        "Hva skjedde?",
        "Å nei!",
        "Ærlig talt.",
        "Øyeblikk.",
        "«Hei» sa hun.",
        '"Ja" sa han.',
        "[Omset frå bokmål: tekst] Slutt.",
    ]


def test_each_line_is_a_sentence_without_its_bullet_with_a_full_stop_and_a_capital() -> None:
    texts = ["- ring oss på 22 33 44 55\n* skriv til oss\n• les e-posten\n\n   \nsperr kortet!", None, ""]
    assert sentences_of(texts) == [  # type: ignore[arg-type]
        "Ring oss på 22 33 44 55.",
        "Skriv til oss.",
        "Les e-posten.",
        "Sperr kortet!",
    ]


def test_a_sentence_said_twice_is_measured_once() -> None:
    assert sentences_of(["Ring oss.", "ring oss!", "Ring   oss"]) == ["Ring oss."]


def test_a_sentence_inside_a_longer_one_is_measured_once() -> None:
    texts = ["Vi beklager.", "Vi beklager det som har skjedd.", "Ringen er funnet.", "Ring."]
    # "Ring" is not a word of "Ringen er funnet", so it stays.
    assert sentences_of(texts) == ["Vi beklager det som har skjedd.", "Ringen er funnet.", "Ring."]
    # The same, the longer first.
    assert sentences_of(["Vi beklager det som har skjedd.", "Vi beklager."]) == ["Vi beklager det som har skjedd."]


def test_sentences_of_nothing() -> None:
    assert sentences_of([]) == []
    assert sentences_of(["", "   ", "\n\n"]) == []


def test_only_bullets_are_taken_from_the_start_of_a_line_and_only_missing_stops_added() -> None:
    assert sentences_of(["Xylofonen ble stjålet", "- Systemet heter ABX", "Ble den funnet?"]) == [
        "Xylofonen ble stjålet.",
        "Systemet heter ABX.",
        "Ble den funnet?",
    ]
