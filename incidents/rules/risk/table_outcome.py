"""The rules of integrity and availability breaches, of the outcome and of the art. 34(3)
exemptions, as data (see ``table``)."""

from __future__ import annotations

from typing import Final

from incidents.rules.risk.conditions import (
    Rule,
    a_critical,
    a_encrypted_no_help,
    a_loss,
    a_recoverable,
    i_misuse,
    i_no_misuse,
    i_serious,
)
from incidents.rules.risk.sources import NOTIFY_AND_TELL, cite, edpb_01, edpb_9, enisa, gdpr
from incidents.rules.risk.vocabulary import t

INTEGRITY_RULES: Final[tuple[Rule, ...]] = (
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
        cite(
            enisa(
                t(
                    "endrede opplysninger som ikke er misbrukt, gir 0 poeng for integritet",
                    "endra opplysningar som ikkje er misbrukte, gir 0 poeng for integritet",
                    "altered data not misused add 0 points for integrity",
                )
            ),
            edpb_01("01"),
        ),
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
        cite(
            enisa(
                t(
                    "mulig misbruk gir +0,25 eller +0,5 poeng for integritet",
                    "mogleg misbruk gir +0,25 eller +0,5 poeng for integritet",
                    "possible misuse adds +0.25 or +0.5 points for integrity",
                )
            ),
            edpb_9(
                t(
                    "hvor alvorlige og varige følgene er",
                    "kor alvorlege og varige følgjene er",
                    "the severity and permanence of the consequences",
                )
            ),
        ),
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
        cite(
            gdpr(
                "recital 85",
                point=t(
                    "fysisk, materiell eller immateriell skade",
                    "fysisk, materiell eller immateriell skade",
                    "physical, material or non-material damage",
                ),
            ),
            enisa(t("nivåene høy og svært høy", "nivåa høg og svært høg", "the high and very high bands")),
        ),
        i_serious,
    ),
)


AVAILABILITY_RULES: Final[tuple[Rule, ...]] = (
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
        cite(
            edpb_01("01"),
            edpb_9(example=3),
            enisa(
                t(
                    "opplysninger som kan hentes tilbake uten vansker, gir 0 poeng for tilgjengelighet",
                    "opplysningar som kan hentast tilbake utan vanskar, gir 0 poeng for tilgjenge",
                    "data recoverable without difficulty add 0 points for availability",
                )
            ),
        ),
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
        cite(
            gdpr(
                "34(3)(a)",
                point=t(
                    "gjelder bare opplysninger som er uleselige for uvedkommende",
                    "gjeld berre opplysningar som er uleselege for uvedkomande",
                    "covers only data unintelligible to anyone unauthorised",
                ),
            ),
            edpb_01("01", "02"),
        ),
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
        cite(
            edpb_01("02"),
            edpb_9(example=4),
            enisa(
                t(
                    "opplysninger som er borte en tid eller for godt, gir +0,25 eller +0,5 poeng for tilgjengelighet",
                    "opplysningar som er borte ei tid eller for godt, gir +0,25 eller +0,5 poeng for tilgjenge",
                    "data unavailable for a time or for good add +0.25 or +0.5 points for availability",
                )
            ),
        ),
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
        cite(edpb_01("03"), edpb_9(example=8)),
        a_critical,
    ),
)


OUTCOME_RULES: Final[tuple[Rule, ...]] = (
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
        cite(
            gdpr(
                "33(1)",
                "33(5)",
                point=t(
                    "melding til Datatilsynet, og dokumentasjon av alle brudd",
                    "melding til Datatilsynet, og dokumentasjon av alle brot",
                    "notifying Datatilsynet, and documenting every breach",
                ),
            )
        ),
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
        cite(gdpr("33(1)", "34(1)", point=NOTIFY_AND_TELL)),
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
        cite(gdpr("33(1)", "34(1)", point=NOTIFY_AND_TELL)),
    ),
)


EXEMPTION_RULES: Final[tuple[Rule, ...]] = (
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
        cite(
            gdpr(
                "34(3)(a)",
                point=t(
                    "opplysningene er uleselige for uvedkommende, for eksempel fordi de er kryptert",
                    "opplysningane er uleselege for uvedkomande, til dømes fordi dei er krypterte",
                    "the data are unintelligible to anyone unauthorised, e.g. encrypted",
                ),
            ),
            edpb_9(example=1),
        ),
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
        cite(
            gdpr(
                "34(3)(b)",
                point=t(
                    "senere tiltak gjør at den høye risikoen ikke lenger er sannsynlig",
                    "seinare tiltak gjer at den høge risikoen ikkje lenger er sannsynleg",
                    "later measures ensure the high risk is no longer likely to materialise",
                ),
            )
        ),
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
        cite(
            gdpr(
                "34(3)(c)",
                point=t(
                    "uforholdsmessig stor innsats, og da trengs en offentlig kunngjøring",
                    "uforholdsmessig stor innsats, og då trengst ei offentleg kunngjering",
                    "disproportionate effort, and then a public communication is needed",
                ),
            )
        ),
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
        cite(
            gdpr(
                "34(1)",
                "34(3)",
                point=t(
                    "varsling av de berørte ved høy risiko, og unntakene",
                    "varsling av dei råka ved høg risiko, og unntaka",
                    "telling the people affected of a high risk, and the exemptions",
                ),
            )
        ),
    ),
)
