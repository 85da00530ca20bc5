"""Which way each person is told (rules.channels), with the organisation's settings:
``AVVIK_DELIVERY_CHANNELS`` (the order of preference, default ``email,svarut,letter``) and
the SvarUt sender account (SvarUt counts only when ``svarut.configured()``: the one
definition the sender uses too, so a person is never given to a channel that cannot send)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from notifications import svarut as svarut_transport
from notifications.rules import channels as rules
from notifications.rules.contact_details import has_postal_address
from notifications.rules.delivery_errors import NO_CHANNEL, error_kind, failed_for_good


def delivery_order() -> tuple[str, ...]:
    return rules.parse_order(getattr(settings, "AVVIK_DELIVERY_CHANNELS", rules.DEFAULT_ORDER))


def svarut_configured() -> bool:
    """Whether SvarUt is offered: URL, sender name and password all set (svarut.configured)."""
    return svarut_transport.configured()


def _reach(*, email: str, has_national_id: bool, address1: str, postcode: str, place: str, country: str) -> rules.Reach:
    return rules.Reach(
        email=bool(email),
        national_id=has_national_id,
        postal_address=has_postal_address(address1=address1, postcode=postcode, place=place, country=country or "NO"),
    )


def channel_for(
    *,
    email: str,
    has_national_id: bool,
    address1: str,
    postcode: str,
    place: str,
    country: str,
    order: tuple[str, ...] | None = None,
    svarut: bool | None = None,
) -> str | None:
    """The channel that tells this person, or None when none of the organisation's can."""
    reach = _reach(
        email=email, has_national_id=has_national_id, address1=address1, postcode=postcode, place=place, country=country
    )
    return rules.choose_channel(
        reach,
        order if order is not None else delivery_order(),
        svarut_configured=svarut_configured() if svarut is None else svarut,
    )


# What a failed delivery's retry needs to know: (id, channel, error, the person's e-mail,
# national ID hash, address line, postcode, place, country).
RETRY_FIELDS = (
    "pk",
    "channel",
    "error",
    "recipient__email",
    "recipient__national_id_key",
    "recipient__address1",
    "recipient__postcode",
    "recipient__place",
    "recipient__country",
)


def retry_channels(rows: Iterable[Sequence[Any]]) -> dict[int, tuple[str, str | None]]:
    """For each failed delivery (``RETRY_FIELDS``), its channel and the one its retry takes: the same
    one, unless it failed there for good (rules.delivery_errors.failed_for_good: an e-mail
    that bounced) and a later channel in the organisation's order can reach the person —
    a letter to their postal address, SvarUt by their national ID. A person no channel
    reached is given the first that reaches them now (SvarUt set up since), or None: they
    stay failed, for the DPO to follow up."""
    order, svarut = delivery_order(), svarut_configured()
    plan: dict[int, tuple[str, str | None]] = {}
    for pk, channel, error, email, id_key, address1, postcode, place, country in rows:
        reach = _reach(
            email=email or "",
            has_national_id=id_key is not None,
            address1=address1 or "",
            postcode=postcode or "",
            place=place or "",
            country=country or "",
        )
        if error_kind(error) == NO_CHANNEL:
            new = rules.choose_channel(reach, order, svarut_configured=svarut)
        elif failed_for_good(channel, error):
            new = rules.next_channel(channel, reach, order, svarut_configured=svarut) or channel
        else:
            new = channel
        plan[pk] = (channel, new)
    return plan


def fallback_channel(*, email: str, has_national_id: bool) -> str:
    """The channel a person no channel can reach is recorded under (as failed), so the DPO
    sees them with the others and follows them up: the way that would have reached them."""
    if email:
        return rules.EMAIL
    return rules.SVARUT if has_national_id else rules.LETTER


def channel_rows(by_channel: dict[str, dict[str, int]]) -> list[dict[str, object]]:
    """The delivery progress per channel, in words, for the pages: only channels in use."""
    from notifications.models import Channel

    return [
        {"channel": code, "label": Channel(code).label, **counts}
        for code, counts in by_channel.items()
        if counts.get("total") and code in Channel.values
    ]


def retry_words(old: str, new: str | None) -> str:
    """What pressing "send again" does for one failed delivery, in words (the failed table)."""
    if new is None:
        return _("Ingen annen måte å nå personen på. Registrer hva som er gjort.")
    if new == old:
        return _("Sendes på nytt på samme måte.")
    return {
        rules.EMAIL: _("Sendes på e-post i stedet."),
        rules.SVARUT: _("Sendes via SvarUt i stedet (digital postkasse eller brev)."),
        rules.LETTER: _("Sendes som brev i stedet."),
    }[new]


def moved_words(moved: dict[str, int]) -> list[str]:
    """After "send again": how many go by another channel than before, per channel, in words."""
    texts = {
        rules.EMAIL: lambda n: ngettext(
            "%(n)s av dem sendes på e-post i stedet.", "%(n)s av dem sendes på e-post i stedet.", n
        ),
        rules.SVARUT: lambda n: ngettext(
            "%(n)s av dem sendes via SvarUt i stedet.", "%(n)s av dem sendes via SvarUt i stedet.", n
        ),
        rules.LETTER: lambda n: ngettext(
            "%(n)s av dem sendes som brev i stedet.", "%(n)s av dem sendes som brev i stedet.", n
        ),
    }
    return [texts[channel](n) % {"n": n} for channel, n in moved.items() if channel in texts and n]


def waiting_by_channel(incident_id: int, waiting: int) -> dict[str, int]:
    """How many of the ``waiting`` people (a send order's, not yet given a delivery row) each
    channel will take, chosen as ``send_order_fulfil`` chooses: the people on the list with
    no row yet, counted by what is known of them (one query). A person no channel reaches
    counts under the channel their failed row will carry. The shares add up to ``waiting``:
    people counted by the order but no longer told apart on the list go under the first
    channel of the organisation's order."""
    from itertools import product

    from django.db.models import Count, Q

    from notifications.models import Recipient

    if waiting <= 0:
        return {}
    known = {
        "email": Q(email__gt=""),
        "id": Q(national_id_key__isnull=False),
        "post": Q(address1__gt="", place__gt="") & (Q(postcode__gt="") | ~Q(country__in=["NO", ""])),
    }
    # One pass over the people without a row, counting each of the eight combinations of
    # what is known (faster than grouping by them).
    combinations = list(product((False, True), repeat=3))

    def having(flags: tuple[bool, ...]) -> Q:
        parts = [condition if flag else ~condition for flag, condition in zip(flags, known.values(), strict=True)]
        return parts[0] & parts[1] & parts[2]

    counts = Recipient.objects.filter(
        incident_id=incident_id, purged_at__isnull=True, deliveries__isnull=True
    ).aggregate(**{f"n{index}": Count("pk", filter=having(flags)) for index, flags in enumerate(combinations)})
    order, svarut = delivery_order(), svarut_configured()
    wanted: dict[str, int] = {}
    for index, (has_email, has_id, has_post) in enumerate(combinations):
        reach = rules.Reach(email=has_email, national_id=has_id, postal_address=has_post)
        channel = rules.choose_channel(reach, order, svarut_configured=svarut) or fallback_channel(
            email="@" if has_email else "", has_national_id=has_id
        )
        wanted[channel] = wanted.get(channel, 0) + (counts[f"n{index}"] or 0)
    shares: dict[str, int] = {}
    left = waiting
    for channel in (*order, *(c for c in rules.CHANNELS if c not in order)):
        shares[channel] = min(wanted.get(channel, 0), left)
        left -= shares[channel]
    shares[order[0]] += left
    return {channel: n for channel, n in shares.items() if n}
