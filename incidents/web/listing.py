"""What the worklist and the register share: a search box, column headers that sort, and
links (headers, pages) that keep the filter, the search and the order together in the URL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from core.errors import Invalid
from incidents.selectors.search import Sort, parse_search, parse_sort

PAGE = "side"


@dataclass
class ListQuery:
    """A list page's GET parameters: the search as typed (``q``, shown back in the box),
    the term searched for (empty when the typed text is refused), the order, the errors."""

    params: QueryDict
    typed: str
    term: str
    sort: Sort | None
    descending: bool
    errors: list[str]

    def link(self, **changes: str) -> str:
        """``?…`` with these parameters changed (an empty value drops one) and the page
        reset: a new order or filter starts at its first page."""
        params = self.params.copy()
        params.pop(PAGE, None)
        for name, value in changes.items():
            if value:
                params[name] = value
            else:
                params.pop(name, None)
        return "?" + params.urlencode()

    @property
    def link_without_search(self) -> str:
        return self.link(q="")

    @property
    def page_prefix(self) -> str:
        """The query string of this list without the page: pagination appends ``side=N``."""
        query = self.link()
        return query + ("&" if len(query) > 1 else "")


def list_query(request_get: QueryDict, sorts: dict[str, Sort]) -> ListQuery:
    typed = request_get.get("q", "")
    errors: list[str] = []
    try:
        term = parse_search(typed)
    except Invalid as error:
        errors, term = error.errors.get("q", []), ""
    sort, descending = parse_sort(request_get.get("sort", ""), sorts)
    return ListQuery(request_get, typed, term, sort, descending, errors)


def sort_headers(
    query: ListQuery, columns: list[tuple[str, Any]], sorts: dict[str, Sort], default: tuple[str, bool] | None = None
) -> list[dict[str, Any]]:
    """The table's column headers: (key, label) for each column; a key in ``sorts`` makes
    the header a link that sorts by it, the column sorted now says so with ``aria-sort``
    (WAI-ARIA's sortable table), and a second click turns the order. ``default``: the
    column and direction the list is in when no order is asked for, if any."""
    current = (query.sort.key, query.descending) if query.sort else default
    headers = []
    for key, label in columns:
        sort = sorts.get(key)
        header: dict[str, Any] = {"label": label, "url": "", "aria_sort": "", "hint": ""}
        if sort is not None:
            sorted_now = current is not None and current[0] == key
            descending_now = sorted_now and current is not None and current[1]
            next_descending = not descending_now if sorted_now else sort.descending_first
            header["url"] = query.link(sort=("-" if next_descending else "") + key)
            header["hint"] = _("sorter synkende") if next_descending else _("sorter stigende")
            if sorted_now:
                header["aria_sort"] = "descending" if descending_now else "ascending"
        headers.append(header)
    return headers
