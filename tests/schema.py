"""The schema of a SQLite database in a shape two databases can be compared by.

Each table: its columns by name, each with its whole definition as SQLite stores it (type,
NOT NULL, default, key, reference, check); its named and table-level constraints; its
indexes by what they cover and how (SQLite names the indexes behind UNIQUE by position, so
those names are left out). Triggers and views by their SQL. Whitespace is normalised; the
order of columns is not compared (a migration adds a column at the end of its table)."""

from __future__ import annotations

import sqlite3
from typing import Any

TABLE_CONSTRAINT = ("CONSTRAINT ", "UNIQUE ", "UNIQUE(", "CHECK ", "CHECK(", "PRIMARY KEY", "FOREIGN KEY")


def _words(sql: str) -> str:
    return " ".join(sql.split())


def _parts(body: str) -> list[str]:
    """The comma-separated items of a CREATE TABLE body, commas inside brackets or quotes kept."""
    parts: list[str] = []
    depth, quote, start = 0, "", 0
    for index, char in enumerate(body):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'`":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(body[start:index])
            start = index + 1
    parts.append(body[start:])
    return [_words(part) for part in parts if part.strip()]


def _table(db: sqlite3.Connection, name: str, sql: str) -> dict[str, Any]:
    columns: dict[str, str] = {}
    constraints: set[str] = set()
    for part in _parts(sql[sql.index("(") + 1 : sql.rindex(")")]):
        if part.upper().startswith(TABLE_CONSTRAINT):
            constraints.add(part)
        else:
            columns[part.split()[0].strip('"`[]')] = part
    indexes: set[tuple[Any, ...]] = set()
    for _seq, index, unique, origin, partial in db.execute(f'PRAGMA index_list("{name}")').fetchall():
        covers = tuple(row[2] for row in db.execute(f'PRAGMA index_info("{index}")').fetchall())
        created = db.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (index,)).fetchone()
        indexes.add((covers, unique, origin, partial, _words(created[0]) if created and created[0] else ""))
    return {"columns": columns, "constraints": constraints, "indexes": indexes}


def sqlite_schema(db: sqlite3.Connection) -> dict[str, Any]:
    """Every table but SQLite's own and Django's record of the migrations applied."""
    schema: dict[str, Any] = {}
    rows = db.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name").fetchall()
    for kind, name, sql in rows:
        if name.startswith("sqlite_") or name == "django_migrations":
            continue
        if kind == "table":
            schema[name] = _table(db, name, sql)
        elif kind in ("trigger", "view"):
            schema[f"{kind} {name}"] = _words(sql)
    return schema


def differences(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """What ``actual`` lacks, adds or defines otherwise than ``expected``, in words."""
    found: list[str] = []
    for name in sorted(expected.keys() - actual.keys()):
        found.append(f"{name}: missing")
    for name in sorted(actual.keys() - expected.keys()):
        found.append(f"{name}: not expected")
    for name in sorted(expected.keys() & actual.keys()):
        want, have = expected[name], actual[name]
        if isinstance(want, str) or isinstance(have, str):
            if want != have:
                found.append(f"{name}: {have!r} instead of {want!r}")
            continue
        for column in sorted(want["columns"].keys() | have["columns"].keys()):
            if want["columns"].get(column) != have["columns"].get(column):
                found.append(
                    f"{name}.{column}: {have['columns'].get(column)!r} instead of {want['columns'].get(column)!r}"
                )
        for what, one in (("constraints", "constraint"), ("indexes", "index")):
            for item in sorted(map(str, want[what] - have[what])):
                found.append(f"{name}: {one} missing: {item}")
            for item in sorted(map(str, have[what] - want[what])):
                found.append(f"{name}: {one} not expected: {item}")
    return found
