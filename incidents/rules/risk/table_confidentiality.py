"""The rules of a confidentiality breach, as data (see ``table``): who could see the data, how
likely it is that they did, and the harm the data can do."""

from __future__ import annotations

from typing import Final

from incidents.rules.risk.conditions import (
    Rule,
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
)
from incidents.rules.risk.sources import NUMBER_AFFECTED, OVER_100, SPECIAL_LIKELY, cite, edpb_01, edpb_9, enisa, gdpr
from incidents.rules.risk.vocabulary import t

CONFIDENTIALITY_RULES: Final[tuple[Rule, ...]] = (
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
        cite(
            gdpr("34(3)(a)"),
            edpb_01("01", "06", "10"),
            edpb_9(
                t(
                    "kryptert etter beste praksis, med nøkkelen i behold",
                    "kryptert etter beste praksis, med nøkkelen i behald",
                    "encrypted to the state of the art, with the key safe",
                ),
                example=1,
            ),
        ),
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
        cite(
            edpb_01("09"),
            edpb_9(
                t(
                    "én mottaker som er til å stole på, for eksempel med taushetsplikt, og som har slettet "
                    "opplysningene",
                    "éin mottakar som er til å stole på, til dømes med teieplikt, og som har sletta opplysningane",
                    "a single trusted recipient, e.g. under professional secrecy, who deleted the data",
                )
            ),
        ),
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
        cite(
            edpb_01(
                "09",
                point=t(
                    "bare én mottaker som er til å stole på",
                    "berre éin mottakar som er til å stole på",
                    "only a trusted recipient",
                ),
            ),
            edpb_9(t("hensikt om å skade", "vilje til å skade", "malicious intent")),
        ),
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
        cite(
            enisa(
                t(
                    "nivåene lav, middels, høy og svært høy, men ingen grense for når bruddet skal meldes, så "
                    "poengsummen er et moment i vurderingen, ikke selve vurderingen",
                    "nivåa låg, middels, høg og svært høg, men inga grense for når brotet skal meldast, så "
                    "poengsummen er eitt moment i vurderinga, ikkje sjølve vurderinga",
                    "the bands low, medium, high and very high, but no threshold for notifying, so the score is "
                    "evidence, not the legal test",
                )
            )
        ),
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
        cite(
            edpb_01(
                "01–04",
                point=t(
                    "etter løsepengevirus er det bare logger som viser at ingenting ble kopiert ut, som fjerner "
                    "risikoen",
                    "etter løysepengevirus er det berre loggar som viser at ingenting vart kopiert ut, som fjernar "
                    "risikoen",
                    "after ransomware, only logs that show no exfiltration clear the risk",
                ),
            ),
            gdpr(
                "33(4)",
                point=t(
                    "det som ikke er kjent ennå, kan meldes senere",
                    "det som ikkje er kjent enno, kan meldast seinare",
                    "what is not known yet can follow",
                ),
            ),
        ),
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
        cite(
            gdpr(
                "recital 85",
                point=t(
                    "tap av fortrolighet for opplysninger med taushetsplikt",
                    "tap av konfidensialitet for opplysningar med teieplikt",
                    "loss of confidentiality of data protected by professional secrecy",
                ),
            ),
            t(
                "helsepersonelloven § 21 a: forbud mot å lese pasientopplysninger uten tjenstlig behov",
                "helsepersonellova § 21 a: forbod mot å lese pasientopplysningar utan tenestleg behov",
                "the Health Personnel Act (helsepersonelloven) § 21 a: ban on snooping in health records",
            ),
            t(
                "Datatilsynets veiledning om snoking",
                "Datatilsynet si rettleiing om snoking",
                "Datatilsynet's guidance on snooping («snoking»)",
            ),
        ),
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
        cite(
            edpb_9(
                t(
                    "ved særlige kategorier av personopplysninger skal skade regnes som sannsynlig, og hensikt om å "
                    "skade, hvem mottakerne er, sårbare personer og antall berørte teller også",
                    "ved særlege kategoriar av personopplysningar skal skade reknast som sannsynleg, og vilje til å "
                    "skade, kven mottakarane er, sårbare personar og talet på råka tel òg",
                    "where special categories of data are involved, damage should be considered likely, and malicious "
                    "intent, the recipients, vulnerable people and the number of people count too",
                )
            ),
            edpb_01("08"),
        ),
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
        cite(
            gdpr(
                "recital 76",
                point=t(
                    "risikoen vurderes etter sannsynlighet og alvor",
                    "risikoen blir vurdert etter sannsyn og alvor",
                    "risk is assessed by its likelihood and severity",
                ),
            ),
            edpb_9(t("hvor sannsynlig skade er", "kor sannsynleg skade er", "the likelihood of harm")),
            enisa(
                t(
                    "ingen tegn på at noen har sett opplysningene gir 0 poeng for konfidensialitet",
                    "ingen teikn på at nokon har sett opplysningane gir 0 poeng for konfidensialitet",
                    "no evidence of unlawful processing adds 0 points for confidentiality",
                )
            ),
        ),
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
        cite(
            gdpr(
                "recital 75",
                "recital 85",
                point=t(
                    "diskriminering, skade på omdømmet og tap av fortrolighet for opplysninger med taushetsplikt",
                    "diskriminering, skade på omdømmet og tap av konfidensialitet for opplysningar med teieplikt",
                    "discrimination, damage to reputation, loss of confidentiality of data protected by professional "
                    "secrecy",
                ),
            ),
            edpb_9(SPECIAL_LIKELY),
            edpb_01("12"),
        ),
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
        cite(edpb_01("01–04", "12"), edpb_9(SPECIAL_LIKELY)),
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
        cite(
            edpb_01("12"),
            edpb_9(
                t(
                    "særlige kategorier, hvem mottakerne er, sårbare personer og antall berørte",
                    "særlege kategoriar, kven mottakarane er, sårbare personar og talet på råka",
                    "special categories, the recipients, vulnerable people and the number of people",
                ),
                example=10,
            ),
        ),
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
        cite(
            enisa(
                t(
                    "nivået høy betyr betydelige følger og alvorlige vanskeligheter",
                    "nivået høg tyder monalege følgjer og alvorlege vanskar",
                    "the high band means significant consequences and serious difficulties",
                )
            ),
            edpb_01("07", "17", "18"),
            edpb_9(example=6),
        ),
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
        cite(enisa(OVER_100), edpb_01("05", "11", "14")),
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
        cite(
            gdpr(
                "recital 85",
                point=t("identitetstyveri og svindel", "identitetstjuveri og svindel", "identity theft or fraud"),
            ),
            enisa(
                t(
                    "nivået svært høy betyr betydelige eller uopprettelige følger",
                    "nivået svært høg tyder monalege eller uopprettelege følgjer",
                    "the very high band means significant or irreversible consequences",
                )
            ),
            edpb_01("04", "07"),
        ),
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
        cite(
            edpb_9(
                t(
                    "opplysninger som allerede er offentlig tilgjengelige",
                    "opplysningar som alt er offentleg tilgjengelege",
                    "data already publicly available",
                )
            ),
            enisa(
                t(
                    "offentlige opplysninger gir lavere poengsum",
                    "offentlege opplysningar gir lågare poengsum",
                    "public data lower the score",
                )
            ),
        ),
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
        cite(
            edpb_01(
                "09",
                point=t(
                    "en mottaker som er til å stole på, vanlige opplysninger",
                    "ein mottakar som er til å stole på, vanlege opplysningar",
                    "a trusted recipient, ordinary data",
                ),
            ),
            edpb_9(
                t(
                    "ved særlige kategorier av personopplysninger skal skade regnes som sannsynlig, og antall "
                    "berørte teller",
                    "ved særlege kategoriar av personopplysningar skal skade reknast som sannsynleg, og talet på "
                    "råka tel",
                    "where special categories of data are involved, damage should be considered likely, and the "
                    "number of people counts",
                )
            ),
        ),
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
        cite(enisa(OVER_100), edpb_9(NUMBER_AFFECTED)),
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
        cite(enisa(OVER_100), edpb_9(NUMBER_AFFECTED)),
    ),
)
