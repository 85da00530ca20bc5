"""Files attached to a case as evidence: the screenshot, the recipient's confirmation of
deletion, the receipt from Altinn. The bytes live in the ``attachments`` storage under a
random name (core.storage); the row keeps what a reader needs and who added it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DESCRIPTION_MAX = 500


class Attachment(models.Model):
    class Scan(models.TextChoices):
        CLEAN = "clean", _("sjekket for virus, ingen funnet")
        NOT_SCANNED = "not_scanned", _("ikke sjekket for virus")

    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="attachments")
    # What links and the API name the file by: random, so that no address can be guessed,
    # and saying nothing about the case or the people in it.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    storage_name = models.CharField(max_length=255, editable=False)
    name = models.CharField(_("filnavn"), max_length=255)  # as uploaded, cleaned (core.filetypes.clean_name)
    description = models.CharField(_("hva filen viser"), max_length=DESCRIPTION_MAX, blank=True)
    kind = models.CharField(max_length=20)  # a key of core.filetypes.KINDS, decided from the bytes
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    scan = models.CharField(max_length=20, choices=Scan.choices)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    # Removed: the bytes are deleted, the row stays so the history can still name the file.
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    removed_reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("vedlegg")
        verbose_name_plural = _("vedlegg")
        ordering = ("uploaded_at", "pk")
        indexes = [models.Index(fields=["incident", "uploaded_at"], name="attachment_incident_idx")]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.public_id}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None
