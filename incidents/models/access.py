"""Who opened which case, and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
