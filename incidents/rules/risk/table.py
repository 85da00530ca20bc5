"""The rules as data, in evaluation order: what each checks, what it does, the sentence it leaves, its source."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from incidents.rules.risk.conditions import (
    Rule,
    a_critical,
    a_encrypted_no_help,
    a_loss,
    a_recoverable,
    assumed_identifiability,
    assumed_known_recipients,
    assumed_worst,
    c_at_least_risk,
    c_fraud,
    c_harm,
    c_not_disclosed,
    c_possible,
    c_possible_sensitive,
    c_public,
    c_sensitive_aggravated,
    c_serious_exposed,
    c_snooping,
    c_start,
    c_trusted,
    c_trusted_limited,
    c_trusted_not_used,
    c_unintelligible,
    c_volume,
    confidentiality_implied,
    context_special,
    count_unknown,
    dpc_adjusted,
    exfiltration_ruled_out,
    i_misuse,
    i_no_misuse,
    i_serious,
    ignored_elements,
    severity_explained,
)
from incidents.rules.risk.labels import PART_LABELS
from incidents.rules.risk.vocabulary import t

# --- the table --------------------------------------------------------------------------------

RULES: Final[tuple[Rule, ...]] = (
    # Severity
    Rule(
        "SEVERITY",
        "severity",
        "explain",
        t(
            "Regner ut ENISAs alvorlighetsgrad: SE = DPC × EI + CB.",
            "Reknar ut alvorsgraden etter ENISA: SE = DPC × EI + CB.",
            "Works out ENISA's severity: SE = DPC × EI + CB.",
        ),
        t(
            "Forklarer poengsummen. Poengsummen alene avgjør ikke noe.",
            "Forklarer poengsummen. Poengsummen åleine avgjer ikkje noko.",
            "Explains the score. The score alone decides nothing.",
        ),
        t(
            "ENISA-alvorlighetsgrad {score} ({band}) = datatype {dpc} × identifiserbarhet {ei} + "
            "omstendigheter {cb}. Det mest alvorlige her er {category}.",
            "ENISA-alvorsgrad {score} ({band}) = datatype {dpc} × identifiserbarheit {ei} + omstende {cb}. "
            "Det mest alvorlege her er {category}.",
            "ENISA severity {score} ({band}) = data type {dpc} × ease of identification {ei} + "
            "circumstances {cb}. The most serious data here: {category}.",
        ),
        "ENISA 2013; LAW.md «ENISA severity»",
        severity_explained,
    ),
    Rule(
        "DPC_ADJUSTED",
        "severity",
        "note",
        t(
            "Har personvernombudet justert datatypen for sammenhengen?",
            "Har personvernombodet justert datatypen for samanhengen?",
            "Has the DPO adjusted the data score for the context?",
        ),
        t(
            "Flytter DPC med hele trinn, innenfor 1–4.",
            "Flyttar DPC med heile steg, innanfor 1–4.",
            "Moves DPC by whole steps, within 1–4.",
        ),
        t(
            "Datatypen er justert med {adjustment}, fra {base} til {dpc} på skalaen 1–4. Begrunnelse: {why}",
            "Datatypen er justert med {adjustment}, frå {base} til {dpc} på skalaen 1–4. Grunngiving: {why}",
            "The data score was adjusted by {adjustment}, from {base} to {dpc} on the scale 1–4. Reason: {why}",
        ),
        "ENISA 2013 (context adjustment); LAW.md «ENISA severity»",
        dpc_adjusted,
    ),
    Rule(
        "CONTEXT_SPECIAL",
        "severity",
        "note",
        t(
            "Avslører sammenhengen særlige kategorier eller straffeopplysninger, selv om opplysningene i seg selv "
            "er vanlige?",
            "Avslører samanhengen særlege kategoriar eller opplysningar om lovbrot, sjølv om opplysningane i seg "
            "sjølve er vanlege?",
            "Does the context reveal special-category or criminal-offence facts, though the data themselves are "
            "ordinary?",
        ),
        t(
            "Gir datatypen 4, som for særlige kategorier, og regner dem som like følsomme.",
            "Gir datatypen 4, som for særlege kategoriar, og reknar dei som like følsame.",
            "Scores the data 4, as special categories, and treats them as just as sensitive.",
        ),
        t(
            "Opplysningene er i seg selv vanlige, men sammenhengen avslører særlige kategorier eller "
            "straffeopplysninger, for eksempel en liste over en spesialpedagogisk gruppe eller pasientene på en "
            "klinikk. Avvik vurderer dem derfor som særlige kategorier (datatype {dpc} på skalaen 1–4).",
            "Opplysningane er i seg sjølve vanlege, men samanhengen avslører særlege kategoriar eller "
            "opplysningar om lovbrot, til dømes ei liste over ei spesialpedagogisk gruppe eller pasientane på ei "
            "klinikk. Avvik vurderer dei difor som særlege kategoriar (datatype {dpc} på skalaen 1–4).",
            "The data themselves are ordinary, but the context reveals special-category or criminal-offence "
            "facts, for example a list of a special-education group or of a clinic's patients. Avvik therefore "
            "assesses them as special categories (data score {dpc} on the scale 1–4).",
        ),
        "ENISA 2013 (simple data that allow assumptions about health: adjusted upwards); EDPB 9/2022 Annex B "
        "example 10 (a psychotherapist's mailing list)",
        context_special,
    ),
    # Missing facts
    Rule(
        "ASSUMED_IDENTIFIABILITY",
        "assumption",
        "note",
        t(
            "Mangler identifiserbarhet?",
            "Manglar identifiserbarheit?",
            "Is the ease of identification missing?",
        ),
        t(
            "Regner med EI 1 (direkte identifiserbar).",
            "Reknar med EI 1 (direkte identifiserbar).",
            "Counts EI as 1 (directly identifiable).",
        ),
        t(
            "Det er ikke oppgitt hvor lett personene kan identifiseres. Avvik går ut fra det verste, at de kan "
            "identifiseres direkte (EI 1). Fyll inn feltet hvis det er vanskeligere enn det.",
            "Det er ikkje oppgitt kor lett personane kan identifiserast. Avvik går ut frå det verste, at dei kan "
            "identifiserast direkte (EI 1). Fyll inn feltet om det er vanskelegare enn det.",
            "How easily the people can be identified was not given. Avvik assumes the worst: they can be "
            "identified directly (EI 1). Fill in the field if it is harder than that.",
        ),
        "ENISA 2013 (EI); EDPB 9/2022 (when in doubt, assess cautiously)",
        assumed_identifiability,
    ),
    Rule(
        "ASSUMED_WORST",
        "assumption",
        "note",
        t(
            "Er en bruddtype valgt uten at følgene er oppgitt?",
            "Er ein brottype vald utan at følgjene er oppgitte?",
            "Is a breach type chosen without its effect?",
        ),
        t(
            "Regner med det verste for den bruddtypen.",
            "Reknar med det verste for den brottypen.",
            "Counts the worst case for that breach type.",
        ),
        t(
            "Følgene er ikke oppgitt for {types}. Avvik går ut fra det verste: {values}. Fyll inn feltet når "
            "du vet mer.",
            "Følgjene er ikkje oppgitte for {types}. Avvik går ut frå det verste: {values}. Fyll inn feltet når "
            "du veit meir.",
            "The effect was not given for {types}. Avvik assumes the worst: {values}. Fill in the field when "
            "you know more.",
        ),
        "EDPB 9/2022 (assess at once, do not wait for forensics); ENISA 2013 (CB)",
        assumed_worst,
    ),
    Rule(
        "ASSUMED_KNOWN_RECIPIENTS",
        "assumption",
        "note",
        t(
            "Mangler mottakere, men mottakerne er oppgitt som pålitelige?",
            "Manglar mottakarar, men mottakarane er oppgitte som pålitelege?",
            "Are the recipients missing, but stated to be trusted?",
        ),
        t("Regner med kjente mottakere.", "Reknar med kjende mottakarar.", "Counts known recipients."),
        t(
            "Det er ikke oppgitt hvem som fikk tilgang, men mottakerne er oppgitt som kjente og pålitelige. "
            "Avvik går derfor ut fra kjente mottakere.",
            "Det er ikkje oppgitt kven som fekk tilgang, men mottakarane er oppgitte som kjende og pålitelege. "
            "Avvik går difor ut frå kjende mottakarar.",
            "Who got access was not given, but the recipients are stated to be known and trusted. Avvik "
            "therefore assumes known recipients.",
        ),
        "The facts of the case: the only recipients are known and trusted",
        assumed_known_recipients,
    ),
    Rule(
        "IGNORED_ELEMENTS",
        "assumption",
        "note",
        t(
            "Er følger oppgitt for en bruddtype som ikke er valgt?",
            "Er følgjer oppgitte for ein brottype som ikkje er vald?",
            "Is an effect given for a breach type that is not chosen?",
        ),
        t("Bruker ikke feltet.", "Brukar ikkje feltet.", "Does not use the field."),
        t(
            "Disse feltene er fylt inn, men bruddtypen de hører til er ikke valgt, så de er ikke brukt: "
            "{fields}. Velg bruddtypen hvis den gjelder.",
            "Desse felta er fylte inn, men brottypen dei høyrer til er ikkje vald, så dei er ikkje brukte: "
            "{fields}. Vel brottypen om han gjeld.",
            "These fields are filled in, but their breach type is not chosen, so they were not used: {fields}. "
            "Choose the breach type if it applies.",
        ),
        "ENISA 2013 (CB counts the elements of the breach that happened)",
        ignored_elements,
    ),
    Rule(
        "COUNT_UNKNOWN",
        "assumption",
        "note",
        t(
            "Mangler antallet berørte?",
            "Manglar talet på råka?",
            "Is the number of people missing?",
        ),
        t(
            "Regner ikke med antallet.",
            "Reknar ikkje med talet.",
            "Leaves the number out.",
        ),
        t(
            "Antallet berørte personer er ikke oppgitt, så det er ikke regnet med. Mange berørte øker "
            "risikoen. Fyll inn et anslag.",
            "Talet på råka personar er ikkje oppgitt, så det er ikkje rekna med. Mange råka aukar risikoen. "
            "Fyll inn eit overslag.",
            "The number of people affected was not given, so it was not counted. Many people affected "
            "raises the risk. Fill in an estimate.",
        ),
        "Art. 33(3)(a); EDPB 9/2022 (number of individuals)",
        count_unknown,
    ),
    Rule(
        "CONFIDENTIALITY_IMPLIED",
        "assumption",
        "note",
        t(
            "Er konfidensialitet ikke valgt, men noen så på opplysningene uten tjenstlig behov, eller opplysninger "
            "er sannsynligvis eller bekreftet kopiert ut?",
            "Er konfidensialitet ikkje vald, men nokon såg på opplysningane utan tenestleg behov, eller "
            "opplysningar er truleg eller stadfesta kopierte ut?",
            "Is confidentiality not chosen, but someone looked at the data without a work need, or were data "
            "likely or confirmed to have been copied out?",
        ),
        t(
            "Vurderer også et konfidensialitetsbrudd.",
            "Vurderer også eit konfidensialitetsbrot.",
            "Also assesses a confidentiality breach.",
        ),
        t(
            "Konfidensialitet er ikke valgt som type brudd, men saken gjelder {factors}. Det er et "
            "konfidensialitetsbrudd, og Avvik har vurdert det som det.",
            "Konfidensialitet er ikkje vald som type brot, men saka gjeld {factors}. Det er eit "
            "konfidensialitetsbrot, og Avvik har vurdert det som det.",
            "Confidentiality was not chosen as a type of breach, but the case involves {factors}. That is a "
            "confidentiality breach, and Avvik has assessed it as one.",
        ),
        "EDPB 9/2022 (a breach can be of several types); EDPB 01/2021 cases 04, 05 (exfiltration)",
        confidentiality_implied,
    ),
    Rule(
        "EXFILTRATION_RULED_OUT",
        "assumption",
        "note",
        t(
            "Var det et angrep på systemene, og viser logger eller undersøkelser at ingenting ble kopiert ut?",
            "Var det eit åtak på systema, og viser loggar eller undersøkingar at ingenting vart kopiert ut?",
            "Was there an attack on systems, and do logs or an investigation show that nothing was copied out?",
        ),
        t(
            "Vurderer ikke et konfidensialitetsbrudd.",
            "Vurderer ikkje eit konfidensialitetsbrot.",
            "Does not assess a confidentiality breach.",
        ),
        t(
            "Det var et angrep på systemene, men logger eller undersøkelser viser at ingen opplysninger ble "
            "kopiert ut. Avvik vurderer derfor ikke et konfidensialitetsbrudd. Skriv ned hva som viser det.",
            "Det var eit åtak på systema, men loggar eller undersøkingar viser at ingen opplysningar vart "
            "kopierte ut. Avvik vurderer difor ikkje eit konfidensialitetsbrot. Skriv ned kva som viser det.",
            "There was an attack on systems, but logs or an investigation show that no data were copied out. "
            "Avvik therefore does not assess a confidentiality breach. Write down what shows it.",
        ),
        "EDPB 01/2021 case 01 (ransomware cleared because the logs showed no exfiltration)",
        exfiltration_ruled_out,
    ),
    # Confidentiality
    Rule(
        "C_UNINTELLIGIBLE",
        "confidentiality",
        "unlikely",
        t(
            "Var opplysningene kryptert eller hashet etter beste praksis, med nøkkelen i behold?",
            "Var opplysningane krypterte eller hasha etter beste praksis, med nøkkelen i behald?",
            "Were the data encrypted or hashed to the state of the art, with the key safe?",
        ),
        t(
            "Konfidensialitetsbruddet: lite sannsynlig risiko.",
            "Konfidensialitetsbrotet: lite sannsynleg risiko.",
            "Confidentiality breach: risk unlikely.",
        ),
        t(
            "Opplysningene var kryptert eller hashet etter beste praksis, og nøkkelen er trygg. Den som fikk "
            "tilgang, kan ikke lese dem, så konfidensialitetsbruddet gir neppe risiko.",
            "Opplysningane var krypterte eller hasha etter beste praksis, og nøkkelen er trygg. Den som fekk "
            "tilgang, kan ikkje lese dei, så konfidensialitetsbrotet gir neppe risiko.",
            "The data were encrypted or hashed to the state of the art, and the key is safe. Whoever got "
            "access cannot read them, so the confidentiality breach is unlikely to result in a risk.",
        ),
        "Art. 34(3)(a); EDPB 01/2021 cases 01, 06, 10; EDPB 9/2022 Annex B example 1; LAW.md «Assessing risk»",
        c_unintelligible,
    ),
    Rule(
        "C_TRUSTED",
        "confidentiality",
        "unlikely",
        t(
            "Er de eneste mottakerne kjente og pålitelige, og har de slettet opplysningene eller bekreftet at "
            "de ikke brukes? Gjelder ikke ved en bevisst handling for å skade, ukjente mottakere, snoking, "
            "særlige kategorier, straffeopplysninger eller mer enn 100 berørte.",
            "Er dei einaste mottakarane kjende og pålitelege, og har dei sletta opplysningane eller stadfesta at "
            "dei ikkje blir brukte? Gjeld ikkje ved ei medviten handling for å skade, ukjende mottakarar, "
            "snoking, særlege kategoriar, opplysningar om lovbrot eller meir enn 100 råka.",
            "Are the only recipients known and trusted, and have they deleted the data or confirmed they will "
            "not use them? Not with a deliberate act to cause harm, unknown recipients, snooping, "
            "special-category or criminal-offence data, or more than 100 people affected.",
        ),
        t(
            "Konfidensialitetsbruddet: lite sannsynlig risiko.",
            "Konfidensialitetsbrotet: lite sannsynleg risiko.",
            "Confidentiality breach: risk unlikely.",
        ),
        t(
            "De eneste mottakerne er kjente og pålitelige, og de har slettet opplysningene eller bekreftet at "
            "de ikke blir brukt. Konfidensialitetsbruddet gir derfor neppe risiko.",
            "Dei einaste mottakarane er kjende og pålitelege, og dei har sletta opplysningane eller stadfesta "
            "at dei ikkje blir brukte. Konfidensialitetsbrotet gir difor neppe risiko.",
            "The only recipients are known and trusted, and they deleted the data or confirmed they will not "
            "use them. The confidentiality breach is therefore unlikely to result in a risk.",
        ),
        "EDPB 01/2021 case 09; EDPB 9/2022 (trusted recipient); LAW.md «Assessing risk»",
        c_trusted,
    ),
    Rule(
        "C_TRUSTED_NOT_USED",
        "confidentiality",
        "note",
        t(
            "Er mottakeren oppgitt som pålitelig, men det var en bevisst handling for å skade eller ukjente mottakere?",
            "Er mottakaren oppgitt som påliteleg, men det var ei medviten handling for å skade eller ukjende "
            "mottakarar?",
            "Is the recipient stated to be trusted, but there was a deliberate act to cause harm or unknown "
            "recipients?",
        ),
        t(
            "Legger ikke vekt på at mottakeren er pålitelig.",
            "Legg ikkje vekt på at mottakaren er påliteleg.",
            "Gives no weight to the trusted recipient.",
        ),
        t(
            "Mottakerne er oppgitt som pålitelige, men det veier ikke opp for dette: {factors}.",
            "Mottakarane er oppgitte som pålitelege, men det veg ikkje opp for dette: {factors}.",
            "The recipients are stated to be trusted, but that does not outweigh this: {factors}.",
        ),
        "EDPB 01/2021 case 09 (only a trusted recipient); EDPB 9/2022 (malicious intent)",
        c_trusted_not_used,
    ),
    Rule(
        "C_START",
        "confidentiality",
        "start",
        t(
            "Hva er ENISA-nivået? Lav gir «lite sannsynlig risiko» som utgangspunkt; middels, høy og svært "
            "høy gir «risiko».",
            "Kva er ENISA-nivået? Låg gir «lite sannsynleg risiko» som utgangspunkt; middels, høg og svært høg "
            "gir «risiko».",
            "What is the ENISA band? Low starts at «risk unlikely»; medium, high and very high start at «risk».",
        ),
        t("Setter utgangspunktet.", "Set utgangspunktet.", "Sets the starting point."),
        t(
            "Utgangspunktet for konfidensialitetsbruddet er «{level}», fordi ENISA-alvorlighetsgraden er {band}.",
            "Utgangspunktet for konfidensialitetsbrotet er «{level}», fordi ENISA-alvorsgraden er {band}.",
            "The starting point for the confidentiality breach is «{level}», because the ENISA severity is {band}.",
        ),
        "ENISA 2013 (bands); LAW.md «ENISA severity» (the score is evidence, not the legal test)",
        c_start,
    ),
    Rule(
        "C_POSSIBLE",
        "confidentiality",
        "at_least_risk",
        t(
            "Var det et angrep på systemene (løsepengevirus, innbrudd, skadevare), uten at det er kjent om "
            "opplysninger ble kopiert ut?",
            "Var det eit åtak på systema (løysepengevirus, innbrot, skadevare), utan at det er kjent om "
            "opplysningar vart kopierte ut?",
            "Was there an attack on systems (ransomware, intrusion, malware), and is it unknown whether data "
            "were copied out?",
        ),
        t("Minst «risiko».", "Minst «risiko».", "At least «risk»."),
        t(
            "Det var et angrep på systemene, og ingen vet om opplysninger ble kopiert ut: det er ikke undersøkt, "
            "eller det finnes ikke logger som kan vise det. Avvik leser ikke det som at ingenting forsvant. At "
            "opplysningene kom på avveie, regnes som mulig, og det gir minst «risiko». Viser loggene at "
            "ingenting ble kopiert ut, endre svaret til «utelukket»; finner dere spor av det, endre til "
            "«sannsynlig» eller «bekreftet».",
            "Det var eit åtak på systema, og ingen veit om opplysningar vart kopierte ut: det er ikkje "
            "undersøkt, eller det finst ikkje loggar som kan vise det. Avvik les ikkje det som at ingenting "
            "forsvann. At opplysningane kom på avvegar, blir rekna som mogleg, og det gir minst «risiko». Viser "
            "loggane at ingenting vart kopiert ut, endre svaret til «utelukka»; finn de spor av det, endre til "
            "«sannsynleg» eller «stadfesta».",
            "There was an attack on systems, and nobody knows whether data were copied out: it has not been "
            "investigated, or there are no logs that could show it. Avvik does not read that as nothing having "
            "left. That the data got out is counted as possible, which makes at least a «risk». If the logs show "
            "that nothing was copied out, change the answer to «ruled out»; if you find traces of it, to "
            "«likely» or «confirmed».",
        ),
        "EDPB 01/2021 cases 01-04 (ransomware: only logs that show no exfiltration clear it); art. 33(4) "
        "(what is not known yet can follow)",
        c_possible,
    ),
    Rule(
        "C_SNOOPING",
        "confidentiality",
        "at_least_risk",
        t(
            "Så noen med tilgang på opplysningene uten tjenstlig behov («snoking»)?",
            "Såg nokon med tilgang på opplysningane utan tenestleg behov («snoking»)?",
            "Did someone with access look at the data without a work need («snooping»)?",
        ),
        t("Minst «risiko».", "Minst «risiko».", "At least «risk»."),
        t(
            "Noen med tilgang så på opplysningene uten tjenstlig behov («snoking»). Det var med vilje, og den "
            "som så, kan kjenne de berørte, for eksempel som nabo, familie eller kollega. Det er ikke en handling "
            "for å skade, men det gir minst «risiko».",
            "Nokon med tilgang såg på opplysningane utan tenestleg behov («snoking»). Det var med vilje, og den "
            "som såg, kan kjenne dei det gjeld, til dømes som nabo, familie eller kollega. Det er ikkje ei "
            "handling for å skade, men det gir minst «risiko».",
            "Someone with access looked at the data without a work need («snooping»). It was intentional, and "
            "the person who looked may know those affected, for example as a neighbour, relative or colleague. "
            "It is not an act to cause harm, but it makes at least a «risk».",
        ),
        "Recital 85; helsepersonelloven § 21 a (ban on snooping in health records); Datatilsynet «snoking»",
        c_snooping,
    ),
    Rule(
        "C_AT_LEAST_RISK",
        "confidentiality",
        "at_least_risk",
        t(
            "Gjelder det særlige kategorier eller straffeopplysninger, en bevisst handling for å skade, ukjente "
            "mottakere, sårbare personer eller mer enn 100 berørte?",
            "Gjeld det særlege kategoriar eller opplysningar om lovbrot, ei medviten handling for å skade, "
            "ukjende mottakarar, sårbare personar eller meir enn 100 råka?",
            "Are there special-category or criminal-offence data, a deliberate act to cause harm, unknown "
            "recipients, vulnerable people or more than 100 people affected?",
        ),
        t("Minst «risiko».", "Minst «risiko».", "At least «risk»."),
        t(
            "Konfidensialitetsbruddet gir minst «risiko» på grunn av {factors}. Da må en regne med at skade kan skje.",
            "Konfidensialitetsbrotet gir minst «risiko» på grunn av {factors}. Då må ein rekne med at skade kan skje.",
            "The confidentiality breach is at least a «risk» because of {factors}. Harm must then be "
            "considered likely.",
        ),
        "EDPB 9/2022 (special categories: damage likely; malice; recipients; vulnerable people; numbers); "
        "EDPB 01/2021 case 08; LAW.md «Assessing risk»",
        c_at_least_risk,
    ),
    Rule(
        "C_NOT_DISCLOSED",
        "confidentiality",
        "note",
        t(
            "Er opplysningene følsomme eller ENISA-nivået minst høyt, men ingenting tyder på at noen har sett dem?",
            "Er opplysningane følsame eller ENISA-nivået minst høgt, men ingenting tyder på at nokon har sett dei?",
            "Are the data sensitive or the ENISA band at least high, but nothing suggests anyone has seen them?",
        ),
        t(
            "Forklarer hvorfor risikoen ikke blir høy av det.",
            "Forklarer kvifor risikoen ikkje blir høg av det.",
            "Explains why that does not make the risk high.",
        ),
        t(
            "Ingenting tyder på at noen har sett eller tatt opplysningene. Risiko er både hvor sannsynlig det er "
            "at noe skjer, og hvor alvorlig det blir: selv følsomme opplysninger (ENISA-alvorlighetsgrad {band}) "
            "gir ikke høy risiko for de berørte så lenge ingenting viser at de er kommet ut. Finner dere spor av "
            "at noen leste eller kopierte dem, endre svaret.",
            "Ingenting tyder på at nokon har sett eller teke opplysningane. Risiko er både kor sannsynleg det er "
            "at noko skjer, og kor alvorleg det blir: sjølv følsame opplysningar (ENISA-alvorsgrad {band}) gir "
            "ikkje høg risiko for dei det gjeld så lenge ingenting viser at dei er komne ut. Finn de spor av at "
            "nokon las eller kopierte dei, endre svaret.",
            "Nothing suggests that anyone has seen or taken the data. Risk is both how likely harm is and how "
            "serious it would be: even sensitive data (ENISA severity {band}) do not make a high risk for the "
            "people as long as nothing shows that they got out. If you find traces that someone read or copied "
            "them, change the answer.",
        ),
        "Recital 76 (risk: likelihood and severity); EDPB 9/2022 (likelihood of harm); ENISA 2013 "
        "(confidentiality: no evidence, 0 points)",
        c_not_disclosed,
    ),
    Rule(
        "C_HARM",
        "confidentiality",
        "high",
        t(
            "Har særlige kategorier eller straffeopplysninger (eller en sammenheng som avslører dem) kommet til andre?",
            "Har særlege kategoriar eller opplysningar om lovbrot (eller ein samanheng som avslører dei) kome til "
            "andre?",
            "Did special-category or criminal-offence data (or a context that reveals them) reach others?",
        ),
        t("Høy risiko.", "Høg risiko.", "High risk."),
        t(
            "Særlige kategorier eller straffeopplysninger har kommet til andre enn de skulle. Skaden som kan skje, "
            "er {harms}. Den skaden kan ikke gjøres om, og den er like alvorlig for én person som for mange. Det "
            "gir høy risiko.",
            "Særlege kategoriar eller opplysningar om lovbrot har kome til andre enn dei skulle. Skaden som kan "
            "skje, er {harms}. Den skaden kan ikkje gjerast om, og han er like alvorleg for éin person som for "
            "mange. Det gir høg risiko.",
            "Special-category or criminal-offence data reached people they should not have reached. The harm "
            "that can follow is {harms}. That harm cannot be undone, and it is as serious for one person as for "
            "many. That means a high risk.",
        ),
        "Recital 75 and 85 (discrimination, damage to reputation, loss of confidentiality under professional "
        "secrecy); EDPB 9/2022 (special categories: damage likely); EDPB 01/2021 case 12",
        c_harm,
    ),
    Rule(
        "C_POSSIBLE_SENSITIVE",
        "confidentiality",
        "high",
        t(
            "Kan særlige kategorier eller straffeopplysninger ha blitt kopiert ut i et angrep, uten at det kan "
            "utelukkes?",
            "Kan særlege kategoriar eller opplysningar om lovbrot ha blitt kopierte ut i eit åtak, utan at det kan "
            "utelukkast?",
            "May special-category or criminal-offence data have been copied out in an attack, without that "
            "being ruled out?",
        ),
        t("Høy risiko.", "Høg risiko.", "High risk."),
        t(
            "Opplysningene som kan ha blitt kopiert ut, er særlige kategorier eller straffeopplysninger. Angripere "
            "kopierer ofte ut opplysninger før de krypterer dem, for å presse offeret. Så lenge det ikke kan "
            "utelukkes, gir det høy risiko.",
            "Opplysningane som kan ha blitt kopierte ut, er særlege kategoriar eller opplysningar om lovbrot. "
            "Åtakarar kopierer ofte ut opplysningar før dei krypterer dei, for å presse offeret. Så lenge det "
            "ikkje kan utelukkast, gir det høg risiko.",
            "The data that may have been copied out are special-category or criminal-offence data. Attackers "
            "often copy data out before they encrypt them, to put pressure on the victim. As long as that cannot "
            "be ruled out, it means a high risk.",
        ),
        "EDPB 01/2021 cases 01-04 and 12; EDPB 9/2022 (special categories: damage likely)",
        c_possible_sensitive,
    ),
    Rule(
        "C_SENSITIVE_AGGRAVATED",
        "confidentiality",
        "high",
        t(
            "Har særlige kategorier eller straffeopplysninger kommet til andre, sammen med ukjente mottakere, en "
            "bevisst handling for å skade, sårbare personer eller mer enn 100 berørte?",
            "Har særlege kategoriar eller opplysningar om lovbrot kome til andre, saman med ukjende mottakarar, "
            "ei medviten handling for å skade, sårbare personar eller meir enn 100 råka?",
            "Did special-category or criminal-offence data reach others, together with unknown recipients, a "
            "deliberate act to cause harm, vulnerable people or more than 100 people affected?",
        ),
        t("Høy risiko.", "Høg risiko.", "High risk."),
        t(
            "Opplysningene er av de mest følsomme (særlige kategorier eller straffeopplysninger), og saken "
            "gjelder også {factors}. Det gir høy risiko.",
            "Opplysningane er av dei mest følsame (særlege kategoriar eller opplysningar om lovbrot), og saka "
            "gjeld også {factors}. Det gir høg risiko.",
            "The data are of the most sensitive kind (special categories or criminal-offence data), and the "
            "case also involves {factors}. That means a high risk.",
        ),
        "EDPB 01/2021 case 12; EDPB 9/2022 Annex B example 10; LAW.md «Assessing risk»",
        c_sensitive_aggravated,
    ),
    Rule(
        "C_SERIOUS_EXPOSED",
        "confidentiality",
        "high",
        t(
            "Er ENISA-nivået minst høyt, har opplysningene kommet til andre, og gjelder det ukjente mottakere, "
            "en bevisst handling for å skade eller sårbare personer?",
            "Er ENISA-nivået minst høgt, har opplysningane kome til andre, og gjeld det ukjende mottakarar, ei "
            "medviten handling for å skade eller sårbare personar?",
            "Is the ENISA band at least high, did the data reach others, and are there unknown recipients, a "
            "deliberate act to cause harm or vulnerable people?",
        ),
        t("Høy risiko.", "Høg risiko.", "High risk."),
        t(
            "ENISA-alvorlighetsgraden er {band}, og saken gjelder {factors}. Følgene kan bli alvorlige for de "
            "berørte. Det gir høy risiko.",
            "ENISA-alvorsgraden er {band}, og saka gjeld {factors}. Følgjene kan bli alvorlege for dei råka. "
            "Det gir høg risiko.",
            "The ENISA severity is {band}, and the case involves {factors}. The consequences for the people "
            "can be serious. That means a high risk.",
        ),
        "ENISA 2013 (high: serious difficulties); EDPB 01/2021 cases 07, 17, 18; EDPB 9/2022 Annex B example 6",
        c_serious_exposed,
    ),
    Rule(
        "C_VOLUME",
        "confidentiality",
        "high",
        t(
            "Er mer enn 100 berørt, har opplysningene kommet til andre, og er ENISA-nivået minst middels?",
            "Er meir enn 100 råka, har opplysningane kome til andre, og er ENISA-nivået minst middels?",
            "Are more than 100 people affected, did the data reach others, and is the ENISA band at least medium?",
        ),
        t("Høy risiko.", "Høg risiko.", "High risk."),
        t(
            "{count} personer er berørt, opplysningene har kommet til andre, og ENISA-alvorlighetsgraden er "
            "{band}. Så mange berørte gir høy risiko.",
            "{count} personar er råka, opplysningane har kome til andre, og ENISA-alvorsgraden er {band}. Så "
            "mange råka gir høg risiko.",
            "{count} people are affected, the data reached others, and the ENISA severity is {band}. So many "
            "people affected means a high risk.",
        ),
        "ENISA 2013 (flag: more than 100 people); EDPB 01/2021 cases 05, 11, 14",
        c_volume,
    ),
    Rule(
        "C_FRAUD",
        "confidentiality",
        "high",
        t(
            "Har opplysninger som kan brukes til identitetstyveri eller svindel, kommet til andre, og er "
            "ENISA-nivået svært høyt for dem alene?",
            "Har opplysningar som kan brukast til identitetstjuveri eller svindel, kome til andre, og er "
            "ENISA-nivået svært høgt for dei åleine?",
            "Did data that can be used for identity theft or fraud reach others, and is the ENISA band very high "
            "for them alone?",
        ),
        t("Høy risiko.", "Høg risiko.", "High risk."),
        t(
            "Opplysningene ({categories}) har kommet til andre og kan brukes til identitetstyveri eller svindel. "
            "ENISA-alvorlighetsgraden av dem alene er {score}, svært høy. Det gir høy risiko.",
            "Opplysningane ({categories}) har kome til andre og kan brukast til identitetstjuveri eller svindel. "
            "ENISA-alvorsgraden av dei åleine er {score}, svært høg. Det gir høg risiko.",
            "The data ({categories}) reached others and can be used for identity theft or fraud. The ENISA "
            "severity of these data alone is {score}, very high. That means a high risk.",
        ),
        "Recital 85; ENISA 2013 (very high); EDPB 01/2021 cases 04, 07",
        c_fraud,
    ),
    Rule(
        "C_PUBLIC",
        "confidentiality",
        "lower",
        t(
            "Var de samme opplysningene allerede lovlig offentlige?",
            "Var dei same opplysningane alt lovleg offentlege?",
            "Were the same data already lawfully public?",
        ),
        t(
            "Senker konfidensialitetsbruddet ett trinn.",
            "Senkar konfidensialitetsbrotet eitt steg.",
            "Lowers the confidentiality breach one step.",
        ),
        t(
            "De samme opplysningene var allerede lovlig offentlige. Det senker risikoen ved "
            "konfidensialitetsbruddet ett trinn.",
            "Dei same opplysningane var alt lovleg offentlege. Det senkar risikoen ved konfidensialitetsbrotet "
            "eitt steg.",
            "The same data were already lawfully public. That lowers the risk of the confidentiality breach "
            "by one step.",
        ),
        "EDPB 9/2022 (data already publicly available); ENISA 2013 (public data lower the score); "
        "LAW.md «Assessing risk»",
        c_public,
    ),
    Rule(
        "C_TRUSTED_LIMITED",
        "confidentiality",
        "not_high",
        t(
            "Er de eneste mottakerne kjente og pålitelige, men gjelder det særlige kategorier, "
            "straffeopplysninger eller mer enn 100 berørte?",
            "Er dei einaste mottakarane kjende og pålitelege, men gjeld det særlege kategoriar, opplysningar om "
            "lovbrot eller meir enn 100 råka?",
            "Are the only recipients known and trusted, but are there special-category or criminal-offence data "
            "or more than 100 people affected?",
        ),
        t(
            "Senker høy risiko til «risiko», men ikke lavere.",
            "Senkar høg risiko til «risiko», men ikkje lågare.",
            "Lowers a high risk to «risk», but no further.",
        ),
        t(
            "De eneste mottakerne er kjente og pålitelige, og de har slettet opplysningene eller bekreftet at de "
            "ikke blir brukt. Det senker risikoen, så den blir ikke høy. Men saken gjelder {factors}, så risikoen "
            "forsvinner ikke: Datatilsynet skal ha melding.",
            "Dei einaste mottakarane er kjende og pålitelege, og dei har sletta opplysningane eller stadfesta at "
            "dei ikkje blir brukte. Det senkar risikoen, så han blir ikkje høg. Men saka gjeld {factors}, så "
            "risikoen forsvinn ikkje: Datatilsynet skal ha melding.",
            "The only recipients are known and trusted, and they deleted the data or confirmed they will not use "
            "them. That lowers the risk, so it is not high. But the case involves {factors}, so the risk does "
            "not go away: Datatilsynet must be notified.",
        ),
        "EDPB 01/2021 case 09 (trusted recipient, ordinary data); EDPB 9/2022 (special categories: damage "
        "likely; number of people)",
        c_trusted_limited,
    ),
    Rule(
        "VOLUME_UNDER_LIMIT",
        "confidentiality",
        "note",
        t(
            "Ligger antallet berørte mellom 25 og 100, og ville mer enn 100 gitt et annet utfall?",
            "Ligg talet på råka mellom 25 og 100, og ville meir enn 100 gitt eit anna utfall?",
            "Is the number of people between 25 and 100, and would more than 100 give another outcome?",
        ),
        t("Forklarer grensen.", "Forklarer grensa.", "Explains the threshold."),
        t(
            "{count} personer er berørt. Det er under grensen Avvik bruker for mange berørte: mer enn 100 "
            "(ENISAs flagg). Med mer enn 100 ville konfidensialitetsbruddet vært «{other_level}» i stedet for "
            "«{level}». Er antallet usikkert, regn med det høyeste anslaget.",
            "{count} personar er råka. Det er under grensa Avvik brukar for mange råka: meir enn 100 (flagget "
            "til ENISA). Med meir enn 100 ville konfidensialitetsbrotet vore «{other_level}» i staden for "
            "«{level}». Er talet usikkert, rekn med det høgaste overslaget.",
            "{count} people are affected. That is under the threshold Avvik uses for many people: more than 100 "
            "(ENISA's flag). With more than 100 the confidentiality breach would have been «{other_level}» "
            "instead of «{level}». If the number is uncertain, count with the highest estimate.",
        ),
        "ENISA 2013 (flag: more than 100 people); EDPB 9/2022 (number of individuals)",
    ),
    Rule(
        "VOLUME_OVER_LIMIT",
        "confidentiality",
        "note",
        t(
            "Ligger antallet berørte mellom 101 og 400, og ville 100 eller færre gitt et annet utfall?",
            "Ligg talet på råka mellom 101 og 400, og ville 100 eller færre gitt eit anna utfall?",
            "Is the number of people between 101 and 400, and would 100 or fewer give another outcome?",
        ),
        t("Forklarer grensen.", "Forklarer grensa.", "Explains the threshold."),
        t(
            "{count} personer er berørt. Det er over grensen Avvik bruker for mange berørte: mer enn 100 "
            "(ENISAs flagg). Med 100 eller færre ville konfidensialitetsbruddet vært «{other_level}» i stedet "
            "for «{level}». Grensen er en tommelfingerregel: se også på hvem de berørte er, og hva som kan skje "
            "dem.",
            "{count} personar er råka. Det er over grensa Avvik brukar for mange råka: meir enn 100 (flagget "
            "til ENISA). Med 100 eller færre ville konfidensialitetsbrotet vore «{other_level}» i staden for "
            "«{level}». Grensa er ein tommelfingerregel: sjå også på kven dei råka er, og kva som kan skje dei.",
            "{count} people are affected. That is over the threshold Avvik uses for many people: more than 100 "
            "(ENISA's flag). With 100 or fewer the confidentiality breach would have been «{other_level}» "
            "instead of «{level}». The threshold is a rule of thumb: look also at who the people are and what "
            "can happen to them.",
        ),
        "ENISA 2013 (flag: more than 100 people); EDPB 9/2022 (number of individuals)",
    ),
    # Integrity
    Rule(
        "I_NO_MISUSE",
        "integrity",
        "unlikely",
        t(
            "Ble opplysningene endret uten å bli misbrukt, og er de rettet opp?",
            "Vart opplysningane endra utan å bli misbrukte, og er dei retta opp?",
            "Were the data altered without being misused, and have they been put right?",
        ),
        t(
            "Integritetsbruddet: lite sannsynlig risiko.",
            "Integritetsbrotet: lite sannsynleg risiko.",
            "Integrity breach: risk unlikely.",
        ),
        t(
            "Opplysningene ble endret, men ikke misbrukt, og de er rettet opp. Integritetsbruddet gir neppe risiko.",
            "Opplysningane vart endra, men ikkje misbrukte, og dei er retta opp. Integritetsbrotet gir neppe risiko.",
            "The data were altered but not misused, and they have been put right. The integrity breach is "
            "unlikely to result in a risk.",
        ),
        "ENISA 2013 (integrity: 0 points); EDPB 01/2021 case 01",
        i_no_misuse,
    ),
    Rule(
        "I_MISUSE",
        "integrity",
        "at_least_risk",
        t(
            "Kan endrede opplysninger ha blitt brukt?",
            "Kan endra opplysningar ha blitt brukte?",
            "May altered data have been used?",
        ),
        t("Minst «risiko».", "Minst «risiko».", "At least «risk»."),
        t(
            "Opplysninger ble endret og kan ha blitt brukt i endret form ({impact}). Integritetsbruddet gir "
            "minst «risiko».",
            "Opplysningar vart endra og kan ha blitt brukte i endra form ({impact}). Integritetsbrotet gir "
            "minst «risiko».",
            "Data were altered and may have been used in their altered form ({impact}). The integrity breach "
            "is at least a «risk».",
        ),
        "ENISA 2013 (integrity: +0.25 / +0.5); LAW.md «Assessing risk»",
        i_misuse,
    ),
    Rule(
        "I_SERIOUS",
        "integrity",
        "high",
        t(
            "Kan endrede opplysninger ha blitt brukt, med ENISA-nivå svært høyt, eller høyt når feilen ikke kan "
            "rettes?",
            "Kan endra opplysningar ha blitt brukte, med ENISA-nivå svært høgt, eller høgt når feilen ikkje kan "
            "rettast?",
            "May altered data have been used, with a very high ENISA band, or high when the damage cannot be "
            "put right?",
        ),
        t("Høy risiko.", "Høg risiko.", "High risk."),
        t(
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
        i_serious,
    ),
    # Availability
    Rule(
        "A_RECOVERABLE",
        "availability",
        "unlikely",
        t(
            "Kunne opplysningene hentes fram igjen uten problemer, for eksempel fra sikkerhetskopi?",
            "Kunne opplysningane hentast fram att utan problem, til dømes frå tryggingskopi?",
            "Could the data be restored without difficulty, for example from a backup?",
        ),
        t(
            "Tilgjengelighetsbruddet: lite sannsynlig risiko.",
            "Tilgjengebrotet: lite sannsynleg risiko.",
            "Availability breach: risk unlikely.",
        ),
        t(
            "Opplysningene kunne hentes fram igjen uten problemer, for eksempel fra sikkerhetskopi. Et kort "
            "avbrudd uten varige følger gir neppe risiko.",
            "Opplysningane kunne hentast fram att utan problem, til dømes frå tryggingskopi. Eit kort avbrot "
            "utan varige følgjer gir neppe risiko.",
            "The data could be restored without difficulty, for example from a backup. A brief outage with no "
            "lasting effect is unlikely to result in a risk.",
        ),
        "EDPB 01/2021 case 01; EDPB 9/2022 Annex B example 3; ENISA 2013 (availability: 0 points)",
        a_recoverable,
    ),
    Rule(
        "A_ENCRYPTED_NO_HELP",
        "availability",
        "note",
        t(
            "Var opplysningene kryptert, men er de utilgjengelige eller tapt?",
            "Var opplysningane krypterte, men er dei utilgjengelege eller tapte?",
            "Were the data encrypted, but are they unavailable or lost?",
        ),
        t(
            "Krypteringen teller ikke for tilgjengeligheten.",
            "Krypteringa tel ikkje for tilgjenget.",
            "Encryption does not count for availability.",
        ),
        t(
            "Krypteringen hindrer at andre kan lese opplysningene, men den hjelper ikke når dere selv har "
            "mistet tilgangen. Tilgjengelighetsbruddet vurderes for seg.",
            "Krypteringa hindrar at andre kan lese opplysningane, men ho hjelper ikkje når de sjølve har mista "
            "tilgangen. Tilgjengebrotet blir vurdert for seg.",
            "Encryption stops others from reading the data, but it does not help when you yourselves have "
            "lost access. The availability breach is assessed on its own.",
        ),
        "Art. 34(3)(a) covers unintelligible data only; EDPB 01/2021 cases 01 and 02",
        a_encrypted_no_help,
    ),
    Rule(
        "A_LOSS",
        "availability",
        "at_least_risk",
        t(
            "Var opplysningene midlertidig utilgjengelige eller tapt for godt?",
            "Var opplysningane mellombels utilgjengelege eller tapte for godt?",
            "Were the data temporarily unavailable or lost for good?",
        ),
        t("Minst «risiko».", "Minst «risiko».", "At least «risk»."),
        t(
            "Opplysningene var {impact}. Det kan ramme de berørte, for eksempel når de ikke får tjenester, "
            "lønn eller svar de trenger. Tilgjengelighetsbruddet gir minst «risiko».",
            "Opplysningane var {impact}. Det kan råke dei det gjeld, til dømes når dei ikkje får tenester, løn "
            "eller svar dei treng. Tilgjengebrotet gir minst «risiko».",
            "The data were {impact}. That can hurt the people, for example when they do not get services, pay "
            "or answers they need. The availability breach is at least a «risk».",
        ),
        "EDPB 01/2021 case 02; EDPB 9/2022 Annex B example 4; ENISA 2013 (availability: +0.25 / +0.5)",
        a_loss,
    ),
    Rule(
        "A_CRITICAL",
        "availability",
        "high",
        t(
            "Er sårbare personer avhengige av opplysninger som var utilgjengelige, når det gjelder særlige "
            "kategorier (som helse) eller opplysningene er tapt for godt?",
            "Er sårbare personar avhengige av opplysningar som var utilgjengelege, når det gjeld særlege "
            "kategoriar (som helse) eller opplysningane er tapte for godt?",
            "Do vulnerable people depend on data that were unavailable, where they are special-category data "
            "(such as health) or were lost for good?",
        ),
        t("Høy risiko.", "Høg risiko.", "High risk."),
        t(
            "Sårbare personer, som pasienter, er avhengige av opplysningene, og opplysningene var {impact}. "
            "Det kan ramme liv og helse, for eksempel når operasjoner må avlyses. Det gir høy risiko.",
            "Sårbare personar, som pasientar, er avhengige av opplysningane, og opplysningane var {impact}. Det "
            "kan råke liv og helse, til dømes når operasjonar må avlysast. Det gir høg risiko.",
            "Vulnerable people, such as patients, depend on the data, and the data were {impact}. That can "
            "affect life and health, for example when operations must be cancelled. That means a high risk.",
        ),
        "EDPB 01/2021 case 03; EDPB 9/2022 Annex B example 8",
        a_critical,
    ),
    # Outcome
    Rule(
        "LEVEL_UNLIKELY",
        "outcome",
        "outcome",
        t(
            "Er alle delene av bruddet «lite sannsynlig risiko»?",
            "Er alle delane av brotet «lite sannsynleg risiko»?",
            "Is every part of the breach «risk unlikely»?",
        ),
        t(
            "Ikke meld til Datatilsynet; dokumenter.",
            "Ikkje meld til Datatilsynet; dokumenter.",
            "Do not notify Datatilsynet; document.",
        ),
        t(
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
        t(
            "Er den verste delen av bruddet «risiko»?",
            "Er den verste delen av brotet «risiko»?",
            "Is the worst part of the breach «risk»?",
        ),
        t(
            "Meld til Datatilsynet innen 72 timer.",
            "Meld til Datatilsynet innan 72 timar.",
            "Notify Datatilsynet within 72 hours.",
        ),
        t(
            "Samlet: bruddet kan gi risiko for personene. Meld det til Datatilsynet uten ugrunnet opphold og "
            "senest 72 timer etter at dere ble klar over det (artikkel 33 nr. 1). Risikoen er ikke høy, så de "
            "berørte trenger ikke varsles (artikkel 34 nr. 1).",
            "Samla: brotet kan gi risiko for personane. Meld det til Datatilsynet utan ugrunna opphald og "
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
        t(
            "Er den verste delen av bruddet «høy risiko»?",
            "Er den verste delen av brotet «høg risiko»?",
            "Is the worst part of the breach «high risk»?",
        ),
        t(
            "Meld til Datatilsynet, og varsle de berørte.",
            "Meld til Datatilsynet, og varsle dei råka.",
            "Notify Datatilsynet, and tell the people.",
        ),
        t(
            "Samlet: bruddet kan gi høy risiko for personene. Meld det til Datatilsynet uten ugrunnet opphold "
            "og senest innen 72 timer (artikkel 33 nr. 1). De berørte skal ha beskjed uten ugrunnet opphold, "
            "så de kan beskytte seg, med mindre et unntak i artikkel 34 nr. 3 gjelder.",
            "Samla: brotet kan gi høg risiko for personane. Meld det til Datatilsynet utan ugrunna opphald og "
            "seinast innan 72 timar (artikkel 33 nr. 1). Dei råka skal ha beskjed utan ugrunna opphald, så dei "
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
        t(
            "Ville konfidensialitetsbruddet gitt høy risiko uten krypteringen?",
            "Ville konfidensialitetsbrotet gitt høg risiko utan krypteringa?",
            "Would the confidentiality breach be a high risk without the encryption?",
        ),
        t(
            "Unntak a: de berørte trenger ikke varsles.",
            "Unntak a: dei råka treng ikkje varslast.",
            "Exemption (a): the people need not be told.",
        ),
        t(
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
        t(
            "Høy risiko, men gjør senere tiltak at den høye risikoen ikke lenger er sannsynlig?",
            "Høg risiko, men gjer seinare tiltak at den høge risikoen ikkje lenger er sannsynleg?",
            "High risk, but do later measures make the high risk no longer likely?",
        ),
        t(
            "Unntak b: de berørte trenger ikke varsles.",
            "Unntak b: dei råka treng ikkje varslast.",
            "Exemption (b): the people need not be told.",
        ),
        t(
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
        t(
            "Høy risiko, men vil det kreve uforholdsmessig stor innsats å nå hver enkelt?",
            "Høg risiko, men vil det krevje uforholdsmessig stor innsats å nå kvar enkelt?",
            "High risk, but would reaching each person take disproportionate effort?",
        ),
        t(
            "Unntak c: offentlig melding i stedet.",
            "Unntak c: offentleg melding i staden.",
            "Exemption (c): a public notice instead.",
        ),
        t(
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
        t(
            "Er et unntak oppgitt, men risikoen er ikke høy?",
            "Er eit unntak oppgitt, men risikoen er ikkje høg?",
            "Is an exemption given, but the risk is not high?",
        ),
        t("Bruker ikke unntaket.", "Brukar ikkje unntaket.", "Does not use the exemption."),
        t(
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
RULES_BY_PART: Final[Mapping[str, tuple[Rule, ...]]] = {
    part: tuple(rule for rule in RULES if rule.part == part) for part in PART_LABELS
}
