"""What the deliveries say about a case as a whole: when the people affected were told."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Max, Min, QuerySet

from incidents.hooks import Told
from notifications.models import Channel, Delivery


def people_told(incident_ids: Iterable[int]) -> dict[int, Told]:
    """For each of these cases that has told anyone (art. 34): when the first notice was
    sent, how many people have been sent one, and how many by each channel. Two queries
    for any number of cases."""
    # A QuerySet of ids stays a subquery: one query for the whole register.
    ids_in = incident_ids if isinstance(incident_ids, QuerySet) else list(incident_ids)
    rows = list(
        Delivery.objects.filter(incident_id__in=ids_in, status=Delivery.Status.SENT)
        .values("incident_id")
        .annotate(first_at=Min("sent_at"), people=Count("recipient_id", distinct=True))
    )
    by_channel: dict[int, list[tuple[str, int]]] = {}
    per_channel = (
        Delivery.objects.filter(incident_id__in=ids_in, status=Delivery.Status.SENT)
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


def people_informed(incident: Any) -> dict[str, Any]:
    """Who of the people affected have been told, when and how (art. 34), for the
    notification to Datatilsynet ("are the people informed? how? when?"): the people on
    the list, those a notice reached, those it did not, the first and last sending, and
    when a public notice (art. 34(3)(c)) was published; per channel, how many were told
    that way. Counts only, no names."""
    from notifications.models import PublicNotice, Recipient

    recipients = Recipient.objects.filter(incident_id=incident.pk)
    sent = Delivery.objects.filter(incident_id=incident.pk, status=Delivery.Status.SENT)
    times = sent.aggregate(first=Min("sent_at"), last=Max("sent_at"))
    public = PublicNotice.objects.filter(incident_id=incident.pk).first()
    latest = public.latest() if public is not None and public.is_published else None
    informed = recipients.filter(deliveries__status=Delivery.Status.SENT).distinct().count()
    by_channel = dict(
        sent.values_list("channel").annotate(n=Count("recipient_id", distinct=True)).values_list("channel", "n")
    )
    return {
        "recipients": recipients.count(),
        "informed": informed,
        "failed": Delivery.objects.filter(incident_id=incident.pk, status=Delivery.Status.FAILED).count(),
        "first_sent_at": times["first"],
        "last_sent_at": times["last"],
        "channels": [channel for channel in Channel.values if by_channel.get(channel)],
        "by_channel": {channel: by_channel.get(channel, 0) for channel in Channel.values},
        "public_published_at": latest.published_at if latest is not None else None,
    }
