"""The vocabulary of the facts (CONTRACT.md «Facts») and the one helper every text table uses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

# --------------------------------------------------------------------------------------------
# Vocabulary (CONTRACT.md «Facts»). Order matters: it is the canonical order of lists, and for
# the three element vocabularies it runs from the mildest to the worst (ENISA's 0 / +0.25 / +0.5).
# --------------------------------------------------------------------------------------------

LANGUAGES: Final = ("nb", "nn", "en")
DEFAULT_LANGUAGE: Final = "nb"

BREACH_TYPES: Final = ("confidentiality", "integrity", "availability")
DATA_CATEGORIES: Final = (
    "basic",
    "national_id",
    "credentials",
    "financial",
    "payment_card",
    "behavioural",
    "location",
    "communication",
    "official_documents",
    "special",
    "criminal",
)
# ENISA's ease of identification (EI) weights.
IDENTIFIABILITY: Final[Mapping[str, float]] = {
    "negligible": 0.25,
    "limited": 0.5,
    "significant": 0.75,
    "maximum": 1.0,
}
# When the DPO has not said how easily people can be identified, assume the worst: most breach
# data name people directly, and under-rating EI would hide a risk. A reason says so.
IDENTIFIABILITY_DEFAULT: Final = "maximum"

CONFIDENTIALITY_EXPOSURE: Final = ("no_evidence", "known_recipients", "unknown_recipients")
INTEGRITY_IMPACT: Final = ("no_misuse", "misused_recoverable", "misused_unrecoverable")
AVAILABILITY_IMPACT: Final = ("recoverable", "temporary", "permanent")
# After an attack on systems: did data leave the organisation's control? Mildest first.
# "unknown" (not investigated, no logs) is the default and is never read as "ruled_out".
EXFILTRATION: Final = ("ruled_out", "unknown", "likely", "confirmed")
EXFILTRATION_DEFAULT: Final = "unknown"
EXFILTRATED: Final = ("likely", "confirmed")

# Which Facts field describes each breach type, and its vocabulary (mildest first).
ELEMENT_FIELDS: Final[Mapping[str, tuple[str, tuple[str, ...]]]] = {
    "confidentiality": ("confidentiality_exposure", CONFIDENTIALITY_EXPOSURE),
    "integrity": ("integrity_impact", INTEGRITY_IMPACT),
    "availability": ("availability_impact", AVAILABILITY_IMPACT),
}

# ENISA's circumstances of the breach (CB): points added per element, plus malice.
CB_POINTS: Final[Mapping[str, Mapping[str, float]]] = {
    "confidentiality": {"no_evidence": 0.0, "known_recipients": 0.25, "unknown_recipients": 0.5},
    "integrity": {"no_misuse": 0.0, "misused_recoverable": 0.25, "misused_unrecoverable": 0.5},
    "availability": {"recoverable": 0.0, "temporary": 0.25, "permanent": 0.5},
}
MALICIOUS_POINTS: Final = 0.5

RISK_LEVELS: Final = ("unlikely", "risk", "high")
BANDS: Final = ("low", "medium", "high", "very_high")
EXEMPTIONS: Final = ("34_3_a", "34_3_b", "34_3_c")
FLAGS: Final = ("over_100_subjects", "data_unintelligible")

SUBJECTS_FLAG_THRESHOLD: Final = 100  # ENISA's flag: more than 100 people
# Where the number of people decides the outcome and lies within a factor of four of the
# threshold (25-400), the reasons say what the other side of the threshold would give.
VOLUME_NOTE_MIN: Final = 25
VOLUME_NOTE_MAX: Final = 400
DPC_MIN: Final = 1
DPC_MAX: Final = 4
ADJUSTMENT_MIN: Final = -3
ADJUSTMENT_MAX: Final = 3
TEXT_MAX: Final = 10_000  # every free-text field accepts up to 10,000 characters (CONTRACT.md)

# Art. 9 and art. 10 data: "where special-category or criminal data are involved, damage
# should be considered likely" (EDPB Guidelines 9/2022; LAW.md «Assessing risk»).
SENSITIVE_CATEGORIES: Final = ("special", "criminal")
# Data that can be used for identity theft or fraud (recital 85).
FRAUD_CATEGORIES: Final = ("national_id", "credentials", "financial", "payment_card", "official_documents")

Text = Mapping[str, str]  # one text per language: {"nb": …, "nn": …, "en": …}


def t(nb: str, nn: str, en: str) -> dict[str, str]:
    return {"nb": nb, "nn": nn, "en": en}
