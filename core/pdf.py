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
        return {"file_obj": open(url[len(prefix) :], "rb")}
    static_url = settings.STATIC_URL
    marker = url.find(static_url)
    if marker != -1:
        found = finders.find(url[marker + len(static_url) :].split("?", 1)[0])
        if found:
            return {"file_obj": Path(str(found)).open("rb")}
    raise ValueError("only the project's own static files are loaded into a PDF")


def _static_fetcher() -> Any:
    """WeasyPrint 70 wants a URLFetcher returning URLFetcherResponse; older ones a function
    returning a dict. Both read only the project's static files."""
    try:
        from weasyprint.urls import URLFetcher, URLFetcherResponse
    except ImportError:  # pragma: no cover - WeasyPrint before 70
        return _fetch_static_only

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            found = _fetch_static_only(url)
            content_type = "text/css" if url.split("?", 1)[0].endswith(".css") else None
            return URLFetcherResponse(url, found["file_obj"], {"Content-Type": content_type} if content_type else {})

    return StaticOnlyFetcher()


def html_to_pdf(html: str, *, base_url: str = "http://avvik.local/") -> bytes:
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url, url_fetcher=_static_fetcher())
    pdf: bytes = document.write_pdf()
    return pdf


def html_to_pdfs(html: str, anchors: list[str], *, base_url: str = "http://avvik.local/") -> list[bytes]:
    """One PDF per part of a document laid out once: part ``i`` runs from the page that holds
    the element with id ``anchors[i]`` to the page before the next part's. Laying out many
    letters as one document and writing each letter's pages apart is several times faster
    than laying out each letter alone (styles and fonts are loaded once)."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url, url_fetcher=_static_fetcher()).render()
    starts: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            starts.setdefault(anchor, index)
    missing = [anchor for anchor in anchors if anchor not in starts]
    if missing:
        raise ValueError(f"{len(missing)} parts have no page")
    bounds = [starts[anchor] for anchor in anchors] + [len(document.pages)]
    return [bytes(document.copy(document.pages[bounds[i] : bounds[i + 1]]).write_pdf()) for i in range(len(anchors))]
