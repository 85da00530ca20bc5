"""The EDPB's common template for art. 33 notifications (v1.0, June 2026), as plain values:
its answer lists (lower-case English codes, labels in bokmål for gettext), the questions a
person fills in (by path, ``nature.cause``), their validation, and what Avvik derives from
the risk assessment's facts (the likely harms to people, the severity, the risk outcome).

"To be determined" is an answer (EDPB template, "incomplete" notifications, art. 33(4)):
a phased notification is filed with what is known and never refused for what is not."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TO_BE_DETERMINED = "to_be_determined"
TEMPLATE = {"name": "EDPB common template for personal data breach notifications (art. 33 GDPR)", "version": "1.0"}

NOTIFICATION_TYPES = ("new", "follow_up")
SUBTYPES = ("complete", "incomplete", "withdraw")

INCIDENT_KINDS: dict[str, Any] = {
    "abuse_of_access": gettext_lazy("Misbruk av tilgang av en ansatt"),
    "ransomware": gettext_lazy("Løsepengevirus"),
    "hacking_malware": gettext_lazy("Datainnbrudd eller skadevare"),
    "phishing": gettext_lazy("Phishing (lureposter)"),
    "exploited_vulnerability": gettext_lazy("Utnyttet sårbarhet"),
    "unauthorised_access": gettext_lazy("Uautorisert tilgang"),
    "exfiltration": gettext_lazy("Opplysninger hentet ut (eksfiltrering)"),
    "wrong_person_records": gettext_lazy("Opplysninger om feil person vist"),
    "device_lost_stolen": gettext_lazy("Utstyr mistet eller stjålet"),
    "e_waste": gettext_lazy("Kassert utstyr med opplysninger"),
    "paper_disposed_wrongly": gettext_lazy("Papir kastet på feil måte"),
    "post_email_lost": gettext_lazy("Post eller e-post mistet eller levert feil"),
    "misconfiguration": gettext_lazy("Feilkonfigurering"),
    "wrong_access_permissions": gettext_lazy("Feil tilgangsrettigheter"),
    "paper_lost_unsecured": gettext_lazy("Papir mistet eller ikke sikret"),
    "data_deleted_destroyed": gettext_lazy("Opplysninger slettet eller ødelagt"),
    "shown_to_wrong_recipient": gettext_lazy("Vist til feil mottaker"),
    "sent_by_mistake": gettext_lazy("Sendt til feil mottaker ved en feil"),
    "email_without_bcc": gettext_lazy("E-post til mange uten blindkopi"),
    "technical_malfunction": gettext_lazy("Teknisk feil"),
    "unauthorised_modification": gettext_lazy("Uautorisert endring av opplysninger"),
    "unintended_publication": gettext_lazy("Publisert ved en feil"),
    "spoken_disclosure": gettext_lazy("Muntlig utlevering"),
    TO_BE_DETERMINED: gettext_lazy("Avklares senere"),
    "other": gettext_lazy("Annet"),
}

CAUSES: dict[str, Any] = {
    "internal_non_malicious": gettext_lazy("Intern, ikke ondsinnet (for eksempel en feil)"),
    "internal_malicious": gettext_lazy("Intern, ondsinnet"),
    "external_non_malicious": gettext_lazy("Ekstern, ikke ondsinnet"),
    "external_malicious": gettext_lazy("Ekstern, ondsinnet (for eksempel et angrep)"),
    TO_BE_DETERMINED: gettext_lazy("Avklares senere"),
    "unknown": gettext_lazy("Ukjent"),
}

SUBJECT_CATEGORIES: dict[str, Any] = {
    "customers": gettext_lazy("Kunder"),
    "employees": gettext_lazy("Ansatte"),
    "military_police": gettext_lazy("Militært personell eller politi"),
    "minors": gettext_lazy("Barn (under 18 år)"),
    "patients": gettext_lazy("Pasienter"),
    "students": gettext_lazy("Elever eller studenter"),
    "parents": gettext_lazy("Foreldre eller foresatte"),
    "subscribers": gettext_lazy("Abonnenter"),
    "users": gettext_lazy("Brukere"),
    "vulnerable": gettext_lazy("Sårbare personer"),
    "other": gettext_lazy("Andre"),
    "not_yet_known": gettext_lazy("Ikke kjent ennå"),
}

NUMBER_KINDS: dict[str, Any] = {
    "exact": gettext_lazy("nøyaktig"),
    "approximate": gettext_lazy("omtrent"),
    "cannot_be_determined": gettext_lazy("kan ikke fastslås"),
    TO_BE_DETERMINED: gettext_lazy("avklares senere"),
}

DATA_TYPES: dict[str, Any] = {
    "basic": gettext_lazy("Grunnleggende personopplysninger"),
    "contact": gettext_lazy("Kontaktinformasjon"),
    "identification_numbers": gettext_lazy("Identifikasjonsnummer (fødselsnummer, D-nummer)"),
    "official_documents": gettext_lazy("Offisielle dokumenter"),
    "economic_financial": gettext_lazy("Økonomiske opplysninger"),
    "payment_means": gettext_lazy("Betalingsmidler"),
    "credentials": gettext_lazy("Innloggingsopplysninger"),
    "location": gettext_lazy("Posisjon"),
    "profile": gettext_lazy("Profil, vaner og atferd"),
    "communication": gettext_lazy("Innhold i kommunikasjon"),
    "health": gettext_lazy("Helseopplysninger"),
    "special_categories": gettext_lazy("Særlige kategorier (art. 9)"),
    "criminal": gettext_lazy("Straffedommer og lovovertredelser"),
    "not_yet_known": gettext_lazy("Ikke kjent ennå"),
    "other": gettext_lazy("Annet"),
}

# Avvik's data categories (CONTRACT.md Facts) in the template's types.
DATA_TYPE_OF_CATEGORY = {
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

PROTECTION_MEASURES: dict[str, Any] = {
    "pseudonymisation": gettext_lazy("Pseudonymisering"),
    "backup": gettext_lazy("Sikkerhetskopi"),
    "encryption": gettext_lazy("Kryptering"),
    "policies": gettext_lazy("Retningslinjer og rutiner"),
    "training": gettext_lazy("Opplæring"),
    "incident_log": gettext_lazy("Avvikslogg"),
    "access_levels": gettext_lazy("Tilgangsnivåer"),
    "logical_access_control": gettext_lazy("Logisk tilgangskontroll (for eksempel totrinnsinnlogging)"),
    "audits": gettext_lazy("Revisjoner"),
    "physical_access_control": gettext_lazy("Fysisk adgangskontroll"),
    "up_to_date_systems": gettext_lazy("Oppdaterte systemer"),
    "other": gettext_lazy("Annet"),
}

PREVENTION_MEASURES: dict[str, Any] = {
    **{k: v for k, v in PROTECTION_MEASURES.items() if k != "other"},
    "change_of_processes": gettext_lazy("Endrede rutiner"),
    "erasure": gettext_lazy("Sletting"),
    "anonymisation": gettext_lazy("Anonymisering"),
    "other": gettext_lazy("Annet"),
}

DISCOVERY: dict[str, Any] = {
    "by_controller": gettext_lazy("Av virksomheten selv"),
    "by_processor": gettext_lazy("Meldt av en databehandler"),
    "by_data_subject": gettext_lazy("Av en av de berørte"),
    "by_other_party": gettext_lazy("Av en annen part"),
    "press": gettext_lazy("Gjennom mediene"),
    "other": gettext_lazy("Annet"),
}

PARTY_ROLES: dict[str, Any] = {
    "processor": gettext_lazy("Databehandler"),
    "joint_controller": gettext_lazy("Felles behandlingsansvarlig"),
    "other": gettext_lazy("Annet"),
}

YES_NO_UNKNOWN: dict[str, Any] = {
    "yes": gettext_lazy("Ja"),
    "no": gettext_lazy("Nei"),
    "unknown": gettext_lazy("Ukjent"),
}
YES_NO_TBD: dict[str, Any] = {
    "yes": gettext_lazy("Ja"),
    "no": gettext_lazy("Nei"),
    TO_BE_DETERMINED: gettext_lazy("Avklares senere"),
}
SECTORS: dict[str, Any] = {"public": gettext_lazy("Offentlig"), "private": gettext_lazy("Privat")}
ORGANISATION_TYPES: dict[str, Any] = {
    "micro": gettext_lazy("Mikrovirksomhet"),
    "sme": gettext_lazy("Liten eller mellomstor virksomhet"),
    "large": gettext_lazy("Stor virksomhet"),
    "other": gettext_lazy("Annet"),
}
REPORTER_FUNCTIONS: dict[str, Any] = {
    "dpo": gettext_lazy("Personvernombud"),
    "legal_representative": gettext_lazy("Juridisk representant"),
    "other": gettext_lazy("Annet"),
}

IMPACTS: dict[str, Any] = {
    "loss_of_control": gettext_lazy("tap av kontroll over egne personopplysninger"),
    "limited_rights": gettext_lazy("begrensning av rettighetene sine"),
    "discrimination": gettext_lazy("diskriminering"),
    "identity_theft": gettext_lazy("identitetstyveri"),
    "fraud": gettext_lazy("svindel"),
    "financial_loss": gettext_lazy("økonomisk tap"),
    "reversed_pseudonymisation": gettext_lazy("at pseudonymiseringen oppheves"),
    "reputation": gettext_lazy("skade på omdømmet"),
    "professional_secrecy": gettext_lazy("brudd på taushetsplikt"),
    "disclosure_to_third_parties": gettext_lazy("at opplysningene spres videre til andre"),
    "economic_social_disadvantage": gettext_lazy("betydelige økonomiske eller sosiale ulemper"),
    "physical_mental_harm": gettext_lazy("fysisk eller psykisk belastning"),
    "property_damage": gettext_lazy("skade på eiendom"),
    "other": gettext_lazy("annet"),
    TO_BE_DETERMINED: gettext_lazy("avklares senere"),
}

SEVERITIES: dict[str, Any] = {
    "minor": gettext_lazy("liten"),
    "moderate": gettext_lazy("moderat"),
    "severe": gettext_lazy("alvorlig"),
    TO_BE_DETERMINED: gettext_lazy("avklares senere"),
}

RISK_OUTCOMES = ("high", "risk", "unlikely", "more_information_needed")
COMMUNICATION_STATUSES = ("yes", "planned", "investigation_ongoing", "not_high_risk", "exemption")


# --- What may happen to the people -----------------------------------------------------------

# Recital 85 and the template's list: the harms each kind of data opens the way to.
HARMS_OF_CATEGORY: dict[str, tuple[str, ...]] = {
    "basic": ("loss_of_control", "disclosure_to_third_parties"),
    "national_id": ("identity_theft", "fraud"),
    "credentials": ("unauthorised_use_of_accounts",),
    "financial": ("financial_loss", "fraud"),
    "payment_card": ("financial_loss", "fraud"),
    "behavioural": ("loss_of_control", "reputation"),
    "location": ("physical_mental_harm",),
    "communication": ("reputation", "professional_secrecy"),
    "official_documents": ("identity_theft", "fraud"),
    "special": ("discrimination", "physical_mental_harm", "reputation"),
    "criminal": ("discrimination", "reputation", "economic_social_disadvantage"),
}
# A harm of a category without a code of its own in the template: said in words, coded "other".
HARMS: dict[str, Any] = {
    **IMPACTS,
    "unauthorised_use_of_accounts": gettext_lazy("at noen logger inn i kontoene deres og bruker dem"),
}


def harms_of(categories: Sequence[str], *, context_reveals_special: bool = False) -> list[str]:
    """The harms the data types open the way to, most specific first, each once."""
    harms: list[str] = []
    cats = list(categories) + (["special"] if context_reveals_special else [])
    for category in ("special", "criminal", "national_id", "official_documents", "financial", "payment_card"):
        if category in cats:
            harms += HARMS_OF_CATEGORY[category]
    for category in cats:
        harms += HARMS_OF_CATEGORY.get(category, ())
    return list(dict.fromkeys(harms))


def impact_codes(harms: Sequence[str]) -> list[str]:
    """The harms as the template's impact codes (a harm it has no code for is ``other``)."""
    return list(dict.fromkeys(h if h in IMPACTS else "other" for h in harms))


def severity_of_band(band: str | None) -> str:
    """ENISA's band as the template's severity of the impact."""
    return {"low": "minor", "medium": "moderate", "high": "severe", "very_high": "severe"}.get(
        band or "", TO_BE_DETERMINED
    )


def risk_outcome(risk_level: str | None) -> str:
    return risk_level if risk_level in ("high", "risk", "unlikely") else "more_information_needed"


def exfiltration_answer(exfiltration: str | None, exposure: str | None) -> str:
    """Were the data exfiltrated or disclosed? (template 3.2)."""
    if exposure in ("known_recipients", "unknown_recipients") or exfiltration == "confirmed":
        return "yes"
    return {"likely": "likely", "ruled_out": "no", "unknown": "cannot_assess"}.get(exfiltration or "", TO_BE_DETERMINED)


def integrity_answer(impact: str | None) -> str:
    return {
        "no_misuse": "altered_no_misuse",
        "misused_recoverable": "misused_reversible",
        "misused_unrecoverable": "misused_irreversible",
    }.get(impact or "", TO_BE_DETERMINED)


def availability_answer(impact: str | None) -> str:
    return {"recoverable": "temporary", "temporary": "temporary", "permanent": "permanent"}.get(
        impact or "", "not_determined"
    )


def number_kind(value: int | None, *, exact: bool = False) -> dict[str, Any]:
    """A count as the template's {kind, value}: a count Avvik has is approximate."""
    if value is None:
        return {"kind": TO_BE_DETERMINED, "value": None}
    return {"kind": "exact" if exact else "approximate", "value": value}


def timeline_when(start: datetime | None, end: datetime | None, ongoing: bool) -> str:
    if start is None:
        return TO_BE_DETERMINED
    if ongoing and end is None:
        return "ongoing"
    if end is None:
        return "from_to"  # the end is still to be determined
    return "on_one_day" if start.date() == end.date() else "from_to"


# --- What a person fills in ------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    kind: str  # "choice", "choices", "text", "time", "bool", "number", "countries", "parties", "country_counts"
    options: Mapping[str, Any] | None = None


TEXT_MAX = 10_000
COUNTRY = re.compile(r"[A-Z]{2}")

QUESTIONS: dict[str, Question] = {
    "notification.subtype": Question("choice", {k: k for k in SUBTYPES}),
    "notification.withdraw_reason": Question("text"),
    "controller.sector": Question("choice", SECTORS),
    "controller.organisation_type": Question("choice", ORGANISATION_TYPES),
    "controller.economic_activity": Question("text"),
    "reporting_person.name": Question("text"),
    "reporting_person.email": Question("text"),
    "reporting_person.phone": Question("text"),
    "reporting_person.function": Question("choice", REPORTER_FUNCTIONS),
    "reporting_person.function_other": Question("text"),
    "other_parties.involved": Question("choice", YES_NO_TBD),
    "other_parties.parties": Question("parties"),
    "timeline.start": Question("time"),
    "timeline.end": Question("time"),
    "timeline.contained": Question("time"),
    "timeline.dates_estimated": Question("bool"),
    "timeline.discovery": Question("choice", DISCOVERY),
    "timeline.discovery_description": Question("text"),
    "timeline.other_party_told_at": Question("time"),
    "timeline.comments": Question("text"),
    "nature.incident_kind": Question("choice", INCIDENT_KINDS),
    "nature.incident_kind_other": Question("text"),
    "nature.cause": Question("choice", CAUSES),
    "nature.cause_description": Question("text"),
    "nature.systems": Question("text"),
    "subjects.categories": Question("choices", SUBJECT_CATEGORIES),
    "subjects.description": Question("text"),
    "subjects.number": Question("number"),
    "data.types": Question("choices", DATA_TYPES),
    "data.description": Question("text"),
    "data.records": Question("number"),
    "data.location": Question("text"),
    "data.protection": Question("choices", PROTECTION_MEASURES),
    "data.protection_description": Question("text"),
    "consequences.impacts": Question("choices", IMPACTS),
    "consequences.severity": Question("choice", SEVERITIES),
    "consequences.description": Question("text"),
    "measures.prevention": Question("choices", PREVENTION_MEASURES),
    "measures.prevention_description": Question("text"),
    "communication.not_all_reason": Question("text"),
    "other_authorities.police": Question("choice", YES_NO_UNKNOWN),
    "other_authorities.other": Question("choice", YES_NO_UNKNOWN),
    "other_authorities.which": Question("text"),
    "other_authorities.reference": Question("text"),
    "cross_border.cross_border": Question("choice", YES_NO_UNKNOWN),
    "cross_border.lead_authority": Question("text"),
    "cross_border.establishment_countries": Question("countries"),
    "cross_border.subject_countries": Question("country_counts"),
}


def flatten(body: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"nature": {"cause": x}}`` as ``{"nature.cause": x}``, down to the questions' paths."""
    flat: dict[str, Any] = {}
    for key, value in body.items():
        path = f"{prefix}{key}"
        if path in QUESTIONS:
            flat[path] = value
        elif isinstance(value, Mapping):
            flat.update(flatten(value, path + "."))
        else:
            flat[path] = value
    return flat


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 1_000_000_000


def _code_in(value: Any, options: Mapping[str, Any]) -> bool:
    """An answer from a JSON body is one of the codes (a list or an object never is)."""
    return isinstance(value, str) and value in options


def _check(question: Question, value: Any, parse_time: Callable[[Any], datetime]) -> tuple[Any, str | None]:
    """(the value to store, or an error for the person)."""
    if question.kind == "text":
        if not isinstance(value, str):
            return None, _("Skriv vanlig tekst.")
        if len(value) > TEXT_MAX:
            return None, _("Teksten kan være høyst %(max)s tegn.") % {"max": f"{TEXT_MAX:,}"}
        return value.strip(), None
    if question.kind == "choice":
        assert question.options is not None
        if not _code_in(value, question.options):
            return None, _("Velg ett av: %(codes)s.") % {"codes": ", ".join(question.options)}
        return value, None
    if question.kind == "choices":
        assert question.options is not None
        if not isinstance(value, list) or any(not _code_in(v, question.options) for v in value):
            return None, _("Velg en liste med noen av: %(codes)s.") % {"codes": ", ".join(question.options)}
        return list(dict.fromkeys(value)), None
    if question.kind == "bool":
        if not isinstance(value, bool):
            return None, _("Svar true eller false.")
        return value, None
    if question.kind == "time":
        try:
            return parse_time(value).isoformat(), None
        except (TypeError, ValueError) as error:
            return None, str(error) if str(error) and " " in str(error) else _("Skriv et tidspunkt (ISO 8601).")
    if question.kind == "number":
        if (
            not isinstance(value, Mapping)
            or set(value) - {"kind", "value"}
            or not _code_in(value.get("kind"), NUMBER_KINDS)
        ):
            return None, _('Skriv {"kind": %(kinds)s, "value": et heltall eller null}.') % {
                "kinds": " / ".join(NUMBER_KINDS)
            }
        number = value.get("value")
        if value["kind"] in ("exact", "approximate") and not _int(number):
            return None, _("Et nøyaktig eller omtrentlig antall trenger et heltall fra 0 og oppover.")
        if value["kind"] not in ("exact", "approximate") and number is not None:
            return None, _("Når antallet ikke er kjent, skal verdien være null.")
        return {"kind": value["kind"], "value": number}, None
    if question.kind == "countries":
        if not isinstance(value, list) or any(not isinstance(c, str) or not COUNTRY.fullmatch(c) for c in value):
            return None, _("Skriv en liste med landkoder på to store bokstaver (for eksempel SE, DK).")
        return list(dict.fromkeys(value)), None
    if question.kind == "country_counts":
        ok = isinstance(value, list) and all(
            isinstance(c, Mapping)
            and not set(c) - {"country", "number"}
            and isinstance(c.get("country"), str)
            and COUNTRY.fullmatch(c["country"])
            and (c.get("number") is None or _int(c.get("number")))
            for c in value
        )
        if not ok:
            return None, _('Skriv en liste med {"country": landkode, "number": omtrent hvor mange}.')
        return [{"country": c["country"], "number": c.get("number")} for c in value], None
    # parties
    ok = isinstance(value, list) and all(
        isinstance(p, Mapping)
        and not set(p) - {"role", "name", "contact"}
        and _code_in(p.get("role"), PARTY_ROLES)
        and isinstance(p.get("name", ""), str)
        and isinstance(p.get("contact", ""), str)
        and len(p.get("name", "")) <= 500
        and len(p.get("contact", "")) <= 500
        for p in value
    )
    if not ok:
        return None, _('Skriv en liste med {"role": %(roles)s, "name": navn, "contact": kontaktinformasjon}.') % {
            "roles": " / ".join(PARTY_ROLES)
        }
    return [{"role": p["role"], "name": p.get("name", ""), "contact": p.get("contact", "")} for p in value], None


def validate_answers(
    body: Mapping[str, Any], parse_time: Callable[[Any], datetime]
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """A PATCH body (part of the export's structure) as answers by path, and the errors by
    path. ``null`` clears an answer. A path that is not a question a person answers (what
    Avvik derives, such as ``timeline.awareness``) is an error naming it."""
    answers: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    if not isinstance(body, Mapping):
        return {}, {"body": [_("Send et JSON-objekt.")]}
    for path, value in flatten(body).items():
        question = QUESTIONS.get(path)
        if question is None:
            errors[path] = [_("Dette feltet fylles ut av Avvik, eller finnes ikke i malen.")]
            continue
        if value is None:
            answers[path] = None
            continue
        stored, error = _check(question, value, parse_time)
        if error:
            errors[path] = [error]
        else:
            answers[path] = stored
    return answers, errors
