"""The layout holds by rule (issue 15, CONVENTIONS.md "Layers hold, by contract"): no module
of the project imports another module's private names. import-linter checks the direction of
imports; this checks what is taken."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("accounts", "config", "core", "incidents", "notifications")


def private_imports(source: str, module: str) -> list[str]:
    """``module: from other import _name`` for each private name taken from another module of
    the project (a function body counts too; a module may use its own private names)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
            continue
        if node.module.split(".")[0] not in PACKAGES or node.module == module:
            continue
        for alias in node.names:
            if alias.name.startswith("_") and not alias.name.startswith("__"):
                found.append(f"{module}: from {node.module} import {alias.name}")
    return found


def project_modules() -> list[tuple[str, Path]]:
    modules = []
    for package in (*PACKAGES, "tests"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            dotted = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            modules.append((dotted.removesuffix(".__init__"), path))
    return modules


def test_no_module_takes_another_modules_private_names():
    offenders = [
        line for module, path in project_modules() for line in private_imports(path.read_text(encoding="utf-8"), module)
    ]
    assert offenders == []


def test_the_check_finds_a_private_import():
    """Control: the check sees a private import at module level and inside a function."""
    source = "from incidents.services.cases import _lock\n\ndef f():\n    from core.errors import _x\n"
    assert private_imports(source, "incidents.web.cases") == [
        "incidents.web.cases: from incidents.services.cases import _lock",
        "incidents.web.cases: from core.errors import _x",
    ]
    assert private_imports("from incidents.web.cases import _own\n", "incidents.web.cases") == []
