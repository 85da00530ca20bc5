"""Who opened which case, and when: the access log the DPO and auditors can read."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from incidents.models import CaseAccess as CaseAccess

# Opening the same case again within this window is one visit, not many rows.
SAME_VISIT = timedelta(minutes=10)


def record_access(*, incident_id: int, user_id: int, channel: str, now: datetime | None = None) -> None:
    """Log that a user opened a case; repeated opens within SAME_VISIT are one row."""
    now = now or timezone.now()
    recent = CaseAccess.objects.filter(
        incident_id=incident_id, user_id=user_id, channel=channel, at__gte=now - SAME_VISIT
    ).exists()
    if not recent:
        CaseAccess.objects.create(incident_id=incident_id, user_id=user_id, channel=channel, at=now)


def record_accesses(*, incident_ids: list[int], user_id: int, channel: str, now: datetime | None = None) -> None:
    """Log that a user was shown many cases at once (the register as a spreadsheet), in a
    fixed number of queries; cases already opened within SAME_VISIT are not logged again."""
    now = now or timezone.now()
    recent = set(
        CaseAccess.objects.filter(
            incident_id__in=incident_ids, user_id=user_id, channel=channel, at__gte=now - SAME_VISIT
        ).values_list("incident_id", flat=True)
    )
    CaseAccess.objects.bulk_create(
        [
            CaseAccess(incident_id=incident_id, user_id=user_id, channel=channel, at=now)
            for incident_id in incident_ids
            if incident_id not in recent
        ],
        batch_size=1000,
    )
