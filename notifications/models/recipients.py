"""The people affected by a breach, to be told (art. 34); see ``notifications.services.recipients``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

LANGUAGE_CODES = ("nb", "nn", "en")
MAX_NAME = 200
MAX_EMAIL = 254


class Recipient(models.Model):
    """One affected person on one case. ``email_key`` is the lowercased address that makes a
    person unique per case; it becomes NULL when the row is purged."""

    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="recipients")
    audience = models.ForeignKey(
        "notifications.Audience", on_delete=models.PROTECT, null=True, blank=True, related_name="recipients"
    )
    name = models.CharField(gettext_lazy("navn"), max_length=MAX_NAME, blank=True)
    email = models.CharField(gettext_lazy("e-postadresse"), max_length=MAX_EMAIL, blank=True)
    # NULL, not "", once purged: the unique constraint must let many purged rows coexist.
    email_key = models.CharField(max_length=MAX_EMAIL, null=True, blank=True)  # noqa: DJ001
    language = models.CharField(gettext_lazy("språk"), max_length=5, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(default=timezone.now)
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("mottaker")
        verbose_name_plural = gettext_lazy("mottakere")
        ordering = ("incident", "pk")
        constraints = [
            models.UniqueConstraint(fields=["incident", "email_key"], name="recipient_email_unique_per_case"),
        ]

    def __str__(self) -> str:
        # Never the address: __str__ ends up in logs and admin messages.
        return f"recipient #{self.pk}"
