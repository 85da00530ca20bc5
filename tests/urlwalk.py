"""Every URL pattern of the project, for the tests that walk them all (roles, accessibility)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

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
