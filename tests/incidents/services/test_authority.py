"""The notification to Datatilsynet (issue 6): organisation profile, the document, the
submission and follow-ups, the API."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from core.errors import Conflict, Invalid, NotPermitted
from incidents.models import AuthoritySubmission, Incident, Organisation
from incidents.selectors.authority import build_document, document_content
from incidents.selectors.organisation import organisation_missing
from incidents.services.assessment import Decision, assessment_save_facts, incident_conclude
from incidents.services.authority import authority_draft_save, incident_add_follow_up, incident_submit
from incidents.services.cases import incident_confirm, incident_start
from incidents.services.organisation import organisation_update, valid_org_number
from incidents.workflow import State
from tests.conftest import login

FACTS = {
    "breach_types": ["confidentiality"],
    "data_categories": ["basic", "national_id"],
    "subjects_count": 31,
    "confidentiality_exposure": "known_recipients",
}


def to_notification(
    incident: Incident,
    dpo: User,
    *,
    notify_data_subjects: bool = True,
    facts: dict[str, Any] | None = None,
    aware_at: datetime | None = None,
) -> Incident:
    """Through the public services: start, confirm, assess, conclude (notify the authority)."""
    incident_start(incident=incident, by=dpo)
    incident_confirm(incident=incident, by=dpo, aware_at=aware_at, aware_reason="Bekreftet av IT." if aware_at else "")
    assessment_save_facts(incident=incident, by=dpo, facts=facts or FACTS)
    incident_conclude(
        incident=incident,
        by=dpo,
        decision=Decision(
            notify_authority=True,
            notify_data_subjects=notify_data_subjects,
            exemption=None,
            justification="Vurdert av personvernombudet.",
        ),
    )
    return Incident.objects.get(pk=incident.pk)


def organisation_profile_of_testvik(by: User) -> Organisation:
    """The organisation profile of the test cases: what the notification's controller shows."""
    return organisation_update(
        by=by,
        changes={
            "name": "Testvik kommune",
            "org_number": "974 760 673",
            "address": "Storgata 1\n9999 Testvik",
            "contact_name": "Dina Ombud",
            "contact_email": "personvern@testvik.kommune.no",
            "contact_phone": "+47 22 00 00 00",
        },
    )


@pytest.fixture
def profile(users: dict[str, User]) -> Organisation:
    return organisation_profile_of_testvik(users["dpo"])


@pytest.fixture
def case(make_incident: Callable[..., Any], users: dict[str, User], profile: Organisation) -> Incident:
    incident = make_incident(immediate_measures="Bedt mottakeren slette e-posten.")
    return to_notification(incident, users["dpo"])


def fill_main_cause(incident: Incident, dpo: User) -> None:
    authority_draft_save(incident=incident, by=dpo, texts={"main_cause": "Feil mottaker valgt i e-postklienten."})


# --- Organisation profile --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("974760673", True),  # Brønnøysundregistrene
        ("923609016", True),  # Equinor
        ("974760674", False),  # wrong check digit
        ("97476067", False),  # 8 digits
        ("9747606730", False),  # 10 digits
        ("97476067a", False),
        ("", False),
    ],
)
def test_org_number_mod11(number: str, valid: bool) -> None:
    assert valid_org_number(number) is valid


def test_org_number_remainder_one_is_never_valid() -> None:
    # 9×3 + 2×2 + 1×4 = 27 + 4 + 4 = 35 → remainder 2; 100000031: 3 + 3×3 + 1×2 = 14 → 3.
    # 10000010x: 1×3 + 1×4 = 7; 10000006x: 3 + 6×3 = 21 → 10; 10000004x: 3 + 12 = 15 → 4.
    # 11000000x: 3 + 2 = 5; 10000040x: 3 + 4×4 = 19 → 8; 30000000x: 9; 40000000x: 12 → 1.
    assert all(not valid_org_number("40000000" + str(d)) for d in range(10))


def test_profile_refuses_bad_org_number_naming_the_field(users: dict[str, User]) -> None:
    with pytest.raises(Invalid) as error:
        organisation_update(by=users["dpo"], changes={"org_number": "974760674"})
    assert "org_number" in error.value.errors
    assert Organisation.current().org_number == ""


def test_profile_only_for_dpo(users: dict[str, User]) -> None:
    with pytest.raises(NotPermitted):
        organisation_update(by=users["handler"], changes={"name": "X"})


def test_organisation_missing_names_contact_details_in_plain_words(db: None) -> None:
    org = Organisation.current()
    missing = organisation_missing(org)
    assert "e-postadressen til kontaktpunktet" in missing
    assert "telefonnummeret til kontaktpunktet" in missing
    org.contact_email = "a@b.no"
    assert "e-postadressen til kontaktpunktet" not in organisation_missing(org)


def test_seed_demo_profile_is_complete_and_valid(db: None) -> None:
    from incidents.demo import seed_demo

    seed_demo()
    org = Organisation.current()
    assert organisation_missing(org) == []
    assert valid_org_number(org.org_number)


def test_profile_page_shows_error_next_to_field_and_keeps_input(users: dict[str, User], client: Client) -> None:
    login(client, users["dpo"])
    response = client.post(
        "/virksomhet/",
        {"name": "Testvik", "org_number": "123456789", "authority_name": "Datatilsynet", "default_language": "nb"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Organisasjonsnummeret må ha 9 siffer" in body
    assert 'value="123456789"' in body
    login(client, users["handler"])
    assert client.get("/virksomhet/").status_code == 403


# --- The document -----------------------------------------------------------------------------


def test_document_says_ukjent_for_what_the_case_does_not_know(case: Incident) -> None:
    document = build_document(case)
    fields = document.fields
    assert fields["main_cause"].display == "ukjent"
    assert fields["data_location"].display == "ukjent"
    assert fields["relation"].display == "ukjent"
    assert fields["records_count"].display == "ukjent"  # the facts gave no number of records
    assert fields["subjects_count"].display == "omtrent 31"
    assert fields["measures_taken"].display == "Bedt mottakeren slette e-posten."
    content = document_content(document)
    assert content["description"]["main_cause"] == "ukjent"
    assert all(value for value in content["description"].values()), "never blank"
    assert "Testvik kommune" in document.section("contact").text


def test_checklist_names_every_empty_required_field(case: Incident, users: dict[str, User]) -> None:
    document = build_document(case)
    assert document.missing == ["Beskrivelse av bruddet: hovedårsak"]
    fill_main_cause(case, users["dpo"])
    assert build_document(case).missing == []


def test_missing_measures_and_consequences_are_named(
    make_incident: Callable[..., Any], users: dict[str, User], profile: Organisation
) -> None:
    incident = make_incident(immediate_measures="")
    incident_start(incident=incident, by=users["dpo"])
    incident_confirm(incident=incident, by=users["dpo"])
    missing = build_document(Incident.objects.get(pk=incident.pk)).missing
    assert "Tiltak: tiltak som er gjennomført" in missing
    assert "Konsekvenser: sannsynlige konsekvenser" in missing  # no assessment yet
    assert "Informasjon til de berørte: er de berørte informert" in missing


def test_draft_edit_overrides_and_empty_text_falls_back(case: Incident, users: dict[str, User]) -> None:
    dpo = users["dpo"]
    authority_draft_save(incident=case, by=dpo, texts={"measures_taken": "Passord byttet.", "relation": "Elever"})
    document = build_document(case)
    assert document.fields["measures_taken"].display == "Passord byttet."
    assert document.fields["relation"].display == "Elever"
    authority_draft_save(incident=case, by=dpo, texts={"measures_taken": ""})
    assert build_document(case).fields["measures_taken"].display == "Bedt mottakeren slette e-posten."
    with pytest.raises(Invalid) as error:
        authority_draft_save(incident=case, by=dpo, texts={"contact_email": "x@y.no"})
    assert "contact_email" in error.value.errors
    with pytest.raises(NotPermitted):
        authority_draft_save(incident=case, by=users["auditor"], texts={"relation": "x"})


# --- Submitting -----------------------------------------------------------------------------


def test_submit_refuses_empty_required_section_naming_it(case: Incident, users: dict[str, User]) -> None:
    with pytest.raises(Invalid) as error:
        incident_submit(incident=case, by=users["dpo"], submitted_at=timezone.now(), authority_reference="A1")
    assert list(error.value.errors) == ["description"]
    assert "hovedårsak" in error.value.errors["description"][0]
    assert Incident.objects.get(pk=case.pk).state == State.AUTHORITY_NOTIFICATION
    assert not AuthoritySubmission.objects.exists()


def test_submit_refuses_while_profile_lacks_contact(case: Incident, users: dict[str, User]) -> None:
    fill_main_cause(case, users["dpo"])
    organisation_update(by=users["dpo"], changes={"contact_phone": ""})
    with pytest.raises(Invalid) as error:
        incident_submit(incident=case, by=users["dpo"], submitted_at=timezone.now())
    assert "telefonnummeret til kontaktpunktet" in error.value.errors["organisation"][0]


def test_submit_refuses_future_and_before_awareness(case: Incident, users: dict[str, User]) -> None:
    fill_main_cause(case, users["dpo"])
    now = timezone.now()
    with pytest.raises(Invalid) as error:
        incident_submit(incident=case, by=users["dpo"], submitted_at=now + timedelta(hours=1), now=now)
    assert "fremtiden" in error.value.errors["submitted_at"][0]
    with pytest.raises(Invalid) as error:
        incident_submit(incident=case, by=users["dpo"], submitted_at=case.aware_at - timedelta(minutes=1), now=now)
    assert "før virksomheten ble kjent" in error.value.errors["submitted_at"][0]


def test_late_submission_needs_reason_and_is_recorded(case: Incident, users: dict[str, User]) -> None:
    dpo = users["dpo"]
    fill_main_cause(case, dpo)
    late = case.authority_deadline + timedelta(hours=5)
    with time_machine.travel(late + timedelta(hours=1)):
        with pytest.raises(Invalid) as error:
            incident_submit(incident=case, by=dpo, submitted_at=late, authority_reference="A1", late_reason="  ")
        assert "art. 33 nr. 1" in error.value.errors["late_reason"][0]
        updated = incident_submit(
            incident=case,
            by=dpo,
            submitted_at=late,
            authority_reference="AR-123",
            phased=True,
            late_reason="Omfanget var uklart til IT var ferdige.",
        )
    assert updated.state == State.SUBJECT_NOTIFICATION  # the decision says: tell the people
    submission = AuthoritySubmission.objects.get(incident=case)
    assert submission.kind == AuthoritySubmission.Kind.INITIAL
    assert submission.was_late and submission.phased
    assert submission.deadline_at_submission == case.authority_deadline
    assert submission.late_reason == "Omfanget var uklart til IT var ferdige."
    assert submission.document["description"]["main_cause"] == "Feil mottaker valgt i e-postklienten."


def test_in_time_submission_without_subject_notice_goes_to_follow_up(
    make_incident: Callable[..., Any], users: dict[str, User], profile: Organisation
) -> None:
    dpo = users["dpo"]
    incident = to_notification(make_incident(immediate_measures="Sperret kontoen."), dpo, notify_data_subjects=False)
    fill_main_cause(incident, dpo)
    updated = incident_submit(incident=incident, by=dpo, submitted_at=timezone.now(), late_reason="")
    assert updated.state == State.FOLLOW_UP
    assert AuthoritySubmission.objects.get(incident=incident).late_reason == ""


def test_submit_only_by_dpo_and_only_in_notification_step(case: Incident, users: dict[str, User]) -> None:
    fill_main_cause(case, users["dpo"])
    with pytest.raises(NotPermitted):
        incident_submit(incident=case, by=users["handler"], submitted_at=timezone.now())
    incident_submit(incident=case, by=users["dpo"], submitted_at=timezone.now())
    with pytest.raises(Conflict):
        incident_submit(incident=case, by=users["dpo"], submitted_at=timezone.now())
    assert AuthoritySubmission.objects.filter(incident=case).count() == 1


def test_follow_ups_are_appended_in_later_states(case: Incident, users: dict[str, User]) -> None:
    dpo = users["dpo"]
    with pytest.raises(Conflict):
        incident_add_follow_up(incident=case, by=dpo, submitted_at=timezone.now(), text="Mer")
    fill_main_cause(case, dpo)
    first_at = case.aware_at + timedelta(hours=1)
    now = case.aware_at + timedelta(hours=3)
    incident_submit(incident=case, by=dpo, submitted_at=first_at, phased=True, now=now)
    with pytest.raises(Invalid) as error:
        incident_add_follow_up(incident=case, by=dpo, submitted_at=first_at - timedelta(minutes=1), text="x", now=now)
    assert "før den første meldingen" in error.value.errors["submitted_at"][0]
    with pytest.raises(Invalid) as error:
        incident_add_follow_up(incident=case, by=dpo, submitted_at=now, text=" ", now=now)
    assert "text" in error.value.errors
    incident_add_follow_up(
        incident=case, by=dpo, submitted_at=now, text="Antallet er 40.", authority_reference="AR-2", now=now
    )
    incident_add_follow_up(incident=case, by=dpo, submitted_at=now, text="Alt er kjent nå.", now=now)
    kinds = list(AuthoritySubmission.objects.filter(incident=case).values_list("kind", flat=True))
    assert kinds == ["initial", "follow_up", "follow_up"]
    notes = [s.content.get("note") for s in build_document(case).follow_ups]
    assert notes == ["Antallet er 40.", "Alt er kjent nå."]
    with pytest.raises(NotPermitted):
        incident_add_follow_up(incident=case, by=users["handler"], submitted_at=now, text="x", now=now)


# --- API --------------------------------------------------------------------------------------


def api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_shape(case: Incident, users: dict[str, User]) -> None:
    response = api(users["auditor"]).get(f"/api/v1/incidents/{case.reference}/authority-notification/")
    assert response.status_code == 200
    data = response.json()
    for key in (
        "controller",
        "contact",
        "description",
        "consequences",
        "measures",
        "information_to_subjects",
        "phased",
        "late_reason",
        "submissions",
    ):
        assert key in data, key
    assert data["controller"]["name"] == "Testvik kommune"
    assert data["contact"]["email"] == "personvern@testvik.kommune.no"
    assert data["description"]["main_cause"] == "ukjent"
    assert set(data["measures"]) == {"taken", "planned"}
    assert set(data["information_to_subjects"]) == {"informed", "how", "when"}
    assert data["submissions"] == [] and data["phased"] is False


def test_api_roles(case: Incident, users: dict[str, User], make_user: Callable[..., User]) -> None:
    url = f"/api/v1/incidents/{case.reference}/authority-notification/"
    assert api(users["dpo"]).get(url).status_code == 200
    assert api(users["management"]).get(url).status_code == 403
    assert api(users["reporter"]).get(url).status_code == 403  # own report: visible, not allowed
    assert api(make_user("handler")).get(url).status_code == 404  # not assigned: cannot see it
    assert api(make_user("reporter")).get(url).status_code == 404


def test_api_submit_transition(case: Incident, users: dict[str, User]) -> None:
    fill_main_cause(case, users["dpo"])
    client = api(users["dpo"])
    url = f"/api/v1/incidents/{case.reference}/transitions/submit/"
    late = (case.authority_deadline + timedelta(hours=1)).isoformat()
    with time_machine.travel(case.authority_deadline + timedelta(hours=2)):
        refused = client.post(url, {"submitted_at": late, "authority_reference": "AR-9", "phased": True}, format="json")
        assert refused.status_code == 400
        assert "late_reason" in refused.json()["errors"]
        unknown = client.post(url, {"submitted_at": late, "late_reason": "x", "bogus": 1}, format="json")
        assert "bogus" in unknown.json()["errors"]
        response = client.post(
            url,
            {"submitted_at": late, "authority_reference": "AR-9", "phased": True, "late_reason": "Ferie."},
            format="json",
        )
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "subject_notification"
    notification = client.get(f"/api/v1/incidents/{case.reference}/authority-notification/").json()
    assert notification["phased"] is True
    assert notification["late_reason"] == "Ferie."
    assert notification["submissions"][0]["authority_reference"] == "AR-9"


# --- Pages ----------------------------------------------------------------------------------


def test_document_page_checklist_and_print(case: Incident, users: dict[str, User], client: Client) -> None:
    login(client, users["dpo"])
    page = client.get(f"/avvik/{case.reference}/datatilsynet/").content.decode()
    assert "Mangler:" in page and "Beskrivelse av bruddet: hovedårsak" in page
    assert "<script>" not in page and "js/copy.js" in page
    response = client.post(
        f"/avvik/{case.reference}/datatilsynet/send/",
        {"submitted_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "authority_reference": "AR-1"},
    )
    assert response.status_code == 400
    assert "hovedårsak" in response.content.decode()
    assert 'value="AR-1"' in response.content.decode()
    printed = client.get(f"/avvik/{case.reference}/datatilsynet/utskrift/").content.decode()
    assert "Testvik kommune" in printed and case.reference in printed and "css/print.css" in printed
    pdf = client.get(f"/avvik/{case.reference}/datatilsynet/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    login(client, users["management"])
    assert client.get(f"/avvik/{case.reference}/datatilsynet/").status_code == 403
