"""What was filed with Datatilsynet (art. 33), and the DPO's draft wording of it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from incidents.models.incident import TEXT_MAX, Incident
from incidents.rules.deadlines import is_late


class FiledDocumentChanged(Exception):
    """A filed notification is the record of what Datatilsynet was told (art. 33(5)); it is
    never changed. What is learnt later goes into a follow-up (art. 33(4))."""


class SubmissionQuerySet(models.QuerySet["AuthoritySubmission"]):
    def update(self, **kwargs: Any) -> int:
        if "document" in kwargs:
            raise FiledDocumentChanged("A filed notification's document is never changed.")
        return super().update(**kwargs)


class AuthoritySubmission(models.Model):
    """A notification filed with Datatilsynet (art. 33), or a follow-up (art. 33(4)).
    Append-only: a mistake is corrected by adding a follow-up, never by editing.

    ``document`` is the notification exactly as it was when filed (CONTRACT.md
    "AuthorityNotification"): written once, with the row, and refused on any later save."""

    class Kind(models.TextChoices):
        INITIAL = "initial", _("Første melding")
        FOLLOW_UP = "follow_up", _("Oppfølgende melding")

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="authority_submissions")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.INITIAL)
    submitted_at = models.DateTimeField(_("sendt"))
    authority_reference = models.CharField(_("Altinn-referanse"), max_length=200, blank=True)
    phased = models.BooleanField(_("trinnvis melding – mer kommer"), default=False)
    late_reason = models.TextField(_("begrunnelse for forsinkelse"), max_length=TEXT_MAX, blank=True)
    # The deadline in force when this was recorded: lateness is frozen at the first
    # submission, whatever later changes to aware_at say.
    deadline_at_submission = models.DateTimeField()
    content = models.JSONField(default=dict, blank=True)
    document = models.JSONField(_("meldingen slik den ble sendt"), default=dict, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = SubmissionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("melding til Datatilsynet")
        verbose_name_plural = _("meldinger til Datatilsynet")
        ordering = ("incident", "submitted_at", "pk")

    def __str__(self) -> str:
        return f"{self.incident_id} {self.kind} {self.submitted_at:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("document", flat=True).first()
            if stored is not None and stored != self.document:
                raise FiledDocumentChanged("A filed notification's document is never changed.")
        super().save(*args, **kwargs)

    @property
    def was_late(self) -> bool:
        return is_late(self.submitted_at, self.deadline_at_submission)

    @property
    def note(self) -> str:
        """What a follow-up said, as the DPO wrote it."""
        return str((self.content or {}).get("note", ""))

    @property
    def kind_label(self) -> str:
        return str(self.get_kind_display())


class AuthorityNotificationDraft(models.Model):
    """The DPO's own wording of fields of the notification, by field key. A field with no
    text here shows what the case says. History: who wrote what, when."""

    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="authority_draft")
    texts = models.JSONField(default=dict, blank=True)
    # The one language the document is written in, chosen by the DPO.
    language = models.CharField(_("språk i meldingen"), max_length=5, choices=settings.LANGUAGES, default="nb")
    # What a person answered to the questions of the EDPB's template, by path
    # ("nature.cause": "internal_non_malicious"); see incidents.rules.edpb.QUESTIONS.
    answers = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("utkast til melding til Datatilsynet")
        verbose_name_plural = _("utkast til meldinger til Datatilsynet")

    def __str__(self) -> str:
        return f"{self.incident_id}"
