"""The organisation profile (the controller, behandlingsansvarlig): who files the
notification to Datatilsynet and whom it names as the contact point (art. 33(3)(b))."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions
from accounts.models import User
from core.errors import Invalid, NotPermitted
from incidents.models import Organisation

MOD11_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)

PROFILE_FIELDS = (
    "name",
    "org_number",
    "address",
    "contact_name",
    "contact_email",
    "contact_phone",
    "notice_sender_name",
    "notice_reply_to",
    "authority_name",
    "default_language",
)


def valid_org_number(value: str) -> bool:
    """Brønnøysund's organisation number: 9 digits, the last a MOD11 check digit
    (weights 3 2 7 6 5 4 3 2; remainder 0 gives 0, remainder 1 is never issued)."""
    if not re.fullmatch(r"\d{9}", value):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value[:8], MOD11_WEIGHTS, strict=True))
    remainder = total % 11
    if remainder == 1:
        return False
    check = 0 if remainder == 0 else 11 - remainder
    return check == int(value[8])


def normalise_org_number(value: str) -> str:
    """People write 974 760 673 or 974760673 MVA; what counts is the nine digits."""
    return re.sub(r"[\s.]|MVA$", "", value.strip().upper())


def organisation_missing(org: Organisation) -> list[str]:
    """What the notification needs from the profile and does not have, in plain words.
    Art. 33(3)(b): the name and contact details of the DPO or other contact point; and the
    controller must be named."""
    wanted = (
        (org.name, _("navnet på virksomheten")),
        (org.contact_name, _("navnet på personvernombudet eller kontaktpunktet")),
        (org.contact_email, _("e-postadressen til kontaktpunktet")),
        (org.contact_phone, _("telefonnummeret til kontaktpunktet")),
    )
    return [label for value, label in wanted if not str(value or "").strip()]


def validate_profile(values: Mapping[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    number = values.get("org_number", "")
    if number and not valid_org_number(number):
        errors["org_number"] = [
            _(
                "Organisasjonsnummeret må ha 9 siffer og være gyldig (kontrollsifferet stemmer ikke). "
                "Sjekk det mot Brønnøysundregistrene."
            )
        ]
    email = values.get("contact_email", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["contact_email"] = [_("Skriv en gyldig e-postadresse, for eksempel personvernombud@kommune.no.")]
    reply_to = values.get("notice_reply_to", "")
    if reply_to:
        try:
            validate_email(reply_to)
        except ValidationError:
            errors["notice_reply_to"] = [_("Skriv en gyldig e-postadresse, for eksempel personvernombud@kommune.no.")]
    phone = values.get("contact_phone", "")
    if phone and not re.fullmatch(r"\+?[\d\s().-]{5,40}", phone):
        errors["contact_phone"] = [_("Skriv et telefonnummer med siffer, for eksempel +47 22 00 00 00.")]
    return errors


def organisation_update(*, by: User, changes: Mapping[str, Any]) -> Organisation:
    """The DPO (or an administrator) edits the profile. The contact point is what
    Datatilsynet and the people affected are given (art. 33(3)(b), 34(2)); the change is
    kept in the profile's history."""
    if not (by.has_perm(permissions.EDIT_ORGANISATION) or by.is_staff):
        raise NotPermitted(_("Bare personvernombudet kan endre virksomhetsprofilen."))
    unknown = sorted(set(changes) - set(PROFILE_FIELDS))
    if unknown:
        raise Invalid({name: [_("Ukjent felt.")] for name in unknown})
    values = {name: (str(value).strip() if value is not None else "") for name, value in changes.items()}
    if "org_number" in values:
        values["org_number"] = normalise_org_number(values["org_number"])
    errors = validate_profile(values)
    if errors:
        raise Invalid(errors)
    with transaction.atomic():
        Organisation.current()
        organisation = Organisation.objects.select_for_update().get(pk=1)
        for name, value in values.items():
            setattr(organisation, name, value)
        organisation._history_user = by  # type: ignore[attr-defined]
        organisation.save()
    return organisation


class OrganisationForm(forms.ModelForm):
    """Parses and shows; ``organisation_update`` validates and saves."""

    org_number = forms.CharField(
        label=gettext_lazy("Organisasjonsnummer"),
        required=False,
        max_length=20,
        help_text=gettext_lazy("9 siffer, for eksempel 974 760 673."),
    )

    class Meta:
        model = Organisation
        fields = PROFILE_FIELDS
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "contact_name": gettext_lazy("Personvernombudet, eller den Datatilsynet og de berørte skal kontakte."),
            "notice_sender_name": gettext_lazy(
                "Navnet de berørte ser som avsender, for eksempel «Oslo kommune». Tomt: navnet på virksomheten."
            ),
            "notice_reply_to": gettext_lazy(
                "Hvor svar på varslene havner, som regel hos personvernombudet. Tomt: e-posten til kontaktpunktet."
            ),
        }

    def add_service_errors(self, error: Invalid) -> None:
        for name, messages in error.errors.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)

    def _post_clean(self) -> None:
        # The service validates; the model form must not save or validate the instance.
        pass
