"""Staff text in notices: plain text in, safe HTML out (DESIGN.md "Notices").

Everything staff type is plain text. For plain-text mail it is used exactly as typed. For
HTML it is escaped, given the little structure the text itself shows (blank line → new
paragraph, lines starting with "- " or "* " → a list), and https: and mailto: links are
made clickable; the result then goes through ONE nh3 cleaner with a small safelist, so
that even a mistake in the steps before cannot let markup through. Header values never
come from here: they go through ``notifications.transport.header_safe``."""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "b", "a", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"https", "mailto"}

_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_SCHEMES,
    link_rel="noopener",
    strip_comments=True,
)

# Links are found in the already escaped text; "&quot;" and "&lt;" end a link.
_URL_CHAR = r"(?:(?!&quot;|&#x27;|&lt;|&gt;)[^\s<>\"'])"
_LINK = re.compile(rf"(?<![\w/@.:])(?:https://{_URL_CHAR}+|mailto:{_URL_CHAR}+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)")
_TRAILING = ".,;:!?)]"
_BULLET = re.compile(r"^\s*[-*•]\s+")


def clean_html(value: str) -> str:
    """The one cleaner: whatever HTML comes in, only the safelist comes out."""
    return _CLEANER.clean(value)


def _linkify(escaped: str) -> str:
    def link(match: re.Match[str]) -> str:
        target = match.group(0)
        trailing = ""
        while target and target[-1] in _TRAILING:
            trailing = target[-1] + trailing
            target = target[:-1]
        href = target if target.startswith(("https://", "mailto:")) else f"mailto:{target}"
        return f'<a href="{href}">{target}</a>{trailing}'

    return _LINK.sub(link, escaped)


def text_to_html(text: str) -> str:
    """Plain staff text as safe HTML paragraphs and lists."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n").strip())
    out: list[str] = []
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip()]
        # Consecutive list lines make a list; other consecutive lines a paragraph.
        groups: list[tuple[bool, list[str]]] = []
        for line in lines:
            bullet = bool(_BULLET.match(line))
            if groups and groups[-1][0] == bullet:
                groups[-1][1].append(line)
            else:
                groups.append((bullet, [line]))
        for bullet, group in groups:
            if bullet:
                items = "".join(f"<li>{_linkify(html.escape(_BULLET.sub('', line).strip()))}</li>" for line in group)
                out.append(f"<ul>{items}</ul>")
            else:
                out.append("<p>" + "<br>".join(_linkify(html.escape(line.strip())) for line in group) + "</p>")
    return clean_html("".join(out))
