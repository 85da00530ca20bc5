"""Who opened which case, and when: the access log the DPO and auditors can read."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Opening the same case again within this window is one visit, not many rows.
SAME_VISIT = timedelta(minutes=10)


class CaseAccess(models.Model):
    class Channel(models.TextChoices):
        PAGE = "page", _("nettside")
        API = "api", _("API")

    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    channel = models.CharField(max_length=4, choices=Channel.choices, default=Channel.PAGE)

    class Meta:
        verbose_name = _("innsyn i sak")
        verbose_name_plural = _("innsyn i saker")
        ordering = ("-at",)
        indexes = [models.Index(fields=["incident", "user", "at"], name="case_access_idx")]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.user_id} {self.at:%Y-%m-%d %H:%M}"


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
