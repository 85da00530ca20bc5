"""What people see for the Facts vocabulary (CONTRACT.md): plain labels and help."""

from typing import Any

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


# The fields of the notification to Datatilsynet, as the form names them.
AUTHORITY_FIELD_LABELS: dict[str, Any] = {
    "what_happened": _("Hva skjedde"),
    "main_cause": _("Hovedårsak"),
    "period": _("Periode for bruddet"),
    "discovered_at": _("Når og hvordan bruddet ble oppdaget"),
    "aware_at": _("Når virksomheten ble kjent med bruddet"),
    "breach_types": _("Type brudd"),
    "data_categories": _("Typer personopplysninger"),
    "subjects_count": _("Antall berørte personer"),
    "records_count": _("Antall berørte registreringer"),
    "relation": _("Virksomhetens forhold til de berørte"),
    "data_location": _("Hvor opplysningene er nå"),
    "other_countries": _("Berørte i andre EØS-land"),
    "consequences": _("Sannsynlige konsekvenser"),
    "measures_taken": _("Tiltak som er gjennomført"),
    "measures_planned": _("Tiltak som er planlagt"),
    "informed": _("Er de berørte informert"),
    "informed_how": _("Hvordan"),
    "informed_when": _("Når"),
}

# The art. 34(3) exemptions, short enough for a column of the register.
EXEMPTION_SHORT = {
    "34_3_a": _("unntak: opplysningene er uleselige (art. 34 nr. 3 a)"),
    "34_3_b": _("unntak: senere tiltak (art. 34 nr. 3 b)"),
    "34_3_c": _("unntak: offentlig kunngjøring i stedet (art. 34 nr. 3 c)"),
}

# What each question is called where a person answers it and in the history.
EDPB_QUESTION_LABELS: dict[str, Any] = {
    "notification.subtype": _("Type melding"),
    "notification.withdraw_reason": _("Hvorfor meldingen trekkes tilbake"),
    "controller.sector": _("Sektor"),
    "controller.organisation_type": _("Type virksomhet"),
    "controller.economic_activity": _("Bransje"),
    "reporting_person.name": _("Innmelderens navn"),
    "reporting_person.email": _("Innmelderens e-post"),
    "reporting_person.phone": _("Innmelderens telefon"),
    "reporting_person.function": _("Innmelderens rolle"),
    "reporting_person.function_other": _("Annen rolle, beskrevet"),
    "other_parties.involved": _("Er andre parter involvert (databehandler, felles behandlingsansvarlig)?"),
    "other_parties.parties": _("Andre parter"),
    "timeline.start": _("Når bruddet begynte"),
    "timeline.end": _("Når bruddet sluttet"),
    "timeline.contained": _("Når bruddet ble stanset"),
    "timeline.dates_estimated": _("Tidspunktene er anslått"),
    "timeline.discovery": _("Hvordan bruddet ble oppdaget"),
    "timeline.discovery_description": _("Mer om hvordan det ble oppdaget"),
    "timeline.other_party_told_at": _("Når en annen part fortalte om det"),
    "timeline.comments": _("Kommentarer til tidslinjen"),
    "nature.incident_kind": _("Hva slags hendelse"),
    "nature.incident_kind_other": _("Annen hendelse, beskrevet"),
    "nature.cause": _("Hovedårsak"),
    "nature.cause_description": _("Mer om årsaken"),
    "nature.systems": _("Systemer og programvare som var involvert"),
    "subjects.categories": _("Hvem de berørte er"),
    "subjects.description": _("Virksomhetens forhold til de berørte"),
    "subjects.number": _("Antall berørte personer"),
    "data.types": _("Typer personopplysninger"),
    "data.description": _("Mer om opplysningene"),
    "data.records": _("Antall berørte registreringer"),
    "data.location": _("Hvor opplysningene er nå"),
    "data.protection": _("Beskyttelse som var på plass"),
    "data.protection_description": _("Mer om beskyttelsen"),
    "consequences.impacts": _("Mulige følger for de berørte"),
    "consequences.severity": _("Hvor alvorlige følgene kan bli"),
    "consequences.description": _("Mer om følgene"),
    "measures.prevention": _("Tiltak for å hindre at det skjer igjen"),
    "measures.prevention_description": _("Mer om tiltakene"),
    "communication.not_all_reason": _("Hvorfor ikke alle er informert"),
    "other_authorities.police": _("Anmeldt til politiet"),
    "other_authorities.other": _("Meldt til andre myndigheter"),
    "other_authorities.which": _("Hvilke myndigheter"),
    "other_authorities.reference": _("Deres saksnummer"),
    "cross_border.cross_border": _("Grenseoverskridende behandling"),
    "cross_border.lead_authority": _("Ledende tilsynsmyndighet"),
    "cross_border.establishment_countries": _("EØS-land med virksomhet"),
    "cross_border.subject_countries": _("EØS-land der de berørte bor"),
}

# The kinds of file a case takes (core.filetypes), as a reader names them.
FILE_KIND_LABELS = {
    "pdf": _("PDF-dokument"),
    "png": _("bilde (PNG)"),
    "jpeg": _("bilde (JPEG)"),
    "gif": _("bilde (GIF)"),
    "webp": _("bilde (WebP)"),
    "text": _("tekstfil"),
    "csv": _("regneark som tekst (CSV)"),
    "email": _("e-post"),
    "docx": _("Word-dokument"),
    "xlsx": _("Excel-regneark"),
    "pptx": _("PowerPoint-presentasjon"),
    "odt": _("OpenDocument-tekst"),
    "ods": _("OpenDocument-regneark"),
    "odp": _("OpenDocument-presentasjon"),
}
