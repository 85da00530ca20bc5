"""Cases Norwegian DPOs meet every year (issue #18), each with the outcome a careful DPO is
sure of and the reasoning Avvik must give for it, quoted in bokmål. Used by the engine's
tests (test_risk_no.py) and by the page and API tests (tests/incidents/test_assessment_no.py).

``expected`` holds (risk level, notify Datatilsynet, tell the people); ``quotes`` are sentence
fragments that must appear among the reasons; ``absent`` fragments must not."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    facts: dict[str, Any]
    expected: tuple[str, bool, bool]
    quotes: tuple[str, ...]
    absent: tuple[str, ...] = field(default=())


SNOOPING = "Noen med tilgang så på opplysningene uten tjenstlig behov («snoking»)"
DISCRIMINATION = "diskriminering og utestenging"
REPUTATION = "skade på omdømmet"
NOT_DISCLOSED = "Ingenting tyder på at noen har sett eller tatt opplysningene"
POSSIBLE = "Avvik leser ikke det som at ingenting forsvant"
TRUSTED_LIMITED = "Det senker risikoen, så den blir ikke høy"
IDENTITY_THEFT = "identitetstyveri"

CASES: tuple[Case, ...] = (
    # Snooping ("journalsnoking")
    Case(
        "own-01",
        "A nurse reads a neighbour's psychiatric record out of curiosity",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic", "special"],
            "identifiability": "maximum",
            "confidentiality_exposure": "known_recipients",
            "access_without_need": True,
            "subjects_count": 1,
        },
        ("high", True, True),
        (SNOOPING, DISCRIMINATION, "Det gir høy risiko"),
    ),
    Case(
        "own-02",
        "A payroll clerk looks up a famous colleague's address and salary grade out of curiosity",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic"],
            "identifiability": "maximum",
            "confidentiality_exposure": "known_recipients",
            "access_without_need": True,
            "subjects_count": 1,
        },
        ("risk", True, False),
        (SNOOPING, "det gir minst «risiko»"),
    ),
    # Ransomware and exfiltration
    Case(
        "own-03",
        "Ransomware on a file server with national ID numbers, restored in six hours, no logs",
        {
            "breach_types": ["availability", "integrity"],
            "data_categories": ["basic", "national_id"],
            "identifiability": "maximum",
            "integrity_impact": "no_misuse",
            "availability_impact": "recoverable",
            "malicious": True,
            "exfiltration": "unknown",
            "subjects_count": 800,
        },
        ("risk", True, False),
        (POSSIBLE, "At opplysningene kom på avveie, regnes som mulig"),
    ),
    Case(
        "own-04",
        "The same ransomware, but the firewall logs show that nothing left the network",
        {
            "breach_types": ["availability", "integrity"],
            "data_categories": ["basic", "national_id"],
            "identifiability": "maximum",
            "integrity_impact": "no_misuse",
            "availability_impact": "recoverable",
            "malicious": True,
            "exfiltration": "ruled_out",
            "subjects_count": 800,
        },
        ("unlikely", False, False),
        ("logger eller undersøkelser viser at ingen opplysninger ble kopiert ut",),
        (POSSIBLE,),
    ),
    Case(
        "own-05",
        "Ransomware at a physiotherapy clinic; patient journals restored, nobody knows if they were copied",
        {
            "breach_types": ["availability", "integrity"],
            "data_categories": ["basic", "special"],
            "identifiability": "maximum",
            "integrity_impact": "no_misuse",
            "availability_impact": "recoverable",
            "malicious": True,
            "exfiltration": "unknown",
            "subjects_count": 2300,
        },
        ("high", True, True),
        (POSSIBLE, "Så lenge det ikke kan utelukkes, gir det høy risiko"),
    ),
    Case(
        "own-06",
        "Ransomware gang publishes the HR share on its leak site",
        {
            "breach_types": ["availability", "integrity"],
            "data_categories": ["basic", "national_id", "financial"],
            "identifiability": "maximum",
            "integrity_impact": "no_misuse",
            "availability_impact": "recoverable",
            "malicious": True,
            "exfiltration": "confirmed",
            "subjects_count": 600,
        },
        ("high", True, True),
        ("Konfidensialitet er ikke valgt som type brudd", "Det er et konfidensialitetsbrudd"),
    ),
    # Sensitive data without disclosure
    Case(
        "own-07",
        "Break-in at a GP office: the archive cabinet forced, every folder still there",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic", "national_id", "special"],
            "identifiability": "maximum",
            "confidentiality_exposure": "no_evidence",
            "malicious": True,
            "vulnerable_subjects": True,
            "subjects_count": 1200,
        },
        ("risk", True, False),
        (NOT_DISCLOSED, "Risiko er både hvor sannsynlig det er at noe skjer, og hvor alvorlig det blir"),
        (IDENTITY_THEFT, DISCRIMINATION),
    ),
    Case(
        "own-08",
        "Access rights to a child-welfare folder too wide for a year; the logs show no reads",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic", "special"],
            "identifiability": "maximum",
            "confidentiality_exposure": "no_evidence",
            "exfiltration": "ruled_out",
            "vulnerable_subjects": True,
            "subjects_count": 40_000,
        },
        ("risk", True, False),
        (NOT_DISCLOSED, "Konfidensialitetsbruddet gir minst «risiko»"),
    ),
    # A trusted recipient lowers, never clears
    Case(
        "own-09",
        "Payroll file with union membership to the wrong department; they deleted it and confirmed",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic", "financial", "special"],
            "identifiability": "maximum",
            "confidentiality_exposure": "known_recipients",
            "recipient_trusted": True,
            "subjects_count": 450,
        },
        ("risk", True, False),
        (TRUSTED_LIMITED, "risikoen forsvinner ikke: Datatilsynet skal ha melding"),
    ),
    Case(
        "own-10",
        "Customer list (names, e-mail) of 450 to a partner bound by secrecy, who deleted it",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic"],
            "identifiability": "maximum",
            "confidentiality_exposure": "known_recipients",
            "recipient_trusted": True,
            "subjects_count": 450,
        },
        ("risk", True, False),
        (TRUSTED_LIMITED, "mer enn 100 berørte"),
    ),
    # The harm decides, not the national ID number
    Case(
        "own-11",
        "Sick-leave letter with a diagnosis to the wrong employer, no national ID number",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic", "special"],
            "identifiability": "maximum",
            "confidentiality_exposure": "known_recipients",
            "subjects_count": 1,
        },
        ("high", True, True),
        (DISCRIMINATION, "for eksempel når en arbeidsgiver"),
        (IDENTITY_THEFT,),
    ),
    Case(
        "own-12",
        "The same letter with the national ID number: the diagnosis still decides",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic", "national_id", "special"],
            "identifiability": "maximum",
            "confidentiality_exposure": "known_recipients",
            "subjects_count": 1,
        },
        ("high", True, True),
        (DISCRIMINATION,),
        (IDENTITY_THEFT,),
    ),
    Case(
        "own-13",
        "A police certificate (politiattest) sent to another applicant for the same job",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic", "criminal"],
            "identifiability": "maximum",
            "confidentiality_exposure": "known_recipients",
            "subjects_count": 1,
        },
        ("high", True, True),
        (REPUTATION, "politiattest"),
    ),
    # A context that reveals
    Case(
        "own-14",
        "E-mail to the parents of a special-education group with every address in To:",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic"],
            "identifiability": "maximum",
            "confidentiality_exposure": "known_recipients",
            "context_reveals_special": True,
            "vulnerable_subjects": True,
            "subjects_count": 14,
        },
        ("high", True, True),
        ("sammenhengen avslører særlige kategorier", DISCRIMINATION),
    ),
    # Cliffs, explained
    Case(
        "own-15",
        "Newsletter to 40 parents of a school class with the addresses in Cc:",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic"],
            "identifiability": "maximum",
            "confidentiality_exposure": "known_recipients",
            "subjects_count": 40,
        },
        ("unlikely", False, False),
        ("40 personer er berørt", "Med mer enn 100 ville konfidensialitetsbruddet vært «risiko»"),
    ),
    Case(
        "own-16",
        "Newsletter to 300 parents of a school with the addresses in Cc:",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic"],
            "identifiability": "maximum",
            "confidentiality_exposure": "known_recipients",
            "subjects_count": 300,
        },
        ("risk", True, False),
        ("Med 100 eller færre ville konfidensialitetsbruddet vært «lite sannsynlig risiko»",),
    ),
    Case(
        "own-17",
        "Applicants' CVs exposed to 120 strangers by a wrong sharing link",
        {
            "breach_types": ["confidentiality"],
            "data_categories": ["basic", "behavioural"],
            "identifiability": "maximum",
            "confidentiality_exposure": "unknown_recipients",
            "subjects_count": 120,
        },
        ("high", True, True),
        ("Med 100 eller færre ville konfidensialitetsbruddet vært «risiko» i stedet for «høy risiko»",),
    ),
)
