"""Importing the people affected from a CSV file (CONTRACT.md "recipients").

The file is what a spreadsheet writes: UTF-8 with or without a byte order mark, or
Windows-1252 as Excel saves "CSV (semikolonseparert)"; comma or semicolon. The header is
``name,email,language`` and optionally ``national_id``, ``address1``, ``address2``,
``postcode``, ``place``, ``country``, ``phone`` and ``audience``; each row needs an e-mail
address, a national ID number or a postal address (``recipients.check_contact``). Every
row is checked; if any row is bad nothing is imported and every bad row is named by its
line number in the file (the header is line 1, as the spreadsheet shows it). Line 0 means
the file as a whole.

A list of a whole nation's people is read as it arrives, never whole: the upload is read
in chunks (once to learn its encoding, once to check and keep each row). The web process's
memory stays the same whatever the file's size.

On PostgreSQL each checked row goes at once into the case's list by one COPY, so that the
database writes the rows and their indexes while the next rows are checked
(``_copy_into_list``). A person already on the list, or twice in the file, breaks a unique
constraint there; then nothing of that COPY is kept and the file is merged instead:

each checked row goes into a temporary table of this database session (COPY on
PostgreSQL, batches of inserts on SQLite), and one ``INSERT … SELECT … ORDER BY line ON
CONFLICT DO NOTHING`` moves the rows into the list: the database merges the duplicates, the
first line winning. The merge is also the way while a rotation of the national-ID keys is
unfinished, when a person may be on the list under an older key's hash."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from core import national_id as crypto
from core.errors import DomainError
from core.text import NUL, NUL_MESSAGE, without_bidi_controls
from incidents.services.events import Kind as EventKind
from incidents.services.events import record_event
from incidents.services.locking import lock_incident
from notifications.rules import contact_details
from notifications.services.recipients import (
    LANGUAGE_CODES,
    MAX_EMAIL,
    MAX_NAME,
    Contact,
    Recipient,
    check_contact,
    check_list_open,
    default_language,
)

# A million people with e-mail addresses is about 45 MB; with postal addresses, twice that.
MAX_UPLOAD_BYTES = 150 * 1024 * 1024
CHUNK_BYTES = 256 * 1024
BATCH_SIZE = 5000  # rows per INSERT into the temporary table on SQLite
REQUIRED_COLUMNS = ("name",)
# At least one of these: a way to reach each person.
REACH_COLUMNS = ("email", "national_id", "address1")
CONTACT_COLUMNS = ("email", "national_id", "address1", "address2", "postcode", "place", "country", "phone")
COLUMN_ALIASES = {
    "name": "name",
    "navn": "name",
    "email": "email",
    "e-mail": "email",
    "e-post": "email",
    "epost": "email",
    "language": "language",
    "språk": "language",
    "sprak": "language",
    "audience": "audience",
    "målgruppe": "audience",
    "national_id": "national_id",
    "fødselsnummer": "national_id",
    "fodselsnummer": "national_id",
    "fnr": "national_id",
    "address1": "address1",
    "adresse": "address1",
    "adresse1": "address1",
    "address2": "address2",
    "adresse2": "address2",
    "postcode": "postcode",
    "postnummer": "postcode",
    "postnr": "postcode",
    "place": "place",
    "poststed": "place",
    "country": "country",
    "land": "country",
    "phone": "phone",
    "mobil": "phone",
    "mobilnummer": "phone",
    "telefon": "phone",
}

# One checked row, as the temporary table keeps it (_STAGE_COLUMNS after ``line``).
Row = tuple[object, ...]

# The bad lines named one by one; past these only their number is told, so that a file of
# 200 000 bad lines answers a page, not megabytes of the same message.
MAX_REPORTED_ERRORS = 100

# The plain address most rows have, checked by one compiled expression: every address it
# accepts, Django's validate_email (check_email) accepts too (ASCII letters, digits and
# ``._%+-`` in dot-atoms before the @, host names of letters, digits and inner hyphens, a
# top-level domain of letters). Anything else is checked by check_contact in full, with its
# messages; so the rules and the words are the same for every row.
PLAIN_ADDRESS = re.compile(
    r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)

_STAGE = "avvik_recipient_import"
_STAGE_COLUMNS = (
    "line",
    "name",
    "language",
    "audience_id",
    "email",
    "email_key",
    "national_id_encrypted",
    "national_id_key",
    "address1",
    "address2",
    "postcode",
    "place",
    "country",
    "phone",
    "older_keys",
)


def too_big_message() -> str:
    return _("Filen er for stor: høyst %(mb)s MB (over en million mottakere). Del den opp.") % {
        "mb": MAX_UPLOAD_BYTES // (1024 * 1024)
    }


class ImportErrors(DomainError):
    """Bad rows: ``[(line, message), …]`` (at most MAX_REPORTED_ERRORS of them) and
    ``total``, how many lines were bad in all; nothing was imported."""

    def __init__(self, rows: list[tuple[int, str]], total: int | None = None) -> None:
        super().__init__(_("Filen har feil; ingenting er lagt inn."))
        self.rows = rows[:MAX_REPORTED_ERRORS]
        self.total = max(total or 0, len(rows))

    @property
    def shown(self) -> list[tuple[int, str]]:
        """The lines named, and a last line (0: the file as a whole) telling how many more there are."""
        more = self.total - len(self.rows)
        if more <= 0:
            return list(self.rows)
        message = ngettext(
            "%(count)s linje til har feil. Rett linjene over, se etter samme feil i resten av filen, "
            "og last opp på nytt.",
            "%(count)s linjer til har feil. Rett linjene over, se etter samme feil i resten av filen, "
            "og last opp på nytt.",
            more,
        ) % {"count": f"{more:,}".replace(",", " ")}
        return [*self.rows, (0, message)]

    def as_list(self) -> list[dict[str, object]]:
        return [{"row": line, "message": message} for line, message in self.shown]


@dataclass(frozen=True)
class ImportResult:
    imported: int
    duplicates: int
    rows: int


# --- Reading the upload in chunks ---------------------------------------------------------


def _chunks(file: Any) -> Iterator[bytes]:
    """The upload from its start, a chunk at a time (Django's UploadedFile.chunks, or reads)."""
    if hasattr(file, "chunks"):
        yield from file.chunks(CHUNK_BYTES)
        return
    if getattr(file, "seekable", lambda: False)():
        file.seek(0)
    while chunk := file.read(CHUNK_BYTES):
        yield chunk


class _ChunkStream(io.RawIOBase):
    """Chunks as a file, for io.TextIOWrapper: one line at a time for the CSV reader."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._rest:
            self._rest = next(self._chunks, b"")
            if not self._rest:
                return 0
        size = min(len(buffer), len(self._rest))
        buffer[:size] = self._rest[:size]
        self._rest = self._rest[size:]
        return size


def encoding_of(file: Any) -> str:
    """UTF-8 (a BOM is dropped), else Windows-1252, the two encodings spreadsheets write;
    learnt by decoding the whole upload chunk by chunk, keeping none of it. Raises
    ImportErrors for a file too big, empty, or in neither encoding."""
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        size, blank = 0, True
        try:
            for chunk in _chunks(file):
                size += len(chunk)
                if size > MAX_UPLOAD_BYTES:
                    raise ImportErrors([(0, too_big_message())])
                text = decoder.decode(chunk)  # every chunk: a bad byte anywhere means the other encoding
                blank = blank and not text.strip()
            blank = blank and not decoder.decode(b"", final=True).strip()
        except UnicodeDecodeError:
            continue
        if blank:
            raise ImportErrors([(0, _("Filen er tom."))])
        return encoding
    raise ImportErrors([(0, _("Filen er verken UTF-8 eller Windows-1252. Lagre den som CSV (UTF-8) og prøv igjen."))])


def _delimiter(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ","


# --- Checking each row --------------------------------------------------------------------


class RowChecker:
    """The checks of one file's rows, set up once from its header: which column is which,
    the case's audiences, the default language."""

    def __init__(self, header: list[str], *, audiences: dict[str, int], fallback_language: str) -> None:
        columns: dict[str, int] = {}
        for index, title in enumerate(header):
            key = COLUMN_ALIASES.get(title.strip().lower())
            if key and key not in columns:
                columns[key] = index
        missing = [name for name in REQUIRED_COLUMNS if name not in columns]
        if not any(name in columns for name in REACH_COLUMNS):
            missing.append("email")
        if missing:
            raise ImportErrors(
                [
                    (
                        1,
                        _(
                            "Overskriftslinjen mangler kolonnen %(columns)s. "
                            "Den skal være name,email,language (og eventuelt national_id, address1, address2, "
                            "postcode, place, country, phone og audience)."
                        )
                        % {"columns": ", ".join(missing)},
                    )
                ]
            )
        self.name_at, self.language_at = columns["name"], columns.get("language")
        self.email_at = columns.get("email")
        self.contact_at = {field: columns[field] for field in CONTACT_COLUMNS if field in columns}
        # Columns besides the e-mail address that, when filled in, need check_contact in full.
        self.other_contact_at = [at for field, at in self.contact_at.items() if field != "email"]
        self.audience_at = columns.get("audience")
        self.width = max(columns.values()) + 1
        self.audiences = audiences
        self.audience_keys = {name.strip().lower(): pk for name, pk in audiences.items()}
        self.fallback_language = fallback_language
        try:
            self.no_country = contact_details.check_country("")
        except contact_details.ContactError:
            self.no_country = ""

    def check(self, record: list[str], joined: str | None = None) -> tuple[Row | None, list[str]]:
        """The checked row, or the problems of the line in words (never a national ID).
        ``joined``: the line's cells joined, when the caller has made it already."""
        if len(record) < self.width:
            record = record + [""] * (self.width - len(record))
        raw_name = record[self.name_at]
        # Direction controls would make the name read otherwise in lists and e-mails.
        name = raw_name.strip() if raw_name.isascii() else without_bidi_controls(raw_name).strip()
        language = record[self.language_at].strip().lower() if self.language_at is not None else ""
        problems: list[str] = []
        if NUL in (joined if joined is not None else "".join(record)):
            problems.append(str(NUL_MESSAGE))
        if len(name) > MAX_NAME:
            problems.append(_("Navnet kan være høyst %(max)s tegn.") % {"max": MAX_NAME})
        email = self._plain_email(record)
        if email is None:
            contact, contact_errors = check_contact(
                name=name, **{field: record[at] for field, at in self.contact_at.items()}
            )
            for messages in contact_errors.values():
                problems.extend(m for m in messages if m != str(NUL_MESSAGE))
        if language and language not in LANGUAGE_CODES:
            problems.append(
                _("Ukjent språk «%(value)s»: bruk nb, nn eller en (eller la feltet stå tomt).")
                % {"value": language[:20]}
            )
        audience_id: int | None = None
        if self.audience_at is not None and record[self.audience_at].strip():
            audience_name = record[self.audience_at].strip()
            audience_id = self.audience_keys.get(audience_name.lower())
            if audience_id is None:
                problems.append(
                    _("Ukjent målgruppe «%(value)s». Målgruppene i saken er: %(known)s.")
                    % {"value": audience_name[:80], "known": ", ".join(self.audiences) or _("ingen")}
                )
        if problems:
            return None, problems
        language = language or self.fallback_language
        if email is None:
            return (name, language, audience_id, *_contact_columns(contact)), []
        # What check_contact gives for this row, without its work.
        return (
            name,
            language,
            audience_id,
            email,
            email.lower(),
            "",
            None,
            "",
            "",
            "",
            "",
            self.no_country,
            "",
            "",
        ), []

    def _plain_email(self, record: list[str]) -> str | None:
        """The address of a row with a plain e-mail address and no other way to reach the
        person; None when the row needs check_contact in full."""
        if self.email_at is None or not self.no_country:
            return None
        for at in self.other_contact_at:
            if record[at].strip():
                return None
        email = record[self.email_at].strip()
        if len(email) > MAX_EMAIL or not PLAIN_ADDRESS.fullmatch(email):
            return None
        return email


def parse(file: Any, *, audiences: dict[str, int], fallback_language: str) -> Iterator[tuple[int, Row]]:
    """Read and check the rows as they arrive, yielding ``(line, row)`` for each good one;
    at the end raise ImportErrors listing the bad lines (if any), or when there is no row.
    Duplicates are yielded too: the database merges them (``_move_into_list``).

    It reads nothing from the database, and must not: on PostgreSQL its rows are consumed
    inside a COPY, and while a COPY runs its connection takes no other statement (a query
    here would wait for ever)."""
    encoding = encoding_of(file)
    text = io.TextIOWrapper(io.BufferedReader(_ChunkStream(_chunks(file)), CHUNK_BYTES), encoding, newline="")
    first_line = text.readline()
    reader = csv.reader(itertools.chain([first_line], text), delimiter=_delimiter(first_line))
    try:
        header = next(reader)
    except (csv.Error, StopIteration) as error:
        raise ImportErrors([(1, _("Overskriftslinjen kan ikke leses."))]) from error
    checker = RowChecker(header, audiences=audiences, fallback_language=fallback_language)
    errors: list[tuple[int, str]] = []
    bad_lines = good = 0
    line = 1
    try:
        for record in reader:
            line = reader.line_num
            joined = "".join(record)
            if not joined or joined.isspace():  # a blank line, or one of empty cells
                continue
            row, problems = checker.check(record, joined)
            if row is None:
                bad_lines += 1
                if len(errors) < MAX_REPORTED_ERRORS:
                    errors.append((line, " ".join(problems)))
                continue
            good += 1
            if not errors:  # after the first bad line, only checked: nothing will be kept
                yield line, row
    except csv.Error as error:
        bad_lines += 1
        errors.append((line + 1, _("Linjen kan ikke leses som CSV (%(error)s).") % {"error": str(error)[:100]}))
    if errors:
        raise ImportErrors(errors, total=bad_lines)
    if not good:
        raise ImportErrors([(0, _("Filen har ingen mottakere under overskriftslinjen."))])


# --- Keeping the rows ---------------------------------------------------------------------


def _contact_columns(contact: Contact) -> tuple[object, ...]:
    """A checked contact as the temporary table keeps it: the national ID only encrypted,
    with its keyed hash, and (after a key rotation) its hashes under the older keys."""
    fields = contact.fields()
    older = ",".join(crypto.lookup_keys(contact.national_id)[1:]) if contact.national_id else ""
    return (*(fields[column] for column in _STAGE_COLUMNS[4:-1]), older)


# The columns that may be NULL (an audience, and the keys of an e-mail address or a national
# ID a person does not have); every other column of a row holds text, "" when empty.
NULLABLE_COLUMNS = frozenset({"audience_id", "email_key", "national_id_key"})
COPY_BLOCK_ROWS = 2000
# Not created_at: the database's default (the time of the statement) fills it in.
LIST_COLUMNS = ("incident_id", *_STAGE_COLUMNS[1:-1])
LIST_COMMAS = len(LIST_COLUMNS) - 1


def copy_sql(table: str, columns: Iterable[str]) -> str:
    """The ``COPY … FROM STDIN (FORMAT csv)`` of the import: the columns not in
    NULLABLE_COLUMNS are named in FORCE_NOT_NULL, so an empty field stays "" there and is
    NULL only where a person may lack the value."""
    columns = list(columns)
    not_null = ", ".join(name for name in columns if name not in NULLABLE_COLUMNS)
    return f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT csv, FORCE_NOT_NULL ({not_null}))"


class _CsvCopy:
    """Rows into a ``COPY … FROM STDIN (FORMAT csv)``, a block at a time, formatted by the
    csv module's compiled writer: psycopg's ``write_row`` dumps each value in Python, a third
    of the importing process's time. None is written as an empty field, which COPY reads as
    NULL; the other columns are named in FORCE_NOT_NULL, so "" stays "" (csv quotes what
    needs quoting: commas, quotes, line breaks)."""

    def __init__(self, cursor: Any, table: str, columns: Iterable[str]) -> None:
        self._sql = copy_sql(table, columns)
        self._cursor = cursor
        self._lines: list[str] = []
        self._scratch = io.StringIO()
        self._writer = csv.writer(self._scratch, lineterminator="\n")
        self.rows = 0

    def __enter__(self) -> _CsvCopy:
        self._context = self._cursor.copy(self._sql)  # kept: the COPY ends when it is collected
        self._copy = self._context.__enter__()
        return self

    def write(self, row: Iterable[object]) -> None:
        self._writer.writerow(row)
        self.write_line(self._scratch.getvalue())
        self._scratch.seek(0)
        self._scratch.truncate()

    def write_line(self, line: str) -> None:
        """A row already formatted as one line of CSV, ending in a line break."""
        self._lines.append(line)
        if len(self._lines) >= COPY_BLOCK_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self._lines:
            self._copy.write("".join(self._lines))
            self.rows += len(self._lines)
            self._lines.clear()

    def __exit__(self, kind: Any, error: Any, trace: Any) -> Any:
        if error is None:
            self._flush()
        return self._context.__exit__(kind, error, trace)


def list_line(prefix: str, row: Row) -> str | None:
    """The CSV line of a checked row for the COPY into the list (after ``prefix``, the case),
    or None when a value holds a comma, a quote or a line break and the csv writer must
    quote it. One f-string costs a third of the csv writer's sixteen fields, and most rows
    are plain. The keys a person lacks (None) are empty fields: NULL."""
    (
        name,
        language,
        audience,
        email,
        email_key,
        sealed,
        id_key,
        address1,
        address2,
        postcode,
        place,
        country,
        phone,
        _,
    ) = row
    line = (
        f"{prefix}{name},{language},{audience or ''},{email},{email_key or ''},{sealed},{id_key or ''},"
        f"{address1},{address2},{postcode},{place},{country},{phone}\n"
    )
    if line.count(",") != LIST_COMMAS or '"' in line or "\r" in line or line.count("\n") != 1:
        return None
    return line


def _stage(rows: Iterable[tuple[int, Row]]) -> int:
    """Put the checked rows into a new temporary table of this session (COPY on
    PostgreSQL, batches of inserts elsewhere) as they come; returns how many."""
    if connection.vendor == "postgresql":
        # A bad line found during the COPY rolls back to here, not the caller's transaction.
        with transaction.atomic(), connection.cursor() as cursor:
            _create_stage(cursor)
            with _CsvCopy(cursor, _STAGE, _STAGE_COLUMNS) as copy:
                for line, row in rows:
                    copy.write((line, *row))
            return copy.rows
    # SQLite: outside a transaction, which would hold the database's one write lock.
    insert = f"INSERT INTO {_STAGE} ({', '.join(_STAGE_COLUMNS)}) VALUES ({', '.join(['%s'] * len(_STAGE_COLUMNS))})"  # noqa: S608
    staged = 0
    with connection.cursor() as cursor:
        _create_stage(cursor)
        batch: list[Any] = []
        for line, row in rows:
            batch.append((line, *row))
            if len(batch) >= BATCH_SIZE:
                cursor.executemany(insert, batch)
                staged += len(batch)
                batch = []
        if batch:
            cursor.executemany(insert, batch)
            staged += len(batch)
    return staged


def _create_stage(cursor: Any) -> None:
    types = ["integer", "text", "text", "bigint", *["text"] * (len(_STAGE_COLUMNS) - 4)]
    definition = ", ".join(f"{name} {kind}" for name, kind in zip(_STAGE_COLUMNS, types, strict=True))
    cursor.execute(f"DROP TABLE IF EXISTS {_STAGE}")
    cursor.execute(f"CREATE TEMPORARY TABLE {_STAGE} ({definition})")


def _drop_stage() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_STAGE}")


def _leave_out_older_keys(incident_id: int, batch_size: int = 1000) -> None:
    """After a key rotation a person already on the case may carry a hash under an older
    key, which the unique constraint cannot see: their lines are left out, as the add form
    refuses them (``recipients.national_ids_under_older_keys``). A batch of lines at a time;
    with one key there is nothing to ask."""
    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT line, older_keys FROM {_STAGE} WHERE older_keys <> '' AND line > %s "  # noqa: S608
                "ORDER BY line LIMIT %s",
                [last, batch_size],
            )
            batch = cursor.fetchall()
            if not batch:
                return
            last = batch[-1][0]
            lines = {key: line for line, keys in batch for key in keys.split(",")}
            known = Recipient.objects.filter(incident_id=incident_id, national_id_key__in=list(lines))
            gone = sorted({lines[key] for key in known.values_list("national_id_key", flat=True) if key})
            if gone:
                marks = ", ".join(["%s"] * len(gone))
                cursor.execute(f"DELETE FROM {_STAGE} WHERE line IN ({marks})", gone)  # noqa: S608


def _move_into_list(incident_id: int) -> int:
    """One statement: the staged rows into the case's list in the order of the file; a row
    whose address or national ID is already on the list (from the case, or an earlier line)
    is left out by the unique constraints. Returns how many were added."""
    target = connection.ops.quote_name(Recipient._meta.db_table)
    columns = ", ".join(_STAGE_COLUMNS[1:-1])
    # WHERE true: SQLite's reading of ON CONFLICT after a SELECT needs a WHERE clause.
    sql = (
        f"INSERT INTO {target} (incident_id, created_at, {columns}) "  # noqa: S608
        f"SELECT %s, %s, {columns} FROM {_STAGE} WHERE true ORDER BY line ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [incident_id, connection.ops.adapt_datetimefield_value(timezone.now())])
        return max(int(cursor.rowcount), 0)


# PostgreSQL's code for a row that breaks a unique constraint.
UNIQUE_VIOLATION = "23505"


class _MergeNeeded(Exception):
    """The file cannot go into the list as it stands: merge it through the temporary table."""


def _breaks_a_unique_constraint(error: BaseException) -> bool:
    # psycopg's own error (COPY is psycopg's API), or Django's wrapper around it.
    return any(getattr(found, "sqlstate", None) == UNIQUE_VIOLATION for found in (error, error.__cause__))


def _copy_into_list(incident_id: int, by: User, file: IO[bytes], audiences: dict[str, int]) -> ImportResult:
    """PostgreSQL: the checked rows straight into the case's list by one COPY as they are
    read, in the order of the file. Raises _MergeNeeded, keeping nothing, when a row breaks
    a unique constraint (someone already on the list or twice in the file) or the case's
    audiences were renamed meanwhile; ImportErrors for bad lines, keeping nothing."""
    target = connection.ops.quote_name(Recipient._meta.db_table)
    prefix = f"{int(incident_id)},"
    # Read before the COPY: while it runs, the connection takes no other statement.
    rows = parse(file, audiences=audiences, fallback_language=default_language())
    try:
        with transaction.atomic():
            with connection.cursor() as cursor, _CsvCopy(cursor, target, LIST_COLUMNS) as copy:
                for _line, row in rows:
                    line = list_line(prefix, row)
                    if line is None:
                        copy.write((incident_id, *row[:-1]))
                    else:
                        copy.write_line(line)
            imported = copy.rows
            # The case locked only now, for the check and the record, not for the reading.
            incident = lock_incident(incident_id)
            check_list_open(incident, by)
            if _audiences(incident_id) != audiences:
                raise _MergeNeeded
            _record_import(incident, by, imported=imported, duplicates=0)
    except Exception as error:
        if _breaks_a_unique_constraint(error):
            raise _MergeNeeded from error
        raise
    return ImportResult(imported=imported, duplicates=0, rows=imported)


def _record_import(incident: Any, by: User, *, imported: int, duplicates: int) -> None:
    # Counts only: the names and addresses are purged later, the history must not keep them.
    record_event(
        incident=incident,
        by=by,
        kind=EventKind.RECIPIENTS_IMPORTED,
        details={"imported": imported, "duplicates": duplicates},
    )


def _audiences(incident_id: int) -> dict[str, int]:
    from notifications.models import Audience

    return dict(Audience.objects.filter(incident_id=incident_id).values_list("name", "pk"))


def import_recipients(*, incident_id: int, by: User, file: IO[bytes], size: int | None = None) -> ImportResult:
    """Import a CSV of affected people (art. 34(1): everyone affected is told). All or
    nothing: one bad row and no row is stored. An address or national ID already on the
    case, or twice in the file, is merged and counted as a duplicate.

    On PostgreSQL the rows go into the list by one COPY as they are read (``_copy_into_list``),
    and through the temporary table only when they need merging. There, and always on
    SQLite, the rows are read, checked and kept in the temporary table before the
    transaction, which on SQLite holds the one write lock of the whole database from its
    first statement: only the move into the list runs under the lock, so a parallel import
    or a report waits briefly instead of failing with "database is locked"."""
    from incidents.models import Incident

    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ImportErrors([(0, too_big_message())])
    check_list_open(Incident.objects.get(pk=incident_id), by)  # refused before the file is read
    audiences = _audiences(incident_id)
    if connection.vendor == "postgresql" and not crypto.has_older_lookup_keys():
        try:
            return _copy_into_list(incident_id, by, file, audiences)
        except _MergeNeeded:
            pass  # merged below, the first line winning
    try:
        staged = _stage(parse(file, audiences=audiences, fallback_language=default_language()))
        with transaction.atomic():
            incident = lock_incident(incident_id)
            check_list_open(incident, by)
            if _audiences(incident_id) != audiences:  # renamed meanwhile: check the file again
                staged = _stage(parse(file, audiences=_audiences(incident_id), fallback_language=default_language()))
            _leave_out_older_keys(incident.pk)
            imported = _move_into_list(incident.pk)
            _record_import(incident, by, imported=imported, duplicates=staged - imported)
    finally:
        _drop_stage()
    return ImportResult(imported=imported, duplicates=staged - imported, rows=staged)
