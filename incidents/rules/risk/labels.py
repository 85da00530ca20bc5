"""What each code is called in bokmål, nynorsk and English, and how values are written in a sentence."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from incidents.rules.risk.vocabulary import DEFAULT_LANGUAGE, Text, t

# --------------------------------------------------------------------------------------------
# Labels for codes, per language (used in reasons, errors and the tables).
# --------------------------------------------------------------------------------------------

CATEGORY_LABELS: Final[Mapping[str, Text]] = {
    "basic": t(
        "vanlige personopplysninger (navn, kontaktopplysninger, fødselsdato, utdanning, arbeid)",
        "vanlege personopplysningar (namn, kontaktopplysningar, fødselsdato, utdanning, arbeid)",
        "basic personal data (name, contact details, date of birth, education, work)",
    ),
    "national_id": t(
        "fødselsnummer, D-nummer eller passnummer",
        "fødselsnummer, D-nummer eller passnummer",
        "national identity or passport numbers",
    ),
    "credentials": t(
        "brukernavn og passord",
        "brukarnamn og passord",
        "user names and passwords",
    ),
    "financial": t("økonomiske opplysninger", "økonomiske opplysningar", "financial data"),
    "payment_card": t("betalingskortopplysninger", "betalingskortopplysningar", "payment card data"),
    "behavioural": t(
        "opplysninger om vaner og preferanser",
        "opplysningar om vanar og preferansar",
        "data about habits and preferences",
    ),
    "location": t("opplysninger om hvor personer er", "opplysningar om kvar personar er", "location data"),
    "communication": t(
        "opplysninger om kommunikasjon (e-post, meldinger, samtaler)",
        "opplysningar om kommunikasjon (e-post, meldingar, samtalar)",
        "communications data (e-mail, messages, calls)",
    ),
    "official_documents": t(
        "kopier av pass, førerkort eller ID-kort",
        "kopiar av pass, førarkort eller ID-kort",
        "copies of passports, driving licences or ID cards",
    ),
    "special": t(
        "særlige kategorier (helse, etnisitet, religion, politisk syn, fagforening, seksualliv, genetikk, biometri)",
        "særlege kategoriar (helse, etnisitet, religion, politisk syn, fagforeining, seksualliv, genetikk, biometri)",
        "special categories (health, ethnic origin, religion, political views, union membership, sex life, "
        "genetic, biometric)",
    ),
    "criminal": t(
        "opplysninger om straffedommer og lovovertredelser",
        "opplysningar om straffedommar og lovbrot",
        "data on criminal convictions and offences",
    ),
    # Not a category of the facts: ordinary data whose context reveals art. 9 or 10 facts.
    "context_special": t(
        "vanlige opplysninger der sammenhengen avslører særlige kategorier eller straffeopplysninger",
        "vanlege opplysningar der samanhengen avslører særlege kategoriar eller opplysningar om lovbrot",
        "ordinary data whose context reveals special-category or criminal-offence facts",
    ),
}

BREACH_TYPE_LABELS: Final[Mapping[str, Text]] = {
    "confidentiality": t("konfidensialitet", "konfidensialitet", "confidentiality"),
    "integrity": t("integritet", "integritet", "integrity"),
    "availability": t("tilgjengelighet", "tilgjenge", "availability"),
}

LEVEL_LABELS: Final[Mapping[str, Text]] = {
    "unlikely": t("lite sannsynlig risiko", "lite sannsynleg risiko", "risk unlikely"),
    "risk": t("risiko", "risiko", "risk"),
    "high": t("høy risiko", "høg risiko", "high risk"),
}

BAND_LABELS: Final[Mapping[str, Text]] = {
    "low": t("lav", "låg", "low"),
    "medium": t("middels", "middels", "medium"),
    "high": t("høy", "høg", "high"),
    "very_high": t("svært høy", "svært høg", "very high"),
}

VALUE_LABELS: Final[Mapping[str, Text]] = {
    "no_evidence": t(
        "ingen tegn på at noen har sett eller brukt opplysningene",
        "ingen teikn på at nokon har sett eller brukt opplysningane",
        "no sign that anyone has seen or used the data",
    ),
    "known_recipients": t("kjente mottakere", "kjende mottakarar", "known recipients"),
    "unknown_recipients": t("ukjente mottakere", "ukjende mottakarar", "unknown recipients"),
    "no_misuse": t(
        "endret, men ikke misbrukt, og rettet opp",
        "endra, men ikkje misbrukt, og retta opp",
        "altered, but not misused, and put right",
    ),
    "misused_recoverable": t(
        "endret og kanskje misbrukt, men kan rettes opp",
        "endra og kanskje misbrukt, men kan rettast opp",
        "altered and possibly misused, but can be put right",
    ),
    "misused_unrecoverable": t(
        "endret og kanskje misbrukt, og kan ikke rettes opp",
        "endra og kanskje misbrukt, og kan ikkje rettast opp",
        "altered and possibly misused, and cannot be put right",
    ),
    "recoverable": t(
        "mulige å hente fram igjen uten problemer",
        "moglege å hente fram att utan problem",
        "possible to restore without difficulty",
    ),
    "temporary": t("midlertidig utilgjengelige", "mellombels utilgjengelege", "temporarily unavailable"),
    "permanent": t("tapt for godt, uten kopi", "tapte for godt, utan kopi", "lost for good, with no copy"),
    "ruled_out": t(
        "utelukket: logger eller undersøkelser viser at ingenting ble kopiert ut",
        "utelukka: loggar eller undersøkingar viser at ingenting vart kopiert ut",
        "ruled out: logs or an investigation show that nothing was copied out",
    ),
    "unknown": t(
        "ukjent: ikke undersøkt ennå, eller det finnes ikke logger som kan vise det",
        "ukjend: ikkje undersøkt enno, eller det finst ikkje loggar som kan vise det",
        "unknown: not investigated yet, or there are no logs that could show it",
    ),
    "likely": t(
        "sannsynlig: spor tyder på at opplysninger ble kopiert ut",
        "sannsynleg: spor tyder på at opplysningar vart kopierte ut",
        "likely: traces suggest that data were copied out",
    ),
    "confirmed": t(
        "bekreftet: opplysninger ble kopiert ut (for eksempel publisert eller brukt til utpressing)",
        "stadfesta: opplysningar vart kopierte ut (til dømes publiserte eller brukte til utpressing)",
        "confirmed: data were copied out (for example published or used for extortion)",
    ),
}

IDENTIFIABILITY_LABELS: Final[Mapping[str, Text]] = {
    "negligible": t(
        "Nesten umulig å knytte opplysningene til en bestemt person.",
        "Nesten umogleg å knyte opplysningane til ein bestemd person.",
        "Almost impossible to link the data to a particular person.",
    ),
    "limited": t(
        "Mulig, men vanskelig å finne ut hvem det gjelder.",
        "Mogleg, men vanskeleg å finne ut kven det gjeld.",
        "Possible, but hard to find out who it is.",
    ),
    "significant": t(
        "Ganske lett å finne ut hvem det gjelder, med litt ekstra informasjon.",
        "Ganske lett å finne ut kven det gjeld, med litt ekstra informasjon.",
        "Fairly easy to find out who it is, with a little extra information.",
    ),
    "maximum": t(
        "Personen kan identifiseres direkte, for eksempel fullt navn med fødselsdato.",
        "Personen kan identifiserast direkte, til dømes fullt namn med fødselsdato.",
        "The person can be identified directly, for example full name with date of birth.",
    ),
}

# What makes the stakes higher (EDPB Guidelines 9/2022; LAW.md «Assessing risk»).
FACTOR_LABELS: Final[Mapping[str, Text]] = {
    "sensitive": t(
        "særlige kategorier eller straffeopplysninger",
        "særlege kategoriar eller opplysningar om lovbrot",
        "special-category or criminal-offence data",
    ),
    "malicious": t(
        "en bevisst handling for å skade",
        "ei medviten handling for å skade",
        "a deliberate act to cause harm",
    ),
    "unknown_recipients": t("ukjente mottakere", "ukjende mottakarar", "unknown recipients"),
    "vulnerable": t(
        "sårbare personer, som barn eller pasienter",
        "sårbare personar, som born eller pasientar",
        "vulnerable people, such as children or patients",
    ),
    "over_100": t("mer enn 100 berørte", "meir enn 100 råka", "more than 100 people affected"),
    "snooping": t(
        "at noen så på opplysningene uten tjenstlig behov",
        "at nokon såg på opplysningane utan tenestleg behov",
        "someone looking at the data without a work need",
    ),
    "exfiltrated": t(
        "at opplysninger sannsynligvis eller bekreftet er kopiert ut",
        "at opplysningar truleg eller stadfesta er kopierte ut",
        "data likely or confirmed to have been copied out",
    ),
}

# The harm that decides when the most sensitive data reach others (recital 75 and 85).
HARM_LABELS: Final[Mapping[str, Text]] = {
    "discrimination": t(
        "diskriminering og utestenging, for eksempel når en arbeidsgiver, en skole eller en nabo får vite om "
        "helse, fagforening eller tro",
        "diskriminering og utestenging, til dømes når ein arbeidsgivar, ein skule eller ein nabo får vite om "
        "helse, fagforeining eller tru",
        "discrimination and exclusion, for example when an employer, a school or a neighbour learns about "
        "health, union membership or beliefs",
    ),
    "reputation": t(
        "skade på omdømmet, for eksempel når andre får vite om en straffedom eller det som står på en politiattest",
        "skade på omdømmet, til dømes når andre får vite om ein straffedom eller det som står på ein politiattest",
        "damage to reputation, for example when others learn of a conviction or what a police certificate says",
    ),
}

PART_LABELS: Final[Mapping[str, Text]] = {
    "severity": t("Alvorlighetsgrad (ENISA)", "Alvorsgrad (ENISA)", "Severity (ENISA)"),
    "assumption": t("Manglende opplysninger", "Manglande opplysningar", "Missing facts"),
    "confidentiality": t("Konfidensialitet", "Konfidensialitet", "Confidentiality"),
    "integrity": t("Integritet", "Integritet", "Integrity"),
    "availability": t("Tilgjengelighet", "Tilgjenge", "Availability"),
    "outcome": t("Samlet vurdering", "Samla vurdering", "Overall"),
    "exemption": t("Unntak i artikkel 34 nr. 3", "Unntak i artikkel 34 nr. 3", "Art. 34(3) exemptions"),
}

_AND: Final[Text] = t("og", "og", "and")


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


def label_of(table: Mapping[str, Text], code: str, language: str) -> str:
    entry = table.get(code)
    return entry[language] if entry else code


def join_words(items: list[str], language: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {_AND[language]} " + items[-1]


def format_number(value: float, language: str) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if language in {"nb", "nn"} else text


def format_count(value: int, language: str) -> str:
    text = f"{value:,}"
    return text.replace(",", "\u00a0") if language in {"nb", "nn"} else text
