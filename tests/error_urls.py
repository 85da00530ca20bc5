"""The project's URLs and one that fails, for the test of the 500 page."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500, urlpatterns


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


urlpatterns = [*urlpatterns, path("feil-for-test/", boom), path("api/v1/feil-for-test/", boom)]
__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
