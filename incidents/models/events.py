"""What was done on a case besides changing the case row (see ``incidents.services.events``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    AUTHORITY_TEXT_EDITED = "authority_text_edited", _("Teksten i meldingen til Datatilsynet er endret")
    NOTICE_APPROVED = "notice_approved", _("Varselet til de berørte er godkjent")
    NOTICE_REOPENED = "notice_reopened", _("Et godkjent varsel er åpnet for endring i en ny versjon")
    RECIPIENTS_IMPORTED = "recipients_imported", _("Mottakere er lest inn fra fil")
    RECIPIENT_ADDED = "recipient_added", _("En mottaker er lagt inn")
    RECIPIENT_REMOVED = "recipient_removed", _("En mottaker er fjernet fra listen før utsending")
    NOTICES_SENT = "notices_sent", _("Varsler er sendt til de berørte")
    DELIVERIES_RETRIED = "deliveries_retried", _("Varsler som ikke kom fram, er sendt på nytt")
    DELIVERIES_FOLLOWED_UP = "deliveries_followed_up", _("Oppfølging av varsler som ikke kom fram, er registrert")
    PUBLIC_NOTICE_PUBLISHED = "public_notice_published", _("Den offentlige kunngjøringen er publisert")
    PUBLIC_NOTICE_UPDATED = "public_notice_updated", _("Den offentlige kunngjøringen er oppdatert")
    PUBLIC_NOTICE_WITHDRAWN = "public_notice_withdrawn", _("Den offentlige kunngjøringen er trukket tilbake")
    ATTACHMENT_ADDED = "attachment_added", _("Vedlegg lagt til")
    ATTACHMENT_REMOVED = "attachment_removed", _("Vedlegg fjernet")
    LETTERS_PRINTED = "letters_printed", _("Brev er samlet til utskrift")
    LETTERS_POSTED = "letters_posted", _("Brev er registrert som postlagt")


class EventChanged(Exception):
    """Events are the audit trail: written once, never changed."""


class CaseEvent(models.Model):
    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40)  # a value of Kind
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # Plain values the words are made from when the history is read (see timeline.py).
    details = models.JSONField(default=dict, blank=True)
    # Free text the acting person wrote (a reason, a note): shown as typed.
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("hendelse i saken")
        verbose_name_plural = _("hendelser i saken")
        ordering = ("at", "pk")
        indexes = [models.Index(fields=["incident", "at"], name="case_event_incident_at_idx")]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise EventChanged("An event in the history is never changed.")
        super().save(*args, **kwargs)
