"""Notices to the people affected (art. 34) and public notices (art. 34(3)(c)).

A case has one or more audiences ("foreldre", "ansatte"); each audience has a notice in
each language. A notice is a draft until the DPO approves it; approval freezes the text
as the recipient will see it. A change after approval is a new version; the approved
one stays as it was (DESIGN.md "Notices": what was sent is frozen).

A public notice has an unguessable token for its address and keeps every version it
was published in, including the withdrawal."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incidents.models import TEXT_MAX
from notifications.rules.notice_texts import LANGUAGES as LANGUAGES
from notifications.rules.notice_texts import PARTS as PARTS

PART_LABELS = {
    "subject": _("Emne"),
    "what_happened": _("Hva skjedde"),
    "your_data": _("Hvilke opplysninger om deg (og hvilke ikke)"),
    "consequences": _("Hva det kan bety for deg"),
    "measures": _("Hva vi har gjort"),
    "advice": _("Hva du kan gjøre"),
    "contact": _("Spørsmål og kontakt"),
}


class Reader(models.TextChoices):
    """Who reads the notice (art. 34(2): clear and plain language to the person told):
    the person the data are about, a parent or guardian of a child, or next of kin. The
    wording follows ("fødselsnummeret ditt", "fødselsnummeret til barnet ditt")."""

    SELF = "self", _("den opplysningene gjelder")
    GUARDIAN = "guardian", _("foreldre eller foresatte til et barn")
    NEXT_OF_KIN = "next_of_kin", _("pårørende")


class Certainty(models.TextChoices):
    """How sure the organisation is that others had the data: a notice says "har fått"
    only when it is certain, "kan ha sett" when it is possible."""

    RECEIVED = "received", _("de har sikkert fått eller sett opplysningene")
    COULD_SEE = "could_see", _("de kan ha sett opplysningene")
    UNKNOWN = "unknown", _("vi vet ikke om noen har sett opplysningene")


class RecipientKind(models.TextChoices):
    """Who received or could see the data, named in the notice in each language."""

    PEOPLE = "people", _("personer (ikke nærmere angitt)")
    PARENTS = "parents", _("foreldre")
    PUPILS = "pupils", _("elever")
    STAFF = "staff", _("ansatte")
    UNKNOWN = "unknown", _("ukjente")


class FrozenNotice(Exception):
    """An approved notice was about to be changed in place."""


class Audience(models.Model):
    """A group of affected people whose data and advice are the same."""

    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="notice_audiences")
    name = models.CharField(_("målgruppe"), max_length=200)
    reader = models.CharField(_("hvem leser varselet"), max_length=20, choices=Reader.choices, default=Reader.SELF)
    data_categories = models.JSONField(_("typer opplysninger"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("målgruppe")
        verbose_name_plural = _("målgrupper")
        ordering = ("incident", "position", "pk")
        constraints = [models.UniqueConstraint(fields=["incident", "name"], name="audience_name_unique")]

    def __str__(self) -> str:
        return self.name


class Notice(models.Model):
    """One version of the notice to one audience in one language."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("utkast")
        APPROVED = "approved", _("godkjent")

    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="notices")
    audience = models.ForeignKey(Audience, on_delete=models.CASCADE, related_name="notices")
    language = models.CharField(max_length=5, choices=settings.LANGUAGES)
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)

    subject = models.CharField(_("emne"), max_length=255, blank=True)
    what_happened = models.TextField(_("hva skjedde"), max_length=TEXT_MAX, blank=True)
    your_data = models.TextField(_("hvilke opplysninger"), max_length=TEXT_MAX, blank=True)
    consequences = models.TextField(_("hva det kan bety"), max_length=TEXT_MAX, blank=True)
    measures = models.TextField(_("hva vi har gjort"), max_length=TEXT_MAX, blank=True)
    advice = models.TextField(_("hva du kan gjøre"), max_length=TEXT_MAX, blank=True)
    contact = models.TextField(_("kontakt"), max_length=TEXT_MAX, blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The message exactly as approved: what the delivery sends.
    frozen_subject = models.CharField(max_length=255, blank=True)
    frozen_text = models.TextField(blank=True)
    frozen_html = models.TextField(blank=True)

    class Meta:
        verbose_name = _("varsel")
        verbose_name_plural = _("varsler")
        ordering = ("audience", "language", "-version")
        constraints = [
            models.UniqueConstraint(fields=["audience", "language", "version"], name="notice_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.audience_id} {self.language} v{self.version} ({self.status})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk and Notice.objects.filter(pk=self.pk, status=self.Status.APPROVED).exists():
            raise FrozenNotice("An approved notice is frozen; make a new version.")
        super().save(*args, **kwargs)

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    def parts(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in PARTS}

    def missing(self) -> list[str]:
        missing = [name for name in PARTS if not getattr(self, name).strip()]
        if not self.subject.strip():
            missing.insert(0, "subject")
        return missing


class NoticeFacts(models.Model):
    """What a notice says happened, per case: the structured facts the texts are built
    from in each language, and the staff's own words (a short summary, the measures) in
    each language. Bokmål is where they start; nynorsk and English are written from it."""

    incident = models.OneToOneField("incidents.Incident", on_delete=models.CASCADE, related_name="notice_facts")
    # {"nb": text, "nn": text, "en": text}
    summary = models.JSONField(_("kort om hva som skjedde"), default=dict, blank=True)
    # {"nb": "one sentence a line", ...}
    measures = models.JSONField(_("tiltak"), default=dict, blank=True)
    recipient_kind = models.CharField(
        _("hvem fikk eller kunne se opplysningene"),
        max_length=20,
        choices=RecipientKind.choices,
        default=RecipientKind.PEOPLE,
    )
    recipients_count = models.PositiveIntegerField(_("hvor mange fikk eller kunne se dem"), null=True, blank=True)
    certainty = models.CharField(
        _("hvor sikkert er det"), max_length=20, choices=Certainty.choices, default=Certainty.COULD_SEE
    )
    subjects_count = models.PositiveIntegerField(_("hvor mange gjelder det"), null=True, blank=True)
    exposed_from = models.DateTimeField(_("fra"), null=True, blank=True)
    exposed_until = models.DateTimeField(_("til"), null=True, blank=True)
    next_update = models.DateField(_("når skriver vi igjen"), null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("fakta i varselet")
        verbose_name_plural = _("fakta i varsler")

    def __str__(self) -> str:
        return f"{self.incident_id} notice facts"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class PublicNotice(models.Model):
    """Art. 34(3)(c): a public communication instead of individual notices."""

    incident = models.OneToOneField("incidents.Incident", on_delete=models.CASCADE, related_name="public_notice")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdraw_reason = models.TextField(max_length=TEXT_MAX, blank=True)
    # Art. 34(3)(c): a public communication must be findable. The DPO records the page
    # that links to the notice (the organisation's own website, as a rule).
    published_where = models.URLField(_("hvor kunngjøringen er lenket fra"), max_length=500, blank=True)
    published_where_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("offentlig kunngjøring")
        verbose_name_plural = _("offentlige kunngjøringer")

    def __str__(self) -> str:
        return f"{self.incident_id} public notice"

    @property
    def is_published(self) -> bool:
        return self.withdrawn_at is None and self.versions.exists()

    def latest(self) -> PublicNoticeVersion | None:
        return self.versions.order_by("-version").first()


class PublicNoticeVersion(models.Model):
    """One published version: the approved notice of each language, frozen."""

    public_notice = models.ForeignKey(PublicNotice, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveSmallIntegerField()
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("hva er endret"), max_length=TEXT_MAX, blank=True)
    # {"nb": {"subject": ..., "html": ..., "text": ...}, "nn": ..., "en": ...}
    content = models.JSONField(default=dict)
    notices = models.ManyToManyField(Notice, related_name="+")

    class Meta:
        verbose_name = _("versjon av offentlig kunngjøring")
        verbose_name_plural = _("versjoner av offentlig kunngjøring")
        ordering = ("public_notice", "version")
        constraints = [
            models.UniqueConstraint(fields=["public_notice", "version"], name="public_notice_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.public_notice_id} v{self.version}"
