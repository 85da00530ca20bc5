"""What the deliveries say about a case as a whole: when the people affected were told."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Min

from incidents.hooks import Told
from notifications.models import Delivery


def people_told(incident_ids: Iterable[int]) -> dict[int, Told]:
    """For each of these cases that has told anyone (art. 34): when the first notice was
    sent and how many people have been sent one. One query for any number of cases."""
    rows = (
        Delivery.objects.filter(incident_id__in=list(incident_ids), status=Delivery.Status.SENT)
        .values("incident_id")
        .annotate(first_at=Min("sent_at"), people=Count("recipient_id", distinct=True))
    )
    return {row["incident_id"]: Told(row["first_at"], row["people"]) for row in rows}
