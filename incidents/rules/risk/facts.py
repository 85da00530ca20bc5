"""The facts of a breach: parsed and checked from untrusted input, with a plain message for each bad field."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Final, TypeGuard

from incidents.rules.risk.labels import format_count, normalize_language
from incidents.rules.risk.vocabulary import (
    ADJUSTMENT_MAX,
    ADJUSTMENT_MIN,
    AVAILABILITY_IMPACT,
    BREACH_TYPES,
    CONFIDENTIALITY_EXPOSURE,
    DATA_CATEGORIES,
    EXFILTRATION,
    EXFILTRATION_DEFAULT,
    IDENTIFIABILITY,
    INTEGRITY_IMPACT,
    TEXT_MAX,
    Text,
    t,
)

# --------------------------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------------------------


class FactsError(Exception):
    """Facts that cannot be assessed. ``errors`` maps each offending field name (an unknown field
    under its own name) to plain messages in the requested language, as the API's 400 answer
    ``{"errors": {FIELD: [MESSAGE, …]}}`` wants them."""

    def __init__(self, errors: Mapping[str, Iterable[str]]) -> None:
        self.errors: dict[str, list[str]] = {str(name): list(messages) for name, messages in errors.items()}
        # Field names only: the messages may echo what was sent, and exception texts end up in logs.
        super().__init__("invalid facts: " + ", ".join(sorted(self.errors)))


def _canonical(values: object, vocabulary: tuple[str, ...], name: str) -> tuple[str, ...]:
    """Deduplicated, in vocabulary order: equal facts compare equal whatever order they came in."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise FactsError({name: [_message("not_list", "en", example=vocabulary[0])]})
    items = list(values)
    unknown = [item for item in items if not isinstance(item, str) or item not in vocabulary]
    if unknown:
        raise FactsError({name: [_unknown_value_message(item, vocabulary, "en") for item in unknown]})
    present = set(items)
    return tuple(code for code in vocabulary if code in present)


@dataclass(frozen=True)
class Facts:
    """The risk assessment's input (CONTRACT.md «Facts»). Build it with ``parse_facts`` from
    untrusted input; direct construction normalises the two lists (tuples, no duplicates,
    canonical order) and refuses unknown codes, but leaves the other checks to ``parse_facts``."""

    breach_types: tuple[str, ...]
    data_categories: tuple[str, ...]
    dpc_adjustment: int = 0
    dpc_adjustment_reason: str = ""
    identifiability: str | None = None  # None: not given; assessed as IDENTIFIABILITY_DEFAULT
    confidentiality_exposure: str | None = None
    integrity_impact: str | None = None
    availability_impact: str | None = None
    malicious: bool = False
    data_unintelligible: bool = False
    subjects_count: int | None = None
    records_count: int | None = None
    vulnerable_subjects: bool = False
    recipient_trusted: bool = False
    data_already_public: bool = False
    measures_remove_high_risk: bool = False
    disproportionate_effort: bool = False
    # Added for the cases Norwegian DPOs meet (issue #18); old facts without them read as the defaults.
    access_without_need: bool = False
    exfiltration: str = EXFILTRATION_DEFAULT
    context_reveals_special: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "breach_types", _canonical(self.breach_types, BREACH_TYPES, "breach_types"))
        object.__setattr__(
            self, "data_categories", _canonical(self.data_categories, DATA_CATEGORIES, "data_categories")
        )
        single: tuple[tuple[str, Iterable[str]], ...] = (
            ("identifiability", IDENTIFIABILITY),
            ("confidentiality_exposure", CONFIDENTIALITY_EXPOSURE),
            ("integrity_impact", INTEGRITY_IMPACT),
            ("availability_impact", AVAILABILITY_IMPACT),
            ("exfiltration", EXFILTRATION),
        )
        for name, vocabulary in single:
            value = getattr(self, name)
            choices = tuple(vocabulary)
            if value is not None and value not in choices:
                raise FactsError({name: [_unknown_value_message(value, choices, "en")]})


FACT_FIELDS: Final = tuple(f.name for f in fields(Facts))
_BOOLEAN_FIELDS: Final = (
    "malicious",
    "data_unintelligible",
    "vulnerable_subjects",
    "recipient_trusted",
    "data_already_public",
    "measures_remove_high_risk",
    "disproportionate_effort",
    "access_without_need",
    "context_reveals_special",
)
_COUNT_FIELDS: Final = ("subjects_count", "records_count")
# Bounds of the counts: more people than a billion, or records than a million million,
# is a typing error, and every input is bounded.
_COUNT_MAX: Final = {"subjects_count": 1_000_000_000, "records_count": 1_000_000_000_000}
_CHOICE_FIELDS: Final[Mapping[str, tuple[str, ...]]] = {
    "identifiability": tuple(IDENTIFIABILITY),
    "confidentiality_exposure": CONFIDENTIALITY_EXPOSURE,
    "integrity_impact": INTEGRITY_IMPACT,
    "availability_impact": AVAILABILITY_IMPACT,
    "exfiltration": EXFILTRATION,
}

MESSAGES: Final[Mapping[str, Text]] = {
    "not_object": t(
        "Faktaene må sendes som et JSON-objekt med felt og verdier.",
        "Fakta må sendast som eit JSON-objekt med felt og verdiar.",
        "The facts must be sent as a JSON object of fields and values.",
    ),
    "unknown_field": t(
        "Avvik kjenner ikke dette feltet. Sjekk stavemåten, eller fjern feltet.",
        "Avvik kjenner ikkje dette feltet. Sjekk stavemåten, eller fjern feltet.",
        "Avvik does not know this field. Check the spelling, or leave it out.",
    ),
    "did_you_mean": t(" Mente du «{guess}»?", " Meinte du «{guess}»?", " Did you mean “{guess}”?"),
    "choose_breach_types": t(
        "Velg minst én type brudd: confidentiality (uvedkommende fikk tilgang), integrity (opplysninger "
        "ble endret) eller availability (opplysninger ble utilgjengelige eller tapt).",
        "Vel minst éin type brot: confidentiality (uvedkomande fekk tilgang), integrity (opplysningar vart "
        "endra) eller availability (opplysningar vart utilgjengelege eller tapte).",
        "Choose at least one type of breach: confidentiality (someone unauthorised got access), integrity "
        "(data were altered) or availability (data became unavailable or were lost).",
    ),
    "choose_data_categories": t(
        "Velg minst én type personopplysninger, for eksempel basic for navn og kontaktopplysninger.",
        "Vel minst éin type personopplysningar, til dømes basic for namn og kontaktopplysningar.",
        "Choose at least one kind of personal data, for example basic for names and contact details.",
    ),
    "not_list": t(
        'Send en liste med verdier, for eksempel ["{example}"].',
        'Send ei liste med verdiar, til dømes ["{example}"].',
        'Send a list of values, for example ["{example}"].',
    ),
    "unknown_value": t(
        "«{value}» er ikke en gyldig verdi. Velg blant: {choices}.",
        "«{value}» er ikkje ein gyldig verdi. Vel mellom: {choices}.",
        "“{value}” is not a valid value. Choose from: {choices}.",
    ),
    "not_bool": t(
        "Svar med true (ja) eller false (nei).",
        "Svar med true (ja) eller false (nei).",
        "Answer true (yes) or false (no).",
    ),
    "not_count": t(
        "Skriv et helt tall som er 0 eller større, eller null hvis du ikke vet.",
        "Skriv eit heilt tal som er 0 eller større, eller null om du ikkje veit.",
        "Enter a whole number of 0 or more, or null if you do not know.",
    ),
    "count_too_large": t(
        "Antallet kan være høyst {limit}. Et anslag holder.",
        "Talet kan vere høgst {limit}. Eit overslag held.",
        "The number can be at most {limit}. An estimate will do.",
    ),
    "adjustment_range": t(
        "Skriv et helt tall fra -3 til 3. Bruk 0 hvis datatypen ikke skal justeres.",
        "Skriv eit heilt tal frå -3 til 3. Bruk 0 om datatypen ikkje skal justerast.",
        "Enter a whole number from -3 to 3. Use 0 if the data score should not be adjusted.",
    ),
    "adjustment_reason_required": t(
        "Skriv hvorfor datatypen er justert. En begrunnelse kreves når justeringen ikke er 0.",
        "Skriv kvifor datatypen er justert. Det trengst ei grunngiving når justeringa ikkje er 0.",
        "Say why the data score was adjusted. A reason is required when the adjustment is not 0.",
    ),
    "not_text": t("Skriv vanlig tekst.", "Skriv vanleg tekst.", "Enter plain text."),
    "too_long": t(
        "Teksten er for lang: {length} tegn. Kort den ned til høyst {limit} tegn.",
        "Teksten er for lang: {length} teikn. Kort han ned til høgst {limit} teikn.",
        "The text is too long: {length} characters. Shorten it to {limit} characters at most.",
    ),
}


def _message(code: str, language: str, **values: object) -> str:
    return MESSAGES[code][language].format(**values)


def _show(value: object) -> str:
    """What was sent, short enough for an error message."""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _unknown_value_message(value: object, choices: Iterable[str], language: str) -> str:
    return _message("unknown_value", language, value=_show(value), choices=", ".join(choices))


def _is_int(value: object) -> TypeGuard[int]:
    # bool is a subclass of int in Python; true/false is never a number here.
    return isinstance(value, int) and not isinstance(value, bool)


def parse_facts(data: Mapping[str, object], language: str = "nb") -> Facts:
    """Strictly validate untrusted facts (a decoded JSON object) and build ``Facts``.

    Every problem is collected before ``FactsError`` is raised, each under the field it concerns;
    an unknown field is reported under its own name (CONTRACT.md: "Unknown fields and values are
    a 400 naming the field"). Messages are in ``language`` (nb, nn or en; otherwise nb).
    """
    lang = normalize_language(language)
    errors: dict[str, list[str]] = {}

    def fail(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not isinstance(data, Mapping):
        raise FactsError({"non_field_errors": [_message("not_object", lang)]})

    for key in data:
        name = str(key)
        if name not in FACT_FIELDS:
            hint = difflib.get_close_matches(name, FACT_FIELDS, n=1, cutoff=0.75)
            text = _message("unknown_field", lang)
            if hint:
                text += _message("did_you_mean", lang, guess=hint[0])
            fail(name, text)

    cleaned: dict[str, object] = {}

    for name, vocabulary in (("breach_types", BREACH_TYPES), ("data_categories", DATA_CATEGORIES)):
        value = data.get(name)
        if value is None or (isinstance(value, list | tuple) and not value):
            fail(name, _message(f"choose_{name}", lang))
            continue
        if not isinstance(value, list | tuple):
            fail(name, _message("not_list", lang, example=vocabulary[0]))
            continue
        seen_bad: list[object] = []
        for item in value:
            if (not isinstance(item, str) or item not in vocabulary) and item not in seen_bad:
                seen_bad.append(item)
                fail(name, _unknown_value_message(item, vocabulary, lang))
        if not seen_bad:
            cleaned[name] = tuple(code for code in vocabulary if code in value)

    adjustment = data.get("dpc_adjustment", 0)
    if not _is_int(adjustment) or not ADJUSTMENT_MIN <= adjustment <= ADJUSTMENT_MAX:
        fail("dpc_adjustment", _message("adjustment_range", lang))
    else:
        cleaned["dpc_adjustment"] = adjustment

    reason = data.get("dpc_adjustment_reason")
    if reason is None:
        reason = ""
    if not isinstance(reason, str):
        fail("dpc_adjustment_reason", _message("not_text", lang))
    elif len(reason) > TEXT_MAX:
        fail(
            "dpc_adjustment_reason", _message("too_long", lang, length=format_count(len(reason), lang), limit=TEXT_MAX)
        )
    else:
        cleaned["dpc_adjustment_reason"] = reason
        # ENISA: an adjustment of the data score must be written down with its reason.
        if cleaned.get("dpc_adjustment", 0) != 0 and not reason.strip():
            fail("dpc_adjustment_reason", _message("adjustment_reason_required", lang))

    for name, choices in _CHOICE_FIELDS.items():
        value = data.get(name)
        if value is None:
            continue
        if not isinstance(value, str) or value not in choices:
            fail(name, _unknown_value_message(value, choices, lang))
        else:
            cleaned[name] = value

    for name in _BOOLEAN_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if not isinstance(value, bool):
            fail(name, _message("not_bool", lang))
        else:
            cleaned[name] = value

    for name in _COUNT_FIELDS:
        value = data.get(name)
        if value is None:
            continue
        if not _is_int(value) or value < 0:
            fail(name, _message("not_count", lang))
        elif value > _COUNT_MAX[name]:
            fail(name, _message("count_too_large", lang, limit=format_count(_COUNT_MAX[name], lang)))
        else:
            cleaned[name] = value

    if errors:
        raise FactsError(errors)
    return Facts(**cleaned)  # type: ignore[arg-type]


def facts_to_dict(facts: Facts) -> dict[str, object]:
    """The facts as JSON-ready data in CONTRACT.md's field names; ``parse_facts`` reads it back."""
    out: dict[str, object] = {}
    for f in fields(Facts):
        value = getattr(facts, f.name)
        out[f.name] = list(value) if isinstance(value, tuple) else value
    return out
