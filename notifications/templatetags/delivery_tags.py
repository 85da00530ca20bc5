"""The delivery section of the case page: ``{% load delivery_tags %}{% delivery_section %}``."""

from __future__ import annotations

from typing import Any

from django import template

from accounts import permissions
from notifications.services.channels import channel_rows
from notifications.services.delivery import delivery_counts
from notifications.services.notices import decision_gate
from notifications.services.recipients import Recipient

register = template.Library()


@register.inclusion_tag("notifications/partials/delivery_section.html", takes_context=True)
def delivery_section(context: Any) -> dict[str, Any]:
    """Shown to those who work the case, once there is a list or the case is at the notices."""
    incident = context["incident"]
    user = context["request"].user
    show = user.has_perm(permissions.WORK) and (
        incident.state == "subject_notification" or Recipient.objects.filter(incident=incident).exists()
    )
    if not show:
        return {"show": False}
    counts = delivery_counts(incident.pk)
    may_decide = user.has_perm(permissions.DECIDE) and incident.is_open
    # Art. 34(1): the button waits for the DPO's decision to tell each person.
    blocked = decision_gate(incident, individually=True) if may_decide else ""
    return {
        "show": True,
        "incident": incident,
        "counts": counts,
        "channel_rows": channel_rows(counts["by_channel"]),
        "done": counts["sent"] + counts["failed"],
        "recipient_count": Recipient.objects.filter(incident=incident).count(),
        "can_send": may_decide and not blocked,
        "send_blocked": blocked,
        "csrf_token": context.get("csrf_token"),
    }
