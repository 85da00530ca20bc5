"""The recipient list as the recipients page shows it: a page of people at a time, found by
name or address, each with where their notice is, in words. Two queries a page (the count
and the rows), however long the list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from core.i18n import country_name, long_datetime
from notifications.models import Delivery, Recipient
from notifications.rules import delivery_errors

PAGE_SIZE = 50
SEARCH_MAX = 254


def _error_words() -> dict[str, str]:
    return {
        delivery_errors.NO_SUCH_ADDRESS: _("Adressen finnes ikke. Sjekk om den er skrevet riktig."),
        delivery_errors.MAILBOX_FULL: _("Innboksen er full."),
        delivery_errors.REFUSED: _("Mottakerens e-postserver avviste e-posten."),
        delivery_errors.UNREACHABLE: _("Fikk ikke kontakt med e-postserveren."),
        delivery_errors.TEMPORARY: _("E-postserveren svarte «prøv igjen senere» for mange ganger."),
        delivery_errors.OTHER: _("E-posten kunne ikke sendes."),
        delivery_errors.NO_CHANNEL: _(
            "Ingen av virksomhetens måter å varsle på kan nå denne personen. Send et brev eller ring."
        ),
    }


def failure_detail(error: str) -> str:
    """What the failed table shows as the answer: the server's own, or for a person no
    channel could reach, that in words."""
    if delivery_errors.error_kind(error) == delivery_errors.NO_CHANNEL:
        return _error_words()[delivery_errors.NO_CHANNEL]
    return error


@dataclass(frozen=True)
class RecipientRow:
    pk: int
    name: str
    email: str
    national_id: str  # masked: the birth date and *****
    postal_address: str  # on one line
    phone: str
    language: str
    audience: str
    status: str  # in words
    detail: str  # the server's own answer, for a failure
    purged: bool
    removable: bool  # nothing has been sent to them yet (the page may offer to remove them)


def recipient_rows(incident_id: int, search: str = "") -> QuerySet[Recipient]:
    """The case's people, in the order they were put on the list, with their newest
    delivery's status. ``search``: a part of the name or the address (no personal data of
    anyone else: only this case's list)."""
    newest = Delivery.objects.filter(recipient=OuterRef("pk")).order_by("-pk")
    rows = (
        Recipient.objects.filter(incident_id=incident_id)
        .select_related("audience")
        .annotate(
            delivery_status=Subquery(newest.values("status")[:1]),
            delivery_error=Subquery(newest.values("error")[:1]),
            delivery_sent_at=Subquery(newest.values("sent_at")[:1]),
            delivery_resolved_at=Subquery(newest.values("resolved_at")[:1]),
        )
        .order_by("pk")
    )
    search = search.strip()
    if search:
        rows = rows.filter(Q(name__icontains=search) | Q(email_key__contains=search.lower()))
    return rows


def status_words(row: Any) -> tuple[str, str]:
    """(where the notice is, in words; the server's answer for a failure)."""
    status = row.delivery_status
    if row.purged_at is not None:
        return _("Navn og adresse er slettet etter oppbevaringstiden."), ""
    if status is None:
        return _("Venter: ikke sendt ennå"), ""
    if status == Delivery.Status.QUEUED:
        return _("I kø for sending"), ""
    if status == Delivery.Status.SENDING:
        return _("Sendes nå"), ""
    if status == Delivery.Status.SENT:
        sent_at: datetime | None = row.delivery_sent_at
        return (_("Sendt %(when)s") % {"when": long_datetime(sent_at, weekday=False)} if sent_at else _("Sendt")), ""
    words = _("Kom ikke fram: %(why)s") % {"why": _error_words()[delivery_errors.error_kind(row.delivery_error)]}
    if row.delivery_resolved_at is not None:
        words += " " + _("Fulgt opp på annen måte.")
    detail = "" if row.delivery_error == delivery_errors.NO_CHANNEL_ERROR else row.delivery_error
    return words, detail


def postal_line(recipient: Recipient) -> str:
    """The postal address on one line: «Storgata 1, 0150 Oslo» (the country, in words in the
    reader's language, when not Norway)."""
    place = " ".join(part for part in (recipient.postcode, recipient.place) if part)
    parts = [recipient.address1, recipient.address2, place]
    if recipient.country and recipient.country != "NO" and any(parts):
        parts.append(country_name(recipient.country))
    return ", ".join(part for part in parts if part)


def recipient_page(incident_id: int, search: str = "", number: Any = 1) -> tuple[Page[Any], list[RecipientRow]]:
    """One page of the list (an out-of-range page number gives the last page)."""
    page = Paginator(recipient_rows(incident_id, search), PAGE_SIZE).get_page(number)
    shown = []
    r: Any
    for r in page:
        status, detail = status_words(r)
        shown.append(
            RecipientRow(
                pk=r.pk,
                name=r.name,
                email=r.email,
                national_id=r.national_id_masked,
                postal_address=postal_line(r),
                phone=r.phone,
                language=r.get_language_display(),
                audience=r.audience.name if r.audience else "",
                status=status,
                detail=detail,
                purged=r.purged_at is not None,
                removable=r.delivery_status is None and r.purged_at is None,
            )
        )
    return page, shown
