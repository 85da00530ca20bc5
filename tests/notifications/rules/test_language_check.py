"""Which language a notice's paragraphs read as (art. 34(2), clear and plain language):
what is taken out as belonging to no language, the thresholds a paragraph and a sentence
must reach to be judged, the margins, and the marks of a text still waiting for its
translation. Pure: no database."""

from __future__ import annotations

import pytest

from notifications.rules import language_check
from notifications.rules.language_check import (
    CODES,
    MIN_WORDS,
    PARAGRAPH_MARGIN,
    SENTENCE_MARGIN,
    SENTENCE_WORDS,
    TRANSLATION_MARKS,
    Misread,
    check_parts,
    has_translation_mark,
    identify,
    mark_for_translation,
    paragraphs,
    reads_as,
    sentences,
    strip_neutral,
    words,
)

# Clearly nynorsk (the identifier is sure of it, taken alone and with an English sentence).
NYNORSK = (
    "Opplysningane vart sende til feil mottakarar, og vi har bede alle mottakarane slette dei med ein gong. "
    "Vi har òg endra rutinane våre."
)
# Six English words, clearly English; five English words.
ENGLISH_6 = "We are very sorry about this."
ENGLISH_5 = "We are sorry about this."
# Bokmål, but only moderately more bokmål than nynorsk (less than the sentence margin).
BOKMAL_WEAK = "Vi har ikke sett det ennå, men vi skal se på det i morgen og si fra til deg."


def _clean_words(text: str, names: list[str] | None = None) -> list[str]:
    return words(strip_neutral(text, names or []))


# --- The languages ---------------------------------------------------------------------------


def test_the_notice_languages_and_what_the_identifier_can_answer() -> None:
    assert CODES == ("nb", "nn", "en")
    scores = identify("Eg har ikkje sett det enno, men vi skal sjå på det i morgon.")
    assert set(scores) == {"nb", "nn", "en", "da", "sv"}
    assert sum(scores.values()) == pytest.approx(1.0)
    assert max(scores, key=lambda code: scores[code]) == "nn"
    assert max(identify(ENGLISH_6).items(), key=lambda kv: kv[1])[0] == "en"
    assert max(identify(BOKMAL_WEAK).items(), key=lambda kv: kv[1])[0] == "nb"


def test_the_thresholds_are_as_documented() -> None:
    assert (MIN_WORDS, SENTENCE_WORDS) == (3, 6)
    assert (PARAGRAPH_MARGIN, SENTENCE_MARGIN) == (0.15, 0.35)


# --- What belongs to no language --------------------------------------------------------------


def test_urls_and_email_addresses_are_taken_out() -> None:
    assert _clean_words("Les mer på https://eksempel.no/personvern?a=1 i dag") == ["Les", "mer", "på", "i", "dag"]
    assert _clean_words("Les mer på HTTP://EKSEMPEL.NO/side i dag") == ["Les", "mer", "på", "i", "dag"]
    assert _clean_words("Se www.eksempel.no/om-oss eller nettsiden") == ["Se", "eller", "nettsiden"]
    assert _clean_words("Skriv til personvern@eksempel.kommune.no eller ring") == ["Skriv", "til", "eller", "ring"]


def test_numbers_dates_and_phone_numbers_are_taken_out() -> None:
    text = "Ring +47 22 33 44 55 før 30.12.2026 kl. 12:30, eller se sak 2026-0042 og 1/2 av dem"
    assert _clean_words(text) == ["Ring", "før", "kl", "eller", "se", "sak", "og", "av", "dem"]


def test_markup_templates_and_code_are_taken_out() -> None:
    assert _clean_words("Hei <script>alert(1)</script> du") == ["Hei", "du"]
    assert _clean_words("Hei <b>du</b> der") == ["Hei", "du", "der"]
    assert _clean_words("Hei {{ navn }} og {% if x %}deg{% endif %} her") == ["Hei", "og", "deg", "her"]
    assert _clean_words("Bruk snake_case eller a=b eller mappe/fil eller tid:sted nå") == [
        "Bruk",
        "eller",
        "eller",
        "eller",
        "nå",
    ]
    assert _clean_words("Pris $5 og [lenke] og x;y eller a|b slutt") == ["Pris", "og", "og", "eller", "slutt"]
    # An unclosed tag at the end is markup too.
    assert _clean_words("Hei der <img src") == ["Hei", "der"]


def test_names_are_taken_out_longest_first_whatever_their_case() -> None:
    # "Kari Nordmann" goes as a whole even though "Nordmann" is given too (and sorts after it).
    assert _clean_words("Kontakt Kari Nordmann i dag", ["Nordmann", "Kari Nordmann"]) == ["Kontakt", "i", "dag"]
    assert _clean_words("Kontakt KARI NORDMANN i dag", [" Kari Nordmann "]) == ["Kontakt", "i", "dag"]
    # Empty and blank names take nothing away.
    assert _clean_words("Oslo kommune skriver til deg", ["", "   "]) == ["Oslo", "kommune", "skriver", "til", "deg"]
    # A name with characters that mean something in a pattern is taken literally.
    assert _clean_words("Fra A.B (Oslo) og AxB", ["A.B (Oslo)"]) == ["Fra", "og", "AxB"]


def test_bullets_are_taken_out_but_hyphenated_words_stay() -> None:
    stripped = strip_neutral("- Ring oss\n* Skriv til oss\n• Les e-posten")
    assert "-" not in stripped.split() and "*" not in stripped and "•" not in stripped
    assert words(stripped) == ["Ring", "oss", "Skriv", "til", "oss", "Les", "e-posten"]


def test_words_are_letters_joined_by_hyphens_and_apostrophes() -> None:
    assert words("Your child's e-post: 2026, snake_case og æøå!") == [
        "Your",
        "child's",
        "e-post",
        "snake",
        "case",
        "og",
        "æøå",
    ]
    assert words("- -- ' 42") == []


# --- Paragraphs and sentences -----------------------------------------------------------------


def test_paragraphs_are_separated_by_blank_lines() -> None:
    text = "\n\n  Første avsnitt\nsamme avsnitt  \n   \n\nAndre avsnitt\n \t\n"
    assert paragraphs(text) == ["Første avsnitt\nsamme avsnitt", "Andre avsnitt"]
    assert paragraphs("  \n\n ") == []


def test_sentences_end_before_a_capital_and_not_inside_a_date() -> None:
    paragraph = (
        "Det skjedde 30. desember 2026.  Vi ringte!\nHar du\nspørsmål? "
        '«Ja» sa hun. "Nei" sa han. Å nei. Ære. Øve. slutt'
    )
    assert sentences(paragraph) == [
        "Det skjedde 30. desember 2026.",
        "Vi ringte!",
        "Har du spørsmål?",
        "«Ja» sa hun.",
        '"Nei" sa han.',
        "Å nei.",
        "Ære.",
        "Øve. slutt",
    ]
    assert sentences("   ") == []


# --- Reading a text as a language -------------------------------------------------------------


def test_reads_as_names_the_other_language_only_when_it_is_clearly_ahead() -> None:
    # English three words in a bokmål notice: clearly English at the paragraph margin ...
    scores = identify("We sent it")
    ahead = scores["en"] - scores["nb"]
    assert PARAGRAPH_MARGIN <= ahead < SENTENCE_MARGIN
    assert reads_as("We sent it", "nb") == "en"
    # ... but not clearly enough at the stricter sentence margin.
    assert reads_as("We sent it", "nb", SENTENCE_MARGIN) == "nb"
    # Just below the difference the other language is named; just above it, it is not
    # (the identifier's confidences vary in their last digits from call to call).
    assert reads_as("We sent it", "nb", ahead - 1e-6) == "en"
    assert reads_as("We sent it", "nb", ahead + 1e-6) == "nb"
    # The text read as what it is expected to be.
    assert reads_as("We sent it", "en") == "en"


def test_a_near_tie_is_no_evidence() -> None:
    # Danish is ahead of bokmål here, but by less than the margin.
    text = "Vi har sendt brevet til deg"
    scores = identify(text)
    assert max(scores, key=lambda code: scores[code]) != "nb"
    assert reads_as(text, "nb") == "nb"
    # A bokmål notice saying it is not refused for it.
    assert check_parts({"what_happened": text}, "nb") == []


def test_an_expected_language_the_identifier_does_not_know_counts_as_nothing() -> None:
    assert reads_as(ENGLISH_6, "de") == "en"


# --- Translation marks ------------------------------------------------------------------------


def test_a_case_text_is_marked_for_translation_in_nynorsk_and_english_only() -> None:
    assert TRANSLATION_MARKS == {"nn": "[Omset frå bokmål:", "en": "[Translate from Norwegian:"}
    text = "  En ansatt sendte et regneark til feil foreldre.  "
    nn = mark_for_translation(text, "nn")
    en = mark_for_translation(text, "en")
    assert nn == "[Omset frå bokmål: En ansatt sendte et regneark til feil foreldre.]"
    assert en == "[Translate from Norwegian: En ansatt sendte et regneark til feil foreldre.]"
    assert has_translation_mark(nn) and has_translation_mark(en)
    # Bokmål needs no translation; an empty text gets no mark.
    assert mark_for_translation(text, "nb") == "En ansatt sendte et regneark til feil foreldre."
    assert mark_for_translation("   ", "nn") == ""
    assert not has_translation_mark(mark_for_translation(text, "nb"))


def test_translation_marks_are_found_across_lines_and_only_when_closed() -> None:
    assert has_translation_mark("Før.\n[Omset frå bokmål:\nFørste linje\nandre linje]\nEtter.")
    assert has_translation_mark("[Translate from Norwegian:tekst]")
    assert not has_translation_mark("[Translate from Norwegian: tekst uten slutt")
    assert not has_translation_mark("[Omset fra bokmål: tekst]")
    assert not has_translation_mark("Translate from Norwegian: tekst]")


# --- Checking the parts of a notice -----------------------------------------------------------


def test_a_marked_part_is_refused_as_untranslated_whatever_it_says() -> None:
    long_text = "ord " * 40
    parts = {
        "what_happened": "Innleiing.\n[Omset frå bokmål:   En ansatt\n\nsendte   et regneark.]",
        "measures": f"[Omset frå bokmål: {long_text}]",
        "contact": "Thank you very",
    }
    found = check_parts(parts, "nn")
    assert found[0] == Misread(part="what_happened", found="", excerpt="En ansatt sendte et regneark.")
    assert found[1].part == "measures" and found[1].found == "" and len(found[1].excerpt) == 80
    assert found[1].excerpt == " ".join(long_text.split())[:80]
    # A marked part does not stop the parts after it from being read.
    assert found[2] == Misread(part="contact", found="en", excerpt="Thank you very")
    assert len(found) == 3


def test_a_paragraph_is_judged_from_min_words_up() -> None:
    three = "Thank you very"
    assert len(words(three)) == MIN_WORDS
    assert check_parts({"what_happened": three}, "nb") == [Misread("what_happened", "en", three)]
    # Two words say too little, however English they are.
    assert check_parts({"what_happened": "Thank you"}, "nb") == []
    # Neutral things do not count as words: a URL and a number leave two words.
    assert check_parts({"what_happened": "Thank you https://example.org/very 42"}, "nb") == []


def test_the_paragraph_excerpt_is_the_paragraph_as_written_at_most_80_characters() -> None:
    paragraph = "Please   call Kari Nordmann\nat 22 33 44 55 " + "about the letter we sent you yesterday. " * 3
    found = check_parts({"contact": f"Hei.\n\n{paragraph}"}, "nb", names=["Kari Nordmann"])
    assert found == [Misread("contact", "en", " ".join(paragraph.split())[:80])]
    assert found[0].excerpt.startswith("Please call Kari Nordmann at 22 33 44 55 about")


def test_a_sentence_is_judged_on_its_own_from_sentence_words_up() -> None:
    # The paragraph as a whole reads as nynorsk; the English sentence in it does not.
    assert reads_as(f"{NYNORSK} {ENGLISH_6}", "nn") == "nn"
    assert len(words(ENGLISH_6)) == SENTENCE_WORDS
    assert check_parts({"what_happened": f"{NYNORSK} {ENGLISH_6}"}, "nn") == [Misread("what_happened", "en", ENGLISH_6)]
    # A five-word sentence is judged only inside its paragraph.
    assert check_parts({"what_happened": f"{NYNORSK} {ENGLISH_5}"}, "nn") == []


def test_a_sentence_needs_the_stricter_margin() -> None:
    # Bokmål, but not clearly enough for a sentence on its own.
    scores = identify(BOKMAL_WEAK)
    assert PARAGRAPH_MARGIN <= scores["nb"] - scores["nn"] < SENTENCE_MARGIN
    assert check_parts({"what_happened": f"{NYNORSK} {BOKMAL_WEAK}"}, "nn") == []
    # Alone, as its own paragraph, it is refused.
    assert check_parts({"what_happened": BOKMAL_WEAK}, "nn") == [Misread("what_happened", "nb", BOKMAL_WEAK)]


def test_the_sentence_excerpt_leaves_out_names_and_numbers() -> None:
    sentence = "Please call Kari Nordmann on 22 33 44 55 about this today."
    found = check_parts({"contact": f"{NYNORSK} {sentence}"}, "nn", names=iter(["Kari Nordmann"]))
    assert len(found) == 1 and found[0].found == "en"
    assert "Kari" not in found[0].excerpt and "22" not in found[0].excerpt
    assert found[0].excerpt.startswith("Please call") and found[0].excerpt.endswith("about this today.")


def test_at_most_one_finding_per_part_and_names_apply_to_every_part() -> None:
    parts = {
        "what_happened": f"{ENGLISH_6}\n\nThank you very much for your help.",
        "empty": None,
        "contact": "Kari Nordmann Kari Nordmann Kari Nordmann",
        "measures": NYNORSK,
    }
    names = (n for n in ["Kari Nordmann"])  # read once, used for every part
    found = check_parts(parts, "nn", names=names)  # type: ignore[arg-type]
    assert found == [Misread("what_happened", "en", ENGLISH_6)]


def test_the_first_misread_paragraph_is_the_one_named() -> None:
    text = f"{NYNORSK}\n\nThank you very\n\n{BOKMAL_WEAK}"
    assert check_parts({"p": text}, "nn") == [Misread("p", "en", "Thank you very")]


def test_the_sentence_excerpt_is_at_most_80_characters() -> None:
    sentence = "Please call us about the letter we sent you yesterday, because it went to the wrong person by mistake."
    assert len(sentence) > 80
    found = check_parts({"what_happened": f"{NYNORSK} {sentence}"}, "nn")
    assert found == [Misread("what_happened", "en", sentence[:80])]


def test_a_lead_exactly_at_the_margin_names_the_other_language(monkeypatch: pytest.MonkeyPatch) -> None:
    # Scores that add up exactly (quarters), so that the lead is the margin to the last digit.
    monkeypatch.setattr(language_check, "identify", lambda text: {"nb": 0.25, "nn": 0.75})
    assert reads_as("tekst", "nb", 0.5) == "nn"
    assert reads_as("tekst", "nb", 0.5 + 1e-9) == "nb"
