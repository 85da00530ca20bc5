"""Small files of every kind a case takes, and some it refuses, made in memory for the tests."""

from __future__ import annotations

import io
import zipfile

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
GIF = b"GIF89a" + b"\x01\x00\x01\x00" + b"\x00" * 10
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 20
TEXT = "Mottakeren bekrefter at e-posten er slettet. Hilsen Åse.\n".encode()
TEXT_CP1252 = "Bekreftet slettet av mottaker på Ål skole.\r\n".encode("cp1252")
CSV = b"navn;klasse\nKari;7B\n"
EML = (
    b"Return-Path: <forelder@example.org>\r\nFrom: Forelder <forelder@example.org>\r\n"
    b"To: skole@example.org\r\nSubject: Slettet\r\nDate: Mon, 30 Nov 2026 20:40:00 +0100\r\n"
    b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nJeg har slettet e-posten.\r\n"
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 40
OLE_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40  # the old binary Word format


def zipped(members: dict[str, bytes], *, first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        names = sorted(members, key=lambda n: n != first)
        for name in names:
            archive.writestr(name, members[name])
    return buffer.getvalue()


CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
DOCX = zipped({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w:document/>"})
XLSX = zipped({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": b"<workbook/>"})
PPTX = zipped({"[Content_Types].xml": CONTENT_TYPES, "ppt/presentation.xml": b"<presentation/>"})
DOCM = zipped(
    {"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w:document/>", "word/vbaProject.bin": b"\x00"}
)
ODT = zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}, first="mimetype")
ODS = zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}, first="mimetype")
ODP = zipped({"mimetype": b"application/vnd.oasis.opendocument.presentation", "content.xml": b"<x/>"}, first="mimetype")
PLAIN_ZIP = zipped({"bilder/skjerm.png": PNG})
