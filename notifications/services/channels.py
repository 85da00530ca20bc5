"""Which way each person is told (rules.channels), with the organisation's settings:
``AVVIK_DELIVERY_CHANNELS`` (the order of preference, default ``email,svarut,letter``) and
the SvarUt sender account (SvarUt counts only when ``svarut.configured()``: the one
definition the sender uses too, so a person is never given to a channel that cannot send)."""

from __future__ import annotations

from django.conf import settings

from notifications import svarut as svarut_transport
from notifications.rules import channels as rules
from notifications.rules.contact_details import has_postal_address


def delivery_order() -> tuple[str, ...]:
    return rules.parse_order(getattr(settings, "AVVIK_DELIVERY_CHANNELS", rules.DEFAULT_ORDER))


def svarut_configured() -> bool:
    """Whether SvarUt is offered: URL, sender name and password all set (svarut.configured)."""
    return svarut_transport.configured()


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
    reach = rules.Reach(
        email=bool(email),
        national_id=has_national_id,
        postal_address=has_postal_address(address1=address1, postcode=postcode, place=place, country=country or "NO"),
    )
    return rules.choose_channel(
        reach,
        order if order is not None else delivery_order(),
        svarut_configured=svarut_configured() if svarut is None else svarut,
    )


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
