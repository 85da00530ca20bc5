"""Finding cases on the worklist and in the register, and the orders they can be sorted in.

What a search looks at: the reference, the title, the description, and the staff on the
case — the reporter and the handler, by name or e-mail address. Never the people affected
(the recipients of notices): their names and addresses are personal data on their own
purge schedule (``notifications.services.recipients.purge_recipients``), and a search box
that finds a case by an affected person's name would make the worklist a lookup of who was
hit by which breach, and would stop working, silently, when they are purged.

On PostgreSQL the title and description are searched with full-text search in Norwegian
(stems: «passordet» finds «passord»; every word a prefix, so «skjerm» finds
«skjermbilde»), served by the GIN index ``incident_search_idx`` (migration 0010, on
PostgreSQL only). On SQLite, the embedded default, every word is looked for as written,
anywhere in those fields."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Case, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.fields.json import KT
from django.db.models.lookups import Exact
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import Invalid
from core.text import without_bidi_controls
from incidents.models import Assessment, Incident

SEARCH_CONFIG = "norwegian"
SEARCH_MAX = 200
SEARCH_INDEX = "incident_search_idx"
# Letters and digits: what a word of a full-text query is made of. Everything else
# (quotes, «&», «!», «:») separates words, so a typed query is never tsquery syntax.
_WORD = re.compile(r"[^\W_]+")


def search_vector() -> Any:
    """The text a case is found by, as the index ``incident_search_idx`` holds it: the two
    must be the same expression for PostgreSQL to use the index."""
    from django.contrib.postgres.search import SearchVector

    return SearchVector("title", "description", config=SEARCH_CONFIG)


def parse_search(value: str) -> str:
    """The search box's text, tidied: spaces collapsed. Raises ``Invalid`` (field ``q``) for
    text no search can use, so that the page says why instead of finding nothing."""
    # A NUL cannot be stored or searched in PostgreSQL's text: it separates words here.
    value = " ".join(without_bidi_controls(value or "").replace("\x00", " ").split())
    if len(value) > SEARCH_MAX:
        raise Invalid({"q": [_("Søket kan være høyst %(max)s tegn.") % {"max": SEARCH_MAX}]})
    return value


def search_words(term: str) -> list[str]:
    return _WORD.findall(term.lower())


def _staff_matching(text: str) -> QuerySet[Any]:
    return User.objects.order_by().filter(Q(name__icontains=text) | Q(email__icontains=text)).values("pk")


def search_cases(qs: QuerySet[Any], term: str) -> QuerySet[Any]:
    """The cases of ``qs`` that ``term`` finds (see the module's docstring). An empty term
    finds every case. The result is a filter: it keeps the query count of ``qs``."""
    term = term.strip()
    if not term:
        return qs
    if connections[qs.db].vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        staff = _staff_matching(term)
        cases = Incident.objects.order_by()  # the parts of a union need no order of their own
        found: list[QuerySet[Any]] = [
            cases.filter(reported_by__in=staff).values("pk"),
            cases.filter(handler__in=staff).values("pk"),
        ]
        if any(c.isdigit() for c in term):  # a reference has digits; without, no need to read them all
            found.append(cases.filter(reference__icontains=term).values("pk"))
        if words := search_words(term):
            query = SearchQuery(" & ".join(f"{word}:*" for word in words), config=SEARCH_CONFIG, search_type="raw")
            found.append(cases.annotate(found_by=search_vector()).filter(found_by=query).values("pk"))
        # One IN over a UNION, each part read from an index (the GIN index for the text),
        # not an OR of conditions: PostgreSQL plans it as a semi-join with a fair estimate.
        return qs.filter(pk__in=found[0].union(*found[1:]))
    for word in term.split():
        qs = qs.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(reference__icontains=word)
            | Q(reported_by__in=_staff_matching(word))
            | Q(handler__in=_staff_matching(word))
        )
    return qs


# --- Sorting ----------------------------------------------------------------------------

RISK_ORDER = ("unlikely", "risk", "high")


def with_risk(qs: QuerySet[Any]) -> QuerySet[Any]:
    """``risk_rank``: the level Avvik recommended in the case's newest assessment (draft or
    concluded), as a number that sorts (``RISK_ORDER``; None before any assessment). One
    subquery per row shown; ``risk_level_of`` turns it back into the level."""
    newest = Assessment.objects.filter(incident=OuterRef("pk"), recommendation__isnull=False).order_by("-version")
    return qs.annotate(risk_rank=Subquery(newest.values(rank=rank_of(KT("recommendation__risk_level")))[:1]))


def risk_level_of(rank: int | None) -> str | None:
    return RISK_ORDER[rank - 1] if rank else None


def with_decided_risk(qs: QuerySet[Any]) -> QuerySet[Any]:
    """``decided_risk_rank``: the risk level of the case's newest concluded assessment,
    as a number to sort the register by (what the register's risk column shows)."""
    decided = Assessment.objects.filter(incident=OuterRef("pk"), concluded_at__isnull=False).order_by("-version")
    return qs.annotate(decided_risk_rank=Subquery(decided.values(rank=rank_of(KT("recommendation__risk_level")))[:1]))


def rank_of(level: Any) -> Case:
    """A risk level (an expression) as a number that sorts: unlikely < risk < high; none is
    NULL, which ``sort_cases`` puts last either way."""
    return Case(
        *(When(Exact(level, Value(name)), then=Value(i + 1)) for i, name in enumerate(RISK_ORDER)),
        default=None,
        output_field=IntegerField(),
    )


@dataclass(frozen=True)
class Sort:
    """A column a list can be sorted by: its key in the URL and the fields, in ascending
    order; ``descending_first``: the first click sorts it newest/highest first."""

    key: str
    fields: tuple[str, ...]
    descending_first: bool = False


WORKLIST_SORTS = {
    sort.key: sort
    for sort in (
        Sort("referanse", ("year", "number")),
        Sort("meldt", ("reported_at",), descending_first=True),
        # Cases whose clock runs first, by deadline; then the others by theirs.
        Sort("frist", ("running_deadline", "authority_deadline")),
        Sort("risiko", ("risk_rank",), descending_first=True),
        Sort("saksbehandler", ("handler__name", "handler__email")),
    )
}
REGISTER_SORTS = {
    sort.key: sort
    for sort in (
        Sort("referanse", ("year", "number"), descending_first=True),
        Sort("meldt", ("reported_at",), descending_first=True),
        Sort("risiko", ("decided_risk_rank",), descending_first=True),
    )
}


def parse_sort(value: str, sorts: dict[str, Sort]) -> tuple[Sort | None, bool]:
    """(the column, descending) from the URL's ``sort`` («frist», «-frist»); an unknown
    value is the list's own order (None), not an error: it comes from a link we drew."""
    descending = value.startswith("-")
    sort = sorts.get(value.lstrip("-"))
    return sort, descending if sort else False


def sort_cases(qs: QuerySet[Any], sort: Sort | None, descending: bool) -> QuerySet[Any]:
    """``qs`` in the order of ``sort``; empty values (no handler, no deadline running, no
    risk assessed) last either way, and the newest case first among equals."""
    if sort is None:
        return qs
    order: list[Any] = [
        F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_last=True) for name in sort.fields
    ]
    return qs.order_by(*order, "-reported_at", "-pk")
