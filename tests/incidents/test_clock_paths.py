"""The 72-hour clock along the paths a person takes (#14): the API with offsets, the web
forms with Oslo wall-clock times as a browser's datetime-local field sends them, and the
functions with Oslo-aware datetimes, across both daylight-saving changes of 2026 and a
New Year's Eve. Also awareness defaulting to discovery, and times no one can mean."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from rest_framework.test import APIClient

from core.errors import Invalid
from incidents.models import Incident
from incidents.rules.deadlines import authority_deadline
from incidents.services import cases as services
from incidents.services.authority import incident_submit
from incidents.services.reminders import Reminder, plan_reminders
from notifications.models import OutboundEmail
from tests.conftest import login
from tests.incidents.services.test_authority import FACTS, fill_main_cause, profile, to_notification

pytestmark = pytest.mark.django_db
__all__ = ["profile"]  # a fixture, used by name

OSLO = ZoneInfo("Europe/Oslo")

# (awareness as typed with its offset, the deadline 72 real hours later in UTC)
ACROSS = [
    # Spring forward on Sunday 29 March 2026: 71 hours on the wall clock.
    ("2026-03-27T10:00:00+01:00", datetime(2026, 3, 30, 9, 0, tzinfo=UTC)),
    # Fall back on Sunday 25 October 2026: 73 hours on the wall clock.
    ("2026-10-23T10:00:00+02:00", datetime(2026, 10, 26, 8, 0, tzinfo=UTC)),
    # New Year's Eve: the deadline falls in another year.
    ("2026-12-31T23:30:00+01:00", datetime(2027, 1, 3, 22, 30, tzinfo=UTC)),
]


def api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def parse(typed: str) -> datetime:
    return datetime.fromisoformat(typed)


def local(typed: str) -> str:
    """What a browser's datetime-local field sends for that moment: Oslo wall clock, no zone."""
    return parse(typed).astimezone(OSLO).strftime("%Y-%m-%dT%H:%M")


def report_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Elevliste sendt til feil forelder",
        "description": "En e-post med navn og fødselsnummer ble sendt til feil mottaker.",
        "breach_types": ["confidentiality"],
        "data_categories": ["basic", "national_id"],
        "approx_subjects": 31,
        "immediate_measures": "Bedt mottakeren slette e-posten.",
    }
    body.update(changes)
    return body


# --- The deadline: function, API, report form, confirm form --------------------------------


@pytest.mark.parametrize(("aware", "deadline"), ACROSS)
def test_the_function_counts_real_hours_from_an_oslo_aware_time(aware: str, deadline: datetime) -> None:
    oslo_aware = parse(aware).astimezone(OSLO)  # what Django's form and DRF hand the service
    assert authority_deadline(oslo_aware) == deadline
    assert authority_deadline(parse(aware)) == deadline


@pytest.mark.parametrize(("discovered", "deadline"), ACROSS)
def test_a_report_through_the_api_gets_the_deadline_in_real_hours(
    users: dict[str, Any], discovered: str, deadline: datetime
) -> None:
    with time_machine.travel(parse(discovered) + timedelta(hours=1), tick=False):
        answer = api(users["reporter"]).post("/api/v1/incidents/", report_body(discovered_at=discovered), format="json")
    assert answer.status_code == 201, answer.content
    assert datetime.fromisoformat(answer.json()["authority_deadline"]) == deadline
    incident = Incident.objects.get(reference=answer.json()["reference"])
    assert incident.aware_at == parse(discovered), "awareness is the time of discovery"
    assert incident.authority_deadline == deadline


@pytest.mark.parametrize(("discovered", "deadline"), ACROSS)
def test_a_report_through_the_web_form_gets_the_deadline_in_real_hours(
    users: dict[str, Any], discovered: str, deadline: datetime
) -> None:
    form = {
        **report_body(),
        "discovered_at": local(discovered),
        "occurred_at": "",
        "how_discovered": "",
        "approx_subjects": "31",
    }
    with time_machine.travel(parse(discovered) + timedelta(hours=1), tick=False):
        answer = login(Client(), users["reporter"]).post("/meld/", form)
    assert answer.status_code == 302, answer.context["form"].errors if answer.context else answer
    assert answer["Location"].startswith("/avvik/"), answer["Location"]
    incident = Incident.objects.get()
    assert incident.authority_deadline == deadline
    assert incident.aware_at == parse(discovered)


@pytest.mark.parametrize(("aware", "deadline"), ACROSS)
def test_awareness_typed_in_the_confirm_form_gets_the_deadline_in_real_hours(
    make_incident: Any, users: dict[str, Any], aware: str, deadline: datetime
) -> None:
    reported = parse(aware) + timedelta(hours=2)
    with time_machine.travel(reported, tick=False):
        incident = make_incident(now=reported, discovered_at=reported)
        incident = services.incident_start(incident=incident, by=users["dpo"])
        client = login(Client(), users["dpo"])
        answer = client.post(
            f"/avvik/{incident.reference}/handling/confirm/",
            {
                "aware_at": local(aware),
                "aware_reason": "IT så loggene før meldingen.",
                "row_version": incident.row_version,
            },
        )
    assert answer.status_code == 302, answer.content.decode()[:3000]
    incident.refresh_from_db()
    assert incident.state == "assessment"
    assert incident.aware_at == parse(aware)
    assert incident.authority_deadline == deadline


@pytest.mark.parametrize(("aware", "deadline"), ACROSS)
def test_awareness_through_the_api_and_the_services_with_oslo_times(
    make_incident: Any, users: dict[str, Any], aware: str, deadline: datetime
) -> None:
    reported = parse(aware) + timedelta(hours=2)
    with time_machine.travel(reported, tick=False):
        by_api = services.incident_start(incident=make_incident(now=reported, discovered_at=reported), by=users["dpo"])
        answer = api(users["dpo"]).post(
            f"/api/v1/incidents/{by_api.reference}/transitions/confirm/",
            {"aware_at": aware, "aware_reason": "IT så loggene før meldingen."},
            format="json",
        )
        assert answer.status_code == 200, answer.content
        assert datetime.fromisoformat(answer.json()["authority_deadline"]) == deadline

        by_service = make_incident(now=reported, discovered_at=reported)
        services.incident_set_awareness(
            incident=by_service, by=users["dpo"], aware_at=parse(aware).astimezone(OSLO), reason="Leverandøren visste."
        )
    by_service.refresh_from_db()
    assert by_service.authority_deadline == deadline


# --- The reminder ladder ------------------------------------------------------------------


@pytest.mark.parametrize(("aware", "deadline"), ACROSS)
def test_the_reminder_ladder_is_due_in_real_hours_from_an_oslo_aware_time(
    make_incident: Any, users: dict[str, Any], aware: str, deadline: datetime
) -> None:
    start = parse(aware)
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        incident = make_incident(now=start + timedelta(hours=1), discovered_at=start.astimezone(OSLO))
    incident.aware_at = start.astimezone(OSLO)  # as a service holds it in memory
    plan_reminders(incident)
    rows = list(Reminder.objects.filter(incident=incident))
    assert rows
    for row in rows:
        assert row.due_at == start.astimezone(UTC) + timedelta(hours=row.hours), row
    assert Reminder.objects.get(incident=incident, hours=72).due_at == deadline


# --- Lateness of a filing across the October change ----------------------------------------

OCTOBER_AWARE = "2026-10-23T10:00:00+02:00"  # 08:00 UTC; the deadline is 26 October 08:00 UTC
FILED = "2026-10-26T09:30:00+01:00"  # 08:30 UTC: 72.5 real hours later (73.5 on the wall clock)
FILED_LOCAL = "2026-10-26T09:30"


@pytest.fixture
def october_case(make_incident: Any, users: dict[str, Any], profile: Any) -> Incident:
    """A case discovered on Friday 23 October 10:00 (+02:00), ready to be filed; the DPO
    sets the time of awareness last, as an Oslo-aware datetime (as the form hands it over)."""
    reported = parse(OCTOBER_AWARE) + timedelta(hours=1)
    with time_machine.travel(reported, tick=False):
        incident = make_incident(
            now=reported,
            discovered_at=parse(OCTOBER_AWARE).astimezone(OSLO),
            immediate_measures="Bedt mottakeren slette e-posten.",
        )
        incident = to_notification(incident, users["dpo"], facts=FACTS)
        fill_main_cause(incident, users["dpo"])
        services.incident_set_awareness(
            incident=incident,
            by=users["dpo"],
            aware_at=parse(OCTOBER_AWARE).astimezone(OSLO),
            reason="Eleven fortalte det til læreren fredag morgen.",
        )
    return Incident.objects.get(pk=incident.pk)


def test_a_filing_72_and_a_half_hours_later_is_late_through_the_api(
    october_case: Incident, users: dict[str, Any]
) -> None:
    url = f"/api/v1/incidents/{october_case.reference}/transitions/submit/"
    client = api(users["dpo"])
    with time_machine.travel(datetime(2026, 10, 26, 12, 0, tzinfo=UTC), tick=False):
        refused = client.post(url, {"submitted_at": FILED, "authority_reference": "AR-1"}, format="json")
        assert refused.status_code == 400, refused.content
        assert "late_reason" in refused.json()["errors"], "the reason for the delay is asked for (art. 33(1))"
        filed = client.post(
            url, {"submitted_at": FILED, "authority_reference": "AR-1", "late_reason": "Helg."}, format="json"
        )
    assert filed.status_code == 200, filed.content
    assert filed.json()["deadline_status"] == "late"
    incident = Incident.objects.get(pk=october_case.pk)
    assert incident.authority_notified_late is True
    assert incident.authority_submissions.get().late_reason == "Helg."


def test_a_filing_72_and_a_half_hours_later_is_late_through_the_web_form(
    october_case: Incident, users: dict[str, Any]
) -> None:
    url = f"/avvik/{october_case.reference}/datatilsynet/send/"
    form = {"submitted_at": FILED_LOCAL, "authority_reference": "AR-1", "row_version": october_case.row_version}
    with time_machine.travel(datetime(2026, 10, 26, 12, 0, tzinfo=UTC), tick=False):
        client = login(Client(), users["dpo"])
        refused = client.post(url, {**form, "late_reason": ""})
        assert refused.status_code == 400
        assert refused.context["submit_form"].errors.get("late_reason"), refused.context["submit_form"].errors
        filed = client.post(url, {**form, "late_reason": "Helg."})
    assert filed.status_code == 302 and filed["Location"].endswith("/datatilsynet/"), filed
    incident = Incident.objects.get(pk=october_case.pk)
    assert incident.authority_notified_late is True
    submission = incident.authority_submissions.get()
    assert submission.submitted_at == parse(FILED)
    assert submission.was_late and submission.late_reason == "Helg."


def test_the_service_judges_an_oslo_aware_filing_time_as_an_instant(
    october_case: Incident, users: dict[str, Any]
) -> None:
    assert october_case.authority_deadline == datetime(2026, 10, 26, 8, 0, tzinfo=UTC)
    filed = parse(FILED).astimezone(OSLO)
    with time_machine.travel(datetime(2026, 10, 26, 12, 0, tzinfo=UTC), tick=False):
        with pytest.raises(Invalid) as refused:
            incident_submit(incident=october_case, by=users["dpo"], submitted_at=filed, authority_reference="A")
        assert "late_reason" in refused.value.errors
        on_time = parse("2026-10-26T08:59:00+01:00").astimezone(OSLO)  # 07:59 UTC
        incident = incident_submit(
            incident=october_case, by=users["dpo"], submitted_at=on_time, authority_reference="A"
        )
    assert incident.authority_notified_late is False


# --- Awareness defaults to discovery ------------------------------------------------------


def test_a_report_made_days_after_discovery_is_overdue_everywhere(
    users: dict[str, Any], make_user: Any, client: Client
) -> None:
    now = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
    discovered = now - timedelta(days=4, hours=12)
    with time_machine.travel(now, tick=False):
        answer = api(users["reporter"]).post(
            "/api/v1/incidents/", report_body(discovered_at=discovered.isoformat()), format="json"
        )
        assert answer.status_code == 201, answer.content
        assert answer.json()["deadline_status"] == "overdue"
        incident = Incident.objects.get(reference=answer.json()["reference"])
        assert incident.aware_at == discovered

        [mail] = OutboundEmail.objects.filter(kind="incident_reported", to_address=users["dpo"].email)
        assert "Fristen er passert med 36 t 0 min" in mail.body_text, mail.body_text
        assert "igjen" not in mail.body_text

        login(client, users["dpo"])
        worklist = client.get("/avvik/").content.decode()
        assert "Fristen er passert med 36 t 0 min" in worklist
        assert "71 t" not in worklist

        page = client.get(incident.get_absolute_url()).content.decode()
        assert "Fristen er passert med 36 t 0 min" in page
        assert 'data-testid="discovered-before-report"' in page, "discovered long before the report"


def test_the_triage_page_warns_and_proposes_the_time_of_discovery(
    users: dict[str, Any], make_incident: Any, client: Client
) -> None:
    now = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
    discovered = datetime(2026, 6, 8, 9, 15, tzinfo=UTC)  # 11:15 in Oslo
    with time_machine.travel(now, tick=False):
        incident = make_incident(now=now, discovered_at=discovered)
        services.incident_start(incident=incident, by=users["dpo"])
        login(client, users["dpo"])
        page = client.get(incident.get_absolute_url())
        html = page.content.decode()
        assert 'data-testid="discovered-before-report"' in html
        assert "mer enn 2 døgn før det ble meldt" in html
        [confirm] = [a["form"] for a in page.context["actions"] if a["name"] == "confirm"]
        assert 'value="2026-06-08T11:15"' in str(confirm["aware_at"]), "the confirm form proposes discovery"

        # Sent back as proposed, the time needs no reason and stays as it was.
        answer = client.post(
            f"/avvik/{incident.reference}/handling/confirm/",
            {"aware_at": "2026-06-08T11:15", "aware_reason": "", "row_version": incident.row_version + 1},
        )
        assert answer.status_code == 302, answer.content.decode()[:2000]
    incident.refresh_from_db()
    assert incident.state == "assessment" and incident.aware_at == discovered


def test_a_report_made_soon_after_discovery_is_not_warned_about(
    users: dict[str, Any], make_incident: Any, client: Client
) -> None:
    incident = make_incident(discovered_at=datetime.now(UTC) - timedelta(hours=20))
    services.incident_start(incident=incident, by=users["dpo"])
    html = login(client, users["dpo"]).get(incident.get_absolute_url()).content.decode()
    assert 'data-testid="discovered-before-report"' not in html


def test_the_countdown_shows_on_the_assessment_and_notification_pages(
    october_case: Incident, users: dict[str, Any], make_incident: Any
) -> None:
    with time_machine.travel(datetime(2026, 10, 25, 8, 0, tzinfo=UTC), tick=False):
        client = login(Client(), users["dpo"])
        notification = client.get(f"/avvik/{october_case.reference}/datatilsynet/").content.decode()
        assert "24 t 0 min igjen" in notification

        incident = make_incident(discovered_at=datetime(2026, 10, 24, 8, 0, tzinfo=UTC))
        services.incident_start(incident=incident, by=users["dpo"])
        services.incident_confirm(incident=incident, by=users["dpo"])
        assessment = client.get(f"/avvik/{incident.reference}/vurdering/").content.decode()
        assert "48 t 0 min igjen" in assessment


# --- Times inside the daylight-saving hour, and times no one can mean -----------------------


def test_the_repeated_october_hour_is_read_as_its_first_occurrence(
    make_incident: Any, users: dict[str, Any], client: Client
) -> None:
    now = datetime(2026, 10, 26, 12, 0, tzinfo=UTC)
    with time_machine.travel(now, tick=False):
        incident = services.incident_start(incident=make_incident(now=now), by=users["dpo"])
        login(client, users["dpo"])
        answer = client.post(
            f"/avvik/{incident.reference}/kjent-fra/",
            {"aware_at": "2026-10-25T02:30", "reason": "Logget natt til søndag.", "row_version": incident.row_version},
        )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    incident.refresh_from_db()
    assert incident.aware_at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "02:30 summer time (+02:00)"
    assert incident.authority_deadline == datetime(2026, 10, 28, 0, 30, tzinfo=UTC)


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_missing_march_hour_is_a_form_error_in_the_users_language(
    users: dict[str, Any], client: Client, language: str
) -> None:
    from accounts.models import User

    User.objects.filter(pk=users["reporter"].pk).update(language=language)
    client = login(Client(HTTP_ACCEPT_LANGUAGE=language), User.objects.get(pk=users["reporter"].pk))
    form = {**report_body(), "discovered_at": "2026-03-29T02:30", "approx_subjects": "31"}
    with time_machine.travel(datetime(2026, 4, 1, 12, 0, tzinfo=UTC), tick=False):
        answer = client.post("/meld/", form)
    assert answer.status_code == 400
    [message] = answer.context["form"].errors["discovered_at"]
    expected = {"nb": "finnes ikke i norsk tid", "nn": "finst ikkje i norsk tid", "en": "does not exist in Norway"}
    assert expected[language] in message, message
    assert 'value="2026-03-29T02:30"' in answer.content.decode(), "what was typed is kept"
    assert not Incident.objects.exists()


def test_the_missing_march_hour_is_a_400_through_the_api(users: dict[str, Any]) -> None:
    with time_machine.travel(datetime(2026, 4, 1, 12, 0, tzinfo=UTC), tick=False):
        answer = api(users["reporter"]).post(
            "/api/v1/incidents/", report_body(discovered_at="2026-03-29T02:30"), format="json"
        )
    assert answer.status_code == 400
    assert "finnes ikke i norsk tid" in answer.json()["errors"]["discovered_at"][0]


@pytest.mark.parametrize("typed", ["0001-01-01T00:00", "1969-12-31T23:59", "9999-12-31T23:59"])
def test_times_out_of_range_are_form_errors_not_500s(users: dict[str, Any], typed: str) -> None:
    client = login(Client(), users["reporter"])
    answer = client.post("/meld/", {**report_body(), "discovered_at": typed, "occurred_at": typed})
    assert answer.status_code == 400
    errors = answer.context["form"].errors
    assert "discovered_at" in errors and "occurred_at" in errors
    assert not Incident.objects.exists()


@pytest.mark.parametrize("typed", ["0001-01-01T00:00", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59+00:00"])
def test_times_out_of_range_are_400s_through_the_api(users: dict[str, Any], make_incident: Any, typed: str) -> None:
    reporter = api(users["reporter"])
    answer = reporter.post("/api/v1/incidents/", report_body(discovered_at=typed, occurred_at=typed), format="json")
    assert answer.status_code == 400, answer.content
    assert set(answer.json()["errors"]) == {"discovered_at", "occurred_at"}

    incident = services.incident_start(incident=make_incident(), by=users["dpo"])
    dpo = api(users["dpo"])
    confirm = dpo.post(
        f"/api/v1/incidents/{incident.reference}/transitions/confirm/",
        {"aware_at": typed, "aware_reason": "x"},
        format="json",
    )
    assert confirm.status_code == 400, confirm.content
    assert "aware_at" in confirm.json()["errors"]


def test_a_year_one_time_in_the_awareness_form_is_a_form_error(
    make_incident: Any, users: dict[str, Any], client: Client
) -> None:
    incident = make_incident()
    login(client, users["dpo"])
    answer = client.post(
        f"/avvik/{incident.reference}/kjent-fra/",
        {"aware_at": "0001-01-01T00:00", "reason": "Fordi.", "row_version": incident.row_version},
    )
    assert answer.status_code == 400
    assert "1970" in answer.content.decode()
