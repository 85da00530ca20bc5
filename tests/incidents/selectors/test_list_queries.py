"""The case list and the register stay at a fixed number of queries, whatever the number
of cases (issue 3), and are paginated."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.bulk import bulk_cases
from tests.conftest import login

pytestmark = pytest.mark.django_db


def queries(client: Client, path: str) -> tuple[int, Any]:
    client.get(path)  # warm: the token's last-used time and the session are written once
    with CaptureQueriesContext(connection) as captured:
        answer = client.get(path)
    assert answer.status_code == 200, path
    return len(captured), answer


PATHS = (
    "/",  # the start page's most urgent cases
    "/avvik/",
    "/avvik/?state=all",
    "/register/",
    "/register/?decision=notified",
    "/avvik/?state=all&q=Sak&sort=-risiko",  # searched and sorted: still a fixed number
    "/avvik/?state=all&q=Testsak&sort=saksbehandler",
    "/register/?q=Testsak&sort=-risiko",
    "/api/v1/incidents/",
    "/api/v1/register/",
)


def test_fixed_query_count_from_10_to_10000_cases(users: dict[str, Any]) -> None:
    """Every list is measured with 10 cases, then with 10,000: the cases are built once for
    all the lists, not once per list."""
    dpo = users["dpo"]
    from accounts.models import ApiToken

    page_client = login(Client(), dpo)
    api_client = Client(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(dpo)[1]}")

    def client_for(path: str) -> Client:
        return api_client if path.startswith("/api/") else page_client

    bulk_cases(users["reporter"], 10, decided_by=dpo)
    small = {path: queries(client_for(path), path)[0] for path in PATHS}
    bulk_cases(users["reporter"], 9_990, decided_by=dpo)
    for path in PATHS:
        large, answer = queries(client_for(path), path)
        assert large == small[path], f"{path}: {small[path]} queries with 10 cases, {large} with 10,000"
        if path == "/avvik/?state=all":
            assert answer.context["page"].paginator.count == 10_000
            assert len(answer.context["rows"]) == 50, "one page at a time"
        if path == "/api/v1/register/":
            assert len(answer.json()) == 10_000, "the register lists every case"
