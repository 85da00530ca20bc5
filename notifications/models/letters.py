"""Printed letters, posted in-house: one batch per print run (see
``notifications.services.letters``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy


class LetterBatch(models.Model):
    """The letters printed together for one case: the deliveries of the ``letter`` channel
    that were waiting when the DPO made the batch. The PDF is not kept (it holds names and
    addresses); it is made again from the deliveries each time it is downloaded. When the
    DPO records that the batch was posted, its deliveries are sent, by them, at that time."""

    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="letter_batches")
    count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    posted_at = models.DateTimeField(null=True, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = gettext_lazy("brevbunke")
        verbose_name_plural = gettext_lazy("brevbunker")
        ordering = ("incident", "pk")

    def __str__(self) -> str:
        return f"letter batch #{self.pk}"
