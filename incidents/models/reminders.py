"""The reminder ladder of the 72-hour clock, as rows (see ``incidents.services.reminders``)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Reminder(models.Model):
    """One rung of a case's reminder ladder: due ``hours`` after awareness.

    ``sent_at`` is set when a sweep has dealt with the row, whatever the outcome; unsent
    rows move with ``aware_at``, dealt-with rows stay as history."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("påminnelse")
        OVERDUE = "overdue", _("fristen er passert")
        FOLLOW_UP = "follow_up", _("oppfølgende melding gjenstår")

    class Outcome(models.TextChoices):
        SENT = "sent", _("sendt")
        SKIPPED = "skipped", _("ikke sendt: ikke lenger nødvendig")
        SUPERSEDED = "superseded", _("ikke sendt: slått sammen med en senere påminnelse")

    # No index of its own: the unique constraint below begins with the case and serves every
    # lookup by case, and the sweep's update of each row dealt with writes one index less.
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.CASCADE, related_name="reminders", db_index=False
    )
    hours = models.PositiveIntegerField(_("timer etter kjennskap"))
    kind = models.CharField(max_length=10, choices=Kind.choices)
    due_at = models.DateTimeField(_("forfaller"))
    sent_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("påminnelse om frist")
        verbose_name_plural = _("påminnelser om frist")
        ordering = ("incident", "hours")
        constraints = [
            models.UniqueConstraint(fields=["incident", "kind", "hours"], name="reminder_incident_kind_hours_unique")
        ]
        indexes = [
            # The sweep's one query: unsent rows by due time. Sent rows (the history,
            # nearly all of the table) are not in the index at all.
            models.Index(fields=["due_at"], name="reminder_due_idx", condition=Q(sent_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.incident_id} +{self.hours}h ({self.outcome or 'planned'})"
