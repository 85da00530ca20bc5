"""Measures (tiltak): who may add and settle them, the close rule, the daily digest."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from core.errors import Conflict, Invalid, NotPermitted
from incidents.models import Incident
from incidents.selectors.measures import Measure, measures_summary
from incidents.services import cases as services
from incidents.services.assessment import Decision, assessment_save_facts, incident_conclude
from incidents.services.measures import (
    MeasureInput,
    measure_add,
    measure_complete,
    measure_drop,
    measure_update,
    send_measure_digests,
)
from incidents.workflow import State
from notifications.models import OutboundEmail
from tests.conftest import login

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")
TRIVIAL = {
    "breach_types": ["availability"],
    "data_categories": ["basic"],
    "identifiability": "maximum",
    "availability_impact": "recoverable",
    "subjects_count": 3,
}


def to_follow_up(incident: Incident, dpo: Any, now: datetime | None = None) -> Incident:
    """Through the public services: a decision that notifies nobody goes to follow-up."""
    services.incident_start(incident=incident, by=dpo)
    services.incident_confirm(incident=incident, by=dpo)
    assessment_save_facts(incident=incident, by=dpo, facts=TRIVIAL, now=now)
    decision = Decision(notify_authority=False, notify_data_subjects=False, exemption=None, justification="Lav risiko.")
    return incident_conclude(incident=incident, by=dpo, decision=decision, now=now)


def measure(
    owner: Any, what: str = "Slå på tofaktorpålogging", due: date | None = None, kind: str = "prevent"
) -> MeasureInput:
    return MeasureInput(what=what, kind=kind, owner=owner, due_on=due or date(2030, 1, 1))


def test_measures_summary_splits_done_and_open_and_leaves_out_dropped(users: Any, make_incident: Any) -> None:
    incident = make_incident()
    dpo, handler = users["dpo"], users["handler"]
    first = measure_add(incident=incident, by=dpo, data=measure(handler, "Sperre kontoen", kind="stop"))
    second = measure_add(incident=incident, by=dpo, data=measure(handler, "Kurs i e-post"))
    third = measure_add(incident=incident, by=dpo, data=measure(handler, "Ny rutine"))
    measure_complete(measure=first, by=handler)
    measure_drop(measure=third, by=dpo, reason="Dekkes av kurset.")

    done, open_ = measures_summary(Incident.objects.get(pk=incident.pk))

    assert [m.what for m in done] == ["Sperre kontoen"]
    assert [m.what for m in open_] == ["Kurs i e-post"]
    assert second.pk == open_[0].pk


def test_a_reporter_cannot_add_measures_and_bad_input_is_named_by_field(users: Any, make_incident: Any) -> None:
    incident = make_incident()
    with pytest.raises(NotPermitted):
        measure_add(incident=incident, by=users["reporter"], data=measure(users["handler"]))
    with pytest.raises(Invalid) as caught:
        measure_add(
            incident=incident, by=users["dpo"], data=MeasureInput(what=" ", kind="wish", owner=None, due_on=None)
        )
    assert set(caught.value.errors) == {"what", "kind", "owner", "due_on"}


def test_owner_marks_done_others_may_not_and_history_keeps_who(users: Any, make_incident: Any, make_user: Any) -> None:
    incident = make_incident()
    owner = make_user("reporter", name="Ola IT")
    added = measure_add(incident=incident, by=users["dpo"], data=measure(owner))
    with pytest.raises(NotPermitted):
        measure_complete(measure=added, by=make_user("reporter"))
    with pytest.raises(Invalid) as caught:
        measure_complete(measure=added, by=owner, done_on=date.today() + timedelta(days=2))
    assert "done_on" in caught.value.errors

    done = measure_complete(measure=added, by=owner, done_on=date.today())

    assert done.status == Measure.Status.DONE and done.done_on == date.today()
    latest = done.history.first()
    assert latest.history_user == owner and latest.status == "done"
    with pytest.raises(Conflict):
        measure_drop(measure=added, by=users["dpo"], reason="For sent")


def test_update_keeps_old_values_in_history(users: Any, make_incident: Any) -> None:
    incident = make_incident()
    added = measure_add(incident=incident, by=users["dpo"], data=measure(users["handler"], "Gammel tekst"))
    measure_update(measure=added, by=users["handler"], data=measure(users["dpo"], "Ny tekst"), reason="Presisert")
    texts = [h.what for h in Measure.history.filter(id=added.pk).order_by("history_date")]
    assert texts == ["Gammel tekst", "Ny tekst"]
    assert Measure.objects.get(pk=added.pk).owner == users["dpo"]


def test_close_is_refused_naming_the_open_measure_then_allowed_with_root_cause(users: Any, make_incident: Any) -> None:
    dpo = users["dpo"]
    incident = to_follow_up(make_incident(), dpo)
    assert incident.state == State.FOLLOW_UP
    open_one = measure_add(incident=incident, by=dpo, data=measure(users["handler"], "Bytte passord på fellesboksen"))

    with pytest.raises(Conflict) as caught:
        services.incident_close(incident=incident, by=dpo, lessons_learned="Rutine for utsending.")
    assert "Bytte passord på fellesboksen" in caught.value.message
    assert Incident.objects.get(pk=incident.pk).state == State.FOLLOW_UP

    with pytest.raises(Invalid) as bad:
        services.incident_close(incident=incident, by=dpo, lessons_learned="x", root_cause="bad_luck")
    assert "root_cause" in bad.value.errors

    measure_drop(measure=open_one, by=dpo, reason="Fellesboksen er lagt ned.")
    closed = services.incident_close(
        incident=incident, by=dpo, lessons_learned="Rutine for utsending.", root_cause="human_error"
    )
    assert closed.state == State.CLOSED
    assert closed.get_root_cause_display() == "Menneskelig feil"
    with pytest.raises(Conflict):
        measure_add(incident=closed, by=dpo, data=measure(users["handler"]))


def test_close_over_the_api_accepts_root_cause_and_refuses_unknown(users: Any, make_incident: Any, client: Any) -> None:
    dpo = users["dpo"]
    incident = to_follow_up(make_incident(), dpo)
    measure_add(incident=incident, by=dpo, data=measure(users["handler"], "Logge tilgang"))
    login(client, dpo)
    url = f"/api/v1/incidents/{incident.reference}/transitions/close/"

    refused = client.post(url, {"lessons_learned": "Ny rutine"}, content_type="application/json")
    assert refused.status_code == 409
    assert "Logge tilgang" in refused.content.decode()

    Measure.objects.filter(incident=incident).update(status="done", done_on=date.today())
    bad = client.post(url, {"lessons_learned": "Ny rutine", "root_cause": "fate"}, content_type="application/json")
    assert bad.status_code == 400 and "root_cause" in bad.json().get("errors", bad.json())

    ok = client.post(
        url, {"lessons_learned": "Ny rutine", "root_cause": "technical_fault"}, content_type="application/json"
    )
    assert ok.status_code == 200
    assert Incident.objects.get(pk=incident.pk).root_cause == "technical_fault"


def test_case_page_adds_a_measure_and_keeps_what_was_typed_on_error(
    users: Any, make_incident: Any, client: Any
) -> None:
    incident = make_incident()
    login(client, users["dpo"])
    url = reverse("measure-add", args=[incident.reference])

    bad = client.post(url, {"measure-what": "Sperre kontoen", "measure-kind": "stop", "measure-due_on": "i morgen"})
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "Sperre kontoen" in page and "Velg hvem som er ansvarlig." in page and "dd.mm.åååå" in page

    ok = client.post(
        url,
        {
            "measure-what": "Sperre kontoen",
            "measure-kind": "stop",
            "measure-owner": users["handler"].pk,
            "measure-due_on": "2030-05-01",
        },
        follow=True,
    )
    assert "Tiltaket er lagt til." in ok.content.decode()
    assert "Sperre kontoen" in ok.content.decode()
    assert Measure.objects.get(incident=incident).owner == users["handler"]


def test_owner_sees_open_measures_on_start_page_and_marks_done_there(
    users: Any, make_incident: Any, client: Any
) -> None:
    incident = make_incident()
    owner = users["handler"]
    added = measure_add(incident=incident, by=users["dpo"], data=measure(owner, "Rydde delt mappe"))
    login(client, owner)
    home = client.get(reverse("home")).content.decode()
    assert "Mine tiltak" in home and "Rydde delt mappe" in home

    client.post(
        reverse("measure-complete", args=[added.pk]),
        {f"m{added.pk}-done_on": date.today().isoformat(), "next": reverse("home")},
    )
    assert Measure.objects.get(pk=added.pk).status == "done"
    assert "Rydde delt mappe" not in client.get(reverse("home")).content.decode()


def test_overdue_digest_is_sent_once_a_day_per_owner(users: Any, make_incident: Any, make_user: Any) -> None:
    start = datetime(2030, 3, 4, 9, 0, tzinfo=OSLO)
    incident = make_incident(now=start - timedelta(days=5))
    alice, bob = make_user("handler", name="Alice"), make_user("handler", name="Bob")
    dpo = users["dpo"]
    measure_add(incident=incident, by=dpo, data=measure(alice, "A1", due=date(2030, 3, 1)))
    measure_add(incident=incident, by=dpo, data=measure(alice, "A2", due=date(2030, 3, 2)))
    measure_add(incident=incident, by=dpo, data=measure(bob, "B1", due=date(2030, 3, 5)))  # overdue from the 6th
    digests = OutboundEmail.objects.filter(kind="measure_digest")

    with time_machine.travel(start, tick=False):
        assert send_measure_digests() == 1
        assert send_measure_digests() == 0  # the sweep runs again: nothing twice
    assert list(digests.values_list("to_address", flat=True)) == [alice.email]
    body = digests.get().body_text
    assert incident.reference in body and "A1" not in body  # no case details in the e-mail
    assert "2 tiltak" in digests.get().subject

    with time_machine.travel(start.replace(hour=23), tick=False):
        assert send_measure_digests() == 0
    with time_machine.travel(datetime(2030, 3, 5, 3, 0, tzinfo=OSLO), tick=False):
        assert send_measure_digests() == 0  # not in the middle of the night
    with time_machine.travel(datetime(2030, 3, 6, 8, 0, tzinfo=OSLO), tick=False):
        assert send_measure_digests() == 2
        assert send_measure_digests() == 0
    sent = sorted(digests.values_list("to_address", flat=True))
    assert sent == sorted([alice.email, alice.email, bob.email])
