"""What each SvarUt status means for the person: told digitally, on paper, not at all, or not
yet. Every status in KS's published schema has an outcome, and an unknown one is never read
as delivered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from notifications.rules.svarut_status import DIGITAL, FAILED, PENDING, PRINTED, is_final, known, outcome

SCHEMA = Path(__file__).parents[2] / "fakes" / "svarut_schema" / "forsendelseStatus.json"


@pytest.mark.parametrize(
    ("status", "expected", "final"),
    [
        ("MOTTATT", PENDING, False),
        ("MOTTAT", PENDING, False),
        ("AKSEPTERT", PENDING, False),
        ("KLAR_FOR_MOTTAK", PENDING, False),
        ("VARSLET", DIGITAL, False),
        ("SENDT_SDP", DIGITAL, False),
        ("LEVERT_SDP", DIGITAL, True),
        ("SENDT_DIGITALT", DIGITAL, True),
        ("LEST", DIGITAL, True),
        ("SENDT_PRINT", PRINTED, True),
        ("PRINTET", PRINTED, True),
        ("AVVIST", FAILED, True),
        ("IKKE_LEVERT", FAILED, True),
        ("MANUELT_HANDTERT", FAILED, True),
    ],
)
def test_each_status_has_its_outcome(status: str, expected: str, final: bool) -> None:
    assert outcome(status) == expected
    assert outcome(f" {status.lower()} ") == expected
    assert is_final(status) is final
    assert is_final(status.lower()) is final
    assert known(status) and known(status.lower())


def test_an_unknown_status_is_pending_and_asked_about_again() -> None:
    assert outcome("NY_STATUS") == PENDING
    assert not is_final("NY_STATUS")
    assert not known("NY_STATUS")


def test_every_status_of_the_published_schema_is_known() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    statuses = schema["definitions"]["status"]["enum"]
    assert statuses and all(known(status) for status in statuses)
