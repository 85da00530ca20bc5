"""What people write on a case beside its facts (see ``incidents.services.notes`` and
``incidents.services.reporter``): internal comments, the contact log, and the exchange with
the person who reported it — their additions, the questions put to them and their answers.

Append-only, like the rest of the audit trail (art. 5(2), art. 33(5)): a note is never
changed or deleted through the application; a correction is a new note. Notes may name
people (a contact log says who was called), so they live with the case and go with it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NOTE_TEXT_MAX = 5_000
CONTACTED_MAX = 200


class NoteChanged(Exception):
    """A note is written once and never changed."""


class CaseNote(models.Model):
    class Kind(models.TextChoices):
        COMMENT = "comment", _("Kommentar")
        CONTACT = "contact", _("Kontakt")
        ADDITION = "addition", _("Tillegg fra melderen")
        QUESTION = "question", _("Spørsmål til melderen")
        ANSWER = "answer", _("Svar fra melderen")

    class Channel(models.TextChoices):
        PHONE = "phone", _("Telefon")
        EMAIL = "email", _("E-post")
        LETTER = "letter", _("Brev")
        IN_PERSON = "in_person", _("Møte")
        OTHER = "other", _("Annet")

    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.CASCADE, related_name="notes", verbose_name=_("avvik")
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    text = models.TextField(_("tekst"), max_length=NOTE_TEXT_MAX)
    # The contact log: who was contacted, how, and when (entered in Oslo time, stored in UTC).
    contacted = models.CharField(_("hvem"), max_length=CONTACTED_MAX, blank=True)
    channel = models.CharField(_("hvordan"), max_length=10, choices=Channel.choices, blank=True)
    contacted_at = models.DateTimeField(_("når"), null=True, blank=True)
    # An answer names the question it answers.
    question = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="answers", verbose_name=_("spørsmål")
    )
    # Staff a comment mentions; each was told by e-mail.
    mentioned = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        verbose_name = _("notat i saken")
        verbose_name_plural = _("notater i saken")
        ordering = ("at", "pk")
        indexes = [models.Index(fields=["incident", "kind", "at"], name="case_note_incident_kind_idx")]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise NoteChanged("A note on a case is never changed.")
        super().save(*args, **kwargs)

    @property
    def for_reporter(self) -> bool:
        """Whether the reporter reads this note: what they wrote and what was asked of them."""
        return self.kind in (self.Kind.ADDITION, self.Kind.QUESTION, self.Kind.ANSWER)
