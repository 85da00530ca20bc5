"""Every permission of Avvik, named once. The roles (``accounts.roles``) grant them; the
services and pages check them with ``user.has_perm`` (never a role's name), so what a role
may do changes in one table. Plain names, no Django: the workflow's transitions use them too.
The codenames are declared on the models (``Incident.Meta.permissions``,
``User.Meta.permissions``)."""

from __future__ import annotations

ADD_INCIDENT = "incidents.add_incident"  # report a breach: every role
VIEW_ASSIGNED = "incidents.view_assigned_incidents"  # the cases one handles
VIEW_ALL = "incidents.view_all_incidents"  # every case
WORK = "incidents.work_incident"  # triage, assess, draft, measures, notices
DECIDE = "incidents.decide_incident"  # the DPO's decisions: conclude, file, approve, send, close
VIEW_REGISTER = "incidents.view_register"  # the register of art. 33(5)
VIEW_AUDIT_TRAIL = "incidents.view_audit_trail"  # history and access log
VIEW_DASHBOARD = "incidents.view_dashboard"  # the overview and annual summary
EDIT_ORGANISATION = "incidents.edit_organisation"  # the controller's profile
MANAGE_USERS = "accounts.manage_users"  # invite, set roles, deactivate, reset two-factor, name the deputy

ALL = (
    ADD_INCIDENT,
    VIEW_ASSIGNED,
    VIEW_ALL,
    WORK,
    DECIDE,
    VIEW_REGISTER,
    VIEW_AUDIT_TRAIL,
    VIEW_DASHBOARD,
    EDIT_ORGANISATION,
    MANAGE_USERS,
)
