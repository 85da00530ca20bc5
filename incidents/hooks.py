"""What the case needs from the apps built on it, without importing them.

``incidents`` never imports ``notifications`` (DESIGN.md "Layout"): the staff e-mail
outbox, the check that the people affected have been told (art. 34) and the record of
when and how many were told live there. ``notifications`` registers them from its ``AppConfig.ready``; the services of
``incidents`` call them through here."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, NamedTuple

from django.core.exceptions import ImproperlyConfigured

# The staff e-mail outbox is shared with the user administration; it is kept in accounts.
from accounts.hooks import (
    StaffBulkMailer,
    StaffEmail,
    StaffMailer,
    queue_staff_email,
    queue_staff_emails,
    register_staff_bulk_mailer,
    register_staff_mailer,
)

__all__ = [
    "StaffBulkMailer",
    "StaffEmail",
    "StaffMailer",
    "queue_staff_email",
    "queue_staff_emails",
    "register_staff_bulk_mailer",
    "register_staff_mailer",
]


CompletionCheck = Callable[[Any], list[str]]
# What the people affected have been told (art. 34), for the notification to Datatilsynet:
# {"recipients": N, "informed": N, "failed": N, "first_sent_at": time | None,
#  "last_sent_at": time | None, "channels": ["email", …], "by_channel": {"email": N, …},
#  "public_published_at": time | None}
PeopleInformed = Callable[[Any], dict[str, Any]]


class Told(NamedTuple):
    """When the people affected were first told of a case (art. 34), and how many."""

    first_at: datetime | None
    people: int
    # How many people each channel told: (("email", N), ("svarut", N), ("letter", N)), only
    # those used (CONTRACT.md channel names).
    by_channel: tuple[tuple[str, int], ...] = ()


ToldLookup = Callable[[Iterable[int]], Mapping[int, Told]]

# The case's notices to the people affected, for the case export: per audience and
# language, [{"audience", "reader", "language", "status", "approved_at", "approved_by",
# "subject", "text", "parts": [(label, text), …]}, …] (text: as approved, or "").
NoticesExport = Callable[[Any], list[dict[str, Any]]]

_completion_check: CompletionCheck | None = None
_notices_export: NoticesExport | None = None
_told_lookup: ToldLookup | None = None
_people_informed: PeopleInformed | None = None


def register_completion_check(check: CompletionCheck) -> None:
    """Set the function that says what is missing before a case's people count as told."""
    global _completion_check
    _completion_check = check


def register_told_lookup(lookup: ToldLookup) -> None:
    """Set the function that says, for many cases at once, when and how many people were told."""
    global _told_lookup
    _told_lookup = lookup


def people_told(incident_ids: Iterable[int]) -> Mapping[int, Told]:
    """For each case that has told anyone: when the first notice went out and to how many
    people (art. 34). A case nobody has been told of is absent."""
    if _told_lookup is None:
        raise ImproperlyConfigured("No lookup of the notices sent is registered (is notifications installed?).")
    return _told_lookup(incident_ids)


def register_people_informed(report: PeopleInformed) -> None:
    """Set the function that says who has been told, when and how (art. 34)."""
    global _people_informed
    _people_informed = report


def people_informed(incident: Any) -> dict[str, Any] | None:
    """Who of the people affected have been told, when and how; None when no app that
    tells them is installed."""
    return _people_informed(incident) if _people_informed is not None else None


def register_notices_export(export: NoticesExport) -> None:
    """Set the function that gives a case's notices, in words, for the case export."""
    global _notices_export
    _notices_export = export


def notices_export(incident: Any) -> list[dict[str, Any]]:
    """The case's notices to the people affected, per audience and language; empty when
    there are none or no app that writes them is installed."""
    return _notices_export(incident) if _notices_export is not None else []


def completion_missing(incident: Any) -> list[str]:
    """What is still missing before the people affected count as told (art. 34); empty
    when the case may be completed."""
    if _completion_check is None:
        raise ImproperlyConfigured("No completion check is registered (is notifications installed?).")
    return _completion_check(incident)
