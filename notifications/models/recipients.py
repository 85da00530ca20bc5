"""The people affected by a breach, to be told (art. 34); see ``notifications.services.recipients``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy

from core import national_id as national_id_crypto
from notifications.rules.contact_details import has_postal_address, mask_national_id

LANGUAGE_CODES = ("nb", "nn", "en")
MAX_NAME = 200
MAX_EMAIL = 254
MAX_ADDRESS = 200
MAX_PLACE = 100
MAX_POSTCODE = 10


class Recipient(models.Model):
    """One affected person on one case, with at least one way to reach them: an e-mail
    address, a national ID number (for the digital mailbox, through SvarUt) or a postal
    address. ``email_key`` is the lowercased address and ``national_id_key`` the keyed hash
    of the national ID (core.national_id): each makes a person unique per case, and each is
    NULL when there is none or the row is purged. The national ID itself is only stored
    encrypted (``national_id_encrypted``); read it with ``national_id``."""

    # No index of its own: the unique constraint on (case, e-mail key) begins with the case
    # and serves every lookup by case. An import of a nation's list writes each index once
    # per person, so each one less counts.
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.CASCADE, related_name="recipients", db_index=False
    )
    # Indexed only where set (Meta.indexes): most lists have no audiences.
    audience = models.ForeignKey(
        "notifications.Audience",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recipients",
        db_index=False,
    )
    name = models.CharField(gettext_lazy("navn"), max_length=MAX_NAME, blank=True)
    email = models.CharField(gettext_lazy("e-postadresse"), max_length=MAX_EMAIL, blank=True)
    # NULL, not "", once purged: the unique constraint must let many purged rows coexist.
    email_key = models.CharField(max_length=MAX_EMAIL, null=True, blank=True)  # noqa: DJ001
    # Fernet token of the 11 digits (core.national_id); never the number in the clear.
    national_id_encrypted = models.TextField(blank=True, default="")
    national_id_key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    address1 = models.CharField(gettext_lazy("adresse"), max_length=MAX_ADDRESS, blank=True)
    address2 = models.CharField(gettext_lazy("adresselinje 2"), max_length=MAX_ADDRESS, blank=True)
    postcode = models.CharField(gettext_lazy("postnummer"), max_length=MAX_POSTCODE, blank=True)
    place = models.CharField(gettext_lazy("poststed"), max_length=MAX_PLACE, blank=True)
    country = models.CharField(gettext_lazy("land"), max_length=2, default="NO", blank=True)
    phone = models.CharField(gettext_lazy("mobilnummer"), max_length=20, blank=True)
    language = models.CharField(gettext_lazy("språk"), max_length=5, choices=settings.LANGUAGES)
    # The database's own time too: an import's COPY leaves it out, the database fills it in
    # (the time of the statement) instead of reading a time for every person.
    created_at = models.DateTimeField(default=timezone.now, db_default=Now())
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("mottaker")
        verbose_name_plural = gettext_lazy("mottakere")
        ordering = ("incident", "pk")
        constraints = [
            models.UniqueConstraint(fields=["incident", "email_key"], name="recipient_email_unique_per_case"),
            # Only the rows with a national ID: most people on a list are reached by e-mail.
            models.UniqueConstraint(
                fields=["incident", "national_id_key"],
                condition=models.Q(national_id_key__isnull=False),
                name="recipient_national_id_unique_per_case",
            ),
        ]
        indexes = [
            models.Index(
                fields=["audience"], condition=models.Q(audience__isnull=False), name="recipient_audience_idx"
            ),
        ]

    def __str__(self) -> str:
        # Never the address: __str__ ends up in logs and admin messages.
        return f"recipient #{self.pk}"

    @property
    def national_id(self) -> str:
        """The national ID number in the clear, or "": for sending, never for a page or a log."""
        return national_id_crypto.decrypt(self.national_id_encrypted)

    def set_national_id(self, number: str) -> None:
        """Store a checked, normalised number (rules.contact_details.check_national_id)."""
        self.national_id_encrypted = national_id_crypto.encrypt(number) if number else ""
        self.national_id_key = national_id_crypto.lookup_key(number) if number else None

    @property
    def has_national_id(self) -> bool:
        return bool(self.national_id_encrypted)

    @property
    def national_id_masked(self) -> str:
        """What a page shows: the birth-date part and ``*****``."""
        return mask_national_id(self.national_id) if self.national_id_encrypted else ""

    @property
    def has_postal_address(self) -> bool:
        return has_postal_address(
            address1=self.address1, postcode=self.postcode, place=self.place, country=self.country or "NO"
        )
