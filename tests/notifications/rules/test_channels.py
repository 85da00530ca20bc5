"""Which way each person is told, in the organisation's order of preference."""

from __future__ import annotations

import pytest

from notifications.rules.channels import DEFAULT_ORDER, EMAIL, LETTER, SVARUT, Reach, choose_channel, parse_order

EVERYTHING = Reach(email=True, national_id=True, postal_address=True)
ONLY_ID = Reach(national_id=True)
ONLY_POST = Reach(postal_address=True)
ONLY_EMAIL = Reach(email=True)
NOTHING = Reach()


def test_the_default_order_is_email_then_svarut_then_letter() -> None:
    assert parse_order([]) == DEFAULT_ORDER == (EMAIL, SVARUT, LETTER)
    assert choose_channel(EVERYTHING, DEFAULT_ORDER, svarut_configured=True) == EMAIL


def test_the_first_channel_that_reaches_the_person_wins() -> None:
    order = (SVARUT, LETTER, EMAIL)
    assert choose_channel(EVERYTHING, order, svarut_configured=True) == SVARUT
    assert choose_channel(ONLY_EMAIL, order, svarut_configured=True) == EMAIL
    assert choose_channel(ONLY_POST, order, svarut_configured=True) == SVARUT
    assert choose_channel(ONLY_POST, order, svarut_configured=False) == LETTER
    assert choose_channel(ONLY_ID, DEFAULT_ORDER, svarut_configured=True) == SVARUT


def test_svarut_counts_only_when_configured() -> None:
    assert choose_channel(ONLY_ID, DEFAULT_ORDER, svarut_configured=False) is None
    assert choose_channel(Reach(email=True, national_id=True), (SVARUT, EMAIL), svarut_configured=False) == EMAIL


def test_a_letter_needs_a_postal_address() -> None:
    assert choose_channel(Reach(email=True, national_id=True), (LETTER, EMAIL), svarut_configured=True) == EMAIL
    assert choose_channel(ONLY_ID, (LETTER,), svarut_configured=True) is None


def test_a_channel_left_out_of_the_order_is_never_chosen() -> None:
    assert choose_channel(ONLY_EMAIL, (SVARUT, LETTER), svarut_configured=True) is None
    assert choose_channel(NOTHING, DEFAULT_ORDER, svarut_configured=True) is None


def test_parse_order_is_forgiving_about_case_spaces_and_repeats() -> None:
    assert parse_order([" Letter", "EMAIL", "letter", ""]) == (LETTER, EMAIL)


def test_parse_order_names_an_unknown_channel() -> None:
    with pytest.raises(ValueError, match="sms"):
        parse_order(["email", "sms"])


def test_after_a_channel_failed_for_good_the_next_later_one_that_reaches_the_person() -> None:
    from notifications.rules.channels import next_channel

    assert next_channel(EMAIL, EVERYTHING, DEFAULT_ORDER, svarut_configured=True) == SVARUT
    assert next_channel(EMAIL, EVERYTHING, DEFAULT_ORDER, svarut_configured=False) == LETTER
    assert next_channel(SVARUT, EVERYTHING, DEFAULT_ORDER, svarut_configured=True) == LETTER
    assert next_channel(EMAIL, Reach(email=True, postal_address=True), DEFAULT_ORDER, svarut_configured=False) == LETTER
    # Never back to an earlier channel, nor to the one that failed: no circles.
    assert next_channel(LETTER, EVERYTHING, DEFAULT_ORDER, svarut_configured=True) is None
    assert next_channel(SVARUT, Reach(email=True, national_id=True), DEFAULT_ORDER, svarut_configured=True) is None
    assert next_channel(EMAIL, ONLY_EMAIL, DEFAULT_ORDER, svarut_configured=True) is None
    # The organisation's order, not the default one.
    assert next_channel(LETTER, EVERYTHING, (LETTER, EMAIL), svarut_configured=True) == EMAIL
    assert next_channel(EMAIL, EVERYTHING, (LETTER, EMAIL), svarut_configured=True) is None


def test_a_channel_the_organisation_no_longer_uses_gives_way_to_any_other() -> None:
    from notifications.rules.channels import next_channel

    assert next_channel(SVARUT, EVERYTHING, (EMAIL, LETTER), svarut_configured=True) == EMAIL
    assert next_channel(SVARUT, ONLY_POST, (EMAIL, LETTER), svarut_configured=True) == LETTER
    assert next_channel(SVARUT, ONLY_ID, (EMAIL, LETTER), svarut_configured=True) is None


def test_an_empty_name_between_two_is_skipped_and_the_message_lists_the_channels() -> None:
    assert parse_order(["letter", " ", "email"]) == (LETTER, EMAIL)
    with pytest.raises(ValueError, match="use email, svarut, letter"):
        parse_order(["sms"])


def test_an_unknown_channel_reaches_nobody() -> None:
    from notifications.rules.channels import available

    assert available("sms", EVERYTHING, svarut_configured=True) is False
