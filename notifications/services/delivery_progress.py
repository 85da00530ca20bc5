"""How far the telling of the people affected has come (art. 34): the counts the case page
and the API show, the failed deliveries the DPO follows up, whether every person is told.
Reads only; what the notification to Datatilsynet says of it is in selectors.deliveries."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from notifications.models import Channel, Delivery, SendOrder
from notifications.selectors.recipients import failure_detail
from notifications.services.channels import RETRY_FIELDS, retry_channels, retry_words, waiting_by_channel


def delivery_counts(incident_id: int) -> dict[str, Any]:
    """CONTRACT.md deliveries: queued counts rows waiting or being sent."""
    by_status = dict(
        Delivery.objects.filter(incident_id=incident_id)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    failed = by_status.get(Delivery.Status.FAILED, 0)
    unresolved = (
        Delivery.objects.filter(
            incident_id=incident_id, status=Delivery.Status.FAILED, resolved_at__isnull=True
        ).count()
        if failed
        else 0
    )
    # People a send order has yet to write rows for are waiting too.
    waiting = 0
    order = (
        SendOrder.objects.filter(incident_id=incident_id, done_at__isnull=True)
        .values_list("queued", "requested_at")
        .first()
    )
    if order is not None:
        written = Delivery.objects.filter(incident_id=incident_id, created_at__gte=order[1]).count()
        waiting = max(order[0] - written, 0)
    return {
        "by_channel": counts_by_channel(incident_id, waiting),
        "total": sum(by_status.values()) + waiting,
        "queued": by_status.get(Delivery.Status.QUEUED, 0) + by_status.get(Delivery.Status.SENDING, 0) + waiting,
        "sent": by_status.get(Delivery.Status.SENT, 0),
        "failed": failed,
        "failed_unresolved": unresolved,
    }


def counts_by_channel(incident_id: int, waiting: int = 0) -> dict[str, dict[str, int]]:
    """CONTRACT.md deliveries ``by_channel``: per channel (every one), the rows written, sent and
    failed, and the ``waiting`` people a send order has yet to write rows for under the channel
    their row will get (channels.waiting_by_channel): the totals add up to ``total``."""
    counts = {channel: {"total": 0, "sent": 0, "failed": 0} for channel in Channel.values}
    rows = (
        Delivery.objects.filter(incident_id=incident_id)
        .values_list("channel", "status")
        .annotate(n=Count("pk"))
        .values_list("channel", "status", "n")
    )
    for channel, status, n in rows:
        entry = counts.setdefault(channel, {"total": 0, "sent": 0, "failed": 0})
        entry["total"] += n
        if status in ("sent", "failed"):
            entry[status] += n
    for channel, n in waiting_by_channel(incident_id, waiting).items():
        counts[channel]["total"] += n
    return counts


def failed_deliveries(incident_id: int, limit: int = 500) -> list[dict[str, Any]]:
    rows = (
        Delivery.objects.filter(incident_id=incident_id, status=Delivery.Status.FAILED)
        .select_related("recipient", "resolved_by")
        .order_by("pk")[:limit]
    )
    plan = retry_channels(rows.values_list(*RETRY_FIELDS))  # what "send again" would do
    return [
        {
            "name": d.recipient.name,
            "email": d.recipient.email,
            "channel": d.get_channel_display(),
            "retry": "" if d.resolved_at else retry_words(*plan[d.pk]),
            "purged": d.recipient.purged_at is not None,
            "error": failure_detail(d.error),
            "attempts": d.attempts,
            "resolution": d.resolution,
            "resolved_at": d.resolved_at,
            "resolved_by": d.resolved_by.display_name if d.resolved_by else "",
        }
        for d in rows
    ]


def deliveries_ready_for_completion(incident: Any) -> str | None:
    """Why the people affected are not yet all told (art. 34), or None when every delivery
    is sent or the DPO has recorded what was done for the failed ones. A case with no
    deliveries is left to the notices' own rule (e.g. a public notice)."""
    counts = delivery_counts(incident.pk)
    if counts["queued"]:
        return _("%(n)s varsler er ikke sendt ennå.") % {"n": counts["queued"]}
    if counts["failed_unresolved"]:
        return _("%(n)s varsler kom ikke fram. Send dem på nytt, eller registrer hva som er gjort for dem.") % {
            "n": counts["failed_unresolved"]
        }
    return None


def all_notices_delivered(incident: Any) -> bool:
    """What ``notifications.services.notices.notices_ready_for_completion`` asks: someone is on
    the list, everyone on it has a delivery, and every delivery is sent or followed up."""
    from notifications.services.recipients import Recipient

    if not Delivery.objects.filter(incident_id=incident.pk).exists():
        return False
    untold = Recipient.objects.filter(incident_id=incident.pk, purged_at__isnull=True, deliveries__isnull=True)
    return deliveries_ready_for_completion(incident) is None and not untold.exists()
