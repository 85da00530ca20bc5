"""ENISA's severity (2013): the data processing context, how Avvik's categories map to it, and the band of a score."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from incidents.rules.risk.vocabulary import Text, t

# --------------------------------------------------------------------------------------------
# ENISA's data processing context (DPC), and how Avvik's categories map to it.
# --------------------------------------------------------------------------------------------

ENISA_DPC: Final[tuple[tuple[str, int, Text, Text], ...]] = (
    (
        "simple",
        1,
        t("Enkle opplysninger", "Enkle opplysningar", "Simple data"),
        t(
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
        t("Atferdsopplysninger", "Åtferdsopplysningar", "Behavioural data"),
        t(
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
        t("Økonomiske opplysninger", "Økonomiske opplysningar", "Financial data"),
        t(
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
        t("Sensitive opplysninger", "Sensitive opplysningar", "Sensitive data"),
        t(
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
        t(
            "ENISAs enkle opplysninger.",
            "ENISAs enkle opplysningar.",
            "ENISA's simple data.",
        ),
    ),
    "behavioural": CategoryScore(
        "behavioural",
        2,
        t(
            "ENISAs atferdsopplysninger.",
            "ENISAs åtferdsopplysningar.",
            "ENISA's behavioural data.",
        ),
    ),
    "location": CategoryScore(
        "behavioural",
        2,
        t(
            "ENISA regner lokasjon som atferdsopplysninger.",
            "ENISA reknar lokasjon som åtferdsopplysningar.",
            "ENISA counts location as behavioural data.",
        ),
    ),
    "communication": CategoryScore(
        "behavioural",
        2,
        t(
            "ENISA regner trafikkdata som atferdsopplysninger. Juster opp hvis innholdet avslører mer.",
            "ENISA reknar trafikkdata som åtferdsopplysningar. Juster opp om innhaldet avslører meir.",
            "ENISA counts traffic data as behavioural data. Adjust upwards if the content reveals more.",
        ),
    ),
    "financial": CategoryScore(
        "financial",
        3,
        t(
            "ENISAs økonomiske opplysninger.",
            "ENISAs økonomiske opplysningar.",
            "ENISA's financial data.",
        ),
    ),
    # ENISA's own adjustment: "full card data enabling fraud" lifts financial data to 4.
    "payment_card": CategoryScore(
        "financial",
        4,
        t(
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
        t(
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
        t(
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
        t(
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
        t(
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
        t(
            "Opplysninger om straffedommer og lovovertredelser (artikkel 10) veier like tungt som sensitive "
            "opplysninger.",
            "Opplysningar om straffedommar og lovbrot (artikkel 10) veg like tungt som sensitive opplysningar.",
            "Data on criminal convictions and offences (art. 10) weigh as much as sensitive data.",
        ),
    ),
}


@dataclass(frozen=True)
class Severity:
    """ENISA's severity: SE = DPC × EI + CB, and its band."""

    dpc: int
    ei: float
    cb: float
    score: float
    band: str


def severity_band(score: float) -> str:
    if score < 2:
        return "low"
    if score < 3:
        return "medium"
    if score < 4:
        return "high"
    return "very_high"
