"""The five roles of DESIGN.md as groups with permissions.

A role is a Django group of the same name; what a role may do is the permissions listed
here. Services check permissions (``user.has_perm``), never role names, so a role can be
widened by changing this table alone."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts import permissions

REPORTER = "reporter"
HANDLER = "handler"
DPO = "dpo"
MANAGEMENT = "management"
AUDITOR = "auditor"

ROLES: tuple[str, ...] = (REPORTER, HANDLER, DPO, MANAGEMENT, AUDITOR)

# The deputy DPO is not a role of its own but a group a handler is put in beside the role
# while the DPO names them: it grants what the DPO may do with cases (assign, decide, file,
# approve), so the workflow, which knows permission names only, lets the deputy act. What
# the deputy does is recorded under the deputy's own name, like everything else.
DEPUTY = "deputy_dpo"
# Who may be named deputy: a role that works cases and is not the DPO already.
DEPUTY_ROLES: tuple[str, ...] = (HANDLER,)

ROLE_LABELS = {
    REPORTER: _("Melder"),
    HANDLER: _("Saksbehandler"),
    DPO: _("Personvernombud"),
    MANAGEMENT: _("Ledelse"),
    AUDITOR: _("Revisor"),
}

# app_label.codename; permissions of apps that are not migrated yet are skipped and picked
# up on the next migrate.
ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    REPORTER: (permissions.ADD_INCIDENT,),
    HANDLER: (
        permissions.ADD_INCIDENT,
        permissions.VIEW_ASSIGNED,
        permissions.WORK,
    ),
    DPO: (
        permissions.ADD_INCIDENT,
        permissions.VIEW_ALL,
        permissions.WORK,
        permissions.DECIDE,
        permissions.VIEW_REGISTER,
        permissions.VIEW_AUDIT_TRAIL,
        permissions.VIEW_DASHBOARD,
        permissions.EDIT_ORGANISATION,
        permissions.MANAGE_USERS,
    ),
    MANAGEMENT: (
        permissions.ADD_INCIDENT,
        permissions.VIEW_ALL,
        permissions.VIEW_REGISTER,
        permissions.VIEW_DASHBOARD,
    ),
    AUDITOR: (
        permissions.ADD_INCIDENT,
        permissions.VIEW_ALL,
        permissions.VIEW_REGISTER,
        permissions.VIEW_AUDIT_TRAIL,
    ),
}


# The deputy acts as the DPO on cases; the office itself (the users, who is deputy) stays
# with the DPO. Derived, so a permission the DPO gains later reaches the deputy too.
DEPUTY_PERMISSIONS: tuple[str, ...] = tuple(p for p in ROLE_PERMISSIONS[DPO] if p != permissions.MANAGE_USERS)


def ensure_roles() -> dict[str, Group]:
    """Create the role groups (and the deputy's group, under DEPUTY) and give each exactly
    its permissions. Idempotent, and three queries when nothing is to change: it runs each
    time a user is saved with a role."""
    granted_by_role = {**ROLE_PERMISSIONS, DEPUTY: DEPUTY_PERMISSIONS}
    dotted_names = {dotted for granted in granted_by_role.values() for dotted in granted}
    with transaction.atomic():
        by_dotted = {
            f"{permission.content_type.app_label}.{permission.codename}": permission
            for permission in Permission.objects.select_related("content_type").filter(
                content_type__app_label__in={dotted.split(".", 1)[0] for dotted in dotted_names},
                codename__in={dotted.split(".", 1)[1] for dotted in dotted_names},
            )
        }
        groups = {group.name: group for group in Group.objects.filter(name__in=granted_by_role)}
        for role in granted_by_role:
            if role not in groups:
                groups[role] = Group.objects.create(name=role)
        held: dict[int, set[int]] = {group.pk: set() for group in groups.values()}
        for group_id, permission_id in Group.permissions.through.objects.filter(group__in=groups.values()).values_list(
            "group_id", "permission_id"
        ):
            held[group_id].add(permission_id)
        for role, granted in granted_by_role.items():
            wanted = [by_dotted[dotted] for dotted in granted if dotted in by_dotted]
            if held[groups[role].pk] != {permission.pk for permission in wanted}:
                groups[role].permissions.set(wanted)
    return {role: groups[role] for role in granted_by_role}


def sync_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    # Runs after each app's migrations; only the last app's call sees every permission,
    # and the earlier ones are cheap and harmless.
    if getattr(sender, "label", None) != "notifications":
        return
    ensure_roles()
