"""Every URL pattern of the project, for the tests that walk them all (roles, accessibility)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str
    route: str  # e.g. "avvik/<str:reference>/vurdering/"

    @property
    def params(self) -> list[str]:
        import re

        return re.findall(r"<(?:\w+:)?(\w+)>", self.route)

    def path(self, values: dict[str, object]) -> str:
        import re

        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), self.route)


SKIP_PREFIXES = ("admin/", "i18n/")


def routes() -> Iterator[Route]:
    def walk(patterns: list[URLPattern | URLResolver], prefix: str) -> Iterator[Route]:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif pattern.name and not route.startswith(SKIP_PREFIXES):
                yield Route(pattern.name, route.lstrip("^").rstrip("$"))

    yield from walk(get_resolver().url_patterns, "")


SKIP_HTML = {
    "authority-notification-pdf",
    "authority-notification-edpb",
    "annual-summary-pdf",
    "case-export-pdf",
    "attachment-download",
    "api-docs",
    "api-schema",
    "health",  # plain text "ok" for the load balancer, not a page
}


def pages_for(role: str, world: Any) -> Iterator[tuple[str, str]]:
    """(route name, path) of every HTML page that answers this role with 200 in the world of
    tests/worlds.py, and the pages of the world's other cases this role may see."""
    from incidents.selectors.cases import incidents_visible_to
    from tests.security.test_role_matrix import EXPECTED, values

    fill = values(world)
    for route in routes():
        if route.name.startswith("api-") or route.name in SKIP_HTML:
            continue
        if EXPECTED[route.name][role] == 200:
            yield route.name, route.path(fill)
    # The lists searched and sorted: the search box, the sorted headers, the "found" line.
    if EXPECTED["incident-list"][role] == 200:
        yield "incident-list", "/avvik/?state=all&q=feil&sort=-risiko"
    if EXPECTED["register"][role] == 200:
        yield "register", "/register/?q=feil&sort=risiko"
    if role != "anonymous":
        visible = incidents_visible_to(world.users[role])
        for case in (world.closed_case, world.dismissed_case, world.public_case):
            if visible.filter(pk=case.pk).exists():
                yield "incident-detail", f"/avvik/{case.reference}/"
                if EXPECTED["incident-assessment"][role] == 200:
                    yield "incident-assessment", f"/avvik/{case.reference}/vurdering/"
