"""The risk engine: properties over generated facts, the thresholds, and the words of the rules page.
No database: the engine is pure."""

from __future__ import annotations

import dataclasses
import json
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incidents.rules import risk
from incidents.rules.risk import (
    AVAILABILITY_IMPACT,
    BREACH_TYPES,
    CONFIDENTIALITY_EXPOSURE,
    DATA_CATEGORIES,
    EXFILTRATION,
    IDENTIFIABILITY,
    INTEGRITY_IMPACT,
    Facts,
    FactsError,
    enisa_tables,
    evaluate,
    facts_to_dict,
    parse_facts,
    recommendation_to_dict,
    render_reason,
    rules_table,
)
from incidents.rules.risk.labels import (
    BAND_LABELS,
    BREACH_TYPE_LABELS,
    CATEGORY_LABELS,
    format_count,
    format_number,
    join_words,
    label_of,
    normalize_language,
)
from incidents.rules.risk.reasons import render_param
from incidents.rules.risk.severity import ENISA_DPC, severity_band
from incidents.rules.risk.vocabulary import t
from tests.incidents.rules.test_risk import LANGS, assess, codes, rank, rows, sentences

# ---------------------------------------------------------------------------------------------
# Properties over the whole space of facts
# ---------------------------------------------------------------------------------------------


@st.composite
def facts(draw: st.DrawFn) -> Facts:
    adjustment = draw(st.integers(risk.ADJUSTMENT_MIN, risk.ADJUSTMENT_MAX))
    return Facts(
        breach_types=tuple(draw(st.sets(st.sampled_from(BREACH_TYPES), min_size=1))),
        data_categories=tuple(draw(st.sets(st.sampled_from(DATA_CATEGORIES), min_size=1))),
        dpc_adjustment=adjustment,
        dpc_adjustment_reason="context" if adjustment else "",
        identifiability=draw(st.none() | st.sampled_from(tuple(IDENTIFIABILITY))),
        confidentiality_exposure=draw(st.none() | st.sampled_from(CONFIDENTIALITY_EXPOSURE)),
        integrity_impact=draw(st.none() | st.sampled_from(INTEGRITY_IMPACT)),
        availability_impact=draw(st.none() | st.sampled_from(AVAILABILITY_IMPACT)),
        malicious=draw(st.booleans()),
        data_unintelligible=draw(st.booleans()),
        subjects_count=draw(st.none() | st.integers(0, 2_000_000)),
        records_count=draw(st.none() | st.integers(0, 2_000_000)),
        vulnerable_subjects=draw(st.booleans()),
        recipient_trusted=draw(st.booleans()),
        data_already_public=draw(st.booleans()),
        measures_remove_high_risk=draw(st.booleans()),
        disproportionate_effort=draw(st.booleans()),
        access_without_need=draw(st.booleans()),
        exfiltration=draw(st.sampled_from(EXFILTRATION)),
        context_reveals_special=draw(st.booleans()),
    )


def never_lower(before: Facts, after: Facts) -> None:
    old, new = evaluate(before), evaluate(after)
    assert rank(new.risk_level) >= rank(old.risk_level), (before, after, old.risk_level, new.risk_level)
    assert new.severity.score >= old.severity.score


@given(facts(), st.sampled_from(DATA_CATEGORIES))
def test_adding_a_data_category_never_lowers_the_risk(f: Facts, category: str) -> None:
    never_lower(f, dataclasses.replace(f, data_categories=(*f.data_categories, category)))


@given(facts())
def test_malice_never_lowers_the_risk(f: Facts) -> None:
    never_lower(f, dataclasses.replace(f, malicious=True))


@given(facts())
def test_vulnerable_people_never_lower_the_risk(f: Facts) -> None:
    never_lower(f, dataclasses.replace(f, vulnerable_subjects=True))


@given(facts())
def test_access_without_a_work_need_never_lowers_the_risk(f: Facts) -> None:
    never_lower(dataclasses.replace(f, access_without_need=False), dataclasses.replace(f, access_without_need=True))


@given(facts())
def test_a_context_that_reveals_special_data_never_lowers_the_risk(f: Facts) -> None:
    never_lower(
        dataclasses.replace(f, context_reveals_special=False), dataclasses.replace(f, context_reveals_special=True)
    )


@given(facts(), st.data())
def test_exfiltration_confirmed_likely_unknown_ruled_out_in_that_order_of_risk(f: Facts, data: st.DataObject) -> None:
    # ruled_out < unknown < likely < confirmed: "unknown" is never read as "ruled_out".
    current = data.draw(st.sampled_from(EXFILTRATION))
    worse = data.draw(st.sampled_from(EXFILTRATION[EXFILTRATION.index(current) :]))
    never_lower(dataclasses.replace(f, exfiltration=current), dataclasses.replace(f, exfiltration=worse))


@given(facts())
def test_after_an_attack_unknown_exfiltration_is_at_least_a_risk_unless_unintelligible(f: Facts) -> None:
    f = dataclasses.replace(
        f, malicious=True, exfiltration="unknown", data_unintelligible=False, data_already_public=False
    )
    assert evaluate(f).notify_authority


@given(facts())
def test_a_trusted_recipient_never_clears_special_data_or_many_people(f: Facts) -> None:
    f = dataclasses.replace(
        f,
        recipient_trusted=True,
        data_unintelligible=False,
        data_already_public=False,
        breach_types=("confidentiality",),
    )
    if f.context_reveals_special or {"special", "criminal"} & set(f.data_categories) or (f.subjects_count or 0) > 100:
        assert evaluate(f).notify_authority


@given(facts(), st.integers(0, 10_000_000))
def test_more_people_never_lower_the_risk(f: Facts, more: int) -> None:
    never_lower(f, dataclasses.replace(f, subjects_count=(f.subjects_count or 0) + more))


@given(facts(), st.sampled_from(tuple(risk.ELEMENT_FIELDS.values())), st.data())
def test_a_worse_exposure_or_impact_never_lowers_the_risk(
    f: Facts, element: tuple[str, tuple[str, ...]], data: st.DataObject
) -> None:
    name, vocabulary = element
    current = data.draw(st.sampled_from(vocabulary))
    worse = data.draw(st.sampled_from(vocabulary[vocabulary.index(current) :]))
    before: dict[str, Any] = {name: current}
    after: dict[str, Any] = {name: worse}
    never_lower(dataclasses.replace(f, **before), dataclasses.replace(f, **after))


@given(facts())
def test_a_missing_exposure_is_assessed_like_unknown_recipients(f: Facts) -> None:
    f = dataclasses.replace(f, recipient_trusted=False)
    missing = evaluate(dataclasses.replace(f, confidentiality_exposure=None))
    unknown = evaluate(dataclasses.replace(f, confidentiality_exposure="unknown_recipients"))
    assert (missing.risk_level, missing.severity) == (unknown.risk_level, unknown.severity)


@given(facts())
def test_unintelligible_data_in_a_confidentiality_only_breach_never_means_telling_people(f: Facts) -> None:
    rec = evaluate(dataclasses.replace(f, breach_types=("confidentiality",), data_unintelligible=True))
    assert not rec.notify_data_subjects
    assert rec.risk_level == "unlikely"


@given(facts())
def test_same_facts_same_answer(f: Facts) -> None:
    again = parse_facts(json.loads(json.dumps(facts_to_dict(f))))
    assert again == f
    assert evaluate(f) == evaluate(f) == evaluate(again)
    assert recommendation_to_dict(evaluate(f), "nn") == recommendation_to_dict(evaluate(again), "nn")


@settings(max_examples=200)
@given(facts())
def test_every_answer_explains_itself_in_every_language(f: Facts) -> None:
    rec = evaluate(f)
    assert rec.reasons
    assert rec.reasons[0].code == "SEVERITY"
    assert sum(r.code.startswith("LEVEL_") for r in rec.reasons) == 1
    assert {r.code for r in rec.reasons} <= set(risk.RULES_BY_CODE)
    for lang in LANGS:
        for text in sentences(rec, lang):
            assert text.strip() and "{" not in text and "}" not in text


@given(facts())
def test_the_outcome_is_consistent(f: Facts) -> None:
    rec = evaluate(f)
    if rec.notify_data_subjects or rec.risk_level != "unlikely":
        assert rec.notify_authority
    assert rec.notify_authority == (rec.risk_level != "unlikely")
    assert rec.notify_data_subjects == (rec.risk_level == "high" and rec.exemption is None)
    assert rec.public_communication == (rec.exemption == "34_3_c")
    if rec.exemption in {"34_3_b", "34_3_c"}:
        assert rec.risk_level == "high"
    if rec.exemption == "34_3_a":
        assert f.data_unintelligible and "confidentiality" in f.breach_types
    assert rec.risk_level == max((lvl for _k, lvl in rec.levels_by_breach_type), key=rank)
    assert ("over_100_subjects" in rec.flags) == (f.subjects_count is not None and f.subjects_count > 100)
    assert ("data_unintelligible" in rec.flags) == f.data_unintelligible
    assert rec.severity.band == severity_band(rec.severity.score)
    assert risk.DPC_MIN <= rec.severity.dpc <= risk.DPC_MAX


# ---------------------------------------------------------------------------------------------
# The 100-people boundary (ENISA's flag: *more than* 100 people)
# ---------------------------------------------------------------------------------------------

DISCLOSED_TO_STRANGERS = {
    "breach_types": ["confidentiality"],
    "data_categories": ["behavioural"],
    "identifiability": "maximum",
    "confidentiality_exposure": "unknown_recipients",
}


@pytest.mark.parametrize(("count", "flagged"), [(None, False), (0, False), (99, False), (100, False), (101, True)])
def test_the_over_100_flag_starts_at_101_people(count: int | None, flagged: bool) -> None:
    rec = assess(**DISCLOSED_TO_STRANGERS, subjects_count=count)
    assert ("over_100_subjects" in rec.flags) is flagged
    assert ("over_100_subjects" in cast(list[str], recommendation_to_dict(rec)["flags"])) is flagged


def test_exactly_100_people_is_not_yet_so_many_that_the_risk_is_high() -> None:
    hundred = assess(**DISCLOSED_TO_STRANGERS, subjects_count=100)
    hundred_and_one = assess(**DISCLOSED_TO_STRANGERS, subjects_count=101)
    assert hundred.severity.band == hundred_and_one.severity.band == "medium"
    assert "C_VOLUME" not in codes(hundred) and hundred.risk_level == "risk"
    assert "C_VOLUME" in codes(hundred_and_one) and hundred_and_one.risk_level == "high"
    assert hundred_and_one.reasons[codes(hundred_and_one).index("C_VOLUME")].get("count") == 101
    assert "101 personer er berørt" in " ".join(sentences(hundred_and_one, "nb"))


@pytest.mark.parametrize(
    ("category", "code", "before", "after"),
    [
        ("financial", "C_AT_LEAST_RISK", None, ("over_100",)),
        ("special", "C_AT_LEAST_RISK", ("sensitive",), ("sensitive", "over_100")),
        ("special", "C_SENSITIVE_AGGRAVATED", None, ("over_100",)),
    ],
)
def test_more_than_100_people_is_a_factor_named_in_the_reasons(
    category: str, code: str, before: tuple[str, ...] | None, after: tuple[str, ...]
) -> None:
    def factors(count: int) -> object:
        rec = assess(
            breach_types=["confidentiality"],
            data_categories=[category],
            identifiability="maximum",
            confidentiality_exposure="known_recipients",
            subjects_count=count,
        )
        return next((reason.get("factors") for reason in rec.reasons if reason.code == code), None)

    assert factors(100) == before
    assert factors(101) == after


def test_many_people_are_not_a_high_risk_without_disclosure_or_below_the_medium_band() -> None:
    no_evidence = assess(**{**DISCLOSED_TO_STRANGERS, "confidentiality_exposure": "no_evidence"}, subjects_count=5000)
    assert "C_VOLUME" not in codes(no_evidence)
    low = assess(**{**DISCLOSED_TO_STRANGERS, "identifiability": "negligible"}, subjects_count=5000)
    assert low.severity.band == "low" and "C_VOLUME" not in codes(low)


# ---------------------------------------------------------------------------------------------
# What the page «Slik vurderer Avvik risiko» and the error messages are built from
# ---------------------------------------------------------------------------------------------


def test_the_page_tables_default_to_bokmal_and_follow_the_language() -> None:
    assert rules_table() == rules_table("nb") != rules_table("en")
    assert enisa_tables() == enisa_tables("nb") != enisa_tables("en")
    assert rules_table("en")[0]["check"] == risk.RULES[0].check["en"]
    texts = [row["text"] for row in rules_table("nb")]
    assert not any("{" in text for text in texts)
    assert any("…" in text for text in texts) and not any("XX" in text for text in texts)


def test_the_enisa_tables_have_the_shape_the_page_reads() -> None:
    tables = enisa_tables("en")
    assert set(tables) == {
        "formula",
        "intro",
        "data_processing_context",
        "category_map",
        "ease_of_identification",
        "circumstances",
        "bands",
        "flags",
    }
    first = rows(tables, "data_processing_context")[0]
    assert set(first) == {"category", "name", "base", "adjustments"}
    assert first["category"] == ENISA_DPC[0][0] and first["base"] == ENISA_DPC[0][1]
    assert first["name"] == ENISA_DPC[0][2]["en"]
    assert first["adjustments"] == ENISA_DPC[0][3]["en"]
    special = next(row for row in rows(tables, "category_map") if row["category"] == "special")
    assert special == {
        "category": "special",
        "name": CATEGORY_LABELS["special"]["en"],
        "enisa_category": risk.CATEGORY_SCORES["special"].enisa,
        "score": risk.CATEGORY_SCORES["special"].score,
        "why": risk.CATEGORY_SCORES["special"].why["en"],
    }
    assert rows(tables, "ease_of_identification")[0] == {
        "value": "negligible",
        "weight": 0.25,
        "description": risk.IDENTIFIABILITY_LABELS["negligible"]["en"],
    }
    circumstances = rows(tables, "circumstances")
    assert [row["element"] for row in circumstances] == [*BREACH_TYPES, "malicious"]
    confidentiality = circumstances[0]
    assert set(confidentiality) == {"element", "name", "levels"}
    assert confidentiality["name"] == BREACH_TYPE_LABELS["confidentiality"]["en"]
    assert [set(level) for level in confidentiality["levels"]] == [{"value", "points", "description"}] * 3
    assert [(level["value"], level["points"]) for level in confidentiality["levels"]] == list(
        risk.CB_POINTS["confidentiality"].items()
    )
    assert all(level["description"] for level in confidentiality["levels"])
    malicious = circumstances[-1]
    assert malicious["levels"] == [{"value": "malicious", "points": 0.5, "description": ""}]
    assert malicious["name"] and malicious["name"] != "malicious"
    band = rows(tables, "bands")[0]
    assert set(band) == {"band", "name", "range", "description"}
    assert band["band"] == "low" and band["name"] == risk.BAND_LABELS["low"]["en"] and band["description"]
    assert isinstance(band["range"], str) and band["range"]
    flags = rows(tables, "flags")
    assert [row["flag"] for row in flags] == ["over_100_subjects", "data_unintelligible"]
    assert all(set(row) == {"flag", "description"} and row["description"] for row in flags)


def test_a_reason_renders_itself_and_reads_its_parameters() -> None:
    reason = risk.Reason.of("C_VOLUME", {"count": 101, "band": "medium"})
    assert reason.render() == render_reason(reason, "nb") and reason.render("en") == render_reason(reason, "en")
    assert reason.get("count") == 101 and reason.get("missing") is None and reason.get("missing", 7) == 7


def test_a_facts_error_names_only_the_fields() -> None:
    """Exception texts end up in logs: the field names, never what was sent."""
    error = FactsError({"data_categories": ["«x» …"], "breach_types": ["…"]})
    assert str(error) == "invalid facts: breach_types, data_categories"
    assert error.errors == {"data_categories": ["«x» …"], "breach_types": ["…"]}


def test_an_unknown_value_is_shown_as_sent_cut_at_40_characters_with_the_choices() -> None:
    def message(value: object) -> str:
        with pytest.raises(FactsError) as caught:
            parse_facts({"breach_types": [value], "data_categories": ["basic"]}, "en")
        return caught.value.errors["breach_types"][0]

    assert (
        message("x" * 40)
        == f"“{'x' * 40}” is not a valid value. Choose from: confidentiality, integrity, availability."
    )
    assert message("y" * 41).startswith(f"“{'y' * 39}…” is not")
    assert message("secret").startswith("“secret” is not")  # a text as it is, not quoted again
    assert message(5).startswith("“5” is not")
    assert message(None).startswith("“None” is not")


def test_a_text_is_one_entry_per_language() -> None:
    assert t("bokmål", "nynorsk", "English") == {"nb": "bokmål", "nn": "nynorsk", "en": "English"}


def refusal(language: str = "en", **data: Any) -> dict[str, list[str]]:
    with pytest.raises(FactsError) as caught:
        parse_facts({"breach_types": ["integrity"], "data_categories": ["basic"], **data}, language)
    return caught.value.errors


def test_each_refusal_says_exactly_what_is_wrong() -> None:
    choices = "confidentiality, integrity, availability"
    assert refusal(dpc_adjustment_reason=5) == {"dpc_adjustment_reason": ["Enter plain text."]}
    assert refusal(dpc_adjustment_reason="x" * 10_001) == {
        "dpc_adjustment_reason": ["The text is too long: 10,001 characters. Shorten it to 10000 characters at most."]
    }
    assert refusal("nb", dpc_adjustment_reason="x" * 10_001) == {
        "dpc_adjustment_reason": ["Teksten er for lang: 10\u00a0001 tegn. Kort den ned til høyst 10000 tegn."]
    }
    assert refusal(subjects_count=1_000_000_001) == {
        "subjects_count": ["The number can be at most 1,000,000,000. An estimate will do."]
    }
    assert refusal("nb", records_count=1_000_000_000_001) == {
        "records_count": ["Antallet kan være høyst 1\u00a0000\u00a0000\u00a0000\u00a0000. Et anslag holder."]
    }
    assert refusal(breach_types="integrity") == {
        "breach_types": ['Send a list of values, for example ["confidentiality"].']
    }
    unknown = "Avvik does not know this field. Check the spelling, or leave it out."
    assert refusal(breach_type=["x"]) == {"breach_type": [unknown + " Did you mean “breach_types”?"]}
    assert refusal(malic=True) == {"malic": [unknown]}  # too far from "malicious" to guess
    assert refusal(breach_types=["x", "x", "y"]) == {
        "breach_types": [
            f"“x” is not a valid value. Choose from: {choices}.",
            f"“y” is not a valid value. Choose from: {choices}.",
        ]
    }


def test_the_largest_counts_are_accepted() -> None:
    facts = parse_facts(
        {
            "breach_types": ["integrity"],
            "data_categories": ["basic"],
            "subjects_count": 1_000_000_000,
            "records_count": 1_000_000_000_000,
        }
    )
    assert (facts.subjects_count, facts.records_count) == (1_000_000_000, 1_000_000_000_000)
    assert facts_to_dict(facts)["breach_types"] == ["integrity"]


@pytest.mark.parametrize(
    ("sent", "language"),
    [
        (None, "nb"),
        ("", "nb"),
        ("nb", "nb"),
        ("NN", "nn"),
        ("nn-NO,nb;q=0.9", "nn"),
        ("nn_NO", "nn"),
        ("nno", "nn"),
        ("nn;q=1", "nn"),
        ("en_GB", "en"),
        ("en-US,en;q=0.5", "en"),
        ("eng", "en"),
        ("en;q=0.8", "en"),
        ("de,en", "nb"),
        ("nn,en;q=0.5", "nn"),
        ("en,nb", "en"),
        ("no", "nb"),
    ],
)
def test_the_language_is_read_from_a_code_or_an_accept_language_value(sent: str | None, language: str) -> None:
    assert normalize_language(sent) == language


def test_lists_numbers_and_counts_are_written_the_way_each_language_writes_them() -> None:
    assert [join_words(items, "nb") for items in ([], ["a"], ["a", "b"], ["a", "b", "c"])] == [
        "",
        "a",
        "a og b",
        "a, b og c",
    ]
    assert join_words(["a", "b", "c", "d"], "en") == "a, b, c and d"
    assert [format_number(value, "nn") for value in (1.5, 2.0, 0.25, 10.0)] == ["1,5", "2", "0,25", "10"]
    assert format_number(1.5, "en") == "1.5"
    assert [format_count(1_234_567, language) for language in ("nb", "nn", "en")] == [
        "1\u00a0234\u00a0567",
        "1\u00a0234\u00a0567",
        "1,234,567",
    ]
    assert label_of(BAND_LABELS, "medium", "en") == BAND_LABELS["medium"]["en"]
    assert label_of(BAND_LABELS, "unknown", "en") == "unknown"


@pytest.mark.parametrize(
    ("name", "value", "language", "shown"),
    [
        ("count", 1234, "nb", "1\u00a0234"),
        ("count", 1234, "en", "1,234"),
        ("adjustment", 1, "en", "+1"),
        ("adjustment", -2, "en", "-2"),
        ("dpc", 3, "nb", "3"),
        ("dpc", 1234, "nb", "1234"),
        ("flag", True, "en", "true"),
        ("score", 2.5, "nb", "2,5"),
        ("band", "medium", "en", BAND_LABELS["medium"]["en"]),
        ("band", "", "en", "–"),
        ("other", "text", "en", "text"),
        ("other", ("a", "b"), "en", "a and b"),
        ("types", ("confidentiality", "integrity"), "nb", "{} og {}"),
    ],
)
def test_each_parameter_is_shown_in_words(name: str, value: Any, language: str, shown: str) -> None:
    if name == "types":
        shown = shown.format(*(BREACH_TYPE_LABELS[code]["nb"] for code in value))
    assert render_param(name, value, language) == shown


def test_a_reason_sentence_shows_its_parameters_by_name() -> None:
    sentence = render_reason(risk.Reason.of("C_VOLUME", {"count": 1234, "band": "medium"}), "nb")
    assert sentence.startswith("1\u00a0234 personer er berørt") and BAND_LABELS["medium"]["nb"] in sentence


@pytest.mark.parametrize(
    ("breach_type", "impact", "extra", "level", "rule_codes"),
    [
        ("integrity", "no_misuse", {"data_categories": ["special"]}, "unlikely", ["I_NO_MISUSE"]),
        ("integrity", "misused_recoverable", {}, "risk", ["I_MISUSE"]),
        ("integrity", "misused_unrecoverable", {}, "risk", ["I_MISUSE"]),
        ("integrity", "misused_recoverable", {"data_categories": ["special"]}, "high", ["I_MISUSE", "I_SERIOUS"]),
        ("availability", "recoverable", {"data_categories": ["special"]}, "unlikely", ["A_RECOVERABLE"]),
        ("availability", "temporary", {"data_categories": ["special"]}, "risk", ["A_LOSS"]),
        ("availability", "temporary", {"vulnerable_subjects": True}, "risk", ["A_LOSS"]),
        ("availability", "permanent", {"vulnerable_subjects": True}, "high", ["A_LOSS", "A_CRITICAL"]),
        (
            "availability",
            "temporary",
            {"vulnerable_subjects": True, "data_categories": ["special"]},
            "high",
            ["A_LOSS", "A_CRITICAL"],
        ),
    ],
)
def test_integrity_and_availability_rules_leave_their_reasons(
    breach_type: str, impact: str, extra: dict[str, Any], level: str, rule_codes: list[str]
) -> None:
    field = "integrity_impact" if breach_type == "integrity" else "availability_impact"
    data = {"data_categories": ["basic"], "identifiability": "maximum", "subjects_count": 5, **extra}
    rec = assess(breach_types=[breach_type], **{field: impact}, **data)
    assert rec.risk_level == level
    assert [code for code in codes(rec) if code[:2] in {"I_", "A_"}] == rule_codes
    critical = [reason for reason in rec.reasons if reason.code == "A_CRITICAL"]
    assert [reason.get("impact") for reason in critical] == ([impact] if "A_CRITICAL" in rule_codes else [])
