"""The rules as data, in evaluation order: what each checks, what it does, the sentence it leaves, its source."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from incidents.rules.risk.conditions import (
    Rule,
    assumed_identifiability,
    assumed_known_recipients,
    assumed_worst,
    confidentiality_implied,
    context_special,
    count_unknown,
    dpc_adjusted,
    exfiltration_ruled_out,
    ignored_elements,
    severity_explained,
)
from incidents.rules.risk.labels import PART_LABELS
from incidents.rules.risk.sources import NUMBER_AFFECTED, cite, edpb_01, edpb_9, enisa, gdpr
from incidents.rules.risk.table_confidentiality import CONFIDENTIALITY_RULES
from incidents.rules.risk.table_outcome import AVAILABILITY_RULES, EXEMPTION_RULES, INTEGRITY_RULES, OUTCOME_RULES
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
        cite(
            enisa(
                t(
                    "alvorlighetsgraden SE = DPC × EI + CB",
                    "alvorsgraden SE = DPC × EI + CB",
                    "the severity SE = DPC × EI + CB",
                )
            )
        ),
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
        cite(enisa(t("justering for omstendighetene", "justering for omstenda", "adjustment for the context"))),
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
        cite(
            enisa(
                t(
                    "enkle opplysninger som lar noen slutte seg til noe om helse, justeres opp",
                    "enkle opplysningar som lèt nokon slutte seg til noko om helse, blir justerte opp",
                    "simple data that allow assumptions about health are adjusted upwards",
                )
            ),
            edpb_9(
                t(
                    "e-postlisten til en psykoterapeut",
                    "e-postlista til ein psykoterapeut",
                    "a psychotherapist's mailing list",
                ),
                example=10,
            ),
        ),
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
        cite(
            enisa(
                t(
                    "hvor lett personene kan identifiseres (EI)",
                    "kor lett personane kan identifiserast (EI)",
                    "ease of identification (EI)",
                )
            ),
            edpb_9(
                t("er du i tvil, vurder forsiktig", "er du i tvil, vurder varsamt", "when in doubt, assess cautiously")
            ),
        ),
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
        cite(
            edpb_9(
                t(
                    "vurder risikoen straks, ikke vent på teknisk etterforskning",
                    "vurder risikoen straks, ikkje vent på teknisk etterforsking",
                    "assess the risk at once, do not wait for forensics",
                )
            ),
            enisa(
                t(
                    "omstendighetene ved bruddet (CB)",
                    "omstenda ved brotet (CB)",
                    "the circumstances of the breach (CB)",
                )
            ),
        ),
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
        t(
            "Opplysningene i saken: de eneste mottakerne er kjente og til å stole på",
            "Opplysningane i saka: dei einaste mottakarane er kjende og til å stole på",
            "The facts of the case: the only recipients are known and trusted",
        ),
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
        cite(
            enisa(
                t(
                    "CB teller bare de delene av bruddet som faktisk skjedde",
                    "CB tel berre dei delane av brotet som faktisk skjedde",
                    "CB counts only the elements of the breach that happened",
                )
            )
        ),
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
        cite(
            gdpr(
                "33(3)(a)",
                point=t(
                    "omtrentlig antall berørte", "omtrentleg tal på råka", "the approximate number of people affected"
                ),
            ),
            edpb_9(NUMBER_AFFECTED),
        ),
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
        cite(
            edpb_9(
                t(
                    "ett brudd kan være av flere typer",
                    "eitt brot kan vere av fleire typar",
                    "a breach can be of several types",
                )
            ),
            edpb_01(
                "04", "05", point=t("data kopiert ut av systemene", "data kopierte ut av systema", "data exfiltrated")
            ),
        ),
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
        cite(
            edpb_01(
                "01",
                point=t(
                    "løsepengevirus regnet som uten risiko fordi loggene viste at ingenting ble kopiert ut",
                    "løysepengevirus rekna som utan risiko fordi loggane viste at ingenting vart kopiert ut",
                    "ransomware cleared because the logs showed no exfiltration",
                ),
            )
        ),
        exfiltration_ruled_out,
    ),
    *CONFIDENTIALITY_RULES,
    *INTEGRITY_RULES,
    *AVAILABILITY_RULES,
    *OUTCOME_RULES,
    *EXEMPTION_RULES,
)

RULES_BY_CODE: Final[Mapping[str, Rule]] = {rule.code: rule for rule in RULES}
RULES_BY_PART: Final[Mapping[str, tuple[Rule, ...]]] = {
    part: tuple(rule for rule in RULES if rule.part == part) for part in PART_LABELS
}
