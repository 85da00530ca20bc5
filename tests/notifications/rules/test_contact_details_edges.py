"""The edges of the national ID, postcode and country checks: each boundary on both sides,
and the code each refusal carries (the service turns it into words)."""

from __future__ import annotations

from datetime import date

import pytest

from notifications.rules import contact_details as cd
from notifications.rules.contact_details import ContactError


@pytest.mark.parametrize(
    ("first_nine", "digits"),
    [
        ("150765008", (0, 8)),  # 11 - 0: the first control digit is 0, not 11
        ("150765000", (5, 0)),  # the second control digit is 0, not 11
        ("150765003", None),  # a remainder of 1 leaves no first control digit
        ("150765014", None),  # ... nor a second one
    ],
)
def test_control_digits_at_the_remainders_0_and_1(first_nine: str, digits: tuple[int, int] | None) -> None:
    assert cd.control_digits(first_nine) == digits


@pytest.mark.parametrize("first", ["15076500", "1507650056"])
def test_control_digits_of_anything_but_nine_digits_is_a_programming_error(first: str) -> None:
    with pytest.raises(ValueError, match="zip"):
        cd.control_digits(first)


@pytest.mark.parametrize(
    ("first_nine", "born"),
    [
        ("151265005", date(1965, 12, 15)),  # a month of two digits
        ("410765005", date(1965, 7, 1)),  # a D-number for the 1st: 41 is day 1
        ("010154600", date(1854, 1, 1)),  # 500–749 with the year from 54: the 1800s ...
        ("010155749", date(1855, 1, 1)),  # ... up to 749 ...
        ("010155750", date(2055, 1, 1)),  # ... and 750 is no longer the 1800s
        ("010153601", date(2053, 1, 1)),  # a year before 54 is not the 1800s either
        ("010140950", date(1940, 1, 1)),  # 900–999 with the year from 40: the 1900s
        ("010139950", date(2039, 1, 1)),  # a year before 40: the 2000s
    ],
)
def test_the_birth_date_at_the_edges_of_the_day_month_and_century_rules(first_nine: str, born: date) -> None:
    digits = cd.control_digits(first_nine)
    assert digits is not None
    assert cd.birth_date(first_nine + "".join(map(str, digits))) == born


def test_a_foreign_postcode_of_ten_characters_is_kept_and_eleven_refused() -> None:
    assert cd.check_postcode("SE-1234567", "SE") == "SE-1234567"
    with pytest.raises(ContactError) as refused:
        cd.check_postcode("SE-12345678", "SE")
    assert refused.value.code == cd.POSTCODE_WRONG


def test_a_refusal_carries_its_code_and_says_only_the_code() -> None:
    with pytest.raises(ContactError) as refused:
        cd.check_country("Norge")
    assert refused.value.code == cd.COUNTRY_WRONG
    # The exception's text ends up in logs: the code, never what the person typed.
    assert str(refused.value) == cd.COUNTRY_WRONG
