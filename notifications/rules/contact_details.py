"""The ways to reach a person on the recipient list, checked as a person types them: a
Norwegian national ID number (fødselsnummer or D-nummer, with its two MOD11 control digits),
a postcode, a mobile number. Each ``check_*`` returns the normalised value, or raises
``ContactError`` with a message code that services turn into words. Pure: no Django."""

from __future__ import annotations

import re
from datetime import date

NATIONAL_ID_LENGTH = 11
_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_SEPARATORS = re.compile(r"[\s.\-]")

# Message codes (services say them in words).
NATIONAL_ID_LENGTH_WRONG = "national_id_length"
NATIONAL_ID_NOT_DIGITS = "national_id_digits"
NATIONAL_ID_DATE = "national_id_date"
NATIONAL_ID_CONTROL = "national_id_control"
POSTCODE_WRONG = "postcode"
PHONE_WRONG = "phone"
COUNTRY_WRONG = "country"


class ContactError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def control_digits(first_nine: str) -> tuple[int, int] | None:
    """The two MOD11 control digits of a national ID's first nine digits, or None when no
    valid number starts with them (a remainder of 1 leaves no digit)."""
    digits = [int(c) for c in first_nine]
    k1 = 11 - sum(w * d for w, d in zip(_WEIGHTS_1, digits, strict=True)) % 11
    if k1 == 11:
        k1 = 0
    if k1 == 10:
        return None
    k2 = 11 - sum(w * d for w, d in zip(_WEIGHTS_2, [*digits, k1], strict=True)) % 11
    if k2 == 11:
        k2 = 0
    if k2 == 10:
        return None
    return k1, k2


def birth_date(number: str) -> date | None:
    """The date of birth a national ID number says (a D-number has 4 added to the first digit
    of the day), or None when the six first digits are no date. The century comes from the
    individual number (digits 7–9), as Skatteetaten assigns them."""
    day, month, year2 = int(number[0:2]), int(number[2:4]), int(number[4:6])
    if day > 40:  # D-nummer
        day -= 40
    individual = int(number[6:9])
    if individual <= 499:
        century = 1900
    elif individual <= 749 and year2 >= 54:
        century = 1800
    elif individual >= 900 and year2 >= 40:
        century = 1900
    else:
        century = 2000
    try:
        return date(century + year2, month, day)
    except ValueError:
        return None


def check_national_id(value: str) -> str:
    """The 11 digits of a fødselsnummer or D-nummer, spaces and dots removed; raises
    ContactError when it is not one: wrong length, not digits, no date, or control digits
    that do not match (a typo in any one digit is always caught)."""
    number = _SEPARATORS.sub("", value)
    if not number.isascii() or not number.isdigit():
        raise ContactError(NATIONAL_ID_NOT_DIGITS)
    if len(number) != NATIONAL_ID_LENGTH:
        raise ContactError(NATIONAL_ID_LENGTH_WRONG)
    if birth_date(number) is None:
        raise ContactError(NATIONAL_ID_DATE)
    if control_digits(number[:9]) != (int(number[9]), int(number[10])):
        raise ContactError(NATIONAL_ID_CONTROL)
    return number


def mask_national_id(number: str) -> str:
    """What a page may show of a national ID: the birth-date part, then ``*****``."""
    if not number:
        return ""
    return number[:6] + "*****"


def check_country(value: str) -> str:
    """An ISO 3166-1 alpha-2 code of a country a letter can go to, upper case; "" means
    Norway. Two letters that name no country (``XX``) are refused: such a letter could not
    be posted, nor its country named in words."""
    country = value.strip().upper() or "NO"
    if country not in COUNTRIES:
        raise ContactError(COUNTRY_WRONG)
    return country


# The two-letter country codes a letter can go to: ISO 3166-1 alpha-2 and the few more that
# CLDR names (Kosovo, the Canary Islands, …), whose names core.i18n.country_name gives in
# words. Not the European Union, the United Nations or "unknown".
COUNTRIES = frozenset(
    """
    AC AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN
    BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CP CQ CR CU CV CW CX CY
    CZ DE DG DJ DK DM DO DZ EA EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH
    GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU IC ID IE IL IM IN IO IQ IR IS IT
    JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD
    ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP
    NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE
    SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TA TC TD TF TG TH TJ TK TL TM TN TO TR
    TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW
    """.split()  # noqa: SIM905 - 257 codes read better as a block than as a list of strings
)


def check_postcode(value: str, country: str) -> str:
    """A Norwegian postcode is four digits; other countries' are kept as written (at most 10
    characters)."""
    postcode = value.strip()
    if country == "NO":
        if len(postcode) != 4 or not postcode.isascii() or not postcode.isdigit():
            raise ContactError(POSTCODE_WRONG)
    elif len(postcode) > 10:
        raise ContactError(POSTCODE_WRONG)
    return postcode


def check_phone(value: str) -> str:
    """A Norwegian mobile number: eight digits starting with 4 or 9, optionally after +47 or
    0047; spaces allowed. Returned as ``+47`` and the eight digits."""
    compact = "".join(value.split())
    if compact.startswith("+47"):
        compact = compact[3:]
    elif compact.startswith("0047"):
        compact = compact[4:]
    if len(compact) != 8 or not compact.isascii() or not compact.isdigit() or compact[0] not in "49":
        raise ContactError(PHONE_WRONG)
    return "+47" + compact


def has_postal_address(*, address1: str, postcode: str, place: str, country: str) -> bool:
    """Enough to put on an envelope: a street line and a place, and in Norway a postcode."""
    if not address1.strip() or not place.strip():
        return False
    return bool(postcode.strip()) or country != "NO"
