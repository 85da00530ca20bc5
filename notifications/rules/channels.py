"""How each person is told: by e-mail, through SvarUt (the person's digital mailbox, or a
printed letter SvarUt sends when there is none), or by a letter printed here. Art. 34(1)
asks that the people affected are told directly; the organisation says in which order it
prefers the ways (``AVVIK_DELIVERY_CHANNELS``), and each person gets the first of them that
can reach them. Pure: no Django, no database."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

EMAIL = "email"
SVARUT = "svarut"
LETTER = "letter"
CHANNELS = (EMAIL, SVARUT, LETTER)
DEFAULT_ORDER = (EMAIL, SVARUT, LETTER)


@dataclass(frozen=True)
class Reach:
    """What is known about one person: the ways they could be reached."""

    email: bool = False
    national_id: bool = False
    postal_address: bool = False


def parse_order(names: Iterable[str]) -> tuple[str, ...]:
    """The organisation's order of preference, each channel once; raises ValueError naming
    an unknown channel. An empty list is the default order."""
    order: list[str] = []
    for raw in names:
        name = raw.strip().lower()
        if not name:
            continue
        if name not in CHANNELS:
            raise ValueError(f"Unknown delivery channel {raw!r}: use {', '.join(CHANNELS)}.")
        if name not in order:
            order.append(name)
    return tuple(order) or DEFAULT_ORDER


def available(channel: str, reach: Reach, *, svarut_configured: bool) -> bool:
    """Whether ``channel`` can reach this person: e-mail needs an address; SvarUt needs to be
    set up and a national ID (the digital mailbox) or a postal address (SvarUt prints);
    a letter printed here needs a postal address."""
    if channel == EMAIL:
        return reach.email
    if channel == SVARUT:
        return svarut_configured and (reach.national_id or reach.postal_address)
    if channel == LETTER:
        return reach.postal_address
    return False


def choose_channel(reach: Reach, order: Sequence[str], *, svarut_configured: bool) -> str | None:
    """The first channel in the organisation's order that can reach the person, or None
    when none can (the list's checks make that rare: every row has a way to be reached,
    but SvarUt may not be set up for a person known only by national ID)."""
    for channel in order:
        if available(channel, reach, svarut_configured=svarut_configured):
            return channel
    return None


def next_channel(failed: str, reach: Reach, order: Sequence[str], *, svarut_configured: bool) -> str | None:
    """After ``failed`` could not reach the person for good (an e-mail bounced): the first
    channel after it in the organisation's order that can reach them, or None. Only later
    channels, so that a person is never sent round in a circle; a channel not in the order
    (the organisation changed it since) gives way to any other in the order."""
    later = order[order.index(failed) + 1 :] if failed in order else [c for c in order if c != failed]
    return choose_channel(reach, later, svarut_configured=svarut_configured)
