"""Is the web server up? For a load balancer's check and as the trivial page that
bench/web_load.py measures the real pages against."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def health(request: HttpRequest) -> HttpResponse:
    """``ok`` from a running web process. It reads no session, user or database, so a
    check every few seconds costs nothing and says nothing about anyone."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
