"""The recommendation: each breach type assessed by the rules, the worst part decides (art. 33-34)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from incidents.rules.risk.conditions import Context
from incidents.rules.risk.facts import Facts
from incidents.rules.risk.reasons import Reason, render_reason
from incidents.rules.risk.severity import CATEGORY_SCORES, Severity, severity_band
from incidents.rules.risk.table import RULES_BY_PART
from incidents.rules.risk.vocabulary import (
    BREACH_TYPES,
    CB_POINTS,
    CONFIDENTIALITY_EXPOSURE,
    DATA_CATEGORIES,
    DPC_MAX,
    DPC_MIN,
    ELEMENT_FIELDS,
    EXFILTRATED,
    FRAUD_CATEGORIES,
    IDENTIFIABILITY,
    IDENTIFIABILITY_DEFAULT,
    MALICIOUS_POINTS,
    RISK_LEVELS,
    SENSITIVE_CATEGORIES,
    SUBJECTS_FLAG_THRESHOLD,
    VOLUME_NOTE_MAX,
    VOLUME_NOTE_MIN,
)

# ENISA's sensitive score, for ordinary data whose context reveals art. 9 or 10 facts.
CONTEXT_SPECIAL_SCORE = CATEGORY_SCORES["special"].score

# --------------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recommendation:
    """The risk assessment's output (CONTRACT.md «Recommendation»). ``levels_by_breach_type``
    shows how each part of the breach was assessed; it is not part of the JSON contract."""

    severity: Severity
    risk_level: str
    notify_authority: bool
    notify_data_subjects: bool
    public_communication: bool
    exemption: str | None
    flags: tuple[str, ...]
    reasons: tuple[Reason, ...]
    levels_by_breach_type: tuple[tuple[str, str], ...] = ()


def _element(facts: Facts, kind: str, types: frozenset[str]) -> str | None:
    """The value a present breach type is assessed with. A missing value is assumed to be the
    worst (we cannot rule it out) - except that trusted recipients are by definition known."""
    if kind not in types:
        return None
    name, vocabulary = ELEMENT_FIELDS[kind]
    value = getattr(facts, name)
    if value is not None:
        return str(value)
    if kind == "confidentiality" and facts.recipient_trusted:
        return "known_recipients"
    return vocabulary[-1]


def _worst_exposure(*values: str | None) -> str | None:
    present = [value for value in values if value is not None]
    return max(present, key=CONFIDENTIALITY_EXPOSURE.index, default=None)


def _confidentiality(facts: Facts, types: frozenset[str]) -> tuple[str | None, str | None]:
    """How the confidentiality part is assessed, and with which exposure.

    Data copied out (exfiltration likely or confirmed) reached unknown recipients; someone who
    looked without a work need is a known recipient. Either makes the breach a confidentiality
    breach even when that type was not chosen. After an attack on systems (``malicious``) with
    no confidentiality breach chosen, exfiltration ``unknown`` is never read as ``ruled_out``:
    the part is assessed as a possible disclosure (EDPB 01/2021 cases 01-04 clear ransomware
    only where the logs show that nothing left)."""
    floor: str | None = None
    if facts.exfiltration in EXFILTRATED:
        floor = "unknown_recipients"
    elif facts.access_without_need:
        floor = "known_recipients"
    if "confidentiality" in types:
        return "given", _worst_exposure(_element(facts, "confidentiality", types), floor)
    if floor is not None:
        return "implied", floor
    if facts.malicious and facts.exfiltration == "unknown":
        return "possible", None
    return None, None


def _harms(categories: frozenset[str], context_reveals_special: bool) -> tuple[str, ...]:
    harms = []
    if "special" in categories or context_reveals_special:
        harms.append("discrimination")
    if "criminal" in categories:
        harms.append("reputation")
    return tuple(harms)


def _context(facts: Facts) -> Context:
    types = frozenset(facts.breach_types)
    categories = frozenset(facts.data_categories)
    # DPC: the highest score among the categories present (first in vocabulary order on a tie).
    top_category, base = "", DPC_MIN
    for code in DATA_CATEGORIES:
        if code in categories and (not top_category or CATEGORY_SCORES[code].score > base):
            top_category, base = code, CATEGORY_SCORES[code].score
    # Ordinary data whose context reveals art. 9 or 10 facts are scored as such (issue #18).
    if facts.context_reveals_special and base < CONTEXT_SPECIAL_SCORE:
        top_category, base = "context_special", CONTEXT_SPECIAL_SCORE
    dpc = _clamp(base + facts.dpc_adjustment)
    ei = IDENTIFIABILITY[facts.identifiability or IDENTIFIABILITY_DEFAULT]
    mode, exposure = _confidentiality(facts, types)
    integrity = _element(facts, "integrity", types)
    availability = _element(facts, "availability", types)
    cb = 0.0
    for kind, value in (("confidentiality", exposure), ("integrity", integrity), ("availability", availability)):
        if value is not None:
            cb += CB_POINTS[kind][value]
    if facts.malicious:
        cb += MALICIOUS_POINTS
    score = round(dpc * ei + cb, 2)
    fraud_categories = tuple(code for code in FRAUD_CATEGORIES if code in categories)
    fraud_base = max((CATEGORY_SCORES[code].score for code in fraud_categories), default=DPC_MIN)
    count = facts.subjects_count
    return Context(
        facts=facts,
        types=types,
        categories=categories,
        top_category=top_category,
        base=base,
        dpc=dpc,
        ei=ei,
        cb=round(cb, 2),
        score=score,
        band=severity_band(score),
        confidentiality=mode,
        exposure=exposure,
        integrity=integrity,
        availability=availability,
        sensitive=facts.context_reveals_special or any(code in categories for code in SENSITIVE_CATEGORIES),
        fraud_categories=fraud_categories,
        fraud_score=round(_clamp(fraud_base + facts.dpc_adjustment) * ei + cb, 2),
        over_100=count is not None and count > SUBJECTS_FLAG_THRESHOLD,
        harms=_harms(categories, facts.context_reveals_special),
    )


def _clamp(dpc: int) -> int:
    return min(DPC_MAX, max(DPC_MIN, dpc))


def _rank(level: str) -> int:
    return RISK_LEVELS.index(level)


def _notes(part: str, ctx: Context) -> list[Reason]:
    reasons = []
    for rule in RULES_BY_PART[part]:
        params = rule.test(ctx) if rule.test else None
        if params is not None:
            reasons.append(Reason.of(rule.code, params))
    return reasons


def _assess(part: str, ctx: Context, skip: frozenset[str] = frozenset()) -> tuple[str, list[Reason]]:
    """Run one breach type's rules in table order. A rule with effect ``unlikely`` clears the
    part and stops; the others set the start, lift, or lower the level."""
    level = "unlikely"
    reasons: list[Reason] = []
    for rule in RULES_BY_PART[part]:
        if rule.test is None or rule.code in skip:
            continue
        params = rule.test(ctx)
        if params is None:
            continue
        reasons.append(Reason.of(rule.code, params))
        if rule.effect == "unlikely":
            return "unlikely", reasons
        if rule.effect == "start":
            level = str(params["level"])
        elif rule.effect == "at_least_risk":
            level = RISK_LEVELS[max(_rank(level), _rank("risk"))]
        elif rule.effect == "high":
            level = "high"
        elif rule.effect == "lower":
            level = RISK_LEVELS[max(0, _rank(level) - 1)]
        elif rule.effect == "not_high" and level == "high":
            level = "risk"
    return level, reasons


def _volume_note(ctx: Context, level: str) -> list[Reason]:
    """ENISA's "more than 100 people" is a threshold, and thresholds make cliffs: where the
    number decides the confidentiality part and lies near the threshold, say what the other
    side would give, so that the DPO weighs the estimate rather than trusting the step."""
    count = ctx.facts.subjects_count
    if count is None or not VOLUME_NOTE_MIN <= count <= VOLUME_NOTE_MAX:
        return []
    over = count > SUBJECTS_FLAG_THRESHOLD
    other_count = SUBJECTS_FLAG_THRESHOLD if over else SUBJECTS_FLAG_THRESHOLD + 1
    other_level, _reasons = _assess("confidentiality", _context(replace(ctx.facts, subjects_count=other_count)))
    if other_level == level:
        return []
    code = "VOLUME_OVER_LIMIT" if over else "VOLUME_UNDER_LIMIT"
    return [Reason.of(code, {"count": count, "level": level, "other_level": other_level})]


def evaluate(facts: Facts) -> Recommendation:
    """Recommend what to do about a breach (art. 33-34). Pure and deterministic.

    Art. 33(1): notify Datatilsynet unless the breach is unlikely to result in a risk.
    Art. 34(1): tell the people when it is likely to result in a high risk, unless art. 34(3)
    applies: (a) the data are unintelligible to anyone unauthorised, (b) later measures make the
    high risk unlikely, (c) reaching everyone would take disproportionate effort - then a public
    communication instead.
    """
    ctx = _context(facts)
    reasons: list[Reason] = _notes("severity", ctx) + _notes("assumption", ctx)

    levels: list[tuple[str, str]] = []
    for kind in BREACH_TYPES:
        if kind in ctx.types or (kind == "confidentiality" and ctx.confidentiality is not None):
            level, part_reasons = _assess(kind, ctx)
            levels.append((kind, level))
            reasons.extend(part_reasons)
            if kind == "confidentiality":
                reasons.extend(_volume_note(ctx, level))
    risk_level = max((level for _kind, level in levels), key=_rank, default="unlikely")
    reasons.append(Reason.of({"unlikely": "LEVEL_UNLIKELY", "risk": "LEVEL_RISK", "high": "LEVEL_HIGH"}[risk_level]))

    exemption: str | None = None
    if risk_level == "high":
        # (b) before (c): a measure that removes the high risk needs no communication at all,
        # (c) still needs a public one.
        if facts.measures_remove_high_risk:
            exemption = "34_3_b"
        elif facts.disproportionate_effort:
            exemption = "34_3_c"
    else:
        # 34(3)(a) only matters where confidentiality is at stake: would the disclosure have been
        # a high risk had the data been readable? Then encryption is the documented ground for not
        # telling the people (art. 33(5)). It never covers loss of availability or integrity.
        # Only where confidentiality was chosen as a breach type: the DPO's own account of it.
        if "confidentiality" in ctx.types and facts.data_unintelligible:
            raw_level, _raw_reasons = _assess("confidentiality", ctx, skip=frozenset({"C_UNINTELLIGIBLE"}))
            if raw_level == "high":
                exemption = "34_3_a"
        if exemption is None and (facts.measures_remove_high_risk or facts.disproportionate_effort):
            reasons.append(Reason.of("EX_NOT_NEEDED"))
    if exemption is not None:
        reasons.append(Reason.of("EX_" + exemption.upper()))

    flags: list[str] = []
    if ctx.over_100:
        flags.append("over_100_subjects")
    if facts.data_unintelligible:
        flags.append("data_unintelligible")

    return Recommendation(
        severity=Severity(dpc=ctx.dpc, ei=ctx.ei, cb=ctx.cb, score=ctx.score, band=ctx.band),
        risk_level=risk_level,
        notify_authority=risk_level in {"risk", "high"},
        notify_data_subjects=risk_level == "high" and exemption is None,
        public_communication=exemption == "34_3_c",
        exemption=exemption,
        flags=tuple(flags),
        reasons=tuple(reasons),
        levels_by_breach_type=tuple(levels),
    )


def recommendation_to_dict(rec: Recommendation, language: str = "nb") -> dict[str, object]:
    """CONTRACT.md's Recommendation JSON, with the reasons as sentences in nb, nn or en."""
    return {
        "severity": {
            "dpc": rec.severity.dpc,
            "ei": rec.severity.ei,
            "cb": rec.severity.cb,
            "score": rec.severity.score,
            "band": rec.severity.band,
        },
        "risk_level": rec.risk_level,
        "notify_authority": rec.notify_authority,
        "notify_data_subjects": rec.notify_data_subjects,
        "public_communication": rec.public_communication,
        "exemption": rec.exemption,
        "flags": list(rec.flags),
        "reasons": [render_reason(reason, language) for reason in rec.reasons],
    }
