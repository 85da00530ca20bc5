"""What the deliveries say about a case as a whole: when the people affected were told."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Min

from incidents.hooks import Told
from notifications.models import Channel, Delivery


def people_told(incident_ids: Iterable[int]) -> dict[int, Told]:
    """For each of these cases that has told anyone (art. 34): when the first notice was
    sent, how many people have been sent one, and how many by each channel. Two queries
    for any number of cases."""
    rows = list(
        Delivery.objects.filter(incident_id__in=list(incident_ids), status=Delivery.Status.SENT)
        .values("incident_id")
        .annotate(first_at=Min("sent_at"), people=Count("recipient_id", distinct=True))
    )
    ids = [row["incident_id"] for row in rows]
    by_channel: dict[int, list[tuple[str, int]]] = {}
    per_channel = (
        Delivery.objects.filter(incident_id__in=ids, status=Delivery.Status.SENT)
        .values("incident_id", "channel")
        .annotate(people=Count("recipient_id", distinct=True))
        .order_by("incident_id", "channel")
    )
    order = {code: index for index, code in enumerate(Channel.values)}
    for row in per_channel:
        by_channel.setdefault(row["incident_id"], []).append((row["channel"], row["people"]))
    return {
        row["incident_id"]: Told(
            row["first_at"],
            row["people"],
            tuple(sorted(by_channel.get(row["incident_id"], []), key=lambda item: order.get(item[0], 99))),
        )
        for row in rows
    }
