"""National ID numbers (MOD11), postcodes and mobile numbers as people type them."""

from __future__ import annotations

import pytest

from notifications.rules import contact_details as cd
from notifications.rules.contact_details import ContactError


def make(first_nine: str) -> str:
    digits = cd.control_digits(first_nine)
    assert digits is not None
    return first_nine + "".join(map(str, digits))


def test_known_valid_numbers_pass() -> None:
    for number in ("15076500565", "01010100131"):
        assert cd.check_national_id(number) == number


def test_control_digits_of_a_known_number() -> None:
    # Worked by hand: 1·3+5·7+0·6+7·1+6·8+5·9+0·4+0·5+5·2 = 148 ≡ 5 (mod 11), so 11−5 = 6; then 5.
    assert cd.control_digits("150765005") == (6, 5)
    assert cd.control_digits("010101001") == (3, 1)


def test_spaces_and_dots_are_allowed() -> None:
    assert cd.check_national_id("150765 00565") == "15076500565"
    assert cd.check_national_id("15.07.65 005-65") == "15076500565"


def test_a_d_number_has_four_added_to_the_first_digit() -> None:
    number = make("550765005")  # 15 July 1965 as a D-number
    assert cd.check_national_id(number) == number
    assert cd.birth_date(number) is not None
    assert cd.birth_date(number).day == 15  # type: ignore[union-attr]


@pytest.mark.parametrize("position", range(11))
def test_one_digit_changed_is_refused(position: int) -> None:
    number = "15076500565"
    for replacement in "0123456789":
        if replacement == number[position]:
            continue
        changed = number[:position] + replacement + number[position + 1 :]
        with pytest.raises(ContactError):
            cd.check_national_id(changed)


def test_each_kind_of_error_has_its_own_code() -> None:
    cases = {
        "1507650056": cd.NATIONAL_ID_LENGTH_WRONG,
        "150765005651": cd.NATIONAL_ID_LENGTH_WRONG,
        "1507650056x": cd.NATIONAL_ID_NOT_DIGITS,
        "١٥٠٧٦٥٠٠٥٦٥": cd.NATIONAL_ID_NOT_DIGITS,  # Arabic-Indic digits are digits, but not ours
        "15076500566": cd.NATIONAL_ID_CONTROL,
        "15076500575": cd.NATIONAL_ID_CONTROL,
        make("321365005"): cd.NATIONAL_ID_DATE,
        make("721365005"): cd.NATIONAL_ID_DATE,  # a D-number for day 32
    }
    for value, code in cases.items():
        with pytest.raises(ContactError) as caught:
            cd.check_national_id(value)
        assert caught.value.code == code, value


def test_a_remainder_of_one_gives_no_valid_number() -> None:
    found = [f"{n:09d}" for n in range(150765000, 150765100) if cd.control_digits(f"{n:09d}") is None]
    assert found  # some individual numbers are never issued
    for first_nine in found:
        for tail in range(100):
            with pytest.raises(ContactError):
                cd.check_national_id(f"{first_nine}{tail:02d}")


def test_century_from_the_individual_number() -> None:
    assert cd.birth_date(make("010100499")).year == 1900  # type: ignore[union-attr]
    assert cd.birth_date(make("010100500")).year == 2000  # type: ignore[union-attr]
    assert cd.birth_date(make("010160500")).year == 1860  # type: ignore[union-attr]
    assert cd.birth_date(make("010160900")).year == 1960  # type: ignore[union-attr]
    assert cd.birth_date(make("010120900")).year == 2020  # type: ignore[union-attr]
    assert cd.birth_date(make("290200500")) is not None  # 29 Feb 2000
    assert cd.birth_date(make("290200100")) is None  # 1900 was no leap year


def test_mask_shows_the_birth_date_only() -> None:
    assert cd.mask_national_id("15076500565") == "150765*****"
    assert cd.mask_national_id("") == ""


@pytest.mark.parametrize(("value", "country", "expected"), [("0150", "NO", "0150"), (" 9990 ", "NO", "9990")])
def test_norwegian_postcodes(value: str, country: str, expected: str) -> None:
    assert cd.check_postcode(value, country) == expected


@pytest.mark.parametrize("value", ["150", "01500", "O150", "01 5", "", "٠١٥٠"])
def test_bad_norwegian_postcodes(value: str) -> None:
    with pytest.raises(ContactError) as caught:
        cd.check_postcode(value, "NO")
    assert caught.value.code == cd.POSTCODE_WRONG


def test_foreign_postcodes_are_kept_as_written() -> None:
    assert cd.check_postcode("SW1A 1AA", "GB") == "SW1A 1AA"
    assert cd.check_postcode("", "SE") == ""
    with pytest.raises(ContactError):
        cd.check_postcode("12345678901", "SE")


def test_country_codes() -> None:
    assert cd.check_country("") == "NO"
    assert cd.check_country(" se ") == "SE"
    assert cd.check_country("gb") == "GB" and cd.check_country("XK") == "XK"
    for bad in ("Norge", "N", "1O", "ÆØ", "XX", "ZZ", "EU", "UN"):
        with pytest.raises(ContactError):
            cd.check_country(bad)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("91234567", "+4791234567"),
        ("412 34 567", "+4741234567"),
        ("+47 912 34 567", "+4791234567"),
        ("0047 41234567", "+4741234567"),
    ],
)
def test_mobile_numbers(value: str, expected: str) -> None:
    assert cd.check_phone(value) == expected


@pytest.mark.parametrize("value", ["22334455", "81234567", "9123456", "912345678", "+46 91234567", "9123456a", ""])
def test_bad_mobile_numbers(value: str) -> None:
    with pytest.raises(ContactError) as caught:
        cd.check_phone(value)
    assert caught.value.code == cd.PHONE_WRONG


def test_postal_address_needs_a_street_a_place_and_in_norway_a_postcode() -> None:
    assert cd.has_postal_address(address1="Storgata 1", postcode="0150", place="Oslo", country="NO")
    assert not cd.has_postal_address(address1="Storgata 1", postcode="", place="Oslo", country="NO")
    assert cd.has_postal_address(address1="Main St 1", postcode="", place="Dublin", country="IE")
    assert not cd.has_postal_address(address1="", postcode="0150", place="Oslo", country="NO")
    assert not cd.has_postal_address(address1="Storgata 1", postcode="0150", place=" ", country="NO")


def test_every_country_a_letter_can_go_to_has_a_name_in_words_in_each_language() -> None:
    from core.i18n import country_name

    for language in ("nb", "nn", "en"):
        unnamed = [code for code in cd.COUNTRIES if country_name(code, language) == code]
        assert unnamed == [], (language, unnamed)
    assert country_name("XX", "nb") == "XX"  # the control: a code CLDR does not know stays a code
