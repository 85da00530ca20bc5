"""Readability: the LIX formula, hard words, the default texts' scores, and the live
JavaScript agreeing with Python."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from notifications.rules import lix
from notifications.rules.notice_texts import PARTS
from notifications.selectors.rendering import default_texts, notice_readability

ROOT = Path(__file__).resolve().parents[3]


def test_lix_by_hand() -> None:
    # 9 words, 2 sentences, 2 long words (fødselsnummer, opplysningene; "mistet" has six letters).
    text = "Vi mistet fødselsnummer i går. Nå retter vi opplysningene."
    assert lix.words(text)[:3] == ["Vi", "mistet", "fødselsnummer"]
    assert len(lix.sentences(text)) == 2
    assert lix.lix(text) == pytest.approx(9 / 2 + 100 * 2 / 9)


def test_line_breaks_end_sentences_and_hyphens_join_words() -> None:
    text = "Dette gjelder:\n- e-post\n- fødselsnummeret ditt"
    assert lix.sentences(text) == ["Dette gjelder:", "- e-post", "- fødselsnummeret ditt"]
    assert "e-post" in lix.words(text)
    assert not lix.is_long("e-post") and not lix.is_long("mistet")  # five and six letters
    assert lix.is_long("e-posten")  # seven letters; the hyphen is not one
    assert lix.is_long("fødselsnummer")


def test_empty_text_scores_zero() -> None:
    assert lix.lix("") == 0
    assert lix.readability("   ", "nb").sentences == 0


def test_legal_text_is_hard_and_the_bands_say_so() -> None:
    law = (
        "Ved brudd på personopplysningssikkerheten skal den behandlingsansvarlige uten ugrunnet "
        "opphold og om mulig innen 72 timer etter å ha fått kjennskap til det, melde bruddet på "
        "personopplysningssikkerheten til tilsynsmyndigheten som er kompetent i samsvar med artikkel 55, "
        "med mindre det er lite sannsynlig at bruddet på personopplysningssikkerheten vil medføre en risiko "
        "for fysiske personers rettigheter og friheter."
    )
    score = lix.readability(law, "nb")
    assert score.lix > 60 and score.band == "very_difficult"
    assert lix.band(25) == "very_easy" and lix.band(35) == "easy"


def test_hard_words_are_flagged_with_a_plain_alternative() -> None:
    text = "Den behandlingsansvarlige har, jf. art. 34, varslet iht. reglene. Dette startet i går."
    found = {f.term: f for f in lix.flagged_words(text, "nb")}
    assert set(found) >= {"behandlingsansvarlig", "jf.", "art.", "iht."}
    assert found["behandlingsansvarlig"].found == "behandlingsansvarlige"
    assert found["jf."].plain
    # "startet" is not "art.", and a word inside another is not flagged.
    assert [f for f in lix.flagged_words("Vi startet i går.", "nb")] == []
    nn = {f.term for f in lix.flagged_words("Den behandlingsansvarlege er ein databehandlar.", "nn")}
    assert "databehandlar" in nn
    en = {f.term for f in lix.flagged_words("The data controller, i.e. we, acted pursuant to art. 34.", "en")}
    assert {"data controller", "i.e.", "pursuant to", "art."} <= en


@pytest.mark.django_db
def test_default_texts_for_a_realistic_case_are_easy_to_read(school_case: Any, capsys: Any) -> None:
    scores = {}
    for language in ("nb", "nn", "en"):
        texts = default_texts(school_case, None, language)
        assert all(texts[part].strip() for part in PARTS), f"{language}: every part is filled"
        stats = notice_readability(texts, language)
        scores[language] = stats
        assert stats.flagged == [], f"{language}: the defaults use no word from the hard-word list"
    with capsys.disabled():
        print("\nLIX of the default notice (school case):", {k: round(v.lix, 1) for k, v in scores.items()})
    assert scores["nb"].lix <= 35
    assert scores["nn"].lix <= 35
    assert scores["nb"].average_sentence < 12 and scores["nn"].average_sentence < 12


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_javascript_and_python_agree() -> None:
    samples = [
        "Vi mistet fødselsnummer i går. Nå retter vi opplysningene!",
        "Den behandlingsansvarlige har, jf. art. 34, varslet iht. reglene.\n- e-post\n- passord",
        "Noko har gått gale med opplysningar om deg. Kva skjedde? Vi veit det ikkje heilt ennå...",
        "We think the risk to you is high. Change your password, e.g. today. The data controller acted.",
        "",
    ]
    terms = {lang: lix.terms_for_js(lang) for lang in ("nb", "nn", "en")}
    script = (
        "const L = require(process.argv[1]);"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const out = input.samples.map(s => ['nb','nn','en'].map(l => L.readability(s, input.terms[l])));"
        "process.stdout.write(JSON.stringify(out));"
    )
    result = subprocess.run(
        ["node", "-e", script, str(ROOT / "static" / "js" / "lix.js")],
        input=json.dumps({"samples": samples, "terms": terms}),
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    from_js = json.loads(result.stdout)
    for sample, per_language in zip(samples, from_js, strict=True):
        for language, js in zip(("nb", "nn", "en"), per_language, strict=True):
            py = lix.readability(sample, language)
            assert js["lix"] == pytest.approx(py.lix), sample
            assert (js["words"], js["sentences"], js["long_words"]) == (py.words, py.sentences, py.long_words)
            assert js["longest_sentence"] == py.longest_sentence
            assert [f["term"] for f in js["flagged"]] == [f.term for f in py.flagged], (sample, language)


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0, "very_easy"),
        (29.99, "very_easy"),
        (30, "easy"),
        (39.99, "easy"),
        (40, "medium"),
        (49.99, "medium"),
        (50, "difficult"),
        (59.99, "difficult"),
        (60, "very_difficult"),
        (95, "very_difficult"),
    ],
)
def test_every_lix_band_and_its_boundaries(value: float, band: str) -> None:
    """Each band starts at its limit (a score of exactly 40 is "medium")."""
    assert lix.band(value) == band


def test_the_band_of_a_text_follows_its_score() -> None:
    # 30 words, 1 sentence, no long words: LIX 30 exactly, the first score that is "easy".
    thirty = " ".join(["han"] * 30) + "."
    assert lix.lix(thirty) == 30 and lix.readability(thirty, "nb").band == "easy"
    twenty_nine = " ".join(["han"] * 29) + "."
    assert lix.lix(twenty_nine) == 29 and lix.readability(twenty_nine, "nb").band == "very_easy"


def test_readability_counts_words_sentences_and_long_words() -> None:
    text = "Vi mistet fødselsnummer i går. Nå retter vi opplysningene!\nRing oss"
    stats = lix.readability(text, "nb")
    assert (stats.words, stats.sentences, stats.long_words, stats.longest_sentence) == (11, 3, 2, 5)
    assert stats.average_sentence == pytest.approx(11 / 3)
    assert stats.lix == pytest.approx(11 / 3 + 100 * 2 / 11)
    shown = stats.as_dict()
    assert shown["lix"] == round(11 / 3 + 100 * 2 / 11, 1) and shown["average_sentence"] == 3.7
    assert shown["band"] == lix.band(stats.lix) and shown["flagged"] == []
    assert (shown["words"], shown["sentences"], shown["long_words"], shown["longest_sentence"]) == (11, 3, 2, 5)


def test_sentences_end_at_stops_followed_by_space_or_the_end_only() -> None:
    assert lix.sentences("Versjon 1.5 er ute. Hei!! Ok?") == ["Versjon 1.5 er ute", "Hei", "Ok"]
    assert lix.sentences("... . !") == []
    assert lix.lix("Ja. Nei.") == pytest.approx(1.0)


def test_a_long_word_has_more_than_six_letters_digits_not_counted() -> None:
    assert not lix.is_long("abcdef") and lix.is_long("abcdefg")
    assert not lix.is_long("abc1234")


def test_each_hard_word_is_flagged_once_in_list_order_and_other_languages_fall_back_to_bokmal() -> None:
    found = lix.flagged_words("Jf. reglene, jf. loven, og behandlingsansvarlig.", "nb")
    assert [f.term for f in found].count("jf.") == 1
    terms = [flag.term for flag in lix.HARD_WORDS["nb"]]
    assert [f.term for f in found] == sorted((f.term for f in found), key=terms.index)
    assert lix.flagged_words("jf. art. 5", "xx") == lix.flagged_words("jf. art. 5", "nb") != []
    assert lix.terms_for_js("xx") == lix.terms_for_js("nb") != lix.terms_for_js("en")
    assert lix.terms_for_js("en")[0] == {"term": lix.HARD_WORDS["en"][0].term, "plain": lix.HARD_WORDS["en"][0].plain}


def test_a_term_is_found_at_a_word_start_with_any_ending_and_any_white_space() -> None:
    word = lix.term_pattern("behandlingsansvarlig")
    assert word.search("Den Behandlingsansvarlige svarer").group(0) == "Behandlingsansvarlige"  # type: ignore[union-attr]
    assert word.search("medbehandlingsansvarlig") is None
    abbreviation = lix.term_pattern("jf.")
    assert abbreviation.search("se jf. art. 5").group(0) == "jf."  # type: ignore[union-attr]
    assert abbreviation.search("jfx") is None and abbreviation.search("ajf.") is None
    assert lix.term_pattern("jf.").pattern != lix.term_pattern("jf").pattern
    two_words = lix.term_pattern("rettslig grunnlag")
    assert two_words.search("et rettslig\n   grunnlaget for").group(0) == "rettslig\n   grunnlaget"  # type: ignore[union-attr]
    assert two_words.flags & re.IGNORECASE


def test_the_flagged_words_are_shown_with_found_term_and_plain() -> None:
    shown = lix.readability("Se jf. reglene.", "nb").as_dict()["flagged"]
    assert shown == [
        {
            "found": "jf.",
            "term": "jf.",
            "plain": lix.HARD_WORDS["nb"][[f.term for f in lix.HARD_WORDS["nb"]].index("jf.")].plain,
        }
    ]
    assert lix.readability("", "nb").average_sentence == 0.0
    assert lix.term_pattern("jf.").search("jf.x").group(0) == "jf."  # type: ignore[union-attr]


def test_a_word_two_terms_match_is_flagged_once_whatever_its_case() -> None:
    # "personopplysningssikkerhet" and "personopplysning" both match the capitalised word.
    found = lix.flagged_words("Personopplysningssikkerheten er god.", "nb")
    assert [(f.found, f.term) for f in found] == [("Personopplysningssikkerheten", "personopplysningssikkerhet")]
