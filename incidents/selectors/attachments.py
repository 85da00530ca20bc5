"""Who may see, add and remove the files of a case, and the files a user may see.

The same lines as the case page (``cases.sees_case_internals``): those who read the case as
its staff — the DPO, management, auditors, the handler working it — see every file; anyone
else who sees the case (its reporter) sees the files they added themselves, and adds files
to their own report until it is closed. Only those who work the case remove a file."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from accounts import permissions
from accounts.models import User
from incidents.models import Attachment, Incident
from incidents.selectors.cases import sees_case_internals


def attachments_visible_to(user: User, incident: Incident) -> QuerySet[Attachment]:
    """The files of the case this user may see and download (removed ones excluded), oldest first."""
    qs = Attachment.objects.filter(incident=incident, removed_at__isnull=True).select_related("uploaded_by")
    if sees_case_internals(user, incident):
        return qs
    return qs.filter(uploaded_by=user)


def visible_attachment(user: User, incident: Incident, public_id: uuid.UUID | str) -> Attachment | None:
    """One file of the case by its random id, or None when there is none this user may see."""
    try:
        key = uuid.UUID(str(public_id))
    except ValueError:
        return None
    return attachments_visible_to(user, incident).filter(public_id=key).first()


def may_add_attachment(user: User, incident: Incident) -> bool:
    """Staff who work the case, and the reporter of their own report, while the case is open."""
    if not incident.is_open:
        return False
    if user.has_perm(permissions.WORK) and sees_case_internals(user, incident):
        return True
    return incident.reported_by_id == user.pk


def may_remove_attachment(user: User, incident: Incident) -> bool:
    """Those who work the case (the DPO, its handler), with a reason for the history."""
    return user.has_perm(permissions.WORK) and sees_case_internals(user, incident)
