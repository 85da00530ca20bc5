"""What a rule is, and the tests the rules apply to the facts (worked out once into a ``Context``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

from incidents.rules.risk.facts import Facts
from incidents.rules.risk.severity import severity_band
from incidents.rules.risk.vocabulary import BANDS, ELEMENT_FIELDS, EXFILTRATED, Text

# --------------------------------------------------------------------------------------------
# Reasons and rules
# --------------------------------------------------------------------------------------------

ParamValue = str | int | float | tuple[str, ...]
Params = dict[str, ParamValue]


@dataclass(frozen=True)
class Rule:
    """One rule, readable by a DPO: what it checks, what it does, the sentence it leaves in the
    recommendation, and where it comes from. ``test`` returns the reason's parameters when the
    rule applies, else None; rules without a test are applied by ``evaluate`` itself."""

    code: str
    part: str  # severity | assumption | confidentiality | integrity | availability | outcome | exemption
    effect: str  # explain | note | unlikely | start | at_least_risk | high | lower | outcome | exemption
    check: Text
    does: Text
    text: Text
    source: Text  # where the rule comes from, cited by title and point
    test: Callable[[Context], Params | None] | None = None


@dataclass(frozen=True)
class Context:
    """Facts with what the rules need worked out once."""

    facts: Facts
    types: frozenset[str]
    categories: frozenset[str]
    top_category: str
    base: int
    dpc: int
    ei: float
    cb: float
    score: float
    band: str
    # How the confidentiality part is assessed: "given" (a breach type of the facts), "implied"
    # (not chosen, but someone looked without a need or data were copied out), "possible" (an
    # attack on systems, and nobody knows whether data left), or None (not assessed).
    confidentiality: str | None
    exposure: str | None  # as assessed: the given value, or the assumption when it was missing, raised
    # to what snooping or exfiltration imply; None when the confidentiality part has no exposure
    integrity: str | None
    availability: str | None
    sensitive: bool  # art. 9 or 10 data, or ordinary data whose context reveals them
    fraud_categories: tuple[str, ...]
    fraud_score: float  # ENISA's score of the fraud-prone data alone: what they can do by themselves
    over_100: bool
    harms: tuple[str, ...]  # what the most sensitive data can do: discrimination, reputation

    def band_at_least(self, band: str) -> bool:
        return BANDS.index(self.band) >= BANDS.index(band)

    @property
    def disclosed(self) -> bool:
        """The data reached someone (known or unknown), not merely "exposed without evidence"."""
        return self.exposure in {"known_recipients", "unknown_recipients"}


def _factors(ctx: Context, *names: str) -> tuple[str, ...]:
    present = {
        "sensitive": ctx.sensitive,
        "malicious": ctx.facts.malicious,
        "unknown_recipients": ctx.exposure == "unknown_recipients",
        "vulnerable": ctx.facts.vulnerable_subjects,
        "over_100": ctx.over_100,
        "snooping": ctx.facts.access_without_need,
        "exfiltrated": ctx.facts.exfiltration in EXFILTRATED,
    }
    return tuple(name for name in names if present[name])


# --- severity and missing facts ---------------------------------------------------------------


def severity_explained(ctx: Context) -> Params:
    return {
        "score": ctx.score,
        "band": ctx.band,
        "dpc": ctx.dpc,
        "ei": ctx.ei,
        "cb": ctx.cb,
        "category": ctx.top_category,
    }


def dpc_adjusted(ctx: Context) -> Params | None:
    adjustment = ctx.facts.dpc_adjustment
    if adjustment == 0:
        return None
    return {"adjustment": adjustment, "base": ctx.base, "dpc": ctx.dpc, "why": ctx.facts.dpc_adjustment_reason.strip()}


def context_special(ctx: Context) -> Params | None:
    return {"dpc": ctx.dpc} if ctx.facts.context_reveals_special else None


def assumed_identifiability(ctx: Context) -> Params | None:
    return {} if ctx.facts.identifiability is None else None


def assumed_worst(ctx: Context) -> Params | None:
    missing = tuple(
        kind
        for kind, (name, _vocabulary) in ELEMENT_FIELDS.items()
        if kind in ctx.types
        and getattr(ctx.facts, name) is None
        and not (kind == "confidentiality" and ctx.facts.recipient_trusted)
    )
    if not missing:
        return None
    return {"types": missing, "values": tuple(ELEMENT_FIELDS[kind][1][-1] for kind in missing)}


def assumed_known_recipients(ctx: Context) -> Params | None:
    facts = ctx.facts
    if "confidentiality" in ctx.types and facts.confidentiality_exposure is None and facts.recipient_trusted:
        return {}
    return None


def ignored_elements(ctx: Context) -> Params | None:
    ignored = tuple(
        name
        for kind, (name, _vocabulary) in ELEMENT_FIELDS.items()
        if kind not in ctx.types and getattr(ctx.facts, name) is not None
    )
    return {"fields": ignored} if ignored else None


def count_unknown(ctx: Context) -> Params | None:
    return {} if ctx.facts.subjects_count is None else None


def confidentiality_implied(ctx: Context) -> Params | None:
    if ctx.confidentiality != "implied":
        return None
    return {"factors": _factors(ctx, "snooping", "exfiltrated")}


def exfiltration_ruled_out(ctx: Context) -> Params | None:
    facts = ctx.facts
    if facts.malicious and facts.exfiltration == "ruled_out" and ctx.confidentiality is None:
        return {}
    return None


# --- confidentiality --------------------------------------------------------------------------

# ENISA's band gives the starting point. Even "very high" starts at "risk": with art. 9 data the
# score is ≥ 4 whenever the people are identifiable, and the EDPB does not treat every such
# breach as high risk (e.g. 01/2021 case 15); high risk needs one of the combinations below.
BAND_START: Final[Mapping[str, str]] = {"low": "unlikely", "medium": "risk", "high": "risk", "very_high": "risk"}


def c_unintelligible(ctx: Context) -> Params | None:
    return {} if ctx.facts.data_unintelligible else None


def _trust_counts(ctx: Context) -> bool:
    """A trusted recipient only helps when the recipients are known, nobody meant harm, and
    nobody looked on purpose without a need (a snooper is not a trusted recipient)."""
    facts = ctx.facts
    return (
        facts.recipient_trusted
        and not facts.malicious
        and not facts.access_without_need
        and ctx.exposure != "unknown_recipients"
    )


def c_trusted(ctx: Context) -> Params | None:
    # It clears the part only for ordinary data of a few people: for art. 9 or 10 data, or many
    # people, it lowers the risk (c_trusted_limited) but never clears it.
    return {} if _trust_counts(ctx) and not ctx.sensitive and not ctx.over_100 else None


def c_trusted_not_used(ctx: Context) -> Params | None:
    if not ctx.facts.recipient_trusted:
        return None
    factors = _factors(ctx, "malicious", "unknown_recipients", "snooping")
    return {"factors": factors} if factors else None


def c_trusted_limited(ctx: Context) -> Params | None:
    if not _trust_counts(ctx):
        return None
    factors = _factors(ctx, "sensitive", "over_100")
    return {"factors": factors} if factors else None


def c_start(ctx: Context) -> Params:
    return {"band": ctx.band, "level": BAND_START[ctx.band]}


def c_possible(ctx: Context) -> Params | None:
    return {} if ctx.confidentiality == "possible" else None


def c_possible_sensitive(ctx: Context) -> Params | None:
    return {} if ctx.confidentiality == "possible" and ctx.sensitive else None


def c_snooping(ctx: Context) -> Params | None:
    return {} if ctx.facts.access_without_need else None


def c_not_disclosed(ctx: Context) -> Params | None:
    if ctx.exposure == "no_evidence" and (ctx.sensitive or ctx.band_at_least("high")):
        return {"band": ctx.band}
    return None


def c_harm(ctx: Context) -> Params | None:
    if ctx.sensitive and ctx.disclosed:
        return {"harms": ctx.harms}
    return None


def c_at_least_risk(ctx: Context) -> Params | None:
    factors = _factors(ctx, "sensitive", "malicious", "unknown_recipients", "vulnerable", "over_100")
    return {"factors": factors} if factors else None


def c_sensitive_aggravated(ctx: Context) -> Params | None:
    if not (ctx.sensitive and ctx.disclosed):
        return None
    factors = _factors(ctx, "unknown_recipients", "malicious", "vulnerable", "over_100")
    return {"factors": factors} if factors else None


def c_serious_exposed(ctx: Context) -> Params | None:
    if not (ctx.band_at_least("high") and ctx.disclosed):
        return None
    factors = _factors(ctx, "unknown_recipients", "malicious", "vulnerable")
    return {"band": ctx.band, "factors": factors} if factors else None


def c_volume(ctx: Context) -> Params | None:
    if ctx.over_100 and ctx.band_at_least("medium") and ctx.disclosed and ctx.facts.subjects_count is not None:
        return {"count": ctx.facts.subjects_count, "band": ctx.band}
    return None


def c_fraud(ctx: Context) -> Params | None:
    # The fraud-prone data must themselves reach ENISA's very high band: a national identity
    # number beside a diagnosis does not make identity theft the harm that decides.
    if ctx.fraud_categories and ctx.disclosed and severity_band(ctx.fraud_score) == "very_high":
        return {"categories": ctx.fraud_categories, "score": ctx.fraud_score}
    return None


def c_public(ctx: Context) -> Params | None:
    return {} if ctx.facts.data_already_public else None


# --- integrity --------------------------------------------------------------------------------


def i_no_misuse(ctx: Context) -> Params | None:
    return {} if ctx.integrity == "no_misuse" else None


def i_misuse(ctx: Context) -> Params | None:
    if ctx.integrity in {"misused_recoverable", "misused_unrecoverable"}:
        return {"impact": ctx.integrity}
    return None


def i_serious(ctx: Context) -> Params | None:
    if ctx.integrity == "misused_unrecoverable" and ctx.band_at_least("high"):
        return {"impact": ctx.integrity, "band": ctx.band}
    if ctx.integrity == "misused_recoverable" and ctx.band == "very_high":
        return {"impact": ctx.integrity, "band": ctx.band}
    return None


# --- availability -----------------------------------------------------------------------------


def a_recoverable(ctx: Context) -> Params | None:
    return {} if ctx.availability == "recoverable" else None


def a_encrypted_no_help(ctx: Context) -> Params | None:
    lost = ctx.availability in {"temporary", "permanent"}
    return {} if ctx.facts.data_unintelligible and lost else None


def a_loss(ctx: Context) -> Params | None:
    if ctx.availability in {"temporary", "permanent"}:
        return {"impact": ctx.availability}
    return None


def a_critical(ctx: Context) -> Params | None:
    lost = ctx.availability in {"temporary", "permanent"}
    if lost and ctx.facts.vulnerable_subjects and (ctx.sensitive or ctx.availability == "permanent"):
        return {"impact": ctx.availability or ""}
    return None
