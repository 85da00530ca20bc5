"""The EDPB common template (art. 33 notifications) as plain values: its answer codes and
their labels, what Avvik derives from the risk assessment's facts, and the validation of
what a person fills in (art. 33(4): "to be determined" is an answer). Pure: no database."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.utils import translation

from incidents.rules import edpb

TBD = "to_be_determined"


def parse_time(value: Any) -> datetime:
    """As the service parses: an ISO 8601 string with its time zone."""
    if not isinstance(value, str):
        raise TypeError("no")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("Oppgi tidssonen til tidspunktet.")
    return parsed


def validate(body: Any) -> tuple[dict[str, Any], dict[str, list[str]]]:
    return edpb.validate_answers(body, parse_time)


def error(path: str, value: Any) -> str:
    answers, errors = validate(dict([(path, value)]) if "." not in path else _nest(path, value))
    assert path not in answers
    return errors[path][0]


def _nest(path: str, value: Any) -> dict[str, Any]:
    head, tail = path.split(".", 1)
    return {head: {tail: value}}


def stored(path: str, value: Any) -> Any:
    answers, errors = validate(_nest(path, value))
    assert errors == {}, errors
    return answers[path]


# --- The template's codes and their labels ----------------------------------------------------

CODES = {
    "INCIDENT_KINDS": {
        "abuse_of_access",
        "ransomware",
        "hacking_malware",
        "phishing",
        "exploited_vulnerability",
        "unauthorised_access",
        "exfiltration",
        "wrong_person_records",
        "device_lost_stolen",
        "e_waste",
        "paper_disposed_wrongly",
        "post_email_lost",
        "misconfiguration",
        "wrong_access_permissions",
        "paper_lost_unsecured",
        "data_deleted_destroyed",
        "shown_to_wrong_recipient",
        "sent_by_mistake",
        "email_without_bcc",
        "technical_malfunction",
        "unauthorised_modification",
        "unintended_publication",
        "spoken_disclosure",
        TBD,
        "other",
    },
    "CAUSES": {
        "internal_non_malicious",
        "internal_malicious",
        "external_non_malicious",
        "external_malicious",
        TBD,
        "unknown",
    },
    "SUBJECT_CATEGORIES": {
        "customers",
        "employees",
        "military_police",
        "minors",
        "patients",
        "students",
        "parents",
        "subscribers",
        "users",
        "vulnerable",
        "other",
        "not_yet_known",
    },
    "NUMBER_KINDS": {"exact", "approximate", "cannot_be_determined", TBD},
    "DATA_TYPES": {
        "basic",
        "contact",
        "identification_numbers",
        "official_documents",
        "economic_financial",
        "payment_means",
        "credentials",
        "location",
        "profile",
        "communication",
        "health",
        "special_categories",
        "criminal",
        "not_yet_known",
        "other",
    },
    "PROTECTION_MEASURES": {
        "pseudonymisation",
        "backup",
        "encryption",
        "policies",
        "training",
        "incident_log",
        "access_levels",
        "logical_access_control",
        "audits",
        "physical_access_control",
        "up_to_date_systems",
        "other",
    },
    "DISCOVERY": {"by_controller", "by_processor", "by_data_subject", "by_other_party", "press", "other"},
    "PARTY_ROLES": {"processor", "joint_controller", "other"},
    "YES_NO_UNKNOWN": {"yes", "no", "unknown"},
    "YES_NO_TBD": {"yes", "no", TBD},
    "SECTORS": {"public", "private"},
    "ORGANISATION_TYPES": {"micro", "sme", "large", "other"},
    "REPORTER_FUNCTIONS": {"dpo", "legal_representative", "other"},
    "IMPACTS": {
        "loss_of_control",
        "limited_rights",
        "discrimination",
        "identity_theft",
        "fraud",
        "financial_loss",
        "reversed_pseudonymisation",
        "reputation",
        "professional_secrecy",
        "disclosure_to_third_parties",
        "economic_social_disadvantage",
        "physical_mental_harm",
        "property_damage",
        "other",
        TBD,
    },
    "SEVERITIES": {"minor", "moderate", "severe", TBD},
}


@pytest.mark.parametrize("name", sorted(CODES))
def test_each_answer_list_has_the_template_codes(name: str) -> None:
    assert set(getattr(edpb, name)) == CODES[name]


def test_prevention_adds_to_protection_and_ends_with_other() -> None:
    assert set(edpb.PREVENTION_MEASURES) == CODES["PROTECTION_MEASURES"] | {
        "change_of_processes",
        "erasure",
        "anonymisation",
    }
    assert list(edpb.PREVENTION_MEASURES)[-1] == "other"
    assert list(edpb.PREVENTION_MEASURES)[:11] == [c for c in edpb.PROTECTION_MEASURES if c != "other"]


def test_the_fixed_lists_and_the_template() -> None:
    assert edpb.TO_BE_DETERMINED == TBD
    assert edpb.TEMPLATE == {
        "name": "EDPB common template for personal data breach notifications (art. 33 GDPR)",
        "version": "1.0",
    }
    assert edpb.NOTIFICATION_TYPES == ("new", "follow_up")
    assert edpb.SUBTYPES == ("complete", "incomplete", "withdraw")
    assert edpb.RISK_OUTCOMES == ("high", "risk", "unlikely", "more_information_needed")
    assert edpb.COMMUNICATION_STATUSES == ("yes", "planned", "investigation_ongoing", "not_high_risk", "exemption")


LABELLED = [*CODES, "PREVENTION_MEASURES", "HARMS"]


@pytest.mark.parametrize("name", LABELLED)
def test_every_answer_reads_in_words_in_bokmal_and_english(name: str) -> None:
    for code, label in getattr(edpb, name).items():
        with translation.override("nb"):
            nb = str(label)
        with translation.override("en"):
            en = str(label)
        assert nb and en and nb != en, (name, code, nb, en)
        assert "_" not in nb and "_" not in en, (name, code)


def test_some_labels_as_a_person_reads_them() -> None:
    with translation.override("nb"):
        assert str(edpb.CAUSES[TBD]) == "Avklares senere"
        assert str(edpb.HARMS["unauthorised_use_of_accounts"]) == "at noen logger inn i kontoene deres og bruker dem"
    with translation.override("en"):
        assert str(edpb.INCIDENT_KINDS["phishing"]) == "Phishing"


# --- What Avvik derives from the facts --------------------------------------------------------


def test_each_data_category_has_template_data_types_and_harms() -> None:
    assert edpb.DATA_TYPE_OF_CATEGORY == {
        "basic": ("basic", "contact"),
        "national_id": ("identification_numbers",),
        "credentials": ("credentials",),
        "financial": ("economic_financial",),
        "payment_card": ("payment_means",),
        "behavioural": ("profile",),
        "location": ("location",),
        "communication": ("communication",),
        "official_documents": ("official_documents",),
        "special": ("special_categories",),
        "criminal": ("criminal",),
    }
    for types in edpb.DATA_TYPE_OF_CATEGORY.values():
        assert set(types) <= set(edpb.DATA_TYPES)
    assert set(edpb.HARMS_OF_CATEGORY) == set(edpb.DATA_TYPE_OF_CATEGORY)
    for harms in edpb.HARMS_OF_CATEGORY.values():
        assert set(harms) <= set(edpb.HARMS)


@pytest.mark.parametrize(
    ("categories", "expected"),
    [
        (["basic"], ["loss_of_control", "disclosure_to_third_parties"]),
        (["national_id"], ["identity_theft", "fraud"]),
        (["credentials"], ["unauthorised_use_of_accounts"]),
        (["financial"], ["financial_loss", "fraud"]),
        (["payment_card"], ["financial_loss", "fraud"]),
        (["behavioural"], ["loss_of_control", "reputation"]),
        (["location"], ["physical_mental_harm"]),
        (["communication"], ["reputation", "professional_secrecy"]),
        (["official_documents"], ["identity_theft", "fraud"]),
        (["special"], ["discrimination", "physical_mental_harm", "reputation"]),
        (["criminal"], ["discrimination", "reputation", "economic_social_disadvantage"]),
        ([], []),
        (["unknown_category"], []),
    ],
)
def test_the_harms_of_each_data_category(categories: list[str], expected: list[str]) -> None:
    assert edpb.harms_of(categories) == expected


def test_harms_most_specific_first_each_once() -> None:
    assert edpb.harms_of(["basic", "payment_card", "national_id", "criminal", "special"]) == [
        "discrimination",
        "physical_mental_harm",
        "reputation",
        "economic_social_disadvantage",
        "identity_theft",
        "fraud",
        "financial_loss",
        "loss_of_control",
        "disclosure_to_third_parties",
    ]
    assert edpb.harms_of(["basic", "official_documents", "financial"]) == [
        "identity_theft",
        "fraud",
        "financial_loss",
        "loss_of_control",
        "disclosure_to_third_parties",
    ]


def test_a_context_revealing_special_data_adds_its_harms_first() -> None:
    assert edpb.harms_of(["basic"], context_reveals_special=True) == [
        "discrimination",
        "physical_mental_harm",
        "reputation",
        "loss_of_control",
        "disclosure_to_third_parties",
    ]
    assert edpb.harms_of(["basic"], context_reveals_special=False) == edpb.harms_of(["basic"])


def test_harms_as_impact_codes_other_once_for_what_has_no_code() -> None:
    assert edpb.impact_codes(["fraud", "unauthorised_use_of_accounts", "identity_theft", "something", "fraud"]) == [
        "fraud",
        "other",
        "identity_theft",
    ]
    assert edpb.impact_codes([]) == []


@pytest.mark.parametrize(
    ("band", "severity"),
    [
        ("low", "minor"),
        ("medium", "moderate"),
        ("high", "severe"),
        ("very_high", "severe"),
        (None, TBD),
        ("", TBD),
        ("extreme", TBD),
    ],
)
def test_severity_of_enisa_band(band: str | None, severity: str) -> None:
    assert edpb.severity_of_band(band) == severity


@pytest.mark.parametrize(
    ("level", "outcome"),
    [
        ("high", "high"),
        ("risk", "risk"),
        ("unlikely", "unlikely"),
        (None, "more_information_needed"),
        ("", "more_information_needed"),
        ("low", "more_information_needed"),
    ],
)
def test_risk_outcome(level: str | None, outcome: str) -> None:
    assert edpb.risk_outcome(level) == outcome


@pytest.mark.parametrize(
    ("exfiltration", "exposure", "answer"),
    [
        (None, "known_recipients", "yes"),
        ("ruled_out", "unknown_recipients", "yes"),
        ("confirmed", None, "yes"),
        ("confirmed", "none", "yes"),
        ("likely", None, "likely"),
        ("ruled_out", "none", "no"),
        ("unknown", None, "cannot_assess"),
        (None, None, TBD),
        ("", "", TBD),
        ("maybe", "internal", TBD),
    ],
)
def test_exfiltration_answer(exfiltration: str | None, exposure: str | None, answer: str) -> None:
    assert edpb.exfiltration_answer(exfiltration, exposure) == answer


@pytest.mark.parametrize(
    ("impact", "answer"),
    [
        ("no_misuse", "altered_no_misuse"),
        ("misused_recoverable", "misused_reversible"),
        ("misused_unrecoverable", "misused_irreversible"),
        (None, TBD),
        ("", TBD),
        ("other", TBD),
    ],
)
def test_integrity_answer(impact: str | None, answer: str) -> None:
    assert edpb.integrity_answer(impact) == answer


@pytest.mark.parametrize(
    ("impact", "answer"),
    [
        ("recoverable", "temporary"),
        ("temporary", "temporary"),
        ("permanent", "permanent"),
        (None, "not_determined"),
        ("", "not_determined"),
        ("other", "not_determined"),
    ],
)
def test_availability_answer(impact: str | None, answer: str) -> None:
    assert edpb.availability_answer(impact) == answer


def test_number_kind() -> None:
    assert edpb.number_kind(None) == {"kind": TBD, "value": None}
    assert edpb.number_kind(None, exact=True) == {"kind": TBD, "value": None}
    assert edpb.number_kind(31) == {"kind": "approximate", "value": 31}
    assert edpb.number_kind(0) == {"kind": "approximate", "value": 0}
    assert edpb.number_kind(31, exact=True) == {"kind": "exact", "value": 31}


def test_timeline_when() -> None:
    morning = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    evening = datetime(2026, 12, 1, 22, 0, tzinfo=UTC)
    next_day = datetime(2026, 12, 2, 1, 0, tzinfo=UTC)
    assert edpb.timeline_when(None, None, False) == TBD
    assert edpb.timeline_when(None, evening, True) == TBD
    assert edpb.timeline_when(morning, None, True) == "ongoing"
    assert edpb.timeline_when(morning, None, False) == "from_to"
    assert edpb.timeline_when(morning, evening, False) == "on_one_day"
    assert edpb.timeline_when(morning, evening, True) == "on_one_day"
    assert edpb.timeline_when(morning, next_day, False) == "from_to"


# --- What a person fills in ---------------------------------------------------------------------


def test_flatten_down_to_the_questions_paths() -> None:
    body = {
        "nature": {"cause": "unknown", "extra": {"deep": 1}},
        "cross_border": {"subject_countries": [{"country": "SE"}]},
        "other_parties": {"parties": {"role": "x"}},
        "top": 3,
    }
    assert edpb.flatten(body) == {
        "nature.cause": "unknown",
        "nature.extra.deep": 1,
        "cross_border.subject_countries": [{"country": "SE"}],
        "other_parties.parties": {"role": "x"},
        "top": 3,
    }
    assert edpb.flatten({"cause": "x"}, "nature.") == {"nature.cause": "x"}


def test_a_body_that_is_not_an_object_is_refused() -> None:
    assert validate(["nature"]) == ({}, {"body": ["Send et JSON-objekt."]})


def test_a_derived_or_unknown_field_is_an_error_naming_it() -> None:
    answers, errors = validate({"timeline": {"awareness": "2026-12-01T08:00:00+01:00"}, "nature": {"cause": "unknown"}})
    assert answers == {"nature.cause": "unknown"}
    assert errors == {"timeline.awareness": ["Dette feltet fylles ut av Avvik, eller finnes ikke i malen."]}


def test_null_clears_an_answer() -> None:
    answers, errors = validate({"nature": {"cause": None, "systems": None}, "subjects": {"number": None}})
    assert answers == {"nature.cause": None, "nature.systems": None, "subjects.number": None}
    assert errors == {}


def test_many_answers_and_errors_at_once() -> None:
    answers, errors = validate(
        {"nature": {"cause": "nonsense", "systems": " Fagsystem "}, "timeline": {"dates_estimated": True}}
    )
    assert answers == {"nature.systems": "Fagsystem", "timeline.dates_estimated": True}
    assert list(errors) == ["nature.cause"]


def test_text_answers() -> None:
    assert stored("nature.systems", "  Elevsystemet  ") == "Elevsystemet"
    assert stored("nature.systems", "") == ""
    assert stored("data.description", "x" * edpb.TEXT_MAX) == "x" * 10_000
    assert error("data.description", "x" * 10_001) == "Teksten kan være høyst 10,000 tegn."
    assert error("nature.systems", 5) == "Skriv vanlig tekst."
    assert error("nature.systems", ["tekst"]) == "Skriv vanlig tekst."


def test_choice_answers() -> None:
    assert stored("nature.cause", "external_malicious") == "external_malicious"
    assert stored("nature.cause", TBD) == TBD
    assert stored("notification.subtype", "withdraw") == "withdraw"
    assert error("nature.cause", "hackers") == (
        "Velg ett av: internal_non_malicious, internal_malicious, external_non_malicious, "
        "external_malicious, to_be_determined, unknown."
    )
    assert error("notification.subtype", "new") == "Velg ett av: complete, incomplete, withdraw."
    assert error("controller.sector", ["public"]) == "Velg ett av: public, private."


def test_choices_answers() -> None:
    assert stored("data.types", ["health", "contact", "health"]) == ["health", "contact"]
    assert stored("data.types", []) == []
    assert error("controller.organisation_type", "huge") == "Velg ett av: micro, sme, large, other."
    assert error("data.types", "health").startswith("Velg en liste med noen av: basic, contact, ")
    assert error("consequences.impacts", ["fraud", "hacking"]) == (
        "Velg en liste med noen av: loss_of_control, limited_rights, discrimination, identity_theft, fraud, "
        "financial_loss, reversed_pseudonymisation, reputation, professional_secrecy, "
        "disclosure_to_third_parties, economic_social_disadvantage, physical_mental_harm, property_damage, "
        "other, to_be_determined."
    )


def test_a_list_or_an_object_where_a_code_belongs_is_an_error_not_a_crash() -> None:
    # JSON lists and objects cannot be looked up among the codes; they are refused in words.
    assert error("controller.sector", ["public"]) == "Velg ett av: public, private."
    assert error("controller.sector", {"public": True}) == "Velg ett av: public, private."
    assert error("data.types", [["health"]]).startswith("Velg en liste med noen av: basic, ")
    assert error("data.types", [{"code": "health"}]).startswith("Velg en liste med noen av: basic, ")
    assert error("subjects.number", {"kind": ["exact"], "value": 3}) == NUMBER_ERROR
    assert error("other_parties.parties", [{"role": ["processor"]}]) == PARTIES_ERROR
    # Control: the same codes as plain strings are answers.
    assert stored("controller.sector", "public") == "public"
    assert stored("data.types", ["health"]) == ["health"]


def test_bool_answers() -> None:
    assert stored("timeline.dates_estimated", False) is False
    assert stored("timeline.dates_estimated", True) is True
    assert error("timeline.dates_estimated", "true") == "Svar true eller false."
    assert error("timeline.dates_estimated", 1) == "Svar true eller false."


def test_time_answers() -> None:
    assert stored("timeline.start", "2026-12-01T08:00:00+01:00") == "2026-12-01T08:00:00+01:00"
    # The parser's own explanation (a sentence) is passed on ...
    assert error("timeline.start", "2026-12-01T08:00:00") == "Oppgi tidssonen til tidspunktet."
    # ... a bare word or nothing is not: the person is told what to write.
    assert error("timeline.start", 5) == "Skriv et tidspunkt (ISO 8601)."
    assert error("timeline.end", "neste-uke") == "Invalid isoformat string: 'neste-uke'"


def test_time_errors_without_a_sentence_are_explained() -> None:
    def terse(value: Any) -> datetime:
        raise ValueError(value)

    assert edpb.validate_answers({"timeline": {"end": "x"}}, terse)[1] == {
        "timeline.end": ["Skriv et tidspunkt (ISO 8601)."]
    }
    assert edpb.validate_answers({"timeline": {"end": ""}}, terse)[1] == {
        "timeline.end": ["Skriv et tidspunkt (ISO 8601)."]
    }


NUMBER_ERROR = (
    'Skriv {"kind": exact / approximate / cannot_be_determined / to_be_determined, "value": et heltall eller null}.'
)
NEEDS_INTEGER = "Et nøyaktig eller omtrentlig antall trenger et heltall fra 0 og oppover."
NOT_KNOWN_NULL = "Når antallet ikke er kjent, skal verdien være null."


def test_number_answers() -> None:
    assert stored("subjects.number", {"kind": "exact", "value": 31}) == {"kind": "exact", "value": 31}
    assert stored("data.records", {"kind": "approximate", "value": 0}) == {"kind": "approximate", "value": 0}
    assert stored("data.records", {"kind": "approximate", "value": 1_000_000_000}) == {
        "kind": "approximate",
        "value": 1_000_000_000,
    }
    assert stored("subjects.number", {"kind": TBD}) == {"kind": TBD, "value": None}
    assert stored("subjects.number", {"kind": "cannot_be_determined", "value": None}) == {
        "kind": "cannot_be_determined",
        "value": None,
    }


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (31, NUMBER_ERROR),
        ({"kind": "exact", "value": 3, "unit": "people"}, NUMBER_ERROR),
        ({"kind": "many", "value": 3}, NUMBER_ERROR),
        ({"value": 3}, NUMBER_ERROR),
        ({"kind": "exact", "value": -1}, NEEDS_INTEGER),
        ({"kind": "exact", "value": 1_000_000_001}, NEEDS_INTEGER),
        ({"kind": "approximate", "value": True}, NEEDS_INTEGER),
        ({"kind": "approximate", "value": "31"}, NEEDS_INTEGER),
        ({"kind": "approximate"}, NEEDS_INTEGER),
        ({"kind": TBD, "value": 3}, NOT_KNOWN_NULL),
        ({"kind": "cannot_be_determined", "value": 0}, NOT_KNOWN_NULL),
    ],
)
def test_number_errors(value: Any, message: str) -> None:
    assert error("subjects.number", value) == message


def test_country_answers() -> None:
    assert stored("cross_border.establishment_countries", ["SE", "DK", "SE"]) == ["SE", "DK"]
    assert stored("cross_border.establishment_countries", []) == []
    message = "Skriv en liste med landkoder på to store bokstaver (for eksempel SE, DK)."
    for wrong in ("SE", ["se"], ["SWE"], ["S"], [46], ["SE1"]):
        assert error("cross_border.establishment_countries", wrong) == message, wrong


def test_country_count_answers() -> None:
    assert stored("cross_border.subject_countries", [{"country": "SE", "number": 3}, {"country": "DK"}]) == [
        {"country": "SE", "number": 3},
        {"country": "DK", "number": None},
    ]
    assert stored("cross_border.subject_countries", [{"country": "FI", "number": None}]) == [
        {"country": "FI", "number": None}
    ]
    assert stored("cross_border.subject_countries", [{"country": "FI", "number": 0}]) == [
        {"country": "FI", "number": 0}
    ]
    message = 'Skriv en liste med {"country": landkode, "number": omtrent hvor mange}.'
    for wrong in (
        {"country": "SE"},
        ["SE"],
        [{"country": "SE", "number": 3, "extra": 1}],
        [{"country": "se", "number": 3}],
        [{"country": 46, "number": 3}],
        [{"number": 3}],
        [{"country": "SE", "number": -1}],
        [{"country": "SE", "number": "3"}],
        [{"country": "SE", "number": True}],
        [{"country": "SE"}, {"country": "DKK"}],
    ):
        assert error("cross_border.subject_countries", wrong) == message, wrong


PARTIES_ERROR = (
    'Skriv en liste med {"role": processor / joint_controller / other, "name": navn, "contact": kontaktinformasjon}.'
)


def test_party_answers() -> None:
    parties = [
        {"role": "processor", "name": "Skyleverandøren AS", "contact": "post@sky.example"},
        {"role": "other"},
        {"role": "joint_controller", "name": "n" * 500, "contact": "c" * 500},
    ]
    assert stored("other_parties.parties", parties) == [
        {"role": "processor", "name": "Skyleverandøren AS", "contact": "post@sky.example"},
        {"role": "other", "name": "", "contact": ""},
        {"role": "joint_controller", "name": "n" * 500, "contact": "c" * 500},
    ]
    assert stored("other_parties.parties", []) == []


@pytest.mark.parametrize(
    "wrong",
    [
        {"role": "processor"},
        [{"role": "supplier"}],
        [{"name": "Sky AS"}],
        [{"role": "processor", "email": "x"}],
        [{"role": "processor", "name": 5}],
        [{"role": "processor", "contact": ["x"]}],
        [{"role": "processor", "name": "n" * 501}],
        [{"role": "processor", "contact": "c" * 501}],
        ["processor"],
        [{"role": "other"}, {"role": "nobody"}],
    ],
)
def test_party_errors(wrong: Any) -> None:
    assert error("other_parties.parties", wrong) == PARTIES_ERROR


def test_every_question_has_a_kind_and_choices_have_their_list() -> None:
    kinds = {"choice", "choices", "text", "time", "bool", "number", "countries", "parties", "country_counts"}
    for path, question in edpb.QUESTIONS.items():
        assert question.kind in kinds, path
        assert (question.options is not None) == (question.kind in ("choice", "choices")), path
    assert edpb.QUESTIONS["nature.incident_kind"].options is edpb.INCIDENT_KINDS
    assert edpb.QUESTIONS["consequences.severity"].options is edpb.SEVERITIES


def test_the_questions_a_person_answers_by_kind() -> None:
    by_kind: dict[str, set[str]] = {}
    for path, question in edpb.QUESTIONS.items():
        by_kind.setdefault(question.kind, set()).add(path)
    assert by_kind == {
        "choice": {
            "notification.subtype",
            "controller.sector",
            "controller.organisation_type",
            "reporting_person.function",
            "other_parties.involved",
            "timeline.discovery",
            "nature.incident_kind",
            "nature.cause",
            "consequences.severity",
            "other_authorities.police",
            "other_authorities.other",
            "cross_border.cross_border",
        },
        "text": {
            "notification.withdraw_reason",
            "controller.economic_activity",
            "reporting_person.name",
            "reporting_person.email",
            "reporting_person.phone",
            "reporting_person.function_other",
            "timeline.discovery_description",
            "timeline.comments",
            "nature.incident_kind_other",
            "nature.cause_description",
            "nature.systems",
            "subjects.description",
            "data.description",
            "data.location",
            "data.protection_description",
            "consequences.description",
            "measures.prevention_description",
            "communication.not_all_reason",
            "other_authorities.which",
            "other_authorities.reference",
            "cross_border.lead_authority",
        },
        "parties": {"other_parties.parties"},
        "time": {"timeline.start", "timeline.end", "timeline.contained", "timeline.other_party_told_at"},
        "bool": {"timeline.dates_estimated"},
        "choices": {
            "subjects.categories",
            "data.types",
            "data.protection",
            "consequences.impacts",
            "measures.prevention",
        },
        "number": {"subjects.number", "data.records"},
        "countries": {"cross_border.establishment_countries"},
        "country_counts": {"cross_border.subject_countries"},
    }
    options = {
        "controller.sector": edpb.SECTORS,
        "controller.organisation_type": edpb.ORGANISATION_TYPES,
        "reporting_person.function": edpb.REPORTER_FUNCTIONS,
        "other_parties.involved": edpb.YES_NO_TBD,
        "timeline.discovery": edpb.DISCOVERY,
        "nature.cause": edpb.CAUSES,
        "other_authorities.police": edpb.YES_NO_UNKNOWN,
        "other_authorities.other": edpb.YES_NO_UNKNOWN,
        "cross_border.cross_border": edpb.YES_NO_UNKNOWN,
        "subjects.categories": edpb.SUBJECT_CATEGORIES,
        "data.types": edpb.DATA_TYPES,
        "data.protection": edpb.PROTECTION_MEASURES,
        "consequences.impacts": edpb.IMPACTS,
        "measures.prevention": edpb.PREVENTION_MEASURES,
    }
    for path, expected in options.items():
        assert edpb.QUESTIONS[path].options is expected, path
    assert set(edpb.QUESTIONS["notification.subtype"].options or {}) == set(edpb.SUBTYPES)
