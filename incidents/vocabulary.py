"""What people see for the Facts vocabulary (CONTRACT.md): plain labels and help."""

from django.utils.translation import gettext_lazy as _

BREACH_TYPE_LABELS = {
    "confidentiality": _("Noen som ikke skulle, fikk se eller få tak i opplysningene (konfidensialitet)"),
    "integrity": _("Opplysninger ble endret, forfalsket eller slettet (integritet)"),
    "availability": _("Opplysninger ble borte eller utilgjengelige en periode (tilgjengelighet)"),
}

BREACH_TYPE_SHORT = {
    "confidentiality": _("Konfidensialitet"),
    "integrity": _("Integritet"),
    "availability": _("Tilgjengelighet"),
}

DATA_CATEGORY_LABELS = {
    "basic": _("Navn, kontaktinformasjon, fødselsdato, utdanning eller arbeid"),
    "national_id": _("Fødselsnummer, D-nummer eller passnummer"),
    "credentials": _("Brukernavn og passord eller andre innloggingsopplysninger"),
    "financial": _("Økonomi: inntekt, kontonummer, transaksjoner, fakturaer, trygd"),
    "payment_card": _("Betalingskort (kortnummer, utløpsdato, CVC)"),
    "behavioural": _("Vaner, preferanser eller atferd"),
    "location": _("Hvor noen er eller har vært (posisjon)"),
    "communication": _("Innhold i e-post, meldinger eller samtaler"),
    "official_documents": _("Kopier av ID-dokumenter eller andre offisielle dokumenter"),
    "special": _("Helse, etnisitet, religion, politisk syn, fagforening, seksualitet, genetikk eller biometri"),
    "criminal": _("Straffedommer og lovovertredelser"),
}

DATA_CATEGORY_SHORT = {
    "basic": _("Grunnleggende"),
    "national_id": _("Fødselsnummer/ID-nummer"),
    "credentials": _("Innlogging"),
    "financial": _("Økonomi"),
    "payment_card": _("Betalingskort"),
    "behavioural": _("Atferd"),
    "location": _("Posisjon"),
    "communication": _("Kommunikasjon"),
    "official_documents": _("Offisielle dokumenter"),
    "special": _("Særlige kategorier (art. 9)"),
    "criminal": _("Straffbare forhold (art. 10)"),
}
