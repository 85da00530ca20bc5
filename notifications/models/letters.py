"""Printed letters, posted in-house: one batch per print run (see
``notifications.services.letters``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy


class LetterBatch(models.Model):
    """The letters printed together for one case: the deliveries of the ``letter`` channel
    that were waiting when the DPO made the batch. Its one merged PDF is laid out by a task
    when the batch is made and kept in the private ``attachments`` storage under a random
    name (``pdf_name``) until the names and addresses of the case are purged. When the DPO
    records that the batch was posted, its deliveries are sent, by them, at that time."""

    class Pdf(models.TextChoices):
        PENDING = "pending", gettext_lazy("lages")
        RENDERING = "rendering", gettext_lazy("lages")
        READY = "ready", gettext_lazy("klar")
        FAILED = "failed", gettext_lazy("feilet")
        PURGED = "purged", gettext_lazy("slettet")

    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="letter_batches")
    count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    posted_at = models.DateTimeField(null=True, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pdf_status = models.CharField(max_length=10, choices=Pdf.choices, default=Pdf.PENDING)
    # When the PDF was last queued or taken up by a worker (a lost task or a dead worker is
    # found by it), and when it was ready.
    pdf_status_at = models.DateTimeField(null=True, blank=True)
    pdf_name = models.CharField(max_length=200, blank=True)
    pdf_size = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = gettext_lazy("brevbunke")
        verbose_name_plural = gettext_lazy("brevbunker")
        ordering = ("incident", "pk")

    def __str__(self) -> str:
        return f"letter batch #{self.pk}"
