"""The controller the notifications speak for."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Organisation(models.Model):
    """The controller (behandlingsansvarlig): one row, used by the notification to
    Datatilsynet (art. 33(3)(b)) and by the notices (art. 34(2))."""

    name = models.CharField(_("navn på virksomheten"), max_length=200, blank=True)
    org_number = models.CharField(_("organisasjonsnummer"), max_length=9, blank=True)
    address = models.TextField(_("adresse"), max_length=1000, blank=True)
    contact_name = models.CharField(_("personvernombud eller kontaktpunkt"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-post til kontaktpunktet"), blank=True)
    contact_phone = models.CharField(_("telefon til kontaktpunktet"), max_length=40, blank=True)
    # The notices to the people affected come from the organisation, and answers go to the
    # DPO (art. 34(2): the contact point); without these, the name and contact e-mail serve.
    notice_sender_name = models.CharField(_("avsendernavn på varsler"), max_length=200, blank=True)
    notice_reply_to = models.EmailField(_("svar på varsler går til"), blank=True)
    authority_name = models.CharField(_("tilsynsmyndighet"), max_length=200, default="Datatilsynet")
    default_language = models.CharField(
        _("standardspråk for varsler"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("virksomhet")
        verbose_name_plural = _("virksomhet")

    def __str__(self) -> str:
        return self.name or "—"

    @property
    def sender_name(self) -> str:
        return (self.notice_sender_name or self.name).strip()

    @property
    def reply_to(self) -> str:
        return (self.notice_reply_to or self.contact_email).strip()

    @classmethod
    def current(cls) -> Organisation:
        organisation, _created = cls.objects.get_or_create(pk=1)
        return organisation
