"""The pure rules (incidents/rules/, notifications/rules/) import no Django app: no models,
no selectors or services, no settings-based code; django.utils (translation, time zones) is
all they may use of Django. Every import is counted, also those inside functions."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RULES = ("incidents/rules", "notifications/rules")
# lingua: the language identifier, a plain library (no Django, no settings, no model download).
ALLOWED_THIRD_PARTY = ("django.utils", "nh3", "lingua")


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def allowed(module: str, package: str) -> bool:
    top = module.split(".")[0]
    if top in sys.stdlib_module_names or top == "__future__":
        return True
    if module == package or module.startswith(package + "."):
        return True
    return any(module == name or module.startswith(name + ".") for name in ALLOWED_THIRD_PARTY)


@pytest.mark.parametrize("path", sorted(p for folder in RULES for p in (ROOT / folder).rglob("*.py")), ids=str)
def test_a_rule_module_imports_only_the_standard_library_its_own_rules_and_django_utils(path: Path) -> None:
    package = ".".join(path.relative_to(ROOT).parts[:2])
    assert {m for m in imported_modules(path) if not allowed(m, package)} == set()


def test_the_check_would_see_an_app_import() -> None:
    assert not allowed("incidents.models", "incidents.rules")
    assert not allowed("django.db", "incidents.rules")
    assert not allowed("notifications.models", "notifications.rules")
    assert allowed("incidents.rules.risk.facts", "incidents.rules")
