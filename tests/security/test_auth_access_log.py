"""#14: every page, file and API answer that shows a case is in the case's access log (by
rule: any URL of one case), and the register spreadsheet logs every case in it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from incidents.services.access import CaseAccess
from tests.conftest import login
from tests.worlds import World

pytestmark = pytest.mark.django_db

CASE_PAGES = [
    "/avvik/{ref}/",
    "/avvik/{ref}/vurdering/",
    "/avvik/{ref}/datatilsynet/",
    "/avvik/{ref}/datatilsynet/utskrift/",
    "/avvik/{ref}/datatilsynet/pdf/",
    "/avvik/{ref}/varsel/",
    "/avvik/{ref}/mottakere/",
    "/api/v1/incidents/{ref}/",
    "/api/v1/incidents/{ref}/authority-notification/",
]


def test_each_page_of_a_case_is_in_its_access_log(world: World, make_user: Any) -> None:
    case = world.case
    missing = []
    for path in CASE_PAGES:
        reader = make_user("dpo")  # a new reader per page: repeated visits are one row
        answer = login(Client(), reader).get(path.format(ref=case.reference))
        assert answer.status_code == 200, path
        channel = "api" if path.startswith("/api/") else "page"
        if not CaseAccess.objects.filter(incident=case, user=reader, channel=channel).exists():
            missing.append(path)
    assert missing == []


@pytest.mark.parametrize("path", ["/register/?format=csv", "/api/v1/register/?format=csv"])
def test_the_register_spreadsheet_logs_every_case_in_it(world: World, make_user: Any, path: str) -> None:
    reader = make_user("auditor")
    answer = login(Client(), reader).get(path)
    assert answer.status_code == 200
    b"".join(answer.streaming_content)  # type: ignore[attr-defined]
    logged = set(CaseAccess.objects.filter(user=reader).values_list("incident_id", flat=True))
    assert logged == {world.case.pk, world.public_case.pk, world.closed_case.pk, world.dismissed_case.pk} | {
        world.other_case.pk
    }


def test_a_refused_page_logs_nothing(world: World) -> None:
    reporter = login(Client(), world.users["other_reporter"])
    assert reporter.get(f"/avvik/{world.case.reference}/datatilsynet/pdf/").status_code in (403, 404)
    assert reporter.get(f"/avvik/{world.case.reference}/varsel/").status_code in (403, 404)
    assert not CaseAccess.objects.filter(incident=world.case, user=world.users["other_reporter"]).exists()
