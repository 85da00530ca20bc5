"""The shape of a notice's text: its languages and parts, the template output tidied into
plain paragraphs, the parts still empty, and the readability of what the DPO can edit."""

from __future__ import annotations

import re
from collections.abc import Iterable

from notifications.rules.lix import Readability, readability

LANGUAGES = ("nb", "nn", "en")

# The parts of a notice in the order readers look for them (LAW.md "Plain language").
PARTS = ("what_happened", "your_data", "consequences", "measures", "advice", "contact")

# Categories a reader may worry about, named in "which data it is NOT about".
NOT_INVOLVED_CHECKS = ("national_id", "credentials", "financial", "special")
_BULLET = re.compile(r"^\s*[-*•]\s+")
PARAGRAPH = "¶"


def tidy(text: str) -> str:
    """Template output as plain text. Templates put one sentence per line, and a line with
    only "¶" where a new paragraph starts; empty lines (from conditions that were false)
    are dropped. Sentences of a paragraph are joined; list lines ("- ") stay lines."""
    paragraphs: list[list[str]] = [[]]
    for raw in text.split("\n"):
        line = raw.strip()
        if line == PARAGRAPH:
            paragraphs.append([])
            continue
        if not line:
            continue
        lines = paragraphs[-1]
        if lines and not _BULLET.match(line) and not _BULLET.match(lines[-1]) and not lines[-1].endswith(":"):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return "\n\n".join("\n".join(lines) for lines in paragraphs if lines)


def not_involved(categories: Iterable[str]) -> dict[str, bool]:
    """The worrying categories the breach does not touch (payment cards count as financial)."""
    present = set(categories)
    return {
        name: True
        for name in NOT_INVOLVED_CHECKS
        if name not in present and not (name == "financial" and "payment_card" in present)
    }


def notice_readability(parts: dict[str, str], language: str) -> Readability:
    """LIX of what the DPO can edit: the parts, each a block of its own."""
    return readability("\n\n".join(parts.get(name, "") for name in PARTS), language)


def missing_parts(texts: dict[str, str]) -> list[str]:
    return [name for name in ("subject", *PARTS) if not texts.get(name, "").strip()]
