"""Risk assessment of a personal data breach: structured facts in, a recommendation out.

GDPR art. 33(1): notify Datatilsynet unless the breach is *unlikely* to result in a risk to
people's rights and freedoms. Art. 34(1): tell the people affected when it is likely to
result in a *high* risk, unless an art. 34(3) exemption applies.

This module is pure Python on purpose. It imports nothing from Django, runs no queries, sends
nothing and translates nothing through gettext, so that the same facts always give the same
answer (DESIGN.md «Risk»), it can be tested without a database, and a DPO can read the rules.

How an answer is reached (all of it is data in the tables below):

1. ENISA's severity (Recommendations for a methodology of the assessment of severity of
   personal data breaches, 2013): SE = DPC × EI + CB, with a band. The score is evidence for
   the EDPB's factors, not the legal test (ENISA sets no threshold for notifying).
2. Each breach type that is present (confidentiality, integrity, availability) is assessed on
   its own by the rules in ``RULES``: a rule can clear that part ("unlikely"), set a starting
   point, lift it to at least "risk", lift it to "high", or lower it one step. One breach can
   be several types (EDPB Guidelines 01/2021 para. 5), and the worst part decides.
3. Outcome: ``risk`` or ``high`` → notify Datatilsynet; ``high`` → tell the people, unless
   art. 34(3)(a), (b) or (c) applies.

Every rule that fires leaves a ``Reason`` (a rule code and language-independent parameters),
rendered as a plain sentence in bokmål, nynorsk or English. The DPO confirms or overrides the
recommendation; it never decides on its own.

Sources: GDPR art. 33, 34 and recital 85; EDPB Guidelines 9/2022 on personal data breach
notification (WP250 rev.01, Annex B examples); EDPB Guidelines 01/2021 on examples regarding
personal data breach notification (cases 01-18); ENISA 2013; /work/shared/reference/LAW.md.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Final, TypeGuard

__all__ = [
    "AVAILABILITY_IMPACT",
    "BANDS",
    "BREACH_TYPES",
    "CATEGORY_SCORES",
    "CB_POINTS",
    "CONFIDENTIALITY_EXPOSURE",
    "DATA_CATEGORIES",
    "EXEMPTIONS",
    "FLAGS",
    "IDENTIFIABILITY",
    "IDENTIFIABILITY_DEFAULT",
    "INTEGRITY_IMPACT",
    "LANGUAGES",
    "MALICIOUS_POINTS",
    "RISK_LEVELS",
    "RULES",
    "CategoryScore",
    "Facts",
    "FactsError",
    "Reason",
    "Recommendation",
    "Rule",
    "Severity",
    "enisa_tables",
    "evaluate",
    "facts_to_dict",
    "normalize_language",
    "parse_facts",
    "recommendation_to_dict",
    "render_reason",
    "rules_table",
]

# --------------------------------------------------------------------------------------------
# Vocabulary (CONTRACT.md «Facts»). Order matters: it is the canonical order of lists, and for
# the three element vocabularies it runs from the mildest to the worst (ENISA's 0 / +0.25 / +0.5).
# --------------------------------------------------------------------------------------------

LANGUAGES: Final = ("nb", "nn", "en")
DEFAULT_LANGUAGE: Final = "nb"

BREACH_TYPES: Final = ("confidentiality", "integrity", "availability")
DATA_CATEGORIES: Final = (
    "basic",
    "national_id",
    "credentials",
    "financial",
    "payment_card",
    "behavioural",
    "location",
    "communication",
    "official_documents",
    "special",
    "criminal",
)
# ENISA's ease of identification (EI) weights.
IDENTIFIABILITY: Final[Mapping[str, float]] = {
    "negligible": 0.25,
    "limited": 0.5,
    "significant": 0.75,
    "maximum": 1.0,
}
# When the DPO has not said how easily people can be identified, assume the worst: most breach
# data name people directly, and under-rating EI would hide a risk. A reason says so.
IDENTIFIABILITY_DEFAULT: Final = "maximum"

CONFIDENTIALITY_EXPOSURE: Final = ("no_evidence", "known_recipients", "unknown_recipients")
INTEGRITY_IMPACT: Final = ("no_misuse", "misused_recoverable", "misused_unrecoverable")
AVAILABILITY_IMPACT: Final = ("recoverable", "temporary", "permanent")

# Which Facts field describes each breach type, and its vocabulary (mildest first).
ELEMENT_FIELDS: Final[Mapping[str, tuple[str, tuple[str, ...]]]] = {
    "confidentiality": ("confidentiality_exposure", CONFIDENTIALITY_EXPOSURE),
    "integrity": ("integrity_impact", INTEGRITY_IMPACT),
    "availability": ("availability_impact", AVAILABILITY_IMPACT),
}

# ENISA's circumstances of the breach (CB): points added per element, plus malice.
CB_POINTS: Final[Mapping[str, Mapping[str, float]]] = {
    "confidentiality": {"no_evidence": 0.0, "known_recipients": 0.25, "unknown_recipients": 0.5},
    "integrity": {"no_misuse": 0.0, "misused_recoverable": 0.25, "misused_unrecoverable": 0.5},
    "availability": {"recoverable": 0.0, "temporary": 0.25, "permanent": 0.5},
}
MALICIOUS_POINTS: Final = 0.5

RISK_LEVELS: Final = ("unlikely", "risk", "high")
BANDS: Final = ("low", "medium", "high", "very_high")
EXEMPTIONS: Final = ("34_3_a", "34_3_b", "34_3_c")
FLAGS: Final = ("over_100_subjects", "data_unintelligible")

SUBJECTS_FLAG_THRESHOLD: Final = 100  # ENISA's flag: more than 100 people
DPC_MIN: Final = 1
DPC_MAX: Final = 4
ADJUSTMENT_MIN: Final = -3
ADJUSTMENT_MAX: Final = 3
TEXT_MAX: Final = 10_000  # every free-text field accepts up to 10,000 characters (CONTRACT.md)

# Art. 9 and art. 10 data: "where special-category or criminal data are involved, damage
# should be considered likely" (EDPB Guidelines 9/2022; LAW.md «Assessing risk»).
SENSITIVE_CATEGORIES: Final = ("special", "criminal")
# Data that can be used for identity theft or fraud (recital 85).
FRAUD_CATEGORIES: Final = ("national_id", "credentials", "financial", "payment_card", "official_documents")

Text = Mapping[str, str]  # one text per language: {"nb": …, "nn": …, "en": …}


def _t(nb: str, nn: str, en: str) -> dict[str, str]:
    return {"nb": nb, "nn": nn, "en": en}


# --------------------------------------------------------------------------------------------
# ENISA's data processing context (DPC), and how Avvik's categories map to it.
# --------------------------------------------------------------------------------------------

ENISA_DPC: Final[tuple[tuple[str, int, Text, Text], ...]] = (
    (
        "simple",
        1,
        _t("Enkle opplysninger", "Enkle opplysningar", "Simple data"),
        _t(
            "Navn, kontaktopplysninger, fødselsdato, utdanning, familie, arbeid. Opp til 2 når mengden eller "
            "den behandlingsansvarlige gjør det mulig å lage profiler eller anta noe om sosial eller økonomisk "
            "stilling; 3 når det gir antakelser om helse, seksualliv, politisk syn eller tro; 4 når "
            "opplysningene er avgjørende for sikkerheten eller helsen til sårbare personer eller barn.",
            "Namn, kontaktopplysningar, fødselsdato, utdanning, familie, arbeid. Opp til 2 når mengda eller "
            "den behandlingsansvarlege gjer det mogleg å lage profilar eller anta noko om sosial eller økonomisk "
            "stilling; 3 når det gir antakingar om helse, seksualliv, politisk syn eller tru; 4 når "
            "opplysningane er avgjerande for tryggleiken eller helsa til sårbare personar eller born.",
            "Name, contact details, date of birth, education, family, work. Up to 2 when the volume or the "
            "controller allows profiling or assumptions about social or financial status; 3 when it allows "
            "assumptions about health, sex life, political or religious beliefs; 4 when the data are critical "
            "for the safety or health of vulnerable people or minors.",
        ),
    ),
    (
        "behavioural",
        2,
        _t("Atferdsopplysninger", "Åtferdsopplysningar", "Behavioural data"),
        _t(
            "Lokasjon, trafikkdata, preferanser, vaner. Ned til 1 når de ikke gir reell innsikt eller er "
            "offentlige; opp til 3 når de gir en profil av hverdagslivet; 4 når profilen bygger på sensitive "
            "opplysninger.",
            "Lokasjon, trafikkdata, preferansar, vanar. Ned til 1 når dei ikkje gir reell innsikt eller er "
            "offentlege; opp til 3 når dei gir ein profil av kvardagslivet; 4 når profilen byggjer på sensitive "
            "opplysningar.",
            "Location, traffic data, preferences, habits. Down to 1 when they give no real insight or are "
            "public; up to 3 when they give a profile of everyday life; 4 when the profile is built on "
            "sensitive data.",
        ),
    ),
    (
        "financial",
        3,
        _t("Økonomiske opplysninger", "Økonomiske opplysningar", "Financial data"),
        _t(
            "Inntekt, transaksjoner, kontoutskrifter, kort, fakturaer, trygd. Ned til 1 når de bare viser at "
            "noen er kunde; 2 når de gir lite innsikt (et kontonummer); opp til 4 ved fullstendige "
            "kortopplysninger som gjør svindel mulig, eller en detaljert økonomisk profil.",
            "Inntekt, transaksjonar, kontoutskrifter, kort, fakturaer, trygd. Ned til 1 når dei berre viser at "
            "nokon er kunde; 2 når dei gir lite innsikt (eit kontonummer); opp til 4 ved fullstendige "
            "kortopplysningar som gjer svindel mogleg, eller ein detaljert økonomisk profil.",
            "Income, transactions, statements, cards, invoices, welfare. Down to 1 when they only show that "
            "someone is a customer; 2 when they give little insight (an account number); up to 4 for full "
            "card data enabling fraud, or a detailed financial profile.",
        ),
    ),
    (
        "sensitive",
        4,
        _t("Sensitive opplysninger", "Sensitive opplysningar", "Sensitive data"),
        _t(
            "Helse, politisk syn, seksualliv og andre særlige kategorier. Ned til 3 når de gir antakelser om "
            "noe sensitivt; 2 ved generelle antakelser; 1 når de ikke gir reell innsikt eller er offentlige.",
            "Helse, politisk syn, seksualliv og andre særlege kategoriar. Ned til 3 når dei gir antakingar om "
            "noko sensitivt; 2 ved generelle antakingar; 1 når dei ikkje gir reell innsikt eller er offentlege.",
            "Health, political views, sex life and other special categories. Down to 3 when they allow "
            "assumptions about something sensitive; 2 for general assumptions; 1 when they give no real "
            "insight or are public.",
        ),
    ),
)


@dataclass(frozen=True)
class CategoryScore:
    """How one of Avvik's data categories is scored on ENISA's DPC scale, and why."""

    enisa: str  # simple | behavioural | financial | sensitive
    score: int
    why: Text


CATEGORY_SCORES: Final[Mapping[str, CategoryScore]] = {
    "basic": CategoryScore(
        "simple",
        1,
        _t(
            "ENISAs enkle opplysninger.",
            "ENISAs enkle opplysningar.",
            "ENISA's simple data.",
        ),
    ),
    "behavioural": CategoryScore(
        "behavioural",
        2,
        _t(
            "ENISAs atferdsopplysninger.",
            "ENISAs åtferdsopplysningar.",
            "ENISA's behavioural data.",
        ),
    ),
    "location": CategoryScore(
        "behavioural",
        2,
        _t(
            "ENISA regner lokasjon som atferdsopplysninger.",
            "ENISA reknar lokasjon som åtferdsopplysningar.",
            "ENISA counts location as behavioural data.",
        ),
    ),
    "communication": CategoryScore(
        "behavioural",
        2,
        _t(
            "ENISA regner trafikkdata som atferdsopplysninger. Juster opp hvis innholdet avslører mer.",
            "ENISA reknar trafikkdata som åtferdsopplysningar. Juster opp om innhaldet avslører meir.",
            "ENISA counts traffic data as behavioural data. Adjust upwards if the content reveals more.",
        ),
    ),
    "financial": CategoryScore(
        "financial",
        3,
        _t(
            "ENISAs økonomiske opplysninger.",
            "ENISAs økonomiske opplysningar.",
            "ENISA's financial data.",
        ),
    ),
    # ENISA's own adjustment: "full card data enabling fraud" lifts financial data to 4.
    "payment_card": CategoryScore(
        "financial",
        4,
        _t(
            "Økonomiske opplysninger justert til 4: fullstendige kortopplysninger gjør svindel mulig (ENISA).",
            "Økonomiske opplysningar justerte til 4: fullstendige kortopplysningar gjer svindel mogleg (ENISA).",
            "Financial data adjusted to 4: full card data enable fraud (ENISA).",
        ),
    ),
    # Not an ENISA category. A fødselsnummer, D-nummer or passport number is the key people are
    # identified by at banks and public bodies, so its loss enables identity theft and fraud
    # (recital 85) - the same harm as financial data, hence the same score. The Norwegian act
    # (personopplysningsloven § 12) protects it specially.
    "national_id": CategoryScore(
        "financial",
        3,
        _t(
            "Ikke en egen ENISA-kategori. Fødselsnummer og passnummer kan gi identitetstyveri og svindel "
            "(fortalepunkt 85), og personopplysningsloven § 12 verner fødselsnummer særskilt. Avvik gir dem "
            "samme vekt som økonomiske opplysninger.",
            "Ikkje ein eigen ENISA-kategori. Fødselsnummer og passnummer kan gi identitetstjuveri og svindel "
            "(fortalepunkt 85), og personopplysningslova § 12 vernar fødselsnummer særskilt. Avvik gir dei "
            "same vekt som økonomiske opplysningar.",
            "Not an ENISA category of its own. National identity and passport numbers enable identity theft "
            "and fraud (recital 85), and the Norwegian Personal Data Act § 12 protects them specially. Avvik "
            "weighs them like financial data.",
        ),
    ),
    # Copies of passports, driving licences and ID cards carry the identity number and more
    # (photo, signature): they let someone pose as the person. Scored like national_id; the DPO
    # adjusts upwards when the copies make it easy to open accounts or take loans.
    "official_documents": CategoryScore(
        "financial",
        3,
        _t(
            "Kopier av pass, førerkort og ID-kort kan brukes til å utgi seg for å være personen. Avvik gir dem "
            "samme vekt som fødselsnummer. Juster opp hvis kopiene gjør det lett å åpne konto eller ta opp lån.",
            "Kopiar av pass, førarkort og ID-kort kan brukast til å gi seg ut for å vere personen. Avvik gir "
            "dei same vekt som fødselsnummer. Juster opp om kopiane gjer det lett å opne konto eller ta opp lån.",
            "Copies of passports, driving licences and ID cards can be used to pose as the person. Avvik "
            "weighs them like national identity numbers. Adjust upwards if the copies make it easy to open "
            "accounts or take out loans.",
        ),
    ),
    # ENISA: credentials are scored by what they give access to. Avvik cannot see that, so it
    # assumes an account holding financial or similarly important data (3) - a conservative
    # middle - and says how to adjust: down for accounts that reveal little, up for access to
    # special-category data or payments.
    "credentials": CategoryScore(
        "financial",
        3,
        _t(
            "ENISA vurderer innloggingsopplysninger etter hva de gir tilgang til. Avvik går ut fra en konto "
            "med økonomiske eller like viktige opplysninger. Juster ned hvis kontoen gir lite innsyn, opp hvis "
            "den gir tilgang til særlige kategorier eller betaling.",
            "ENISA vurderer innloggingsopplysningar etter kva dei gir tilgang til. Avvik går ut frå ein konto "
            "med økonomiske eller like viktige opplysningar. Juster ned om kontoen gir lite innsyn, opp om han "
            "gir tilgang til særlege kategoriar eller betaling.",
            "ENISA scores credentials by what they give access to. Avvik assumes an account with financial or "
            "equally important data. Adjust down if the account reveals little, up if it gives access to "
            "special-category data or payments.",
        ),
    ),
    "special": CategoryScore(
        "sensitive",
        4,
        _t(
            "ENISAs sensitive opplysninger (artikkel 9).",
            "ENISAs sensitive opplysningar (artikkel 9).",
            "ENISA's sensitive data (art. 9).",
        ),
    ),
    # Art. 10 data are not art. 9 data, but the EDPB treats them alike ("special-category or
    # criminal data: damage should be considered likely"), so ENISA's sensitive score applies.
    "criminal": CategoryScore(
        "sensitive",
        4,
        _t(
            "Opplysninger om straffedommer og lovovertredelser (artikkel 10) veier like tungt som sensitive "
            "opplysninger.",
            "Opplysningar om straffedommar og lovbrot (artikkel 10) veg like tungt som sensitive opplysningar.",
            "Data on criminal convictions and offences (art. 10) weigh as much as sensitive data.",
        ),
    ),
}

# --------------------------------------------------------------------------------------------
# Labels for codes, per language (used in reasons, errors and the tables).
# --------------------------------------------------------------------------------------------

CATEGORY_LABELS: Final[Mapping[str, Text]] = {
    "basic": _t(
        "vanlige personopplysninger (navn, kontaktopplysninger, fødselsdato, utdanning, arbeid)",
        "vanlege personopplysningar (namn, kontaktopplysningar, fødselsdato, utdanning, arbeid)",
        "basic personal data (name, contact details, date of birth, education, work)",
    ),
    "national_id": _t(
        "fødselsnummer, D-nummer eller passnummer",
        "fødselsnummer, D-nummer eller passnummer",
        "national identity or passport numbers",
    ),
    "credentials": _t(
        "brukernavn og passord",
        "brukarnamn og passord",
        "user names and passwords",
    ),
    "financial": _t("økonomiske opplysninger", "økonomiske opplysningar", "financial data"),
    "payment_card": _t("betalingskortopplysninger", "betalingskortopplysningar", "payment card data"),
    "behavioural": _t(
        "opplysninger om vaner og preferanser",
        "opplysningar om vanar og preferansar",
        "data about habits and preferences",
    ),
    "location": _t("opplysninger om hvor personer er", "opplysningar om kvar personar er", "location data"),
    "communication": _t(
        "opplysninger om kommunikasjon (e-post, meldinger, samtaler)",
        "opplysningar om kommunikasjon (e-post, meldingar, samtalar)",
        "communications data (e-mail, messages, calls)",
    ),
    "official_documents": _t(
        "kopier av pass, førerkort eller ID-kort",
        "kopiar av pass, førarkort eller ID-kort",
        "copies of passports, driving licences or ID cards",
    ),
    "special": _t(
        "særlige kategorier (helse, etnisitet, religion, politisk syn, fagforening, seksualliv, genetikk, biometri)",
        "særlege kategoriar (helse, etnisitet, religion, politisk syn, fagforeining, seksualliv, genetikk, biometri)",
        "special categories (health, ethnic origin, religion, political views, union membership, sex life, "
        "genetic, biometric)",
    ),
    "criminal": _t(
        "opplysninger om straffedommer og lovovertredelser",
        "opplysningar om straffedommar og lovbrot",
        "data on criminal convictions and offences",
    ),
}

BREACH_TYPE_LABELS: Final[Mapping[str, Text]] = {
    "confidentiality": _t("konfidensialitet", "konfidensialitet", "confidentiality"),
    "integrity": _t("integritet", "integritet", "integrity"),
    "availability": _t("tilgjengelighet", "tilgjenge", "availability"),
}

LEVEL_LABELS: Final[Mapping[str, Text]] = {
    "unlikely": _t("lite sannsynlig risiko", "lite sannsynleg risiko", "risk unlikely"),
    "risk": _t("risiko", "risiko", "risk"),
    "high": _t("høy risiko", "høg risiko", "high risk"),
}

BAND_LABELS: Final[Mapping[str, Text]] = {
    "low": _t("lav", "låg", "low"),
    "medium": _t("middels", "middels", "medium"),
    "high": _t("høy", "høg", "high"),
    "very_high": _t("svært høy", "svært høg", "very high"),
}

VALUE_LABELS: Final[Mapping[str, Text]] = {
    "no_evidence": _t(
        "ingen tegn på at noen har sett eller brukt opplysningene",
        "ingen teikn på at nokon har sett eller brukt opplysningane",
        "no sign that anyone has seen or used the data",
    ),
    "known_recipients": _t("kjente mottakere", "kjende mottakarar", "known recipients"),
    "unknown_recipients": _t("ukjente mottakere", "ukjende mottakarar", "unknown recipients"),
    "no_misuse": _t(
        "endret, men ikke misbrukt, og rettet opp",
        "endra, men ikkje misbrukt, og retta opp",
        "altered, but not misused, and put right",
    ),
    "misused_recoverable": _t(
        "endret og kanskje misbrukt, men kan rettes opp",
        "endra og kanskje misbrukt, men kan rettast opp",
        "altered and possibly misused, but can be put right",
    ),
    "misused_unrecoverable": _t(
        "endret og kanskje misbrukt, og kan ikke rettes opp",
        "endra og kanskje misbrukt, og kan ikkje rettast opp",
        "altered and possibly misused, and cannot be put right",
    ),
    "recoverable": _t(
        "mulige å hente fram igjen uten problemer",
        "moglege å hente fram att utan problem",
        "possible to restore without difficulty",
    ),
    "temporary": _t("midlertidig utilgjengelige", "mellombels utilgjengelege", "temporarily unavailable"),
    "permanent": _t("tapt for godt, uten kopi", "tapte for godt, utan kopi", "lost for good, with no copy"),
}

IDENTIFIABILITY_LABELS: Final[Mapping[str, Text]] = {
    "negligible": _t(
        "Nesten umulig å knytte opplysningene til en bestemt person.",
        "Nesten umogleg å knyte opplysningane til ein bestemd person.",
        "Almost impossible to link the data to a particular person.",
    ),
    "limited": _t(
        "Mulig, men vanskelig å finne ut hvem det gjelder.",
        "Mogleg, men vanskeleg å finne ut kven det gjeld.",
        "Possible, but hard to find out who it is.",
    ),
    "significant": _t(
        "Ganske lett å finne ut hvem det gjelder, med litt ekstra informasjon.",
        "Ganske lett å finne ut kven det gjeld, med litt ekstra informasjon.",
        "Fairly easy to find out who it is, with a little extra information.",
    ),
    "maximum": _t(
        "Personen kan identifiseres direkte, for eksempel fullt navn med fødselsdato.",
        "Personen kan identifiserast direkte, til dømes fullt namn med fødselsdato.",
        "The person can be identified directly, for example full name with date of birth.",
    ),
}

# What makes the stakes higher (EDPB Guidelines 9/2022; LAW.md «Assessing risk»).
FACTOR_LABELS: Final[Mapping[str, Text]] = {
    "sensitive": _t(
        "særlige kategorier eller straffeopplysninger",
        "særlege kategoriar eller opplysningar om lovbrot",
        "special-category or criminal-offence data",
    ),
    "malicious": _t(
        "en bevisst handling for å skade",
        "ei medviten handling for å skade",
        "a deliberate act to cause harm",
    ),
    "unknown_recipients": _t("ukjente mottakere", "ukjende mottakarar", "unknown recipients"),
    "vulnerable": _t(
        "sårbare personer, som barn eller pasienter",
        "sårbare personar, som born eller pasientar",
        "vulnerable people, such as children or patients",
    ),
    "over_100": _t("mer enn 100 berørte", "meir enn 100 råka", "more than 100 people affected"),
}

PART_LABELS: Final[Mapping[str, Text]] = {
    "severity": _t("Alvorlighetsgrad (ENISA)", "Alvorsgrad (ENISA)", "Severity (ENISA)"),
    "assumption": _t("Manglende opplysninger", "Manglande opplysningar", "Missing facts"),
    "confidentiality": _t("Konfidensialitet", "Konfidensialitet", "Confidentiality"),
    "integrity": _t("Integritet", "Integritet", "Integrity"),
    "availability": _t("Tilgjengelighet", "Tilgjenge", "Availability"),
    "outcome": _t("Samlet vurdering", "Samla vurdering", "Overall"),
    "exemption": _t("Unntak i artikkel 34 nr. 3", "Unntak i artikkel 34 nr. 3", "Art. 34(3) exemptions"),
}

_AND: Final[Text] = _t("og", "og", "and")


def normalize_language(language: str | None) -> str:
    """``nb``, ``nn`` or ``en`` from a language code or Accept-Language value; anything else is
    bokmål, the source language of the interface."""
    if not language:
        return DEFAULT_LANGUAGE
    first = str(language).split(",")[0].split(";")[0].strip().lower().replace("_", "-")
    code = first.split("-")[0]
    if code in {"nn", "nno"}:
        return "nn"
    if code == "en" or code == "eng":
        return "en"
    return DEFAULT_LANGUAGE  # nb, no, nob and everything unknown


def _label(table: Mapping[str, Text], code: str, language: str) -> str:
    entry = table.get(code)
    return entry[language] if entry else code


def _join(items: list[str], language: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {_AND[language]} " + items[-1]


def _number(value: float, language: str) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if language in {"nb", "nn"} else text


def _count(value: int, language: str) -> str:
    text = f"{value:,}"
    return text.replace(",", "\u00a0") if language in {"nb", "nn"} else text


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
}

_MESSAGES: Final[Mapping[str, Text]] = {
    "not_object": _t(
        "Faktaene må sendes som et JSON-objekt med felt og verdier.",
        "Fakta må sendast som eit JSON-objekt med felt og verdiar.",
        "The facts must be sent as a JSON object of fields and values.",
    ),
    "unknown_field": _t(
        "Avvik kjenner ikke dette feltet. Sjekk stavemåten, eller fjern feltet.",
        "Avvik kjenner ikkje dette feltet. Sjekk stavemåten, eller fjern feltet.",
        "Avvik does not know this field. Check the spelling, or leave it out.",
    ),
    "did_you_mean": _t(" Mente du «{guess}»?", " Meinte du «{guess}»?", " Did you mean “{guess}”?"),
    "choose_breach_types": _t(
        "Velg minst én type brudd: confidentiality (uvedkommende fikk tilgang), integrity (opplysninger "
        "ble endret) eller availability (opplysninger ble utilgjengelige eller tapt).",
        "Vel minst éin type brot: confidentiality (uvedkomande fekk tilgang), integrity (opplysningar vart "
        "endra) eller availability (opplysningar vart utilgjengelege eller tapte).",
        "Choose at least one type of breach: confidentiality (someone unauthorised got access), integrity "
        "(data were altered) or availability (data became unavailable or were lost).",
    ),
    "choose_data_categories": _t(
        "Velg minst én type personopplysninger, for eksempel basic for navn og kontaktopplysninger.",
        "Vel minst éin type personopplysningar, til dømes basic for namn og kontaktopplysningar.",
        "Choose at least one kind of personal data, for example basic for names and contact details.",
    ),
    "not_list": _t(
        'Send en liste med verdier, for eksempel ["{example}"].',
        'Send ei liste med verdiar, til dømes ["{example}"].',
        'Send a list of values, for example ["{example}"].',
    ),
    "unknown_value": _t(
        "«{value}» er ikke en gyldig verdi. Velg blant: {choices}.",
        "«{value}» er ikkje ein gyldig verdi. Vel mellom: {choices}.",
        "“{value}” is not a valid value. Choose from: {choices}.",
    ),
    "not_bool": _t(
        "Svar med true (ja) eller false (nei).",
        "Svar med true (ja) eller false (nei).",
        "Answer true (yes) or false (no).",
    ),
    "not_count": _t(
        "Skriv et helt tall som er 0 eller større, eller null hvis du ikke vet.",
        "Skriv eit heilt tal som er 0 eller større, eller null om du ikkje veit.",
        "Enter a whole number of 0 or more, or null if you do not know.",
    ),
    "count_too_large": _t(
        "Antallet kan være høyst {limit}. Et anslag holder.",
        "Talet kan vere høgst {limit}. Eit overslag held.",
        "The number can be at most {limit}. An estimate will do.",
    ),
    "adjustment_range": _t(
        "Skriv et helt tall fra -3 til 3. Bruk 0 hvis datatypen ikke skal justeres.",
        "Skriv eit heilt tal frå -3 til 3. Bruk 0 om datatypen ikkje skal justerast.",
        "Enter a whole number from -3 to 3. Use 0 if the data score should not be adjusted.",
    ),
    "adjustment_reason_required": _t(
        "Skriv hvorfor datatypen er justert. En begrunnelse kreves når justeringen ikke er 0.",
        "Skriv kvifor datatypen er justert. Det trengst ei grunngiving når justeringa ikkje er 0.",
        "Say why the data score was adjusted. A reason is required when the adjustment is not 0.",
    ),
    "not_text": _t("Skriv vanlig tekst.", "Skriv vanleg tekst.", "Enter plain text."),
    "too_long": _t(
        "Teksten er for lang: {length} tegn. Kort den ned til høyst {limit} tegn.",
        "Teksten er for lang: {length} teikn. Kort han ned til høgst {limit} teikn.",
        "The text is too long: {length} characters. Shorten it to {limit} characters at most.",
    ),
}


def _message(code: str, language: str, **values: object) -> str:
    return _MESSAGES[code][language].format(**values)


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
        fail("dpc_adjustment_reason", _message("too_long", lang, length=_count(len(reason), lang), limit=TEXT_MAX))
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
            fail(name, _message("count_too_large", lang, limit=_count(_COUNT_MAX[name], lang)))
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


# --------------------------------------------------------------------------------------------
# Reasons and rules
# --------------------------------------------------------------------------------------------

ParamValue = str | int | float | tuple[str, ...]
Params = dict[str, ParamValue]


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


@dataclass(frozen=True)
class Rule:
    """One rule, readable by a DPO: what it checks, what it does, the sentence it leaves in the
    recommendation, and where it comes from. ``test`` returns the reason's parameters when the
    rule applies, else None; rules without a test are applied by ``evaluate`` itself."""

    code: str
    part: str  # severity | assumption | confidentiality | integrity | availability | outcome | exemption
    effect: str  # explain | note | unlikely | start | at_least_risk | high | lower | outcome | exemption
    check: Text
    does: Text
    text: Text
    source: str
    test: Callable[[_Context], Params | None] | None = None


@dataclass(frozen=True)
class _Context:
    """Facts with what the rules need worked out once."""

    facts: Facts
    types: frozenset[str]
    categories: frozenset[str]
    top_category: str
    base: int
    dpc: int
    ei: float
    cb: float
    score: float
    band: str
    exposure: str | None  # as assessed: the given value, or the assumption when it was missing
    integrity: str | None
    availability: str | None
    sensitive: bool
    fraud_categories: tuple[str, ...]
    over_100: bool

    def band_at_least(self, band: str) -> bool:
        return BANDS.index(self.band) >= BANDS.index(band)

    @property
    def disclosed(self) -> bool:
        """The data reached someone (known or unknown), not merely "exposed without evidence"."""
        return self.exposure in {"known_recipients", "unknown_recipients"}


def _factors(ctx: _Context, *names: str) -> tuple[str, ...]:
    present = {
        "sensitive": ctx.sensitive,
        "malicious": ctx.facts.malicious,
        "unknown_recipients": ctx.exposure == "unknown_recipients",
        "vulnerable": ctx.facts.vulnerable_subjects,
        "over_100": ctx.over_100,
    }
    return tuple(name for name in names if present[name])


# --- severity and missing facts ---------------------------------------------------------------


def _severity(ctx: _Context) -> Params:
    return {
        "score": ctx.score,
        "band": ctx.band,
        "dpc": ctx.dpc,
        "ei": ctx.ei,
        "cb": ctx.cb,
        "category": ctx.top_category,
    }


def _dpc_adjusted(ctx: _Context) -> Params | None:
    adjustment = ctx.facts.dpc_adjustment
    if adjustment == 0:
        return None
    return {"adjustment": adjustment, "base": ctx.base, "dpc": ctx.dpc, "why": ctx.facts.dpc_adjustment_reason.strip()}


def _assumed_identifiability(ctx: _Context) -> Params | None:
    return {} if ctx.facts.identifiability is None else None


def _assumed_worst(ctx: _Context) -> Params | None:
    missing = tuple(
        kind
        for kind, (name, _vocabulary) in ELEMENT_FIELDS.items()
        if kind in ctx.types
        and getattr(ctx.facts, name) is None
        and not (kind == "confidentiality" and ctx.facts.recipient_trusted)
    )
    if not missing:
        return None
    return {"types": missing, "values": tuple(ELEMENT_FIELDS[kind][1][-1] for kind in missing)}


def _assumed_known_recipients(ctx: _Context) -> Params | None:
    facts = ctx.facts
    if "confidentiality" in ctx.types and facts.confidentiality_exposure is None and facts.recipient_trusted:
        return {}
    return None


def _ignored_elements(ctx: _Context) -> Params | None:
    ignored = tuple(
        name
        for kind, (name, _vocabulary) in ELEMENT_FIELDS.items()
        if kind not in ctx.types and getattr(ctx.facts, name) is not None
    )
    return {"fields": ignored} if ignored else None


def _count_unknown(ctx: _Context) -> Params | None:
    return {} if ctx.facts.subjects_count is None else None


# --- confidentiality --------------------------------------------------------------------------

# ENISA's band gives the starting point. Even "very high" starts at "risk": with art. 9 data the
# score is ≥ 4 whenever the people are identifiable, and the EDPB does not treat every such
# breach as high risk (e.g. 01/2021 case 15); high risk needs one of the combinations below.
BAND_START: Final[Mapping[str, str]] = {"low": "unlikely", "medium": "risk", "high": "risk", "very_high": "risk"}


def _c_unintelligible(ctx: _Context) -> Params | None:
    return {} if ctx.facts.data_unintelligible else None


def _c_trusted(ctx: _Context) -> Params | None:
    facts = ctx.facts
    # A trusted recipient only helps when the recipients are known and nobody meant harm.
    if facts.recipient_trusted and not facts.malicious and ctx.exposure != "unknown_recipients":
        return {}
    return None


def _c_trusted_not_used(ctx: _Context) -> Params | None:
    if not ctx.facts.recipient_trusted:
        return None
    factors = _factors(ctx, "malicious", "unknown_recipients")
    return {"factors": factors} if factors else None


def _c_start(ctx: _Context) -> Params:
    return {"band": ctx.band, "level": BAND_START[ctx.band]}


def _c_at_least_risk(ctx: _Context) -> Params | None:
    factors = _factors(ctx, "sensitive", "malicious", "unknown_recipients", "vulnerable", "over_100")
    return {"factors": factors} if factors else None


def _c_sensitive_aggravated(ctx: _Context) -> Params | None:
    if not ctx.sensitive:
        return None
    factors = _factors(ctx, "unknown_recipients", "malicious", "vulnerable", "over_100")
    return {"factors": factors} if factors else None


def _c_serious_exposed(ctx: _Context) -> Params | None:
    if not (ctx.band_at_least("high") and ctx.disclosed):
        return None
    factors = _factors(ctx, "unknown_recipients", "malicious", "vulnerable")
    return {"band": ctx.band, "factors": factors} if factors else None


def _c_volume(ctx: _Context) -> Params | None:
    if ctx.over_100 and ctx.band_at_least("medium") and ctx.disclosed and ctx.facts.subjects_count is not None:
        return {"count": ctx.facts.subjects_count, "band": ctx.band}
    return None


def _c_fraud(ctx: _Context) -> Params | None:
    if ctx.band == "very_high" and ctx.fraud_categories:
        return {"categories": ctx.fraud_categories}
    return None


def _c_public(ctx: _Context) -> Params | None:
    return {} if ctx.facts.data_already_public else None


# --- integrity --------------------------------------------------------------------------------


def _i_no_misuse(ctx: _Context) -> Params | None:
    return {} if ctx.integrity == "no_misuse" else None


def _i_misuse(ctx: _Context) -> Params | None:
    if ctx.integrity in {"misused_recoverable", "misused_unrecoverable"}:
        return {"impact": ctx.integrity}
    return None


def _i_serious(ctx: _Context) -> Params | None:
    if ctx.integrity == "misused_unrecoverable" and ctx.band_at_least("high"):
        return {"impact": ctx.integrity, "band": ctx.band}
    if ctx.integrity == "misused_recoverable" and ctx.band == "very_high":
        return {"impact": ctx.integrity, "band": ctx.band}
    return None


# --- availability -----------------------------------------------------------------------------


def _a_recoverable(ctx: _Context) -> Params | None:
    return {} if ctx.availability == "recoverable" else None


def _a_encrypted_no_help(ctx: _Context) -> Params | None:
    lost = ctx.availability in {"temporary", "permanent"}
    return {} if ctx.facts.data_unintelligible and lost else None


def _a_loss(ctx: _Context) -> Params | None:
    if ctx.availability in {"temporary", "permanent"}:
        return {"impact": ctx.availability}
    return None


def _a_critical(ctx: _Context) -> Params | None:
    lost = ctx.availability in {"temporary", "permanent"}
    if lost and ctx.facts.vulnerable_subjects and (ctx.sensitive or ctx.availability == "permanent"):
        return {"impact": ctx.availability or ""}
    return None


# --- the table --------------------------------------------------------------------------------

RULES: Final[tuple[Rule, ...]] = (
    # Severity
    Rule(
        "SEVERITY",
        "severity",
        "explain",
        _t(
            "Regner ut ENISAs alvorlighetsgrad: SE = DPC × EI + CB.",
            "Reknar ut alvorsgraden etter ENISA: SE = DPC × EI + CB.",
            "Works out ENISA's severity: SE = DPC × EI + CB.",
        ),
        _t(
            "Forklarer poengsummen. Poengsummen alene avgjør ikke noe.",
            "Forklarer poengsummen. Poengsummen åleine avgjer ikkje noko.",
            "Explains the score. The score alone decides nothing.",
        ),
        _t(
            "ENISA-alvorlighetsgrad {score} ({band}) = datatype {dpc} × identifiserbarhet {ei} + "
            "omstendigheter {cb}. Det mest alvorlige her er {category}.",
            "ENISA-alvorsgrad {score} ({band}) = datatype {dpc} × identifiserbarheit {ei} + omstende {cb}. "
            "Det mest alvorlege her er {category}.",
            "ENISA severity {score} ({band}) = data type {dpc} × ease of identification {ei} + "
            "circumstances {cb}. The most serious data here: {category}.",
        ),
        "ENISA 2013; LAW.md «ENISA severity»",
        _severity,
    ),
    Rule(
        "DPC_ADJUSTED",
        "severity",
        "note",
        _t(
            "Har personvernombudet justert datatypen for sammenhengen?",
            "Har personvernombodet justert datatypen for samanhengen?",
            "Has the DPO adjusted the data score for the context?",
        ),
        _t(
            "Flytter DPC med hele trinn, innenfor 1–4.",
            "Flyttar DPC med heile steg, innanfor 1–4.",
            "Moves DPC by whole steps, within 1–4.",
        ),
        _t(
            "Datatypen er justert med {adjustment}, fra {base} til {dpc} på skalaen 1–4. Begrunnelse: {why}",
            "Datatypen er justert med {adjustment}, frå {base} til {dpc} på skalaen 1–4. Grunngiving: {why}",
            "The data score was adjusted by {adjustment}, from {base} to {dpc} on the scale 1–4. Reason: {why}",
        ),
        "ENISA 2013 (context adjustment); LAW.md «ENISA severity»",
        _dpc_adjusted,
    ),
    # Missing facts
    Rule(
        "ASSUMED_IDENTIFIABILITY",
        "assumption",
        "note",
        _t(
            "Mangler identifiserbarhet?",
            "Manglar identifiserbarheit?",
            "Is the ease of identification missing?",
        ),
        _t(
            "Regner med EI 1 (direkte identifiserbar).",
            "Reknar med EI 1 (direkte identifiserbar).",
            "Counts EI as 1 (directly identifiable).",
        ),
        _t(
            "Det er ikke oppgitt hvor lett personene kan identifiseres. Avvik går ut fra det verste, at de kan "
            "identifiseres direkte (EI 1). Fyll inn feltet hvis det er vanskeligere enn det.",
            "Det er ikkje oppgitt kor lett personane kan identifiserast. Avvik går ut frå det verste, at dei kan "
            "identifiserast direkte (EI 1). Fyll inn feltet om det er vanskelegare enn det.",
            "How easily the people can be identified was not given. Avvik assumes the worst: they can be "
            "identified directly (EI 1). Fill in the field if it is harder than that.",
        ),
        "ENISA 2013 (EI); EDPB 9/2022 (when in doubt, assess cautiously)",
        _assumed_identifiability,
    ),
    Rule(
        "ASSUMED_WORST",
        "assumption",
        "note",
        _t(
            "Er en bruddtype valgt uten at følgene er oppgitt?",
            "Er ein brottype vald utan at følgjene er oppgitte?",
            "Is a breach type chosen without its effect?",
        ),
        _t(
            "Regner med det verste for den bruddtypen.",
            "Reknar med det verste for den brottypen.",
            "Counts the worst case for that breach type.",
        ),
        _t(
            "Følgene er ikke oppgitt for {types}. Avvik går ut fra det verste: {values}. Fyll inn feltet når "
            "du vet mer.",
            "Følgjene er ikkje oppgitte for {types}. Avvik går ut frå det verste: {values}. Fyll inn feltet når "
            "du veit meir.",
            "The effect was not given for {types}. Avvik assumes the worst: {values}. Fill in the field when "
            "you know more.",
        ),
        "EDPB 9/2022 (assess at once, do not wait for forensics); ENISA 2013 (CB)",
        _assumed_worst,
    ),
    Rule(
        "ASSUMED_KNOWN_RECIPIENTS",
        "assumption",
        "note",
        _t(
            "Mangler mottakere, men mottakerne er oppgitt som pålitelige?",
            "Manglar mottakarar, men mottakarane er oppgitte som pålitelege?",
            "Are the recipients missing, but stated to be trusted?",
        ),
        _t("Regner med kjente mottakere.", "Reknar med kjende mottakarar.", "Counts known recipients."),
        _t(
            "Det er ikke oppgitt hvem som fikk tilgang, men mottakerne er oppgitt som kjente og pålitelige. "
            "Avvik går derfor ut fra kjente mottakere.",
            "Det er ikkje oppgitt kven som fekk tilgang, men mottakarane er oppgitte som kjende og pålitelege. "
            "Avvik går difor ut frå kjende mottakarar.",
            "Who got access was not given, but the recipients are stated to be known and trusted. Avvik "
            "therefore assumes known recipients.",
        ),
        "CONTRACT.md «Facts» (recipient_trusted: the only recipients are known and trusted)",
        _assumed_known_recipients,
    ),
    Rule(
        "IGNORED_ELEMENTS",
        "assumption",
        "note",
        _t(
            "Er følger oppgitt for en bruddtype som ikke er valgt?",
            "Er følgjer oppgitte for ein brottype som ikkje er vald?",
            "Is an effect given for a breach type that is not chosen?",
        ),
        _t("Bruker ikke feltet.", "Brukar ikkje feltet.", "Does not use the field."),
        _t(
            "Disse feltene er fylt inn, men bruddtypen de hører til er ikke valgt, så de er ikke brukt: "
            "{fields}. Velg bruddtypen hvis den gjelder.",
            "Desse felta er fylte inn, men brottypen dei høyrer til er ikkje vald, så dei er ikkje brukte: "
            "{fields}. Vel brottypen om han gjeld.",
            "These fields are filled in, but their breach type is not chosen, so they were not used: {fields}. "
            "Choose the breach type if it applies.",
        ),
        "ENISA 2013 (CB counts the elements of the breach that happened)",
        _ignored_elements,
    ),
    Rule(
        "COUNT_UNKNOWN",
        "assumption",
        "note",
        _t(
            "Mangler antallet berørte?",
            "Manglar talet på råka?",
            "Is the number of people missing?",
        ),
        _t(
            "Regner ikke med antallet.",
            "Reknar ikkje med talet.",
            "Leaves the number out.",
        ),
        _t(
            "Antallet berørte personer er ikke oppgitt, så det er ikke regnet med. Mange berørte øker "
            "risikoen. Fyll inn et anslag.",
            "Talet på råka personar er ikkje oppgitt, så det er ikkje rekna med. Mange råka aukar risikoen. "
            "Fyll inn eit overslag.",
            "The number of people affected was not given, so it was not counted. Many people affected "
            "raises the risk. Fill in an estimate.",
        ),
        "Art. 33(3)(a); EDPB 9/2022 (number of individuals)",
        _count_unknown,
    ),
    # Confidentiality
    Rule(
        "C_UNINTELLIGIBLE",
        "confidentiality",
        "unlikely",
        _t(
            "Var opplysningene kryptert eller hashet etter beste praksis, med nøkkelen i behold?",
            "Var opplysningane krypterte eller hasha etter beste praksis, med nøkkelen i behald?",
            "Were the data encrypted or hashed to the state of the art, with the key safe?",
        ),
        _t(
            "Konfidensialitetsbruddet: lite sannsynlig risiko.",
            "Konfidensialitetsbrotet: lite sannsynleg risiko.",
            "Confidentiality breach: risk unlikely.",
        ),
        _t(
            "Opplysningene var kryptert eller hashet etter beste praksis, og nøkkelen er trygg. Den som fikk "
            "tilgang, kan ikke lese dem, så konfidensialitetsbruddet gir neppe risiko.",
            "Opplysningane var krypterte eller hasha etter beste praksis, og nøkkelen er trygg. Den som fekk "
            "tilgang, kan ikkje lese dei, så konfidensialitetsbrotet gir neppe risiko.",
            "The data were encrypted or hashed to the state of the art, and the key is safe. Whoever got "
            "access cannot read them, so the confidentiality breach is unlikely to result in a risk.",
        ),
        "Art. 34(3)(a); EDPB 01/2021 cases 01, 06, 10; EDPB 9/2022 Annex B example 1; LAW.md «Assessing risk»",
        _c_unintelligible,
    ),
    Rule(
        "C_TRUSTED",
        "confidentiality",
        "unlikely",
        _t(
            "Er de eneste mottakerne kjente og pålitelige, og har de slettet opplysningene eller bekreftet at "
            "de ikke brukes? Gjelder ikke ved en bevisst handling for å skade eller ukjente mottakere.",
            "Er dei einaste mottakarane kjende og pålitelege, og har dei sletta opplysningane eller stadfesta at "
            "dei ikkje blir brukte? Gjeld ikkje ved ei medviten handling for å skade eller ukjende mottakarar.",
            "Are the only recipients known and trusted, and have they deleted the data or confirmed they will "
            "not use them? Not with a deliberate act to cause harm or unknown recipients.",
        ),
        _t(
            "Konfidensialitetsbruddet: lite sannsynlig risiko.",
            "Konfidensialitetsbrotet: lite sannsynleg risiko.",
            "Confidentiality breach: risk unlikely.",
        ),
        _t(
            "De eneste mottakerne er kjente og pålitelige, og de har slettet opplysningene eller bekreftet at "
            "de ikke blir brukt. Konfidensialitetsbruddet gir derfor neppe risiko.",
            "Dei einaste mottakarane er kjende og pålitelege, og dei har sletta opplysningane eller stadfesta "
            "at dei ikkje blir brukte. Konfidensialitetsbrotet gir difor neppe risiko.",
            "The only recipients are known and trusted, and they deleted the data or confirmed they will not "
            "use them. The confidentiality breach is therefore unlikely to result in a risk.",
        ),
        "EDPB 01/2021 case 09; EDPB 9/2022 (trusted recipient); LAW.md «Assessing risk»",
        _c_trusted,
    ),
    Rule(
        "C_TRUSTED_NOT_USED",
        "confidentiality",
        "note",
        _t(
            "Er mottakeren oppgitt som pålitelig, men det var en bevisst handling for å skade eller ukjente mottakere?",
            "Er mottakaren oppgitt som påliteleg, men det var ei medviten handling for å skade eller ukjende "
            "mottakarar?",
            "Is the recipient stated to be trusted, but there was a deliberate act to cause harm or unknown "
            "recipients?",
        ),
        _t(
            "Legger ikke vekt på at mottakeren er pålitelig.",
            "Legg ikkje vekt på at mottakaren er påliteleg.",
            "Gives no weight to the trusted recipient.",
        ),
        _t(
            "Mottakerne er oppgitt som pålitelige, men det veier ikke opp for dette: {factors}.",
            "Mottakarane er oppgitte som pålitelege, men det veg ikkje opp for dette: {factors}.",
            "The recipients are stated to be trusted, but that does not outweigh this: {factors}.",
        ),
        "EDPB 01/2021 case 09 (only a trusted recipient); EDPB 9/2022 (malicious intent)",
        _c_trusted_not_used,
    ),
    Rule(
        "C_START",
        "confidentiality",
        "start",
        _t(
            "Hva er ENISA-nivået? Lav gir «lite sannsynlig risiko» som utgangspunkt; middels, høy og svært "
            "høy gir «risiko».",
            "Kva er ENISA-nivået? Låg gir «lite sannsynleg risiko» som utgangspunkt; middels, høg og svært høg "
            "gir «risiko».",
            "What is the ENISA band? Low starts at «risk unlikely»; medium, high and very high start at «risk».",
        ),
        _t("Setter utgangspunktet.", "Set utgangspunktet.", "Sets the starting point."),
        _t(
            "Utgangspunktet for konfidensialitetsbruddet er «{level}», fordi ENISA-alvorlighetsgraden er {band}.",
            "Utgangspunktet for konfidensialitetsbrotet er «{level}», fordi ENISA-alvorsgraden er {band}.",
            "The starting point for the confidentiality breach is «{level}», because the ENISA severity is {band}.",
        ),
        "ENISA 2013 (bands); LAW.md «ENISA severity» (the score is evidence, not the legal test)",
        _c_start,
    ),
    Rule(
        "C_AT_LEAST_RISK",
        "confidentiality",
        "at_least_risk",
        _t(
            "Gjelder det særlige kategorier eller straffeopplysninger, en bevisst handling for å skade, ukjente "
            "mottakere, sårbare personer eller mer enn 100 berørte?",
            "Gjeld det særlege kategoriar eller opplysningar om lovbrot, ei medviten handling for å skade, "
            "ukjende mottakarar, sårbare personar eller meir enn 100 råka?",
            "Are there special-category or criminal-offence data, a deliberate act to cause harm, unknown "
            "recipients, vulnerable people or more than 100 people affected?",
        ),
        _t("Minst «risiko».", "Minst «risiko».", "At least «risk»."),
        _t(
            "Konfidensialitetsbruddet gir minst «risiko» på grunn av {factors}. Da må en regne med at skade kan skje.",
            "Konfidensialitetsbrotet gir minst «risiko» på grunn av {factors}. Då må ein rekne med at skade kan skje.",
            "The confidentiality breach is at least a «risk» because of {factors}. Harm must then be "
            "considered likely.",
        ),
        "EDPB 9/2022 (special categories: damage likely; malice; recipients; vulnerable people; numbers); "
        "EDPB 01/2021 case 08; LAW.md «Assessing risk»",
        _c_at_least_risk,
    ),
    Rule(
        "C_SENSITIVE_AGGRAVATED",
        "confidentiality",
        "high",
        _t(
            "Særlige kategorier eller straffeopplysninger sammen med ukjente mottakere, en bevisst handling for "
            "å skade, sårbare personer eller mer enn 100 berørte?",
            "Særlege kategoriar eller opplysningar om lovbrot saman med ukjende mottakarar, ei medviten "
            "handling for å skade, sårbare personar eller meir enn 100 råka?",
            "Special-category or criminal-offence data together with unknown recipients, a deliberate act to "
            "cause harm, vulnerable people or more than 100 people affected?",
        ),
        _t("Høy risiko.", "Høg risiko.", "High risk."),
        _t(
            "Opplysningene er av de mest følsomme (særlige kategorier eller straffeopplysninger), og saken "
            "gjelder også {factors}. Det gir høy risiko.",
            "Opplysningane er av dei mest følsame (særlege kategoriar eller opplysningar om lovbrot), og saka "
            "gjeld også {factors}. Det gir høg risiko.",
            "The data are of the most sensitive kind (special categories or criminal-offence data), and the "
            "case also involves {factors}. That means a high risk.",
        ),
        "EDPB 01/2021 case 12; EDPB 9/2022 Annex B example 10; LAW.md «Assessing risk»",
        _c_sensitive_aggravated,
    ),
    Rule(
        "C_SERIOUS_EXPOSED",
        "confidentiality",
        "high",
        _t(
            "Er ENISA-nivået minst høyt, har opplysningene kommet til andre, og gjelder det ukjente mottakere, "
            "en bevisst handling for å skade eller sårbare personer?",
            "Er ENISA-nivået minst høgt, har opplysningane kome til andre, og gjeld det ukjende mottakarar, ei "
            "medviten handling for å skade eller sårbare personar?",
            "Is the ENISA band at least high, did the data reach others, and are there unknown recipients, a "
            "deliberate act to cause harm or vulnerable people?",
        ),
        _t("Høy risiko.", "Høg risiko.", "High risk."),
        _t(
            "ENISA-alvorlighetsgraden er {band}, og saken gjelder {factors}. Følgene kan bli alvorlige for de "
            "berørte. Det gir høy risiko.",
            "ENISA-alvorsgraden er {band}, og saka gjeld {factors}. Følgjene kan bli alvorlege for dei råka. "
            "Det gir høg risiko.",
            "The ENISA severity is {band}, and the case involves {factors}. The consequences for the people "
            "can be serious. That means a high risk.",
        ),
        "ENISA 2013 (high: serious difficulties); EDPB 01/2021 cases 07, 17, 18; EDPB 9/2022 Annex B example 6",
        _c_serious_exposed,
    ),
    Rule(
        "C_VOLUME",
        "confidentiality",
        "high",
        _t(
            "Er mer enn 100 berørt, har opplysningene kommet til andre, og er ENISA-nivået minst middels?",
            "Er meir enn 100 råka, har opplysningane kome til andre, og er ENISA-nivået minst middels?",
            "Are more than 100 people affected, did the data reach others, and is the ENISA band at least medium?",
        ),
        _t("Høy risiko.", "Høg risiko.", "High risk."),
        _t(
            "{count} personer er berørt, opplysningene har kommet til andre, og ENISA-alvorlighetsgraden er "
            "{band}. Så mange berørte gir høy risiko.",
            "{count} personar er råka, opplysningane har kome til andre, og ENISA-alvorsgraden er {band}. Så "
            "mange råka gir høg risiko.",
            "{count} people are affected, the data reached others, and the ENISA severity is {band}. So many "
            "people affected means a high risk.",
        ),
        "ENISA 2013 (flag: more than 100 people); EDPB 01/2021 cases 05, 11, 14",
        _c_volume,
    ),
    Rule(
        "C_FRAUD",
        "confidentiality",
        "high",
        _t(
            "Er ENISA-nivået svært høyt, og kan opplysningene brukes til identitetstyveri eller svindel?",
            "Er ENISA-nivået svært høgt, og kan opplysningane brukast til identitetstjuveri eller svindel?",
            "Is the ENISA band very high, and can the data be used for identity theft or fraud?",
        ),
        _t("Høy risiko.", "Høg risiko.", "High risk."),
        _t(
            "ENISA-alvorlighetsgraden er svært høy, og opplysningene ({categories}) kan brukes til "
            "identitetstyveri eller svindel. Det gir høy risiko.",
            "ENISA-alvorsgraden er svært høg, og opplysningane ({categories}) kan brukast til identitetstjuveri "
            "eller svindel. Det gir høg risiko.",
            "The ENISA severity is very high, and the data ({categories}) can be used for identity theft or "
            "fraud. That means a high risk.",
        ),
        "Recital 85; ENISA 2013 (very high); EDPB 01/2021 cases 04, 07",
        _c_fraud,
    ),
    Rule(
        "C_PUBLIC",
        "confidentiality",
        "lower",
        _t(
            "Var de samme opplysningene allerede lovlig offentlige?",
            "Var dei same opplysningane alt lovleg offentlege?",
            "Were the same data already lawfully public?",
        ),
        _t(
            "Senker konfidensialitetsbruddet ett trinn.",
            "Senkar konfidensialitetsbrotet eitt steg.",
            "Lowers the confidentiality breach one step.",
        ),
        _t(
            "De samme opplysningene var allerede lovlig offentlige. Det senker risikoen ved "
            "konfidensialitetsbruddet ett trinn.",
            "Dei same opplysningane var alt lovleg offentlege. Det senkar risikoen ved konfidensialitetsbrotet "
            "eitt steg.",
            "The same data were already lawfully public. That lowers the risk of the confidentiality breach "
            "by one step.",
        ),
        "EDPB 9/2022 (data already publicly available); ENISA 2013 (public data lower the score); "
        "LAW.md «Assessing risk»",
        _c_public,
    ),
    # Integrity
    Rule(
        "I_NO_MISUSE",
        "integrity",
        "unlikely",
        _t(
            "Ble opplysningene endret uten å bli misbrukt, og er de rettet opp?",
            "Vart opplysningane endra utan å bli misbrukte, og er dei retta opp?",
            "Were the data altered without being misused, and have they been put right?",
        ),
        _t(
            "Integritetsbruddet: lite sannsynlig risiko.",
            "Integritetsbrotet: lite sannsynleg risiko.",
            "Integrity breach: risk unlikely.",
        ),
        _t(
            "Opplysningene ble endret, men ikke misbrukt, og de er rettet opp. Integritetsbruddet gir neppe risiko.",
            "Opplysningane vart endra, men ikkje misbrukte, og dei er retta opp. Integritetsbrotet gir neppe risiko.",
            "The data were altered but not misused, and they have been put right. The integrity breach is "
            "unlikely to result in a risk.",
        ),
        "ENISA 2013 (integrity: 0 points); EDPB 01/2021 case 01",
        _i_no_misuse,
    ),
    Rule(
        "I_MISUSE",
        "integrity",
        "at_least_risk",
        _t(
            "Kan endrede opplysninger ha blitt brukt?",
            "Kan endra opplysningar ha blitt brukte?",
            "May altered data have been used?",
        ),
        _t("Minst «risiko».", "Minst «risiko».", "At least «risk»."),
        _t(
            "Opplysninger ble endret og kan ha blitt brukt i endret form ({impact}). Integritetsbruddet gir "
            "minst «risiko».",
            "Opplysningar vart endra og kan ha blitt brukte i endra form ({impact}). Integritetsbrotet gir "
            "minst «risiko».",
            "Data were altered and may have been used in their altered form ({impact}). The integrity breach "
            "is at least a «risk».",
        ),
        "ENISA 2013 (integrity: +0.25 / +0.5); LAW.md «Assessing risk»",
        _i_misuse,
    ),
    Rule(
        "I_SERIOUS",
        "integrity",
        "high",
        _t(
            "Kan endrede opplysninger ha blitt brukt, med ENISA-nivå svært høyt, eller høyt når feilen ikke kan "
            "rettes?",
            "Kan endra opplysningar ha blitt brukte, med ENISA-nivå svært høgt, eller høgt når feilen ikkje kan "
            "rettast?",
            "May altered data have been used, with a very high ENISA band, or high when the damage cannot be "
            "put right?",
        ),
        _t("Høy risiko.", "Høg risiko.", "High risk."),
        _t(
            "Endrede opplysninger kan ha blitt brukt ({impact}), og ENISA-alvorlighetsgraden er {band}. Feil "
            "opplysninger kan da få alvorlige følger, for eksempel feil behandling eller tap av penger. Det gir "
            "høy risiko.",
            "Endra opplysningar kan ha blitt brukte ({impact}), og ENISA-alvorsgraden er {band}. Feil "
            "opplysningar kan då få alvorlege følgjer, til dømes feil behandling eller tap av pengar. Det gir "
            "høg risiko.",
            "Altered data may have been used ({impact}), and the ENISA severity is {band}. Wrong data can then "
            "have serious consequences, such as wrong treatment or loss of money. That means a high risk.",
        ),
        "Recital 85; ENISA 2013 (high and very high bands)",
        _i_serious,
    ),
    # Availability
    Rule(
        "A_RECOVERABLE",
        "availability",
        "unlikely",
        _t(
            "Kunne opplysningene hentes fram igjen uten problemer, for eksempel fra sikkerhetskopi?",
            "Kunne opplysningane hentast fram att utan problem, til dømes frå tryggingskopi?",
            "Could the data be restored without difficulty, for example from a backup?",
        ),
        _t(
            "Tilgjengelighetsbruddet: lite sannsynlig risiko.",
            "Tilgjengebrotet: lite sannsynleg risiko.",
            "Availability breach: risk unlikely.",
        ),
        _t(
            "Opplysningene kunne hentes fram igjen uten problemer, for eksempel fra sikkerhetskopi. Et kort "
            "avbrudd uten varige følger gir neppe risiko.",
            "Opplysningane kunne hentast fram att utan problem, til dømes frå tryggingskopi. Eit kort avbrot "
            "utan varige følgjer gir neppe risiko.",
            "The data could be restored without difficulty, for example from a backup. A brief outage with no "
            "lasting effect is unlikely to result in a risk.",
        ),
        "EDPB 01/2021 case 01; EDPB 9/2022 Annex B example 3; ENISA 2013 (availability: 0 points)",
        _a_recoverable,
    ),
    Rule(
        "A_ENCRYPTED_NO_HELP",
        "availability",
        "note",
        _t(
            "Var opplysningene kryptert, men er de utilgjengelige eller tapt?",
            "Var opplysningane krypterte, men er dei utilgjengelege eller tapte?",
            "Were the data encrypted, but are they unavailable or lost?",
        ),
        _t(
            "Krypteringen teller ikke for tilgjengeligheten.",
            "Krypteringa tel ikkje for tilgjenget.",
            "Encryption does not count for availability.",
        ),
        _t(
            "Krypteringen hindrer at andre kan lese opplysningene, men den hjelper ikke når dere selv har "
            "mistet tilgangen. Tilgjengelighetsbruddet vurderes for seg.",
            "Krypteringa hindrar at andre kan lese opplysningane, men ho hjelper ikkje når de sjølve har mista "
            "tilgangen. Tilgjengebrotet blir vurdert for seg.",
            "Encryption stops others from reading the data, but it does not help when you yourselves have "
            "lost access. The availability breach is assessed on its own.",
        ),
        "Art. 34(3)(a) covers unintelligible data only; EDPB 01/2021 cases 01 and 02",
        _a_encrypted_no_help,
    ),
    Rule(
        "A_LOSS",
        "availability",
        "at_least_risk",
        _t(
            "Var opplysningene midlertidig utilgjengelige eller tapt for godt?",
            "Var opplysningane mellombels utilgjengelege eller tapte for godt?",
            "Were the data temporarily unavailable or lost for good?",
        ),
        _t("Minst «risiko».", "Minst «risiko».", "At least «risk»."),
        _t(
            "Opplysningene var {impact}. Det kan ramme de berørte, for eksempel når de ikke får tjenester, "
            "lønn eller svar de trenger. Tilgjengelighetsbruddet gir minst «risiko».",
            "Opplysningane var {impact}. Det kan råke dei det gjeld, til dømes når dei ikkje får tenester, løn "
            "eller svar dei treng. Tilgjengebrotet gir minst «risiko».",
            "The data were {impact}. That can hurt the people, for example when they do not get services, pay "
            "or answers they need. The availability breach is at least a «risk».",
        ),
        "EDPB 01/2021 case 02; EDPB 9/2022 Annex B example 4; ENISA 2013 (availability: +0.25 / +0.5)",
        _a_loss,
    ),
    Rule(
        "A_CRITICAL",
        "availability",
        "high",
        _t(
            "Er sårbare personer avhengige av opplysninger som var utilgjengelige, når det gjelder særlige "
            "kategorier (som helse) eller opplysningene er tapt for godt?",
            "Er sårbare personar avhengige av opplysningar som var utilgjengelege, når det gjeld særlege "
            "kategoriar (som helse) eller opplysningane er tapte for godt?",
            "Do vulnerable people depend on data that were unavailable, where they are special-category data "
            "(such as health) or were lost for good?",
        ),
        _t("Høy risiko.", "Høg risiko.", "High risk."),
        _t(
            "Sårbare personer, som pasienter, er avhengige av opplysningene, og opplysningene var {impact}. "
            "Det kan ramme liv og helse, for eksempel når operasjoner må avlyses. Det gir høy risiko.",
            "Sårbare personar, som pasientar, er avhengige av opplysningane, og opplysningane var {impact}. Det "
            "kan råke liv og helse, til dømes når operasjonar må avlysast. Det gir høg risiko.",
            "Vulnerable people, such as patients, depend on the data, and the data were {impact}. That can "
            "affect life and health, for example when operations must be cancelled. That means a high risk.",
        ),
        "EDPB 01/2021 case 03; EDPB 9/2022 Annex B example 8",
        _a_critical,
    ),
    # Outcome
    Rule(
        "LEVEL_UNLIKELY",
        "outcome",
        "outcome",
        _t(
            "Er alle delene av bruddet «lite sannsynlig risiko»?",
            "Er alle delane av brotet «lite sannsynleg risiko»?",
            "Is every part of the breach «risk unlikely»?",
        ),
        _t(
            "Ikke meld til Datatilsynet; dokumenter.",
            "Ikkje meld til Datatilsynet; dokumenter.",
            "Do not notify Datatilsynet; document.",
        ),
        _t(
            "Samlet: bruddet gir neppe risiko for personene. Dere trenger ikke melde det til Datatilsynet, men "
            "dere må dokumentere bruddet og begrunne vurderingen (artikkel 33 nr. 5).",
            "Samla: brotet gir neppe risiko for personane. De treng ikkje melde det til Datatilsynet, men de "
            "må dokumentere brotet og grunngi vurderinga (artikkel 33 nr. 5).",
            "Overall: the breach is unlikely to result in a risk to the people. You need not notify "
            "Datatilsynet, but you must document the breach and the reasons for your assessment (art. 33(5)).",
        ),
        "Art. 33(1) and 33(5)",
    ),
    Rule(
        "LEVEL_RISK",
        "outcome",
        "outcome",
        _t(
            "Er den verste delen av bruddet «risiko»?",
            "Er den verste delen av brotet «risiko»?",
            "Is the worst part of the breach «risk»?",
        ),
        _t(
            "Meld til Datatilsynet innen 72 timer.",
            "Meld til Datatilsynet innan 72 timar.",
            "Notify Datatilsynet within 72 hours.",
        ),
        _t(
            "Samlet: bruddet kan gi risiko for personene. Meld det til Datatilsynet uten ugrunnet opphold og "
            "senest 72 timer etter at dere ble klar over det (artikkel 33 nr. 1). Risikoen er ikke høy, så de "
            "berørte trenger ikke varsles (artikkel 34 nr. 1).",
            "Samla: brotet kan gi risiko for personane. Meld det til Datatilsynet utan unødig opphald og "
            "seinast 72 timar etter at de vart klar over det (artikkel 33 nr. 1). Risikoen er ikkje høg, så "
            "dei råka treng ikkje varslast (artikkel 34 nr. 1).",
            "Overall: the breach may result in a risk to the people. Notify Datatilsynet without undue delay "
            "and within 72 hours of becoming aware of it (art. 33(1)). The risk is not high, so the people "
            "need not be told (art. 34(1)).",
        ),
        "Art. 33(1); art. 34(1)",
    ),
    Rule(
        "LEVEL_HIGH",
        "outcome",
        "outcome",
        _t(
            "Er den verste delen av bruddet «høy risiko»?",
            "Er den verste delen av brotet «høg risiko»?",
            "Is the worst part of the breach «high risk»?",
        ),
        _t(
            "Meld til Datatilsynet, og varsle de berørte.",
            "Meld til Datatilsynet, og varsle dei råka.",
            "Notify Datatilsynet, and tell the people.",
        ),
        _t(
            "Samlet: bruddet kan gi høy risiko for personene. Meld det til Datatilsynet uten ugrunnet opphold "
            "og senest innen 72 timer (artikkel 33 nr. 1). De berørte skal ha beskjed uten ugrunnet opphold, "
            "så de kan beskytte seg, med mindre et unntak i artikkel 34 nr. 3 gjelder.",
            "Samla: brotet kan gi høg risiko for personane. Meld det til Datatilsynet utan unødig opphald og "
            "seinast innan 72 timar (artikkel 33 nr. 1). Dei råka skal ha beskjed utan unødig opphald, så dei "
            "kan verne seg, med mindre eit unntak i artikkel 34 nr. 3 gjeld.",
            "Overall: the breach may result in a high risk to the people. Notify Datatilsynet without undue "
            "delay and within 72 hours (art. 33(1)). The people must be told without undue delay so they can "
            "protect themselves, unless an exemption in art. 34(3) applies.",
        ),
        "Art. 33(1); art. 34(1)",
    ),
    # Exemptions
    Rule(
        "EX_34_3_A",
        "exemption",
        "exemption",
        _t(
            "Ville konfidensialitetsbruddet gitt høy risiko uten krypteringen?",
            "Ville konfidensialitetsbrotet gitt høg risiko utan krypteringa?",
            "Would the confidentiality breach be a high risk without the encryption?",
        ),
        _t(
            "Unntak a: de berørte trenger ikke varsles.",
            "Unntak a: dei råka treng ikkje varslast.",
            "Exemption (a): the people need not be told.",
        ),
        _t(
            "Uten krypteringen ville konfidensialitetsbruddet gitt høy risiko. Opplysningene er uleselige for "
            "uvedkommende, så de berørte trenger ikke varsles (artikkel 34 nr. 3 bokstav a).",
            "Utan krypteringa ville konfidensialitetsbrotet gitt høg risiko. Opplysningane er uleselege for "
            "uvedkomande, så dei råka treng ikkje varslast (artikkel 34 nr. 3 bokstav a).",
            "Without the encryption, the confidentiality breach would be a high risk. The data are "
            "unintelligible to anyone unauthorised, so the people need not be told (art. 34(3)(a)).",
        ),
        "Art. 34(3)(a); EDPB 9/2022 Annex B example 1",
    ),
    Rule(
        "EX_34_3_B",
        "exemption",
        "exemption",
        _t(
            "Høy risiko, men gjør senere tiltak at den høye risikoen ikke lenger er sannsynlig?",
            "Høg risiko, men gjer seinare tiltak at den høge risikoen ikkje lenger er sannsynleg?",
            "High risk, but do later measures make the high risk no longer likely?",
        ),
        _t(
            "Unntak b: de berørte trenger ikke varsles.",
            "Unntak b: dei råka treng ikkje varslast.",
            "Exemption (b): the people need not be told.",
        ),
        _t(
            "Tiltak etter bruddet gjør at den høye risikoen ikke lenger er sannsynlig. De berørte trenger derfor "
            "ikke varsles (artikkel 34 nr. 3 bokstav b). Skriv ned hvilke tiltak det er, og hvorfor de virker.",
            "Tiltak etter brotet gjer at den høge risikoen ikkje lenger er sannsynleg. Dei råka treng difor "
            "ikkje varslast (artikkel 34 nr. 3 bokstav b). Skriv ned kva tiltak det er, og kvifor dei verkar.",
            "Measures taken after the breach mean the high risk is no longer likely to materialise. The people "
            "therefore need not be told (art. 34(3)(b)). Write down which measures these are and why they work.",
        ),
        "Art. 34(3)(b)",
    ),
    Rule(
        "EX_34_3_C",
        "exemption",
        "exemption",
        _t(
            "Høy risiko, men vil det kreve uforholdsmessig stor innsats å nå hver enkelt?",
            "Høg risiko, men vil det krevje uforholdsmessig stor innsats å nå kvar enkelt?",
            "High risk, but would reaching each person take disproportionate effort?",
        ),
        _t(
            "Unntak c: offentlig melding i stedet.",
            "Unntak c: offentleg melding i staden.",
            "Exemption (c): a public notice instead.",
        ),
        _t(
            "Det vil kreve uforholdsmessig stor innsats å gi beskjed til hver enkelt. Gi i stedet en offentlig "
            "melding som når de berørte like godt (artikkel 34 nr. 3 bokstav c). Unntaket skal ikke brukes "
            "rutinemessig: skriv ned avveiningen.",
            "Det vil krevje uforholdsmessig stor innsats å gi beskjed til kvar enkelt. Gi i staden ei "
            "offentleg melding som når dei råka like godt (artikkel 34 nr. 3 bokstav c). Unntaket skal ikkje "
            "brukast rutinemessig: skriv ned avveginga.",
            "Telling each person directly would take disproportionate effort. Publish a public notice instead "
            "that reaches the people just as well (art. 34(3)(c)). The exemption must not be used routinely: "
            "write down the balancing.",
        ),
        "Art. 34(3)(c); LAW.md «Art. 34»",
    ),
    Rule(
        "EX_NOT_NEEDED",
        "exemption",
        "note",
        _t(
            "Er et unntak oppgitt, men risikoen er ikke høy?",
            "Er eit unntak oppgitt, men risikoen er ikkje høg?",
            "Is an exemption given, but the risk is not high?",
        ),
        _t("Bruker ikke unntaket.", "Brukar ikkje unntaket.", "Does not use the exemption."),
        _t(
            "Et unntak fra varsling (artikkel 34 nr. 3) er oppgitt, men trengs ikke: risikoen er ikke høy, så "
            "de berørte skal uansett ikke varsles.",
            "Eit unntak frå varsling (artikkel 34 nr. 3) er oppgitt, men trengst ikkje: risikoen er ikkje høg, "
            "så dei råka skal uansett ikkje varslast.",
            "An exemption from telling the people (art. 34(3)) was given, but is not needed: the risk is not "
            "high, so the people need not be told anyway.",
        ),
        "Art. 34(1) and 34(3)",
    ),
)

RULES_BY_CODE: Final[Mapping[str, Rule]] = {rule.code: rule for rule in RULES}
_RULES_BY_PART: Final[Mapping[str, tuple[Rule, ...]]] = {
    part: tuple(rule for rule in RULES if rule.part == part) for part in PART_LABELS
}

# How a parameter is shown, by its name.
_PARAM_LABELS: Final[Mapping[str, Mapping[str, Text]]] = {
    "band": BAND_LABELS,
    "level": LEVEL_LABELS,
    "category": CATEGORY_LABELS,
    "categories": CATEGORY_LABELS,
    "factors": FACTOR_LABELS,
    "impact": VALUE_LABELS,
    "values": VALUE_LABELS,
    "types": BREACH_TYPE_LABELS,
}


def _render_param(name: str, value: ParamValue, language: str) -> str:
    labels = _PARAM_LABELS.get(name)
    if isinstance(value, tuple):
        return _join([_label(labels, item, language) if labels else item for item in value], language)
    if isinstance(value, bool):  # not expected, but never shown as 1/0
        return str(value).lower()
    if isinstance(value, float):
        return _number(value, language)
    if isinstance(value, int):
        if name == "count":
            return _count(value, language)
        if name == "adjustment":
            return f"{value:+d}"
        return str(value)
    if labels:
        return _label(labels, value, language) if value else "–"
    return value


def render_reason(reason: Reason, language: str = "nb") -> str:
    """One reason as a plain sentence in nb, nn or en (anything else: nb)."""
    lang = normalize_language(language)
    rule = RULES_BY_CODE[reason.code]
    values = {name: _render_param(name, value, lang) for name, value in reason.params}
    return rule.text[lang].format(**values)


# --------------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Severity:
    """ENISA's severity: SE = DPC × EI + CB, and its band."""

    dpc: int
    ei: float
    cb: float
    score: float
    band: str


@dataclass(frozen=True)
class Recommendation:
    """The risk assessment's output (CONTRACT.md «Recommendation»). ``levels_by_breach_type``
    shows how each part of the breach was assessed; it is not part of the JSON contract."""

    severity: Severity
    risk_level: str
    notify_authority: bool
    notify_data_subjects: bool
    public_communication: bool
    exemption: str | None
    flags: tuple[str, ...]
    reasons: tuple[Reason, ...]
    levels_by_breach_type: tuple[tuple[str, str], ...] = ()


def _band(score: float) -> str:
    if score < 2:
        return "low"
    if score < 3:
        return "medium"
    if score < 4:
        return "high"
    return "very_high"


def _element(facts: Facts, kind: str, types: frozenset[str]) -> str | None:
    """The value a present breach type is assessed with. A missing value is assumed to be the
    worst (we cannot rule it out) - except that trusted recipients are by definition known."""
    if kind not in types:
        return None
    name, vocabulary = ELEMENT_FIELDS[kind]
    value = getattr(facts, name)
    if value is not None:
        return str(value)
    if kind == "confidentiality" and facts.recipient_trusted:
        return "known_recipients"
    return vocabulary[-1]


def _context(facts: Facts) -> _Context:
    types = frozenset(facts.breach_types)
    categories = frozenset(facts.data_categories)
    # DPC: the highest score among the categories present (first in vocabulary order on a tie).
    top_category, base = "", DPC_MIN
    for code in DATA_CATEGORIES:
        if code in categories and (not top_category or CATEGORY_SCORES[code].score > base):
            top_category, base = code, CATEGORY_SCORES[code].score
    dpc = min(DPC_MAX, max(DPC_MIN, base + facts.dpc_adjustment))
    ei = IDENTIFIABILITY[facts.identifiability or IDENTIFIABILITY_DEFAULT]
    exposure = _element(facts, "confidentiality", types)
    integrity = _element(facts, "integrity", types)
    availability = _element(facts, "availability", types)
    cb = 0.0
    for kind, value in (("confidentiality", exposure), ("integrity", integrity), ("availability", availability)):
        if value is not None:
            cb += CB_POINTS[kind][value]
    if facts.malicious:
        cb += MALICIOUS_POINTS
    score = round(dpc * ei + cb, 2)
    count = facts.subjects_count
    return _Context(
        facts=facts,
        types=types,
        categories=categories,
        top_category=top_category,
        base=base,
        dpc=dpc,
        ei=ei,
        cb=round(cb, 2),
        score=score,
        band=_band(score),
        exposure=exposure,
        integrity=integrity,
        availability=availability,
        sensitive=any(code in categories for code in SENSITIVE_CATEGORIES),
        fraud_categories=tuple(code for code in FRAUD_CATEGORIES if code in categories),
        over_100=count is not None and count > SUBJECTS_FLAG_THRESHOLD,
    )


def _rank(level: str) -> int:
    return RISK_LEVELS.index(level)


def _notes(part: str, ctx: _Context) -> list[Reason]:
    reasons = []
    for rule in _RULES_BY_PART[part]:
        params = rule.test(ctx) if rule.test else None
        if params is not None:
            reasons.append(Reason.of(rule.code, params))
    return reasons


def _assess(part: str, ctx: _Context, skip: frozenset[str] = frozenset()) -> tuple[str, list[Reason]]:
    """Run one breach type's rules in table order. A rule with effect ``unlikely`` clears the
    part and stops; the others set the start, lift, or lower the level."""
    level = "unlikely"
    reasons: list[Reason] = []
    for rule in _RULES_BY_PART[part]:
        if rule.test is None or rule.code in skip:
            continue
        params = rule.test(ctx)
        if params is None:
            continue
        reasons.append(Reason.of(rule.code, params))
        if rule.effect == "unlikely":
            return "unlikely", reasons
        if rule.effect == "start":
            level = str(params["level"])
        elif rule.effect == "at_least_risk":
            level = RISK_LEVELS[max(_rank(level), _rank("risk"))]
        elif rule.effect == "high":
            level = "high"
        elif rule.effect == "lower":
            level = RISK_LEVELS[max(0, _rank(level) - 1)]
    return level, reasons


def evaluate(facts: Facts) -> Recommendation:
    """Recommend what to do about a breach (art. 33-34). Pure and deterministic.

    Art. 33(1): notify Datatilsynet unless the breach is unlikely to result in a risk.
    Art. 34(1): tell the people when it is likely to result in a high risk, unless art. 34(3)
    applies: (a) the data are unintelligible to anyone unauthorised, (b) later measures make the
    high risk unlikely, (c) reaching everyone would take disproportionate effort - then a public
    communication instead.
    """
    ctx = _context(facts)
    reasons: list[Reason] = _notes("severity", ctx) + _notes("assumption", ctx)

    levels: list[tuple[str, str]] = []
    for kind in BREACH_TYPES:
        if kind in ctx.types:
            level, part_reasons = _assess(kind, ctx)
            levels.append((kind, level))
            reasons.extend(part_reasons)
    risk_level = max((level for _kind, level in levels), key=_rank, default="unlikely")
    reasons.append(Reason.of({"unlikely": "LEVEL_UNLIKELY", "risk": "LEVEL_RISK", "high": "LEVEL_HIGH"}[risk_level]))

    exemption: str | None = None
    if risk_level == "high":
        # (b) before (c): a measure that removes the high risk needs no communication at all,
        # (c) still needs a public one.
        if facts.measures_remove_high_risk:
            exemption = "34_3_b"
        elif facts.disproportionate_effort:
            exemption = "34_3_c"
    else:
        # 34(3)(a) only matters where confidentiality is at stake: would the disclosure have been
        # a high risk had the data been readable? Then encryption is the documented ground for not
        # telling the people (art. 33(5)). It never covers loss of availability or integrity.
        if "confidentiality" in ctx.types and facts.data_unintelligible:
            raw_level, _raw_reasons = _assess("confidentiality", ctx, skip=frozenset({"C_UNINTELLIGIBLE"}))
            if raw_level == "high":
                exemption = "34_3_a"
        if exemption is None and (facts.measures_remove_high_risk or facts.disproportionate_effort):
            reasons.append(Reason.of("EX_NOT_NEEDED"))
    if exemption is not None:
        reasons.append(Reason.of("EX_" + exemption.upper()))

    flags: list[str] = []
    if ctx.over_100:
        flags.append("over_100_subjects")
    if facts.data_unintelligible:
        flags.append("data_unintelligible")

    return Recommendation(
        severity=Severity(dpc=ctx.dpc, ei=ctx.ei, cb=ctx.cb, score=ctx.score, band=ctx.band),
        risk_level=risk_level,
        notify_authority=risk_level in {"risk", "high"},
        notify_data_subjects=risk_level == "high" and exemption is None,
        public_communication=exemption == "34_3_c",
        exemption=exemption,
        flags=tuple(flags),
        reasons=tuple(reasons),
        levels_by_breach_type=tuple(levels),
    )


def recommendation_to_dict(rec: Recommendation, language: str = "nb") -> dict[str, object]:
    """CONTRACT.md's Recommendation JSON, with the reasons as sentences in nb, nn or en."""
    return {
        "severity": {
            "dpc": rec.severity.dpc,
            "ei": rec.severity.ei,
            "cb": rec.severity.cb,
            "score": rec.severity.score,
            "band": rec.severity.band,
        },
        "risk_level": rec.risk_level,
        "notify_authority": rec.notify_authority,
        "notify_data_subjects": rec.notify_data_subjects,
        "public_communication": rec.public_communication,
        "exemption": rec.exemption,
        "flags": list(rec.flags),
        "reasons": [render_reason(reason, language) for reason in rec.reasons],
    }


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
            "source": rule.source,
        }
        for rule in RULES
    ]


_ENISA_TEXT: Final[Mapping[str, Text]] = {
    "intro": _t(
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
    "malicious": _t("Bevisst handling for å skade", "Medviten handling for å skade", "Deliberate act to cause harm"),
    "over_100_subjects": _t(
        "Mer enn 100 personer er berørt. Endrer ikke poengsummen.",
        "Meir enn 100 personar er råka. Endrar ikkje poengsummen.",
        "More than 100 people are affected. Does not change the score.",
    ),
    "data_unintelligible": _t(
        "Opplysningene er uleselige for uvedkommende (kryptert, nøkkelen trygg). Endrer ikke poengsummen.",
        "Opplysningane er uleselege for uvedkomande (krypterte, nøkkelen trygg). Endrar ikkje poengsummen.",
        "The data are unintelligible to anyone unauthorised (encrypted, key safe). Does not change the score.",
    ),
}

_CB_TEXT: Final[Mapping[str, Text]] = {
    "no_evidence": _t(
        "Opplysningene var eksponert, men ingen tegn på ulovlig bruk (for eksempel tapt i posten).",
        "Opplysningane var eksponerte, men ingen teikn på ulovleg bruk (til dømes tapte i posten).",
        "Exposed, with no evidence of unlawful processing (for example lost in transit).",
    ),
    "known_recipients": _t(
        "Utlevert til et kjent antall mottakere.",
        "Utleverte til eit kjent tal på mottakarar.",
        "Disclosed to a known number of recipients.",
    ),
    "unknown_recipients": _t(
        "Utlevert til et ukjent antall (åpent på nettet, solgt, ukjent tyv).",
        "Utleverte til eit ukjent tal (ope på nettet, selt, ukjend tjuv).",
        "Disclosed to an unknown number (public web, sold, unknown thief).",
    ),
    "no_misuse": _t(
        "Endret, ikke misbrukt, gjenopprettet.",
        "Endra, ikkje misbrukt, retta opp att.",
        "Altered, not misused, recovered.",
    ),
    "misused_recoverable": _t(
        "Endret og kanskje misbrukt, kan gjenopprettes.",
        "Endra og kanskje misbrukt, kan rettast opp att.",
        "Altered and possibly misused, recoverable.",
    ),
    "misused_unrecoverable": _t(
        "Endret og kanskje misbrukt, kan ikke gjenopprettes.",
        "Endra og kanskje misbrukt, kan ikkje rettast opp att.",
        "Altered and possibly misused, not recoverable.",
    ),
    "recoverable": _t(
        "Kan hentes fram igjen uten problemer (en annen kopi finnes).",
        "Kan hentast fram att utan problem (ein annan kopi finst).",
        "Recoverable without difficulty (another copy exists).",
    ),
    "temporary": _t("Midlertidig utilgjengelig.", "Mellombels utilgjengeleg.", "Temporarily unavailable."),
    "permanent": _t(
        "Helt utilgjengelig, uten sikkerhetskopi.",
        "Heilt utilgjengeleg, utan tryggingskopi.",
        "Fully unavailable, no backup.",
    ),
}

_BAND_TEXT: Final[Mapping[str, tuple[str, Text]]] = {
    "low": (
        "< 2",
        _t(
            "Noen få ulemper som de berørte kommer over uten problemer.",
            "Nokre få ulemper som dei råka kjem over utan problem.",
            "A few inconveniences, overcome without any problem.",
        ),
    ),
    "medium": (
        "2–3",
        _t(
            "Betydelige ulemper som de berørte kommer over med noen vansker.",
            "Monalege ulemper som dei råka kjem over med nokre vanskar.",
            "Significant inconveniences, overcome with a few difficulties.",
        ),
    ),
    "high": (
        "3–4",
        _t(
            "Betydelige følger som de berørte kommer over, men med alvorlige vansker.",
            "Monalege følgjer som dei råka kjem over, men med alvorlege vanskar.",
            "Significant consequences, overcome albeit with serious difficulties.",
        ),
    ),
    "very_high": (
        "≥ 4",
        _t(
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
