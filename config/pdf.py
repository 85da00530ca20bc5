"""HTML to PDF for the print pages (the notification to Datatilsynet, the annual summary).

WeasyPrint lays out the same HTML and print CSS a browser prints; it needs Pango, which
Debian ships (libpango-1.0-0). Static files are read from disk, never over the network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders


def _fetch_static_only(url: str, timeout: int = 10, ssl_context: Any = None) -> dict[str, Any]:
    prefix = "file://"
    if url.startswith(prefix):
        return {"file_obj": open(url[len(prefix) :], "rb")}  # noqa: SIM115 - WeasyPrint closes it
    static_url = settings.STATIC_URL
    marker = url.find(static_url)
    if marker != -1:
        found = finders.find(url[marker + len(static_url) :].split("?", 1)[0])
        if found:
            return {"file_obj": Path(str(found)).open("rb")}
    raise ValueError("only the project's own static files are loaded into a PDF")


def html_to_pdf(html: str, *, base_url: str = "http://avvik.local/") -> bytes:
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url, url_fetcher=_fetch_static_only)
    pdf: bytes = document.write_pdf()
    return pdf
