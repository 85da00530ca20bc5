"""The versions of a case's risk assessment."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from incidents.models.incident import TEXT_MAX, Incident


class Assessment(models.Model):
    """One version of the risk assessment: the DPO's facts, Avvik's recommendation and the
    DPO's decision as they were when concluded (art. 33(5): the reasoning is documented).
    A ``reassess`` starts a new version; old versions stay."""

    class Exemption(models.TextChoices):
        UNINTELLIGIBLE = "34_3_a", _("Art. 34(3)(a): opplysningene er uleselige for uvedkommende")
        MEASURES = "34_3_b", _("Art. 34(3)(b): senere tiltak gjør at den høye risikoen ikke lenger er sannsynlig")
        DISPROPORTIONATE = "34_3_c", _("Art. 34(3)(c): uforholdsmessig stor innsats – offentlig kunngjøring i stedet")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="assessments")
    version = models.PositiveSmallIntegerField()
    facts = models.JSONField(default=dict, blank=True)
    recommendation = models.JSONField(null=True, blank=True)
    notify_authority = models.BooleanField(null=True)
    notify_data_subjects = models.BooleanField(null=True)
    exemption = models.CharField(max_length=10, choices=Exemption.choices, blank=True)
    justification = models.TextField(max_length=TEXT_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    concluded_at = models.DateTimeField(null=True, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        verbose_name = _("risikovurdering")
        verbose_name_plural = _("risikovurderinger")
        ordering = ("incident", "-version")
        constraints = [models.UniqueConstraint(fields=["incident", "version"], name="assessment_version_unique")]

    def __str__(self) -> str:
        return f"{self.incident_id} v{self.version}"

    @property
    def is_concluded(self) -> bool:
        return self.concluded_at is not None
