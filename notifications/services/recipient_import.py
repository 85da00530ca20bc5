"""Importing the people affected from a CSV file (CONTRACT.md "recipients").

The file is what a spreadsheet writes: UTF-8 with or without a byte order mark, or
Windows-1252 as Excel saves "CSV (semikolonseparert)"; comma or semicolon. The header is
``name,email,language`` and optionally ``national_id``, ``address1``, ``address2``,
``postcode``, ``place``, ``country``, ``phone`` and ``audience``; each row needs an e-mail
address, a national ID number or a postal address (``recipients.check_contact``). Every row is checked; if any row is
bad nothing is imported and every bad row is named by its line number in the file (the
header is line 1, as the spreadsheet shows it). Line 0 means the file as a whole."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from core.errors import DomainError
from core.text import NUL, NUL_MESSAGE, without_bidi_controls
from incidents.services.events import Kind as EventKind
from incidents.services.events import record_event
from incidents.services.locking import lock_incident
from notifications.services.recipients import (
    LANGUAGE_CODES,
    MAX_NAME,
    Contact,
    Recipient,
    check_contact,
    check_list_open,
    default_language,
    national_ids_under_older_keys,
)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
BATCH_SIZE = 5000
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

# One checked row: (name, language, audience_id, contact).
Row = tuple[str, str, int | None, Contact]


# The bad lines named one by one; past these only their number is told, so that a file of
# 200 000 bad lines answers a page, not megabytes of the same message.
MAX_REPORTED_ERRORS = 100


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


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), else Windows-1252, the two encodings spreadsheets write."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ImportErrors(
            [(0, _("Filen er verken UTF-8 eller Windows-1252. Lagre den som CSV (UTF-8) og prøv igjen."))]
        ) from error


def _delimiter(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ","


def parse(data: bytes, *, audiences: dict[str, int], fallback_language: str) -> tuple[list[Row], int]:
    """Check every row. Returns ``([(name, language, audience_id, contact), …], duplicates)``
    with duplicates (same address or national ID, any case) merged into the first, or raises
    ImportErrors listing every bad line (never repeating a national ID)."""
    text = decode(data)
    if not text.strip():
        raise ImportErrors([(0, _("Filen er tom."))])
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    errors: list[tuple[int, str]] = []
    bad_lines = 0
    try:
        header = next(reader)
    except csv.Error as error:
        raise ImportErrors([(1, _("Overskriftslinjen kan ikke leses."))]) from error
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
    name_at, language_at = columns["name"], columns.get("language")
    contact_at = {field: columns[field] for field in CONTACT_COLUMNS if field in columns}
    audience_at = columns.get("audience")
    width = max(columns.values()) + 1
    audience_keys = {name.strip().lower(): pk for name, pk in audiences.items()}
    seen: set[str] = set()
    rows: list[Row] = []
    duplicates = 0
    line = 1
    try:
        for record in reader:
            line = reader.line_num
            if not record or not any(cell.strip() for cell in record):
                continue
            if len(record) < width:
                record = record + [""] * (width - len(record))
            # Direction controls would make the name read otherwise in lists and e-mails.
            name = without_bidi_controls(record[name_at]).strip()
            language = record[language_at].strip().lower() if language_at is not None else ""
            problems: list[str] = []
            if any(NUL in cell for cell in record):
                problems.append(str(NUL_MESSAGE))
            if len(name) > MAX_NAME:
                problems.append(_("Navnet kan være høyst %(max)s tegn.") % {"max": MAX_NAME})
            contact, contact_errors = check_contact(
                name=name, **{field: record[at] for field, at in contact_at.items()}
            )
            for messages in contact_errors.values():
                problems.extend(m for m in messages if m != str(NUL_MESSAGE))
            if language and language not in LANGUAGE_CODES:
                problems.append(
                    _("Ukjent språk «%(value)s»: bruk nb, nn eller en (eller la feltet stå tomt).")
                    % {"value": language[:20]}
                )
            audience_id: int | None = None
            if audience_at is not None and record[audience_at].strip():
                audience_name = record[audience_at].strip()
                audience_id = audience_keys.get(audience_name.lower())
                if audience_id is None:
                    problems.append(
                        _("Ukjent målgruppe «%(value)s». Målgruppene i saken er: %(known)s.")
                        % {"value": audience_name[:80], "known": ", ".join(audiences) or _("ingen")}
                    )
            if problems:
                bad_lines += 1
                if len(errors) < MAX_REPORTED_ERRORS:
                    errors.append((line, " ".join(problems)))
                continue
            keys = [key for key in (contact.email_key, "#" + contact.national_id if contact.national_id else "") if key]
            if any(key in seen for key in keys):
                duplicates += 1
                continue
            seen.update(keys)
            rows.append((name, language or fallback_language, audience_id, contact))
    except csv.Error as error:
        bad_lines += 1
        errors.append((line + 1, _("Linjen kan ikke leses som CSV (%(error)s).") % {"error": str(error)[:100]}))
    if errors:
        raise ImportErrors(errors, total=bad_lines)
    if not rows:
        raise ImportErrors([(0, _("Filen har ingen mottakere under overskriftslinjen."))])
    return rows, duplicates


def _audiences(incident_id: int) -> dict[str, int]:
    from notifications.models import Audience

    return dict(Audience.objects.filter(incident_id=incident_id).values_list("name", "pk"))


def import_recipients(*, incident_id: int, by: User, file: IO[bytes], size: int | None = None) -> ImportResult:
    """Import a CSV of affected people (art. 34(1): everyone affected is told). All or
    nothing: one bad row and no row is stored. An address already on the case, or twice in
    the file, is merged and counted as a duplicate."""
    from incidents.models import Incident

    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ImportErrors([(0, _("Filen er for stor: høyst 20 MB (omtrent 200 000 mottakere). Del den opp."))])
    data = file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportErrors([(0, _("Filen er for stor: høyst 20 MB (omtrent 200 000 mottakere). Del den opp."))])
    # Reading and checking 200,000 rows takes seconds: do it before the transaction, which
    # on SQLite holds the one write lock of the whole database from its first statement.
    # Only the inserts run under the lock, so a parallel import or a report waits briefly
    # instead of failing with "database is locked".
    check_list_open(Incident.objects.get(pk=incident_id), by)  # refused before the file is read
    audiences = _audiences(incident_id)
    rows, duplicates = parse(data, audiences=audiences, fallback_language=default_language())
    with transaction.atomic():
        incident = lock_incident(incident_id)
        check_list_open(incident, by)
        if _audiences(incident_id) != audiences:  # renamed meanwhile: check the file again
            rows, duplicates = parse(data, audiences=_audiences(incident_id), fallback_language=default_language())
        offered = len(rows)
        # After a key rotation a person already on the case may carry an older hash, which
        # the unique constraint cannot see: left out here, as the add form refuses them.
        known = national_ids_under_older_keys(incident.pk, (row[3].national_id for row in rows if row[3].national_id))
        if known:
            rows = [row for row in rows if row[3].national_id not in known]
        before = Recipient.objects.filter(incident=incident).count()
        for start in range(0, len(rows), BATCH_SIZE):
            Recipient.objects.bulk_create(
                [
                    Recipient(
                        incident_id=incident.pk,
                        name=name,
                        language=language,
                        audience_id=audience_id,
                        **contact.fields(),
                    )
                    for name, language, audience_id, contact in rows[start : start + BATCH_SIZE]
                ],
                ignore_conflicts=True,
            )
        imported = Recipient.objects.filter(incident=incident).count() - before
        # Counts only: the names and addresses are purged later, the history must not keep them.
        record_event(
            incident=incident,
            by=by,
            kind=EventKind.RECIPIENTS_IMPORTED,
            details={"imported": imported, "duplicates": duplicates + offered - imported},
        )
    return ImportResult(imported=imported, duplicates=duplicates + offered - imported, rows=offered + duplicates)
