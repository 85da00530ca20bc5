"""Measures (tiltak) on a case (see ``incidents.selectors.measures``)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

MEASURE_TEXT_MAX = 2_000


class Measure(models.Model):
    class Kind(models.TextChoices):
        STOP = "stop", _("Stanse bruddet")
        LIMIT = "limit", _("Begrense skadene")
        PREVENT = "prevent", _("Hindre at det skjer igjen")

    class Status(models.TextChoices):
        OPEN = "open", _("Åpent")
        DONE = "done", _("Utført")
        DROPPED = "dropped", _("Droppet")

    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.CASCADE, related_name="measures", verbose_name=_("avvik")
    )
    what = models.TextField(_("tiltak"), max_length=MEASURE_TEXT_MAX)
    kind = models.CharField(_("type tiltak"), max_length=10, choices=Kind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="measures",
        verbose_name=_("ansvarlig"),
    )
    due_on = models.DateField(_("frist"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    done_on = models.DateField(_("utført dato"), null=True, blank=True)
    drop_reason = models.TextField(_("begrunnelse for å droppe tiltaket"), max_length=MEASURE_TEXT_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        verbose_name = _("tiltak")
        verbose_name_plural = _("tiltak")
        ordering = ("incident", "due_on", "pk")
        indexes = [models.Index(fields=["status", "due_on"], name="measure_status_due_idx")]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.kind} {self.due_on:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_on < today


class MeasureDigest(models.Model):
    """One row per owner and day: the overdue-measure digest for that day has been claimed
    (and written to the outbox). The unique pair makes a second sweep send nothing."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    measure_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "day"], name="measure_digest_owner_day_unique")]

    def __str__(self) -> str:
        return f"{self.owner_id} {self.day}"
