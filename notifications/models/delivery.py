"""One notice to one person, and the DPO's order to send (see ``notifications.services.delivery``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from incidents.models import TEXT_MAX
from notifications.rules import channels
from notifications.transport import new_message_id


class Channel(models.TextChoices):
    """How a person is told (rules.channels); the labels are what the case page says."""

    EMAIL = channels.EMAIL, gettext_lazy("E-post")
    SVARUT = channels.SVARUT, gettext_lazy("Digital postkasse eller brev via SvarUt")
    LETTER = channels.LETTER, gettext_lazy("Brev skrevet ut her")


class Delivery(models.Model):
    """One notice to one person. ``message_id`` is fixed at creation and reused on every
    retry, so a message sent twice after a crash is recognisably the same message."""

    class Status(models.TextChoices):
        QUEUED = "queued", gettext_lazy("i kø")
        SENDING = "sending", gettext_lazy("sendes")
        SENT = "sent", gettext_lazy("sendt")
        FAILED = "failed", gettext_lazy("feilet")

    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="deliveries")
    notice = models.ForeignKey("notifications.Notice", on_delete=models.PROTECT, related_name="deliveries")
    recipient = models.ForeignKey("notifications.Recipient", on_delete=models.PROTECT, related_name="deliveries")
    language_fallback = models.BooleanField(default=False)
    # Chosen when the row is made (services.delivery.send_order_fulfil); each channel's
    # sender takes only its own rows.
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    message_id = models.CharField(max_length=255, unique=True, default=new_message_id)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    available_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True, default="")
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    # What the DPO did for a failed delivery (letter, phone call, …).
    resolution = models.TextField(blank=True, max_length=TEXT_MAX)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # SvarUt (channel svarut): the shipment's id once SvarUt took it, and its latest status
    # (rules.svarut_status), asked by the periodic poll until it is final.
    svarut_id = models.CharField(max_length=64, blank=True, default="")
    svarut_status = models.CharField(max_length=30, blank=True, default="")
    svarut_checked_at = models.DateTimeField(null=True, blank=True)
    # A printed letter (channel letter): the print run it is in.
    letter_batch = models.ForeignKey(
        "notifications.LetterBatch", on_delete=models.PROTECT, null=True, blank=True, related_name="deliveries"
    )

    class Meta:
        verbose_name = gettext_lazy("levering")
        verbose_name_plural = gettext_lazy("leveringer")
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(fields=["notice", "recipient"], name="delivery_once_per_notice_recipient"),
        ]
        indexes = [
            models.Index(fields=["incident", "status"], name="delivery_incident_status_idx"),
            models.Index(fields=["incident", "channel", "status"], name="delivery_channel_status_idx"),
            models.Index(fields=["claim_token"], name="delivery_claim_idx", condition=~Q(claim_token="")),
            models.Index(
                fields=["available_at"],
                name="delivery_due_idx",
                condition=Q(status__in=["queued", "sending"]),
            ),
        ]

    def __str__(self) -> str:
        return f"delivery #{self.pk} ({self.status})"


class SendOrder(models.Model):
    """The DPO's decision to send the approved notices, recorded by the request that makes
    it. A task (by id) turns it into the delivery rows, in batches; the request itself
    writes one row, however many people are on the list. ``notices`` is the decision:
    ``[[audience_id, language, notice_id], …]`` of the approved notices at that moment."""

    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="send_orders")
    notices = models.JSONField(default=list)
    first_audience_id = models.BigIntegerField(null=True, blank=True)
    fallback_language = models.CharField(max_length=5)
    # How many people were to be told when the DPO pressed "send" (the API's "queued").
    queued = models.PositiveIntegerField(default=0)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("sendeordre")
        verbose_name_plural = gettext_lazy("sendeordrer")
        indexes = [
            models.Index(fields=["incident"], name="sendorder_pending_idx", condition=Q(done_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"send order #{self.pk}"
