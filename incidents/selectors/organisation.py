"""Reads of the organisation profile (the controller, behandlingsansvarlig)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from incidents.models import Organisation


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
