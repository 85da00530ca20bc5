"""Reasons as sentences, and the tables for the page «Slik vurderer Avvik risiko»."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from incidents.rules.risk.conditions import ParamValue
from incidents.rules.risk.labels import (
    BAND_LABELS,
    BREACH_TYPE_LABELS,
    CATEGORY_LABELS,
    FACTOR_LABELS,
    HARM_LABELS,
    IDENTIFIABILITY_LABELS,
    LEVEL_LABELS,
    PART_LABELS,
    VALUE_LABELS,
    format_count,
    format_number,
    join_words,
    label_of,
    normalize_language,
)
from incidents.rules.risk.severity import CATEGORY_SCORES, ENISA_DPC
from incidents.rules.risk.table import RULES, RULES_BY_CODE
from incidents.rules.risk.vocabulary import (
    BREACH_TYPES,
    CB_POINTS,
    DATA_CATEGORIES,
    FLAGS,
    IDENTIFIABILITY,
    MALICIOUS_POINTS,
    Text,
    t,
)


@dataclass(frozen=True)
class Reason:
    """Why the recommendation is what it is: a rule code and language-independent parameters."""

    code: str
    params: tuple[tuple[str, ParamValue], ...] = ()

    @classmethod
    def of(cls, code: str, params: Mapping[str, ParamValue] | None = None) -> Reason:
        return cls(code, tuple(sorted((params or {}).items())))

    def get(self, name: str, default: ParamValue | None = None) -> ParamValue | None:
        return dict(self.params).get(name, default)

    def render(self, language: str = "nb") -> str:
        return render_reason(self, language)


# How a parameter is shown, by its name.
_PARAM_LABELS: Final[Mapping[str, Mapping[str, Text]]] = {
    "band": BAND_LABELS,
    "level": LEVEL_LABELS,
    "other_level": LEVEL_LABELS,
    "harms": HARM_LABELS,
    "category": CATEGORY_LABELS,
    "categories": CATEGORY_LABELS,
    "factors": FACTOR_LABELS,
    "impact": VALUE_LABELS,
    "values": VALUE_LABELS,
    "types": BREACH_TYPE_LABELS,
}


def render_param(name: str, value: ParamValue, language: str) -> str:
    labels = _PARAM_LABELS.get(name)
    if isinstance(value, tuple):
        return join_words([label_of(labels, item, language) if labels else item for item in value], language)
    if isinstance(value, bool):  # not expected, but never shown as 1/0
        return str(value).lower()
    if isinstance(value, float):
        return format_number(value, language)
    if isinstance(value, int):
        if name == "count":
            return format_count(value, language)
        if name == "adjustment":
            return f"{value:+d}"
        return str(value)
    if labels:
        return label_of(labels, value, language) if value else "–"
    return value


def render_reason(reason: Reason, language: str = "nb") -> str:
    """One reason as a plain sentence in nb, nn or en (anything else: nb)."""
    lang = normalize_language(language)
    rule = RULES_BY_CODE[reason.code]
    values = {name: render_param(name, value, lang) for name, value in reason.params}
    return rule.text[lang].format(**values)


# --------------------------------------------------------------------------------------------
# Tables for the page «Slik vurderer Avvik risiko»
# --------------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def rules_table(language: str = "nb") -> list[dict[str, str]]:
    """Every rule in evaluation order: what it checks, what it does, the sentence it leaves
    (with "…" where the case's details go), and its source."""
    lang = normalize_language(language)
    return [
        {
            "code": rule.code,
            "part": PART_LABELS[rule.part][lang],
            "check": rule.check[lang],
            "effect": rule.does[lang],
            "text": _PLACEHOLDER.sub("…", rule.text[lang]),
            "source": rule.source[lang],
        }
        for rule in RULES
    ]


_ENISA_TEXT: Final[Mapping[str, Text]] = {
    "intro": t(
        "ENISAs metode (2013) gir bruddet en alvorlighetsgrad: SE = DPC × EI + CB. DPC er hvor alvorlige "
        "opplysningene er (1–4), EI hvor lett personene kan identifiseres (0,25–1), og CB omstendighetene ved "
        "bruddet (poeng legges sammen). ENISA setter ingen grense for når bruddet skal meldes: Avvik bruker "
        "poengsummen som ett av flere momenter, og personvernombudet avgjør.",
        "ENISA sin metode (2013) gir brotet ein alvorsgrad: SE = DPC × EI + CB. DPC er kor alvorlege "
        "opplysningane er (1–4), EI kor lett personane kan identifiserast (0,25–1), og CB omstenda ved brotet "
        "(poeng blir lagde saman). ENISA set inga grense for når brotet skal meldast: Avvik brukar poengsummen "
        "som eitt av fleire moment, og personvernombodet avgjer.",
        "ENISA's method (2013) gives the breach a severity: SE = DPC × EI + CB. DPC is how serious the data "
        "are (1–4), EI how easily the people can be identified (0.25–1), and CB the circumstances of the "
        "breach (points are added). ENISA sets no threshold for notifying: Avvik uses the score as one factor "
        "among several, and the DPO decides.",
    ),
    "malicious": t("Bevisst handling for å skade", "Medviten handling for å skade", "Deliberate act to cause harm"),
    "over_100_subjects": t(
        "Mer enn 100 personer er berørt. Endrer ikke poengsummen.",
        "Meir enn 100 personar er råka. Endrar ikkje poengsummen.",
        "More than 100 people are affected. Does not change the score.",
    ),
    "data_unintelligible": t(
        "Opplysningene er uleselige for uvedkommende (kryptert, nøkkelen trygg). Endrer ikke poengsummen.",
        "Opplysningane er uleselege for uvedkomande (krypterte, nøkkelen trygg). Endrar ikkje poengsummen.",
        "The data are unintelligible to anyone unauthorised (encrypted, key safe). Does not change the score.",
    ),
}

_CB_TEXT: Final[Mapping[str, Text]] = {
    "no_evidence": t(
        "Opplysningene var eksponert, men ingen tegn på ulovlig bruk (for eksempel tapt i posten).",
        "Opplysningane var eksponerte, men ingen teikn på ulovleg bruk (til dømes tapte i posten).",
        "Exposed, with no evidence of unlawful processing (for example lost in transit).",
    ),
    "known_recipients": t(
        "Utlevert til et kjent antall mottakere.",
        "Utleverte til eit kjent tal på mottakarar.",
        "Disclosed to a known number of recipients.",
    ),
    "unknown_recipients": t(
        "Utlevert til et ukjent antall (åpent på nettet, solgt, ukjent tyv).",
        "Utleverte til eit ukjent tal (ope på nettet, selt, ukjend tjuv).",
        "Disclosed to an unknown number (public web, sold, unknown thief).",
    ),
    "no_misuse": t(
        "Endret, ikke misbrukt, gjenopprettet.",
        "Endra, ikkje misbrukt, retta opp att.",
        "Altered, not misused, recovered.",
    ),
    "misused_recoverable": t(
        "Endret og kanskje misbrukt, kan gjenopprettes.",
        "Endra og kanskje misbrukt, kan rettast opp att.",
        "Altered and possibly misused, recoverable.",
    ),
    "misused_unrecoverable": t(
        "Endret og kanskje misbrukt, kan ikke gjenopprettes.",
        "Endra og kanskje misbrukt, kan ikkje rettast opp att.",
        "Altered and possibly misused, not recoverable.",
    ),
    "recoverable": t(
        "Kan hentes fram igjen uten problemer (en annen kopi finnes).",
        "Kan hentast fram att utan problem (ein annan kopi finst).",
        "Recoverable without difficulty (another copy exists).",
    ),
    "temporary": t("Midlertidig utilgjengelig.", "Mellombels utilgjengeleg.", "Temporarily unavailable."),
    "permanent": t(
        "Helt utilgjengelig, uten sikkerhetskopi.",
        "Heilt utilgjengeleg, utan tryggingskopi.",
        "Fully unavailable, no backup.",
    ),
}

_BAND_TEXT: Final[Mapping[str, tuple[str, Text]]] = {
    "low": (
        "< 2",
        t(
            "Noen få ulemper som de berørte kommer over uten problemer.",
            "Nokre få ulemper som dei råka kjem over utan problem.",
            "A few inconveniences, overcome without any problem.",
        ),
    ),
    "medium": (
        "2–3",
        t(
            "Betydelige ulemper som de berørte kommer over med noen vansker.",
            "Monalege ulemper som dei råka kjem over med nokre vanskar.",
            "Significant inconveniences, overcome with a few difficulties.",
        ),
    ),
    "high": (
        "3–4",
        t(
            "Betydelige følger som de berørte kommer over, men med alvorlige vansker.",
            "Monalege følgjer som dei råka kjem over, men med alvorlege vanskar.",
            "Significant consequences, overcome albeit with serious difficulties.",
        ),
    ),
    "very_high": (
        "≥ 4",
        t(
            "Betydelige eller varige følger som de berørte kanskje ikke kommer over.",
            "Monalege eller varige følgjer som dei råka kanskje ikkje kjem over.",
            "Significant or even irreversible consequences, which may not be overcome.",
        ),
    ),
}


def enisa_tables(language: str = "nb") -> dict[str, object]:
    """ENISA's tables as Avvik applies them, for the page «Slik vurderer Avvik risiko»."""
    lang = normalize_language(language)
    return {
        "formula": "SE = DPC × EI + CB",
        "intro": _ENISA_TEXT["intro"][lang],
        "data_processing_context": [
            {"category": code, "name": name[lang], "base": base, "adjustments": adjustments[lang]}
            for code, base, name, adjustments in ENISA_DPC
        ],
        "category_map": [
            {
                "category": code,
                "name": CATEGORY_LABELS[code][lang],
                "enisa_category": CATEGORY_SCORES[code].enisa,
                "score": CATEGORY_SCORES[code].score,
                "why": CATEGORY_SCORES[code].why[lang],
            }
            for code in DATA_CATEGORIES
        ],
        "ease_of_identification": [
            {"value": code, "weight": weight, "description": IDENTIFIABILITY_LABELS[code][lang]}
            for code, weight in IDENTIFIABILITY.items()
        ],
        "circumstances": [
            *(
                {
                    "element": kind,
                    "name": BREACH_TYPE_LABELS[kind][lang],
                    "levels": [
                        {"value": value, "points": points, "description": _CB_TEXT[value][lang]}
                        for value, points in CB_POINTS[kind].items()
                    ],
                }
                for kind in BREACH_TYPES
            ),
            {
                "element": "malicious",
                "name": _ENISA_TEXT["malicious"][lang],
                "levels": [{"value": "malicious", "points": MALICIOUS_POINTS, "description": ""}],
            },
        ],
        "bands": [
            {"band": band, "name": BAND_LABELS[band][lang], "range": limits, "description": text[lang]}
            for band, (limits, text) in _BAND_TEXT.items()
        ],
        "flags": [{"flag": flag, "description": _ENISA_TEXT[flag][lang]} for flag in FLAGS],
    }
