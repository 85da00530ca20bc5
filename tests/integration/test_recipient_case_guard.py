"""On PostgreSQL the people on a case's list are tied to their case by triggers that check
once per statement, in place of a foreign key that checks each row (notifications migration
0009): the same promise, kept here on a real server."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction

from incidents.models import Incident
from notifications.models import Recipient

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MISSING = 999_999_999


def person(incident_id: int, email: str) -> Recipient:
    return Recipient(incident_id=incident_id, name="Kari", email=email, email_key=email, language="nb")


def test_no_foreign_key_checks_each_row_and_the_triggers_are_there() -> None:
    """A later migration that put the foreign key back (AlterField does) would make each
    imported row cost a query again."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_constraint WHERE conrelid = 'notifications_recipient'::regclass "
            "AND contype = 'f' AND confrelid = 'incidents_incident'::regclass"
        )
        assert cursor.fetchone()[0] == 0
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgrelid IN "
            "('notifications_recipient'::regclass, 'incidents_incident'::regclass) ORDER BY tgname"
        )
        assert [name for (name,) in cursor.fetchall()] == [
            "cases_without_recipients",
            "recipient_case_exists",
            "recipient_cases_exist",
        ]


def test_a_person_on_a_case_that_does_not_exist_is_refused(make_incident: Any) -> None:
    incident = make_incident()
    with pytest.raises(IntegrityError, match="does not exist"), transaction.atomic():
        Recipient.objects.bulk_create([person(incident.pk, "a@example.org"), person(MISSING, "b@example.org")])
    assert not Recipient.objects.exists()


def test_a_person_moved_to_a_case_that_does_not_exist_is_refused(make_incident: Any) -> None:
    incident = make_incident()
    kept = Recipient.objects.create(incident_id=incident.pk, name="Kari", email="a@example.org", language="nb")
    with pytest.raises(IntegrityError, match="does not exist"), transaction.atomic():
        Recipient.objects.filter(pk=kept.pk).update(incident_id=MISSING)
    assert Recipient.objects.get(pk=kept.pk).incident_id == incident.pk


def test_a_case_with_people_on_its_list_is_not_deleted_behind_their_back(make_incident: Any) -> None:
    incident = make_incident()
    Recipient.objects.create(incident_id=incident.pk, name="Kari", email="a@example.org", language="nb")
    with pytest.raises(IntegrityError, match="still has people"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM incidents_incident WHERE id = %s", [incident.pk])
    assert Incident.objects.filter(pk=incident.pk).exists()


def test_a_case_whose_list_is_empty_may_go(make_incident: Any) -> None:
    incident = make_incident()
    Recipient.objects.create(incident_id=incident.pk, name="Kari", email="a@example.org", language="nb")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM notifications_recipient WHERE incident_id = %s", [incident.pk])
        cursor.execute("DELETE FROM incidents_incident WHERE id = %s", [incident.pk])
        deleted = cursor.rowcount
        # Undone: the case's other rows (its history, its reminders) are not the point here.
        transaction.set_rollback(True)
    assert deleted == 1
