"""The edges of the channel order: blank entries, the words of the refusal, a channel Avvik
does not know."""

from __future__ import annotations

import re

import pytest

from notifications.rules.channels import LETTER, Reach, available, parse_order


def test_a_blank_entry_is_skipped_not_the_end_of_the_list() -> None:
    assert parse_order(["", " ", "letter"]) == (LETTER,)


def test_an_unknown_channel_is_refused_with_the_channels_to_choose_from() -> None:
    with pytest.raises(ValueError, match=re.escape("Unknown delivery channel 'fax': use email, svarut, letter.")):
        parse_order(["fax"])


def test_a_channel_avvik_does_not_know_reaches_nobody() -> None:
    everything = Reach(email=True, national_id=True, postal_address=True)
    assert available("fax", everything, svarut_configured=True) is False
