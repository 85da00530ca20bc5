"""The incidents API as CONTRACT.md describes it."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client

from accounts.models import ApiToken

pytestmark = pytest.mark.django_db


class Api:
    def __init__(self, user: Any, language: str = "nb") -> None:
        _token, key = ApiToken.issue(user)
        self.client = Client(HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE=language)

    def get(self, path: str, **query: Any) -> Any:
        return self.client.get(path, query)

    def post(self, path: str, data: Any = None) -> Any:
        return self.client.post(path, data or {}, content_type="application/json")


@pytest.fixture
def api(users: dict[str, Any]) -> Any:
    return lambda role: Api(users[role])


def test_anonymous_is_401(client: Client) -> None:
    assert client.get("/api/v1/incidents/").status_code == 401


def test_report_and_read_back(api: Any, report_data: Any) -> None:
    reporter = api("reporter")
    created = reporter.post("/api/v1/incidents/", report_data())
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["state"] == "reported"
    assert body["deadline_status"] == "running"
    assert body["available_transitions"] == []
    assert body["recommendation"] is None and body["decision"] is None
    assert body["url"].endswith(f"/avvik/{body['reference']}/")
    again = reporter.get(f"/api/v1/incidents/{body['reference']}/").json()
    assert again["description"] == report_data()["description"]


def test_bad_report_names_each_field_in_the_users_language(users: dict[str, Any], report_data: Any) -> None:
    english = Api(users["reporter"], language="en")
    answer = english.post("/api/v1/incidents/", report_data(title="", discovered_at="not a time", shoe_size=43))
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert set(errors) == {"title", "discovered_at", "shoe_size"}
    norwegian = api_post_nb = Api(users["reporter"]).post("/api/v1/incidents/", report_data(title=""))
    assert norwegian.json()["errors"]["title"] != errors["title"], "messages follow Accept-Language"
    assert api_post_nb.status_code == 400


def test_future_discovery_is_refused(api: Any, report_data: Any) -> None:
    answer = api("reporter").post("/api/v1/incidents/", report_data(discovered_at="2999-01-01T00:00:00+01:00"))
    assert answer.status_code == 400
    assert "discovered_at" in answer.json()["errors"]


def test_transitions_and_their_status_codes(api: Any, report_data: Any) -> None:
    reference = api("reporter").post("/api/v1/incidents/", report_data()).json()["reference"]
    dpo = api("dpo")
    path = f"/api/v1/incidents/{reference}/transitions/"
    assert api("management").post(path + "start/").status_code == 403
    assert dpo.post(path + "fly/").status_code == 404
    assert dpo.post(path + "start/").status_code == 200
    assert dpo.post(path + "start/").status_code == 409
    refused = dpo.post(path + "dismiss/", {})
    assert refused.status_code == 400 and "reason" in refused.json()["errors"]
    dismissed = dpo.post(path + "dismiss/", {"reason": "Ikke personopplysninger"})
    assert dismissed.status_code == 200
    assert dismissed.json()["state"] == "not_a_breach"
    assert dismissed.json()["deadline_status"] == "not_required"
    assert dismissed.json()["available_transitions"] == ["reopen"]


def test_lists_are_scoped_and_paginated(api: Any, report_data: Any) -> None:
    mine = api("reporter")
    for _ in range(3):
        mine.post("/api/v1/incidents/", report_data())
    other = api("handler")
    listed = mine.get("/api/v1/incidents/").json()
    assert len(listed["results"]) == 3 and listed["next"] is None
    assert len(api("dpo").get("/api/v1/incidents/").json()["results"]) == 3
    assert len(api("auditor").get("/api/v1/incidents/").json()["results"]) == 3
    # A handler sees the intake queue (unassigned new cases) but not others' assigned cases.
    assert len(other.get("/api/v1/incidents/").json()["results"]) == 3


def test_register_json_and_csv(api: Any, report_data: Any) -> None:
    api("reporter").post("/api/v1/incidents/", report_data(title='=HYPERLINK("http://x")'))
    assert api("reporter").get("/api/v1/register/").status_code == 403
    rows = api("auditor").get("/api/v1/register/").json()
    assert len(rows) == 1 and rows[0]["decision"] is None
    answer = api("dpo").get("/api/v1/register/", format="csv")
    assert answer.status_code == 200
    content = b"".join(answer.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff"), "a BOM, so that Excel reads the Norwegian letters"
    table = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert table[0][0] == "Referanse"
    assert table[1][1].startswith("'="), "formulas are neutralised"
