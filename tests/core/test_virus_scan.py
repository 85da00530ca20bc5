"""The clamd client: INSTREAM framing, the verdicts, and a scanner that cannot be asked."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from core.virus_scan import CHUNK, ScannerUnavailable, Verdict, parse_reply, scan_stream
from tests.clamd import EICAR, fake_clamd


def test_a_clean_file_is_sent_whole_in_chunks_and_passes(tmp_path: Path) -> None:
    data = bytes(range(256)) * (CHUNK // 256 * 2 + 3)  # more than two chunks
    with fake_clamd(tmp_path) as clamd:
        assert scan_stream(io.BytesIO(data), address=clamd.path) == Verdict(infected=False)
    assert clamd.received == [data]
    assert clamd.chunks == [CHUNK, CHUNK, len(data) - 2 * CHUNK]


def test_eicar_is_found(tmp_path: Path) -> None:
    with fake_clamd(tmp_path) as clamd:
        verdict = scan_stream(io.BytesIO(EICAR), address=f"unix:{clamd.path}")
    assert verdict == Verdict(infected=True, signature="Eicar-Test-Signature")


@pytest.mark.parametrize("address", ["/nonexistent/clamd.sock", "127.0.0.1:1", "not an address"])
def test_a_scanner_that_cannot_be_reached_is_unavailable(address: str) -> None:
    with pytest.raises(ScannerUnavailable):
        scan_stream(io.BytesIO(b"tekst"), address=address, timeout=2)


@pytest.mark.parametrize("reply", [b"INSTREAM size limit exceeded. ERROR\0", b"", b"stream: \0"])
def test_an_answer_that_is_no_verdict_is_unavailable(reply: bytes) -> None:
    with pytest.raises(ScannerUnavailable):
        parse_reply(reply)


def test_the_verdicts_are_read() -> None:
    assert parse_reply(b"stream: OK\0") == Verdict(infected=False)
    assert parse_reply(b"stream: Win.Test.EICAR_HDB-1 FOUND\0") == Verdict(True, "Win.Test.EICAR_HDB-1")
