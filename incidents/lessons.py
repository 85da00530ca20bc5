"""Lessons learned when a case is closed: the root cause from a short fixed list, in words
a board can count (art. 33(5): the register documents the breach and the remedial action)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RootCause(models.TextChoices):
    HUMAN_ERROR = "human_error", _("Menneskelig feil")
    TECHNICAL_FAULT = "technical_fault", _("Teknisk feil")
    PROCESS = "process", _("Prosess eller rutine")
    THIRD_PARTY = "third_party", _("Tredjepart eller databehandler")
    MALICIOUS = "malicious", _("Ondsinnet handling")
    OTHER = "other", _("Annet")
