"""The deputy DPO acts as the DPO on cases, under their own name, and hears what the DPO
hears; once the deputyship ends, the handler is a handler again."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from accounts.administration import deputy_end, deputy_name
from accounts.models import User
from core.errors import NotPermitted
from incidents.selectors.timeline import incident_timeline
from incidents.services import cases as services
from incidents.services.reminders import sweep_deadlines
from notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db


def test_what_the_deputy_does_is_recorded_under_the_deputys_name(make_user: Any, make_incident: Any) -> None:
    dpo = make_user("dpo", name="Dina Ombud")
    deputy = make_user("handler", name="Vera Vikar")
    handler = make_user("handler", name="Hans Behandler")
    deputy_name(user=deputy, by=dpo)
    deputy = User.objects.get(pk=deputy.pk)
    case = make_incident()
    services.incident_start(incident=case, by=deputy)
    services.incident_assign(incident=case, by=deputy, handler=handler)
    services.incident_confirm(incident=case, by=deputy)
    events = incident_timeline(case)
    acted = [event.who for event in events if event.who in ("Vera Vikar", "Dina Ombud")]
    assert acted and set(acted) == {"Vera Vikar"}, "the DPO did nothing; the deputy did it all"
    assert OutboundEmail.objects.filter(kind="incident_assigned", to_address=handler.email).exists()


def test_a_former_deputy_may_no_longer_decide(make_user: Any, make_incident: Any) -> None:
    dpo, deputy = make_user("dpo"), make_user("handler")
    deputy_name(user=deputy, by=dpo)
    deputy_end(by=dpo)
    case = make_incident()
    services.incident_start(incident=case, by=dpo)
    with pytest.raises(NotPermitted):
        services.incident_confirm(incident=case, by=User.objects.get(pk=deputy.pk))


def test_the_deputy_is_told_of_new_cases_and_deadlines_as_the_dpo_is(make_user: Any, make_incident: Any) -> None:
    dpo, deputy, handler = make_user("dpo"), make_user("handler"), make_user("handler")
    deputy_name(user=deputy, by=dpo)
    case = make_incident(now=timezone.now() - timedelta(hours=80))
    told = set(OutboundEmail.objects.filter(kind="incident_reported").values_list("to_address", flat=True))
    dpos = set(User.objects.filter(groups__name="dpo").values_list("email", flat=True))
    assert told == dpos | {deputy.email}
    assert handler.email not in told, "a handler who is not deputy is not told"
    sweep_deadlines(now=timezone.now())
    overdue = set(
        OutboundEmail.objects.filter(incident=case, kind="deadline_overdue").values_list("to_address", flat=True)
    )
    assert {dpo.email, deputy.email} <= overdue
