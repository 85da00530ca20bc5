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
    its permissions. Idempotent."""
    groups: dict[str, Group] = {}
    with transaction.atomic():
        for role, granted in (*ROLE_PERMISSIONS.items(), (DEPUTY, DEPUTY_PERMISSIONS)):
            group, _created = Group.objects.get_or_create(name=role)
            wanted = []
            for dotted in granted:
                app_label, codename = dotted.split(".", 1)
                permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
                if permission is not None:
                    wanted.append(permission)
            group.permissions.set(wanted)
            groups[role] = group
    return groups


def sync_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    # Runs after each app's migrations; only the last app's call sees every permission,
    # and the earlier ones are cheap and harmless.
    if getattr(sender, "label", None) != "notifications":
        return
    ensure_roles()
