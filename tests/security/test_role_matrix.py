"""Every URL pattern and API endpoint, with every role and anonymous, against the matrix of
DESIGN.md "Who uses it". A new URL without a row here fails the test, so the matrix
stays complete.

GET answers are compared for every route. A 200 means the page or data is there; 302 for
anonymous means "log in first"; 401 is the API's "not logged in"; 403 "the role may not";
404 "no such case, or one you may not see"; 405 the route only takes POST."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from accounts.models import ApiToken
from tests.conftest import login
from tests.urlwalk import routes
from tests.worlds import World

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "reporter", "handler", "dpo", "management", "auditor", "other_reporter", "deputy")

ALL = dict.fromkeys(ROLES[1:], 200)


def anon(status: int, **roles: int) -> dict[str, int]:
    return {"anonymous": status, **roles}


def page(**roles: int) -> dict[str, int]:
    """A page that needs a login; everyone logged in gets 200 unless named."""
    return {"anonymous": 302, **ALL, **roles}


def api(**roles: int) -> dict[str, int]:
    return {"anonymous": 401, **ALL, **roles}


STAFF_ONLY = {"reporter": 403, "other_reporter": 404}  # sees the case, may not do this / may not see it
NOT_MINE = {"other_reporter": 404}
POST_ONLY = dict.fromkeys(ROLES[1:], 405)
# Only those who work cases (handler, DPO); others who see the case get 403.
WORKERS = {"reporter": 403, "management": 403, "auditor": 403, "other_reporter": 404}

# The DPO's own office: the user administration.
OFFICE_ONLY = {"reporter": 403, "handler": 403, "management": 403, "auditor": 403, "other_reporter": 403}

# route name -> role -> the status a GET gets, for the world of tests/security/conftest.py
EXPECTED: dict[str, dict[str, int]] = {
    "home": page(),
    "login": anon(200, **dict.fromkeys(ROLES[1:], 302)),
    "health": anon(200, **ALL),
    "logout": anon(405, **POST_ONLY),
    "two-factor": page(reporter=302, other_reporter=302),
    "two-factor-enrol": page(handler=302, dpo=302, management=302, auditor=302),
    "password_change": page(),
    "password_change_done": page(),
    "incident-report": page(),
    "incident-list": page(),
    "incident-detail": page(**NOT_MINE),
    "incident-receipt": page(**NOT_MINE),
    "incident-edit": page(reporter=403, management=403, auditor=403, other_reporter=404),
    "incident-action": anon(302, **POST_ONLY),
    "incident-awareness": anon(302, **POST_ONLY),
    "incident-reporter-message": anon(302, **POST_ONLY),
    "incident-assign": anon(302, **POST_ONLY),
    "incident-assessment": page(**STAFF_ONLY),
    "incident-conclude": anon(302, **{**dict.fromkeys(ROLES[1:], 302), "other_reporter": 404}),
    "register": page(reporter=403, handler=403, other_reporter=403),
    "risk-rules": page(),
    "measure-add": anon(302, **POST_ONLY),
    "measure-edit": page(**WORKERS),
    "measure-complete": page(**WORKERS),  # the handler is the owner here
    "measure-drop": page(**WORKERS),
    "organisation-profile": page(reporter=403, handler=403, management=403, auditor=403, other_reporter=403),
    "authority-notification": page(**{**STAFF_ONLY, "management": 403}),
    "authority-notification-section": anon(302, **POST_ONLY),
    "authority-notification-submit": anon(302, **POST_ONLY),
    "authority-notification-follow-up": anon(302, **POST_ONLY),
    "authority-notification-print": page(**{**STAFF_ONLY, "management": 403}),
    "authority-notification-pdf": page(**{**STAFF_ONLY, "management": 403}),
    "case-export-pdf": page(reporter=403, handler=403, other_reporter=404),
    "authority-notification-edpb": page(**{**STAFF_ONLY, "management": 403}),
    "authority-notification-answers": anon(302, **POST_ONLY),
    "authority-notification-language": anon(302, **POST_ONLY),
    "dashboard": page(reporter=403, handler=403, auditor=403, other_reporter=403),
    "annual-summary": page(reporter=403, handler=403, auditor=403, other_reporter=403),
    "annual-summary-pdf": page(reporter=403, handler=403, auditor=403, other_reporter=403),
    "notice-editor": page(**WORKERS),
    "notice-editor-audience": page(**WORKERS),
    "notice-audience-add": anon(302, **POST_ONLY),
    "notice-facts": anon(302, **POST_ONLY),
    "notice-reader": anon(302, **POST_ONLY),
    "public-notice-place": anon(302, **POST_ONLY),
    "public-notice-action": anon(302, **POST_ONLY),
    "recipients": page(**WORKERS),
    "deliveries-send": page(**WORKERS, handler=403),  # GET: the confirmation before sending
    "recipient-remove": anon(302, **POST_ONLY),
    "deliveries-retry": anon(302, **POST_ONLY),
    "deliveries-followup": anon(302, **POST_ONLY),
    "letter-batch-create": anon(302, **POST_ONLY),
    "letter-batch-retry": anon(302, **POST_ONLY),
    "letter-batch-posted": anon(302, **POST_ONLY),
    # The world has no print run: 404 for the DPO, 403 for anyone who may not print.
    "letter-batch-download": page(**WORKERS, handler=403, dpo=404),
    "public-notice": anon(200, **ALL),
    "public-notice-language": anon(200, **ALL),
    "user-admin": page(**OFFICE_ONLY),
    "user-admin-detail": page(**OFFICE_ONLY),
    "user-admin-deputy": anon(302, **POST_ONLY),
    "user-admin-change": anon(302, **POST_ONLY),
    "invitation-accept": anon(200, **ALL),
    "invitation-link": anon(302, **dict.fromkeys(ROLES[1:], 302)),
    "api-token": anon(405, **POST_ONLY),
    "api-tokens": api(),
    "api-token-revoke": anon(401, **POST_ONLY),
    "api-schema": api(),
    "api-docs": api(),
    "api-incidents": api(),
    "api-incident": api(**NOT_MINE),
    "api-incident-transition": anon(401, **POST_ONLY),
    "api-incident-assign": anon(401, **POST_ONLY),
    "api-register": api(reporter=403, handler=403, other_reporter=403),
    "api-risk-evaluate": anon(401, **POST_ONLY),
    "api-incident-assessment": anon(401, **POST_ONLY),
    "api-incident-authority-notification": api(reporter=403, management=403, other_reporter=404),
    "api-incident-authority-notification-edpb": api(reporter=403, management=403, other_reporter=404),
    "api-notice-preview": api(reporter=403, management=403, auditor=403, other_reporter=404),
    "api-notice-approve": anon(401, **POST_ONLY),
    "api-recipients": anon(401, **POST_ONLY),
    "api-notices-send": anon(401, **POST_ONLY),
    "api-deliveries-retry": anon(401, **POST_ONLY),
    "api-deliveries": api(reporter=403, management=403, auditor=403, other_reporter=404),
    "note-comment": anon(302, **POST_ONLY),
    "note-contact": anon(302, **POST_ONLY),
    "note-question": anon(302, **POST_ONLY),
    "note-addition": anon(302, **POST_ONLY),
    "note-answer": anon(302, **POST_ONLY),
    "api-incident-comments": api(**STAFF_ONLY),
    "api-incident-contacts": api(**STAFF_ONLY),
    "api-incident-questions": api(**NOT_MINE),
    "api-incident-answers": anon(401, **POST_ONLY),
    "api-incident-additions": api(**NOT_MINE),
    "attachment-add": anon(302, **POST_ONLY),
    # The world's file was added by the handler: its reporter sees only the files they added.
    "attachment-download": page(reporter=404, other_reporter=404),
    "attachment-remove": anon(302, **POST_ONLY),
    "api-attachments": api(**NOT_MINE),
    "api-attachment": api(reporter=404, other_reporter=404),
}

# The deputy DPO (a handler the DPO has named) answers as the DPO everywhere but in the
# DPO's own office, the user administration.
for _name, _answers in EXPECTED.items():
    _answers["deputy"] = 403 if _answers.get("handler") == 403 and _name.startswith("user-admin") else _answers["dpo"]


def values(world: World) -> dict[str, object]:
    return {
        "reference": world.case.reference,
        "pk": world.measure_pk,
        "name": "start",
        "key": "main_cause",
        "year": world.case.year,
        "audience_id": world.audience_pk,
        "action": "publish",
        "token": world.public_token,
        "language": "nn",
        "recipient_id": world.recipient_pk,
        "user_id": world.users["handler"].pk,
        "change": "deaktiver",
        "invitation": "en-lenke-som-ikke-finnes",
        "attachment": world.attachment_id,
        "batch_id": 999_999,
    }


def client_for(role: str, world: World) -> Client:
    client = Client()
    if role != "anonymous":
        login(client, world.users[role])
    return client


def api_client_for(role: str, world: World) -> Client:
    if role == "anonymous":
        return Client()
    _token, key = ApiToken.issue(world.users[role])
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def observed(world: World) -> dict[str, dict[str, int]]:
    fill = values(world)
    table: dict[str, dict[str, int]] = {}
    clients = {role: (client_for(role, world), api_client_for(role, world)) for role in ROLES}
    for route in routes():
        path = route.path(fill)
        row = {}
        for role in ROLES:
            web, token = clients[role]
            client = token if route.name.startswith("api-") and route.name != "api-docs" else web
            row[role] = client.get(path).status_code
        table[route.name] = row
    return table


@pytest.mark.slow
def test_every_route_answers_every_role_as_the_matrix_says(world: World) -> None:
    table = observed(world)
    unknown = sorted(set(table) - set(EXPECTED))
    assert not unknown, f"routes without a row in EXPECTED: {unknown}"
    gone = sorted(set(EXPECTED) - set(table))
    assert not gone, f"rows for routes that no longer exist: {gone}"
    wrong = [
        f"{name}: {role} got {table[name][role]}, expected {EXPECTED[name][role]}"
        for name in sorted(table)
        for role in ROLES
        if table[name][role] != EXPECTED[name][role]
    ]
    assert not wrong, "\n".join(wrong)


def test_a_case_one_may_not_see_is_404_everywhere(world: World) -> None:
    """Objects the caller may not see are 404, not 403, in pages and the API."""
    fill = dict(values(world), reference=world.other_case.reference)
    reporter_web = client_for("reporter", world)
    reporter_api = api_client_for("reporter", world)
    for route in routes():
        if "reference" not in route.params:
            continue
        client = reporter_api if route.name.startswith("api-") else reporter_web
        answer = client.get(route.path(fill))
        assert answer.status_code in (404, 405), f"{route.name}: {answer.status_code}"


def print_matrix(world: World) -> Any:  # pragma: no cover - a tool for updating EXPECTED
    for name, row in observed(world).items():
        print(name, row)
