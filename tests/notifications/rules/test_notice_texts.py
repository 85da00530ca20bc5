"""The shape of a notice's text (notifications/rules/notice_texts.py): template output tidied
into paragraphs, the worrying categories a breach does not touch, the parts still empty."""

from __future__ import annotations

import pytest

from notifications.rules.notice_texts import (
    LANGUAGES,
    PARTS,
    missing_parts,
    not_involved,
    notice_readability,
    tidy,
)


def test_template_lines_become_paragraphs_and_list_lines_stay_lines() -> None:
    raw = "  Vi skriver til deg.\nDet gjelder e-post.\n\n¶\nDette gjelder:\n- navn\n* adresse\n\n¶\n¶\nRing oss.\n"
    assert tidy(raw) == "Vi skriver til deg. Det gjelder e-post.\n\nDette gjelder:\n- navn\n* adresse\n\nRing oss."
    assert tidy("") == "" and tidy("\n\n¶\n") == ""
    assert tidy("- en\nto") == "- en\nto"


@pytest.mark.parametrize(
    ("categories", "named"),
    [
        ([], ["national_id", "credentials", "financial", "special"]),
        (["basic", "national_id"], ["credentials", "financial", "special"]),
        (["payment_card"], ["national_id", "credentials", "special"]),
        (["financial", "special", "credentials", "national_id"], []),
    ],
)
def test_the_notice_names_what_the_breach_is_not_about(categories: list[str], named: list[str]) -> None:
    assert not_involved(categories) == dict.fromkeys(named, True)


def test_missing_parts_are_the_empty_ones_subject_first() -> None:
    full = {"subject": "Emne", **dict.fromkeys(PARTS, "Tekst.")}
    assert missing_parts(full) == []
    assert missing_parts({**full, "subject": "  ", "advice": ""}) == ["subject", "advice"]
    assert missing_parts({}) == ["subject", *PARTS]
    assert LANGUAGES == ("nb", "nn", "en") and PARTS[0] == "what_happened" and PARTS[-1] == "contact"


def test_readability_counts_the_parts_each_as_a_block_of_its_own() -> None:
    parts = {"subject": "Emne som ikke teller med i det hele tatt", "what_happened": "Vi mistet data", "advice": "Ring"}
    stats = notice_readability(parts, "nb")
    assert (stats.words, stats.sentences) == (4, 2)


def test_a_line_ending_in_a_colon_is_not_joined_to_the_next() -> None:
    assert tidy("Dette gjelder:\nnavn og adresse.\nMer.") == "Dette gjelder:\nnavn og adresse. Mer."


def test_readability_flags_hard_words_in_the_notice_language() -> None:
    english = notice_readability({"advice": "The controller, i.e. we, acted."}, "en")
    assert [f.term for f in english.flagged] == ["controller", "i.e."]


def test_sentences_are_joined_list_lines_kept_and_paragraphs_split_exactly() -> None:
    text = "Vi beklager.\nDu kan:\n- ringe oss\n- skrive til oss\n¶\nHilsen oss."
    assert tidy(text) == "Vi beklager. Du kan:\n- ringe oss\n- skrive til oss\n\nHilsen oss."
