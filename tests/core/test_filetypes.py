"""The kind of an upload is decided from its bytes: the name and the browser's claim are
ignored, and what is not evidence a case can use is refused."""

from __future__ import annotations

import io

import pytest

from core import filetypes
from tests import files


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (files.PDF, "pdf"),
        (files.PNG, "png"),
        (files.JPEG, "jpeg"),
        (files.GIF, "gif"),
        (files.WEBP, "webp"),
        (files.TEXT, "text"),
        (files.TEXT_CP1252, "text"),
        (files.EML, "email"),
        (files.DOCX, "docx"),
        (files.XLSX, "xlsx"),
        (files.PPTX, "pptx"),
        (files.ODT, "odt"),
        (files.ODS, "ods"),
        (files.ODP, "odp"),
    ],
)
def test_each_kind_is_known_by_its_bytes_whatever_it_is_called(data: bytes, key: str) -> None:
    stream = io.BytesIO(data)
    assert filetypes.detect(stream, "skjermbilde.exe").key == key
    assert stream.tell() == 0  # left at the start for the scanner and the storage


def test_a_name_decides_only_between_csv_and_other_text() -> None:
    assert filetypes.detect(io.BytesIO(files.CSV), "elever.csv") is filetypes.CSV
    assert filetypes.detect(io.BytesIO(files.CSV), "elever.txt") is filetypes.TEXT
    with pytest.raises(filetypes.UnknownKind):
        filetypes.detect(io.BytesIO(files.EXE), "elever.csv")


@pytest.mark.parametrize(
    "data",
    [files.EXE, files.OLE_DOC, files.PLAIN_ZIP, b"PK\x03\x04 not really a zip", b"\x00\x01\x02\x03" * 50, b""],
)
def test_what_is_not_evidence_is_refused(data: bytes) -> None:
    with pytest.raises(filetypes.UnknownKind) as refused:
        filetypes.detect(io.BytesIO(data), "kvittering.pdf")
    assert not refused.value.macros


def test_an_office_document_with_macros_is_refused_as_such() -> None:
    with pytest.raises(filetypes.UnknownKind) as refused:
        filetypes.detect(io.BytesIO(files.DOCM), "rapport.docx")
    assert refused.value.macros


def test_text_with_many_control_characters_is_not_text() -> None:
    assert filetypes.detect(io.BytesIO(b"abc" * 40), "") is filetypes.TEXT
    with pytest.raises(filetypes.UnknownKind):
        filetypes.detect(io.BytesIO(b"abc\x01\x02" * 40), "")


def test_text_that_only_mentions_a_header_is_not_an_email() -> None:
    assert filetypes.detect(io.BytesIO(b"Subject: slettet\nDet var alt.\n"), "") is filetypes.TEXT
    assert filetypes.detect(io.BytesIO(b"Subject: slettet\nFrom: meg\n\nDet var alt.\n"), "") is filetypes.EMAIL


@pytest.mark.parametrize(
    ("uploaded", "kept"),
    [
        ("Kvittering fra Altinn.pdf", "Kvittering fra Altinn.pdf"),
        ("C:\\Users\\kari\\Skrivebord\\skjerm.png", "skjerm.png"),
        ("../../etc/passwd", "passwd"),
        ("rapport\u202egnp.exe", "rapportgnp.exe"),
        ("a<b>c:d?.txt", "a_b_c_d_.txt"),
        ("   ", "vedlegg"),
        ("...", "vedlegg"),
        ("x" * 300 + ".pdf", "x" * 196 + ".pdf"),
    ],
)
def test_the_uploaded_name_is_kept_cleaned(uploaded: str, kept: str) -> None:
    assert filetypes.clean_name(uploaded) == kept
