"""Risk assessment of a personal data breach: structured facts in, a recommendation out.

GDPR art. 33(1): notify Datatilsynet unless the breach is *unlikely* to result in a risk to
people's rights and freedoms. Art. 34(1): tell the people affected when it is likely to
result in a *high* risk, unless an art. 34(3) exemption applies.

This package is pure Python on purpose. It imports nothing from Django, runs no queries, sends
nothing and translates nothing through gettext, so that the same facts always give the same
answer (DESIGN.md «Risk»), it can be tested without a database, and a DPO can read the rules.

How an answer is reached (all of it is data in the tables of ``table``, ``severity`` and ``vocabulary``):

1. ENISA's severity (Recommendations for a methodology of the assessment of severity of
   personal data breaches, 2013): SE = DPC × EI + CB, with a band. The score is evidence for
   the EDPB's factors, not the legal test (ENISA sets no threshold for notifying).
2. Each breach type that is present (confidentiality, integrity, availability) is assessed on
   its own by the rules in ``RULES``: a rule can clear that part ("unlikely"), set a starting
   point, lift it to at least "risk", lift it to "high", or lower it one step. One breach can
   be several types (EDPB Guidelines 01/2021 para. 5), and the worst part decides.
3. Outcome: ``risk`` or ``high`` → notify Datatilsynet; ``high`` → tell the people, unless
   art. 34(3)(a), (b) or (c) applies.

Every rule that fires leaves a ``Reason`` (a rule code and language-independent parameters),
rendered as a plain sentence in bokmål, nynorsk or English. The DPO confirms or overrides the
recommendation; it never decides on its own.

Sources: GDPR art. 33, 34 and recital 85; EDPB Guidelines 9/2022 on personal data breach
notification (WP250 rev.01, Annex B examples); EDPB Guidelines 01/2021 on examples regarding
personal data breach notification (cases 01-18); ENISA 2013; /work/shared/reference/LAW.md.

The modules, each depending only on those above it:

- ``vocabulary``: the codes the facts use, and the limits;
- ``labels``: what each code is called in nb, nn and en;
- ``severity``: ENISA's data processing context, category scores and bands;
- ``facts``: parsing and checking untrusted facts;
- ``conditions``: what a rule is, and the tests the rules apply;
- ``table``: the rules as data;
- ``reasons``: reasons as sentences, and the tables of the page «Slik vurderer Avvik risiko»;
- ``recommendation``: ``evaluate``, facts in, a recommendation out.
"""

from __future__ import annotations

from incidents.rules.risk.conditions import Rule
from incidents.rules.risk.facts import Facts, FactsError, facts_to_dict, parse_facts
from incidents.rules.risk.labels import (
    BAND_LABELS,
    FACTOR_LABELS,
    HARM_LABELS,
    IDENTIFIABILITY_LABELS,
    LEVEL_LABELS,
    VALUE_LABELS,
    normalize_language,
)
from incidents.rules.risk.reasons import Reason, enisa_tables, render_reason, rules_table
from incidents.rules.risk.recommendation import Recommendation, evaluate, recommendation_to_dict
from incidents.rules.risk.severity import CATEGORY_SCORES, CategoryScore, Severity, severity_band
from incidents.rules.risk.table import RULES, RULES_BY_CODE
from incidents.rules.risk.vocabulary import (
    ADJUSTMENT_MAX,
    ADJUSTMENT_MIN,
    AVAILABILITY_IMPACT,
    BANDS,
    BREACH_TYPES,
    CB_POINTS,
    CONFIDENTIALITY_EXPOSURE,
    DATA_CATEGORIES,
    DPC_MAX,
    DPC_MIN,
    ELEMENT_FIELDS,
    EXEMPTIONS,
    EXFILTRATION,
    FLAGS,
    IDENTIFIABILITY,
    IDENTIFIABILITY_DEFAULT,
    INTEGRITY_IMPACT,
    LANGUAGES,
    MALICIOUS_POINTS,
    RISK_LEVELS,
    SUBJECTS_FLAG_THRESHOLD,
)

__all__ = [
    "ADJUSTMENT_MAX",
    "ADJUSTMENT_MIN",
    "AVAILABILITY_IMPACT",
    "BANDS",
    "BAND_LABELS",
    "BREACH_TYPES",
    "CATEGORY_SCORES",
    "CB_POINTS",
    "CONFIDENTIALITY_EXPOSURE",
    "DATA_CATEGORIES",
    "DPC_MAX",
    "DPC_MIN",
    "ELEMENT_FIELDS",
    "EXEMPTIONS",
    "EXFILTRATION",
    "FACTOR_LABELS",
    "FLAGS",
    "HARM_LABELS",
    "IDENTIFIABILITY",
    "IDENTIFIABILITY_DEFAULT",
    "IDENTIFIABILITY_LABELS",
    "INTEGRITY_IMPACT",
    "LANGUAGES",
    "LEVEL_LABELS",
    "MALICIOUS_POINTS",
    "RISK_LEVELS",
    "RULES",
    "RULES_BY_CODE",
    "SUBJECTS_FLAG_THRESHOLD",
    "VALUE_LABELS",
    "CategoryScore",
    "Facts",
    "FactsError",
    "Reason",
    "Recommendation",
    "Rule",
    "Severity",
    "enisa_tables",
    "evaluate",
    "facts_to_dict",
    "normalize_language",
    "parse_facts",
    "recommendation_to_dict",
    "render_reason",
    "rules_table",
    "severity_band",
]
