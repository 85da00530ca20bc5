"""The staff e-mail outbox, without importing the app that keeps it.

Neither ``accounts`` nor ``incidents`` imports ``notifications`` (DESIGN.md "Layout"), yet
both write e-mails to staff: the user administration (an invitation, a notice that
two-factor was reset) and the cases (``incidents.hooks`` hands this on). ``notifications``
registers its outbox here from its ``AppConfig.ready``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class StaffEmail:
    """One e-mail to a member of staff, for ``queue_staff_emails``. ``context`` holds plain
    values (text, numbers, times, lazy translations, lists of them); the case and the
    recipient are given by id and are in the template's context as ``incident`` and
    ``recipient`` when it is rendered."""

    kind: str
    to_address: str
    template: str
    language: str
    context: dict[str, object] = field(default_factory=dict)
    incident_id: int | None = None
    recipient_id: int | None = None


class StaffBulkMailer(Protocol):
    def __call__(self, emails: Sequence[StaffEmail]) -> object: ...


_mailer: StaffMailer | None = None
_bulk_mailer: StaffBulkMailer | None = None


def register_staff_mailer(mailer: StaffMailer) -> None:
    """Set the function that writes an e-mail to staff into the outbox."""
    global _mailer
    _mailer = mailer


def register_staff_bulk_mailer(mailer: StaffBulkMailer) -> None:
    """Set the function that writes many e-mails to staff into the outbox at once."""
    global _bulk_mailer
    _bulk_mailer = mailer


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


def queue_staff_emails(emails: Sequence[StaffEmail]) -> None:
    """Write many e-mails to staff to the outbox in a fixed number of queries, in the
    caller's transaction (the deadline sweep: hundreds of reminders under its row locks).
    The text is rendered by the sender, in each e-mail's language."""
    if not emails:
        return
    if _bulk_mailer is None:
        raise ImproperlyConfigured("No staff e-mail outbox is registered (is notifications installed?).")
    _bulk_mailer(emails)


# --- The open cases a person handles ---------------------------------------------------------


@dataclass(frozen=True)
class HandledCase:
    """An open case a person is the handler of, for the user administration's warning."""

    reference: str
    title: str
    url: str


class HandledCasesLookup(Protocol):
    def __call__(self, user_id: int) -> Sequence[HandledCase]: ...


_handled_cases: HandledCasesLookup | None = None


def register_handled_cases(lookup: HandledCasesLookup) -> None:
    """Set the function that lists the open cases a person handles (``incidents`` does,
    from its ``AppConfig.ready``)."""
    global _handled_cases
    _handled_cases = lookup


def handled_cases(user_id: int) -> Sequence[HandledCase]:
    """The open cases the person handles, most urgent first; none when no app keeps cases."""
    return _handled_cases(user_id) if _handled_cases is not None else ()
