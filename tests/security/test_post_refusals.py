"""Every URL of the project, posted to by every role that must be refused there, with an
empty body and with a bad one. The refusal (403, 404, 405, 401 from the API, or a redirect
to the login page) must come before anything is drawn: a refused role posting an invalid
form must not get the page back with the form's errors — that page holds what the role
may not see (the notice drafts in every language, the risk assessment).

The URL conf is walked (tests/urlwalk.py), so a new form is tried as soon as it exists: a
route without a row in REFUSED fails the test until someone says who must be refused."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from accounts.models import ApiToken
from incidents.models import Incident
from incidents.web.cases import ACTION_FORMS
from incidents.workflow import TRANSITIONS
from notifications.models import Notice
from tests.conftest import login
from tests.urlwalk import Route, routes
from tests.worlds import World, build_world, plain

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "reporter",
    "other_reporter",
    "handler",
    "other_handler",
    "dpo",
    "management",
    "auditor",
    "deputy",
)

# Every free text of the world carries a marker; a refusal must show none of them.
MARK = "Hemmelig"
SHARED = ("organisation_name", "address", "contact_name")  # the layout may show the organisation


def marked(field: str) -> str:
    return plain(field) if field in SHARED else f"{MARK}-{field} {plain(field)}"


ANONYMOUS = frozenset({"anonymous"})
NOBODY: frozenset[str] = frozenset()
# The case of the world is the reporter's, assigned to the handler: the others do not see it.
NOT_SEEING = ANONYMOUS | {"other_reporter", "other_handler"}
# Only those who work cases (work_incident: handler, DPO).
NOT_WORKING = NOT_SEEING | {"reporter", "management", "auditor"}
# Only the DPO (decide_incident).
NOT_DPO = NOT_WORKING | {"handler"}
NOT_REGISTER = ANONYMOUS | {"reporter", "other_reporter", "handler", "other_handler"}
NOT_DASHBOARD = NOT_REGISTER | {"auditor"}
NOT_NOTIFICATION = NOT_SEEING | {"reporter", "management"}
# The DPO's own office, the user administration: not even the deputy DPO.
NOT_OFFICE = frozenset(ROLES) - {"dpo"}
USER_CHANGES = ("deaktiver", "aktiver", "tofaktor")
# Only the person who reported the case (their additions and answers).
NOT_REPORTER = NOT_SEEING | {"handler", "dpo", "management", "auditor", "deputy"}


def transition_row(name: str) -> frozenset[str]:
    return NOT_WORKING if name == "start" else NOT_DPO  # CONTRACT.md "Transitions": start is handler and DPO


# route (with the value of its last parameter where it has several forms) -> roles that must be refused
REFUSED: dict[str, frozenset[str]] = {
    "home": ANONYMOUS,
    "login": NOBODY,
    "health": NOBODY,
    "logout": NOBODY,
    "two-factor": ANONYMOUS,
    "two-factor-enrol": ANONYMOUS,
    "password_change": ANONYMOUS,
    "password_change_done": ANONYMOUS,
    "incident-report": ANONYMOUS,
    "incident-list": ANONYMOUS,
    "incident-detail": NOT_SEEING,
    "incident-receipt": NOT_SEEING,
    "incident-edit": NOT_WORKING,
    **{f"incident-action[{name}]": transition_row(name) for name in ACTION_FORMS},
    "incident-awareness": NOT_DPO,
    "incident-reporter-message": NOT_DPO,
    "incident-assign": NOT_DPO,
    "api-incident-assign": NOT_DPO,
    "register": NOT_REGISTER,
    "incident-assessment": NOT_WORKING,
    "incident-conclude": NOT_DPO,
    "risk-rules": ANONYMOUS,
    "measure-add": NOT_WORKING,
    "measure-edit": NOT_WORKING,
    "measure-complete": NOT_WORKING,  # the handler owns the measure
    "measure-drop": NOT_WORKING,
    "organisation-profile": NOT_DPO,
    "authority-notification": NOT_NOTIFICATION,
    "authority-notification-section": NOT_WORKING,
    "authority-notification-submit": NOT_DPO,
    "authority-notification-follow-up": NOT_DPO,
    "authority-notification-print": NOT_NOTIFICATION,
    "authority-notification-pdf": NOT_NOTIFICATION,
    "authority-notification-edpb": NOT_NOTIFICATION,
    "case-export-pdf": NOT_SEEING | {"reporter", "handler"},  # those who read every case
    "authority-notification-answers": NOT_WORKING,
    "authority-notification-language": NOT_WORKING,
    "dashboard": NOT_DASHBOARD,
    "annual-summary": NOT_DASHBOARD,
    "annual-summary-pdf": NOT_DASHBOARD,
    "notice-editor": NOT_WORKING,
    "notice-editor-audience": NOT_WORKING,
    "notice-audience-add": NOT_WORKING,
    "notice-facts": NOT_WORKING,
    "notice-reader": NOT_WORKING,
    "public-notice-place": NOT_DPO,
    "public-notice-action[publish]": NOT_DPO,
    "public-notice-action[withdraw]": NOT_DPO,
    "public-notice": NOBODY,
    "public-notice-language": NOBODY,
    "recipients": NOT_WORKING,
    "deliveries-send": NOT_DPO,
    "recipient-remove": NOT_WORKING,
    "deliveries-retry": NOT_DPO,
    "letter-batch-create": NOT_DPO,
    "letter-batch-retry": NOT_DPO,
    "letter-batch-posted": NOT_DPO,
    "letter-batch-download": NOT_DPO,
    "deliveries-followup": NOT_DPO,
    "user-admin": NOT_OFFICE,
    "user-admin-detail": NOT_OFFICE,
    "user-admin-deputy": NOT_OFFICE,
    **{f"user-admin-change[{change}]": NOT_OFFICE for change in USER_CHANGES},
    "invitation-accept": NOBODY,  # anyone with the link; the session holds which invitation
    "invitation-link": NOBODY,
    "api-token": NOBODY,
    "api-tokens": ANONYMOUS,  # each person's own tokens
    "api-token-revoke": ANONYMOUS,
    "api-schema": ANONYMOUS,
    "api-docs": ANONYMOUS,
    "api-incidents": ANONYMOUS,
    "api-incident": NOT_SEEING,
    **{f"api-incident-transition[{name}]": transition_row(name) for name in TRANSITIONS},
    "api-register": NOT_REGISTER,
    "api-risk-evaluate": ANONYMOUS,
    "api-incident-assessment": NOT_WORKING,
    "api-incident-authority-notification": NOT_NOTIFICATION,
    "api-incident-authority-notification-edpb": NOT_WORKING,
    "api-notice-preview": NOT_WORKING,
    "api-notice-approve": NOT_DPO,
    "api-recipients": NOT_WORKING,
    "api-notices-send": NOT_DPO,
    "api-deliveries-retry": NOT_DPO,
    "api-deliveries": NOT_WORKING,
    "note-comment": NOT_WORKING,
    "note-contact": NOT_WORKING,
    "note-question": NOT_WORKING,
    "note-addition": NOT_REPORTER,
    "note-answer": NOT_REPORTER,
    "api-incident-comments": NOT_WORKING,
    "api-incident-contacts": NOT_WORKING,
    "api-incident-questions": NOT_WORKING,
    "api-incident-answers": NOT_REPORTER,
    "api-incident-additions": NOT_REPORTER,
    # The reporter adds files to their own report; the world's file is the handler's.
    "attachment-add": NOT_SEEING | {"management", "auditor"},
    "attachment-download": NOT_SEEING | {"reporter"},
    "attachment-remove": NOT_WORKING,
    "api-attachments": NOT_SEEING | {"management", "auditor"},
    "api-attachment": NOT_WORKING,
}

# Routes with several forms behind one pattern: every value is tried.
EXPANDED = {
    "incident-action": ("name", tuple(ACTION_FORMS)),
    "api-incident-transition": ("name", TRANSITIONS),
    "public-notice-action": ("action", ("publish", "withdraw")),
    "user-admin-change": ("change", USER_CHANGES),
}
# The API's writers that are not POST.
API_METHOD = {
    "api-incident-assessment": "put",
    "api-incident-authority-notification-edpb": "patch",
    "api-attachment": "delete",
}

# A value for every field a form of the project has, each of them wrong.
BAD_FORM = {
    "row_version": "ikke et tall",
    "reason": "",
    "aware_at": "i går en gang",
    "aware_reason": "",
    "notify_authority": "kanskje",
    "notify_data_subjects": "kanskje",
    "exemption": "34_9_z",
    "justification": "",
    "breach_types": "ukjent",
    "data_categories": "ukjent",
    "identifiability": "helt",
    "subjects_count": "-5",
    "dpc_adjustment": "9",
    "submitted_at": "31.02.2026 25:61",
    "lessons_learned": "",
    "root_cause": "tilfeldig",
    "measure-what": "",
    "measure-due_on": "31.02.2026",
    "what": "",
    "due_on": "i morgen",
    "done_on": "aldri",
    "name": "",
    "email": "ikke-en-adresse",
    "language": "xx",
    "audience": "ikke et tall",
    "note": "",
    "text": "",
    "nb-subject": "",
    "nn-subject": "",
    "en-subject": "",
    "action": "approve",
    "upload": "1",
    "main_cause-main_cause": "",
    "title": "",
    "description": "",
    "discovered_at": "snart",
}
BAD_JSON = {"reason": 5, "notify_authority": "kanskje", "submitted_at": "i går", "ukjent": True}


def world_values(world: World) -> dict[str, object]:
    return {
        "reference": world.case.reference,
        "pk": world.measure_pk,
        "key": "main_cause",
        "year": world.case.year,
        "audience_id": world.audience_pk,
        "token": world.public_token,
        "language": "nn",
        "recipient_id": world.recipient_pk,
        "user_id": world.users["handler"].pk,
        "invitation": "en-lenke-som-ikke-finnes",
        "attachment": world.attachment_id,
        "batch_id": 999_999,
    }


def expanded(route: Route) -> Iterator[tuple[str, str]]:
    """(row name, parameter value) for each form behind a route."""
    if route.name in EXPANDED:
        _param, choices = EXPANDED[route.name]
        for choice in choices:
            yield f"{route.name}[{choice}]", choice
    else:
        yield route.name, ""


def clients(world: World) -> dict[str, tuple[Client, Client]]:
    """(browser, API token) clients per role; logged in with the second factor verified."""
    out: dict[str, tuple[Client, Client]] = {}
    for role in ROLES:
        if role == "anonymous":
            out[role] = (Client(), Client())
            continue
        user = world.users[role]
        _token, key = ApiToken.issue(user)
        out[role] = (login(Client(), user), Client(HTTP_AUTHORIZATION=f"Token {key}"))
    return out


def post(client: Client, path: str, *, api: bool, method: str, bad: bool) -> HttpResponse:
    if api:
        body: Any = BAD_JSON if bad else {}
        return getattr(client, method)(path, body, content_type="application/json")  # type: ignore[no-any-return]
    return client.post(path, BAD_FORM if bad else {})  # type: ignore[return-value]


def template_names(response: HttpResponse) -> set[str]:
    return {t.name or "<inline>" for t in getattr(response, "templates", [])}


def error_templates(world: World, web: dict[str, tuple[Client, Client]]) -> set[str]:
    """The templates of the project's own 403 and 404 pages: all a refusal may draw."""
    forbidden = web["reporter"][0].get(reverse("register"))
    missing = web["reporter"][0].get(reverse("incident-detail", args=["AVVIK-1999-9999"]))
    assert forbidden.status_code == 403 and missing.status_code == 404
    # "<inline>": the one-line "401 Unauthorized" that DRF draws for the API docs page.
    return template_names(forbidden) | template_names(missing) | {"<inline>"}  # type: ignore[arg-type]


def refusal_problem(response: HttpResponse, *, api: bool, allowed_templates: set[str]) -> str:
    """Why ``response`` is not a clean refusal; empty when it is one."""
    status = response.status_code
    if status == 302:
        target = response["Location"]
        if api or not target.startswith(reverse(settings.LOGIN_URL)):
            return f"redirected to {target}"
    elif status not in ((401, 403, 404, 405) if api else (403, 404, 405)):
        return f"answered {status}"
    drawn = template_names(response) - allowed_templates
    if drawn:
        return f"drew {sorted(drawn)}"
    content = response.content.decode(errors="replace")
    if MARK in content:
        return "showed the case's text"
    return ""


def observed_problems(world: World) -> list[str]:
    fill = world_values(world)
    web = clients(world)
    allowed_templates = error_templates(world, web)
    problems = []
    for route in routes():
        for row, choice in expanded(route):
            values = dict(fill)
            if route.name in EXPANDED:
                values[EXPANDED[route.name][0]] = choice
            path = route.path(values)
            api = route.name.startswith("api-")
            for role in sorted(REFUSED.get(row, NOBODY)):
                browser, token = web[role]
                for bad in (False, True):
                    response = post(
                        token if api else browser, path, api=api, method=API_METHOD.get(route.name, "post"), bad=bad
                    )
                    problem = refusal_problem(response, api=api, allowed_templates=allowed_templates)
                    if problem:
                        body = "a bad body" if bad else "an empty body"
                        problems.append(f"{row} as {role} with {body}: {problem}")
    return problems


@pytest.fixture
def world(make_user: Any, make_incident: Any) -> World:
    return build_world(make_user, make_incident, text=marked)


def test_every_route_has_a_row() -> None:
    rows = {row for route in routes() for row, _choice in expanded(route)}
    unknown = sorted(rows - set(REFUSED))
    assert not unknown, f"routes without a row in REFUSED (who must be refused there?): {unknown}"
    gone = sorted(set(REFUSED) - rows)
    assert not gone, f"rows for routes that no longer exist: {gone}"


@pytest.mark.slow
def test_a_refused_role_is_refused_before_any_page_is_drawn(world: World) -> None:
    case = Incident.objects.get(pk=world.case.pk)
    notices = list(Notice.objects.filter(incident=case).values_list("pk", "status", "version"))
    problems = observed_problems(world)
    assert not problems, "\n".join(problems)
    after = Incident.objects.get(pk=case.pk)
    assert (after.state, after.row_version) == (case.state, case.row_version), "a refused post changed the case"
    assert list(Notice.objects.filter(incident=case).values_list("pk", "status", "version")) == notices


def test_the_check_sees_a_page_drawn_for_a_refused_role(world: World) -> None:
    """The control: a page drawn from the world's text, given as a refusal, is reported."""
    dpo = login(Client(), world.users["dpo"])
    page = dpo.get(reverse("notice-editor", args=[world.case.reference]))
    assert page.status_code == 200
    problem = refusal_problem(page, api=False, allowed_templates=set())  # type: ignore[arg-type]
    assert problem.startswith("answered 200")
    page.status_code = 403
    assert "notifications/notice_editor.html" in refusal_problem(page, api=False, allowed_templates=set())  # type: ignore[arg-type]
    page.templates = []  # type: ignore[attr-defined]
    assert refusal_problem(page, api=False, allowed_templates=set()) == "showed the case's text"  # type: ignore[arg-type]
