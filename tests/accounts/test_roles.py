"""The role groups: each holds exactly the permissions of its role, and saving a user with a
role (which makes sure of the groups) costs a fixed few queries."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import DEPUTY, DEPUTY_PERMISSIONS, DPO, HANDLER, ROLE_PERMISSIONS, ensure_roles

pytestmark = pytest.mark.django_db


def held(role: str) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=role).permissions.select_related("content_type")
    }


def test_each_group_holds_exactly_its_roles_permissions() -> None:
    groups = ensure_roles()
    assert set(groups) == {*ROLE_PERMISSIONS, DEPUTY}
    for role, granted in {**ROLE_PERMISSIONS, DEPUTY: DEPUTY_PERMISSIONS}.items():
        assert held(role) == set(granted), role


def test_a_group_changed_by_hand_is_put_right_and_a_missing_one_made_again() -> None:
    ensure_roles()
    handler = Group.objects.get(name=HANDLER)
    handler.permissions.add(Permission.objects.get(codename="manage_users"))
    handler.permissions.remove(handler.permissions.first())
    Group.objects.filter(name=DPO).delete()
    ensure_roles()
    assert held(HANDLER) == set(ROLE_PERMISSIONS[HANDLER])
    assert held(DPO) == set(ROLE_PERMISSIONS[DPO])


def test_when_nothing_is_to_change_it_reads_three_times_and_writes_nothing() -> None:
    ensure_roles()
    with CaptureQueriesContext(connection) as queries:
        ensure_roles()
    statements = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert len(statements) == 3, statements
    assert all(sql.startswith("SELECT") for sql in statements), statements
