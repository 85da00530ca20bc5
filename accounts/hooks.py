"""The staff e-mail outbox, without importing the app that keeps it.

Neither ``accounts`` nor ``incidents`` imports ``notifications`` (DESIGN.md "Layout"), yet
both write e-mails to staff: the user administration (an invitation, a notice that
two-factor was reset) and the cases (``incidents.hooks`` hands this on). ``notifications``
registers its outbox here from its ``AppConfig.ready``."""

from __future__ import annotations

from typing import Protocol

from django.core.exceptions import ImproperlyConfigured


class StaffMailer(Protocol):
    def __call__(
        self,
        *,
        kind: str,
        to_address: str,
        template: str,
        context: dict[str, object],
        language: str,
        incident_id: int | None = None,
        recipient_id: int | None = None,
    ) -> object: ...


_mailer: StaffMailer | None = None


def register_staff_mailer(mailer: StaffMailer) -> None:
    """Set the function that writes an e-mail to staff into the outbox."""
    global _mailer
    _mailer = mailer


def queue_staff_email(
    *,
    kind: str,
    to_address: str,
    template: str,
    context: dict[str, object],
    language: str,
    incident_id: int | None = None,
    recipient_id: int | None = None,
) -> None:
    """Write an e-mail to a member of staff to the outbox, in the caller's transaction."""
    if _mailer is None:
        raise ImproperlyConfigured("No staff e-mail outbox is registered (is notifications installed?).")
    _mailer(
        kind=kind,
        to_address=to_address,
        template=template,
        context=context,
        language=language,
        incident_id=incident_id,
        recipient_id=recipient_id,
    )
