"""What kind of file an upload is, decided from its bytes (its magic numbers), never from
its name or the type a browser claims: a name and a header are whatever the sender wrote.

Only the kinds a breach case needs as evidence are known (a screenshot, a scanned letter, a
receipt, an e-mail, a spreadsheet, an office document); anything else is refused, and so
are office documents that carry macros. Plain Python, no Django: the pages, the API and the
services share it."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO

# How much of the start of a file the signatures and the text check read.
HEAD = 64 * 1024


@dataclass(frozen=True)
class FileKind:
    key: str  # stored on the attachment; the pages show its words (never this key)
    mime: str  # what the download is served as


PDF = FileKind("pdf", "application/pdf")
PNG = FileKind("png", "image/png")
JPEG = FileKind("jpeg", "image/jpeg")
GIF = FileKind("gif", "image/gif")
WEBP = FileKind("webp", "image/webp")
TEXT = FileKind("text", "text/plain")
CSV = FileKind("csv", "text/csv")
EMAIL = FileKind("email", "message/rfc822")
DOCX = FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
PPTX = FileKind("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")
ODT = FileKind("odt", "application/vnd.oasis.opendocument.text")
ODS = FileKind("ods", "application/vnd.oasis.opendocument.spreadsheet")
ODP = FileKind("odp", "application/vnd.oasis.opendocument.presentation")

KINDS: dict[str, FileKind] = {
    k.key: k for k in (PDF, PNG, JPEG, GIF, WEBP, TEXT, CSV, EMAIL, DOCX, XLSX, PPTX, ODT, ODS, ODP)
}


class UnknownKind(Exception):
    """The bytes are not one of the kinds taken (``macros``: an office document with macros)."""

    def __init__(self, *, macros: bool = False) -> None:
        super().__init__("macros" if macros else "unknown")
        self.macros = macros


# OOXML: the part that says which application's document it is.
_OOXML_MAIN = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
_ODF_MIMETYPES = {ODT.mime: ODT, ODS.mime: ODS, ODP.mime: ODP}
# Header lines of an e-mail (RFC 5322) that tell a saved message from any other text.
_EMAIL_FIELDS = {"from", "to", "subject", "date", "received", "message-id", "mime-version", "return-path"}
_HEADER_LINE = re.compile(rb"^([A-Za-z0-9-]{1,76}):[ \t]?")
# Control characters that plain text does not hold (tab, line feed, form feed and carriage
# return are text; so is ESC in some old files, but no evidence needs it).
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}


def detect(stream: IO[bytes], name: str = "") -> FileKind:
    """The kind of the file in ``stream`` (read from the start; left at the start). The
    name is only used to tell a CSV from other text, which the bytes cannot tell apart:
    both are text. Raises UnknownKind for everything not taken."""
    stream.seek(0)
    head = stream.read(HEAD)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(stream)
    if _is_text(head):
        if _is_email(head):
            return EMAIL
        return CSV if name.lower().endswith(".csv") else TEXT
    raise UnknownKind


def _zip_kind(stream: IO[bytes]) -> FileKind:
    """An office document (OOXML or OpenDocument) in a zip; any other zip is refused: an
    archive can hold anything, and the scanner's verdict on it says little to a reader."""
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 100:
                    odf = _ODF_MIMETYPES.get(archive.read("mimetype").decode("ascii", "replace").strip())
                    if odf is not None:
                        if any(n.lower().startswith("basic/") or n.lower().startswith("scripts/") for n in names):
                            raise UnknownKind(macros=True)
                        return odf
            if "[Content_Types].xml" in names:
                if any(n.lower().endswith("vbaproject.bin") for n in names):
                    raise UnknownKind(macros=True)
                for part, kind in _OOXML_MAIN.items():
                    if part in names:
                        return kind
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        pass
    finally:
        stream.seek(0)
    raise UnknownKind


def _is_text(head: bytes) -> bool:
    """Text in UTF-8 or Windows-1252 (what Norwegian offices save): no NUL, next to no
    control characters."""
    if not head or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A character cut at the end of the sample is still UTF-8.
        if error.start < len(head) - 3:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    controls = sum(1 for byte in head if byte in _CONTROL)
    return controls * 100 <= len(head)


def _is_email(head: bytes) -> bool:
    """A saved e-mail (.eml) starts with header lines, among them the ones every message has."""
    fields: set[str] = set()
    for line in head.lstrip(b"\xef\xbb\xbf").splitlines()[:200]:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):
            continue  # a folded header line
        match = _HEADER_LINE.match(line)
        if match is None:
            return False
        fields.add(match.group(1).decode("ascii").lower())
    return len(fields & _EMAIL_FIELDS) >= 2


# Characters that no file system or download dialog takes in a name.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
NAME_MAX = 200


def clean_name(name: str, fallback: str = "vedlegg") -> str:
    """The name a file was uploaded with, safe to show and to offer as a download name: no
    folders, no control or direction characters, no characters a file system refuses,
    at most NAME_MAX characters (the extension kept)."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf"))
    name = _UNSAFE.sub("_", name)
    name = " ".join(name.split()).strip(" .")
    if not name:
        return fallback
    if len(name) > NAME_MAX:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            name = stem[: NAME_MAX - len(extension) - 1].rstrip() + "." + extension
        else:
            name = name[:NAME_MAX]
    return name
