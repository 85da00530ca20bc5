"""The line the import writes itself for the COPY into the list (PostgreSQL): a plain row as
one CSV line, and None for any row whose text the csv writer must quote."""

from __future__ import annotations

import csv
import io

import pytest

from notifications.services.recipient_import import list_line

PREFIX = "7,"
PLAIN = ("Kari Nordmann", "nb", None, "kari@example.org", "kari@example.org", "", None, "", "", "", "", "NO", "", "")


def test_a_plain_row_is_the_line_the_csv_writer_would_write() -> None:
    line = list_line(PREFIX, PLAIN)
    out = io.StringIO()
    values = ["7", *("" if v is None else v for v in PLAIN[:-1])]
    csv.writer(out, lineterminator="\n").writerow(values)
    assert line == out.getvalue()


def test_an_audience_is_written_as_its_number() -> None:
    line = list_line(PREFIX, (PLAIN[0], PLAIN[1], 12, *PLAIN[3:]))
    assert line is not None and line.split(",")[3] == "12"


@pytest.mark.parametrize("name", ["Olsen, Ola", 'Ola "Kalle"', "Ola\rOlsen", "Ola\nOlsen"])
def test_text_that_needs_quoting_is_left_to_the_csv_writer(name: str) -> None:
    assert list_line(PREFIX, (name, *PLAIN[1:])) is None


def test_an_address_with_a_comma_is_left_to_the_csv_writer() -> None:
    row = list(PLAIN)
    row[7] = "Storgata 1, 2. etg"
    assert list_line(PREFIX, tuple(row)) is None
