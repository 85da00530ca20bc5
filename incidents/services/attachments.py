"""Files attached to a case: added, removed, read, and their bytes deleted with the case.

A file is taken only when it is not empty and not over AVVIK_ATTACHMENT_MAX_BYTES, when its
bytes are of a kind the case can use as evidence (core.filetypes: decided from the bytes,
not the name), and — where a clamd is configured (AVVIK_CLAMD) — when ClamAV finds nothing
in it. A scanner that is configured but cannot be asked refuses the file (fail closed);
without one the file is kept and marked as not checked. The bytes go to the
``attachments`` storage under a random name; the name it was uploaded with is kept as data.

Adding and removing are in the case's history (art. 5(2) accountability, art. 33(5)
documentation); the history names the file through its row, never a copy of its name.
Logs name the case and the file by id only (no file names: they can carry personal data)."""

from __future__ import annotations

import hashlib
import logging
import uuid
from datetime import datetime
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core import filetypes
from core.errors import Conflict, Invalid, NotPermitted, Unavailable
from core.text import has_nul, is_blank
from core.virus_scan import ScannerUnavailable, scan_stream
from incidents.models import TEXT_MAX, Attachment, Incident
from incidents.models.attachments import DESCRIPTION_MAX
from incidents.selectors.attachments import may_add_attachment, may_remove_attachment
from incidents.services.events import Kind, record_event
from incidents.services.locking import incident_for_update

logger = logging.getLogger(__name__)

STORAGE_ALIAS = "attachments"


def attachment_storage() -> Storage:
    return storages[STORAGE_ALIAS]


def max_bytes() -> int:
    return int(getattr(settings, "AVVIK_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))


def check_can_add(by: User, incident: Incident) -> None:
    """Refuse, before a byte is read, who may not add a file to this case now."""
    if may_add_attachment(by, incident):
        return
    if not incident.is_open:
        raise Conflict(_("Saken er avsluttet. Det kan ikke legges til flere filer."))
    raise NotPermitted(_("Du kan ikke legge til filer i denne saken."))


def _check_input(upload: File, description: str) -> None:
    errors: dict[str, list[str]] = {}
    size = upload.size or 0
    if size <= 0:
        errors["file"] = [_("Filen er tom. Velg en fil med innhold.")]
    elif size > max_bytes():
        errors["file"] = [
            _("Filen er for stor (%(size)s). En fil kan være høyst %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(max_bytes())}
        ]
    if len(description) > DESCRIPTION_MAX:
        errors["description"] = [_("Teksten kan være høyst %(max)s tegn.") % {"max": DESCRIPTION_MAX}]
    elif has_nul(description):
        errors["description"] = [_("Teksten inneholder et usynlig nulltegn. Fjern det og prøv igjen.")]
    if errors:
        raise Invalid(errors)


def _kind_of(upload: File, name: str) -> filetypes.FileKind:
    try:
        return filetypes.detect(upload, name)
    except filetypes.UnknownKind as refused:
        if refused.macros:
            message = _("Dokumenter med makroer tas ikke imot. Lagre dokumentet uten makroer, eller som PDF.")
        else:
            message = _(
                "Denne filtypen tas ikke imot. Last opp PDF, bilde (PNG, JPEG, GIF, WebP), tekst, CSV, "
                "e-post (.eml), Word, Excel, PowerPoint eller OpenDocument."
            )
        raise Invalid({"file": [message]}) from None


def _scan(stream: IO[bytes], incident_id: int) -> str:
    """The scan status of a file that may be kept; refuses an infected file, and any file
    while a configured scanner cannot be asked."""
    address = str(getattr(settings, "AVVIK_CLAMD", "") or "")
    if not address:
        return Attachment.Scan.NOT_SCANNED
    try:
        verdict = scan_stream(stream, address=address, timeout=float(getattr(settings, "AVVIK_CLAMD_TIMEOUT", 60)))
    except ScannerUnavailable as error:
        logger.warning("attachment refused on case %s: the virus scanner could not be asked (%s)", incident_id, error)
        raise Unavailable(
            _("Filen kunne ikke sjekkes for virus akkurat nå, og er ikke lagret. Prøv igjen om litt.")
        ) from None
    if verdict.infected:
        logger.warning("attachment refused on case %s: virus scanner found %s", incident_id, verdict.signature)
        raise Invalid({"file": [_("Virussjekken fant skadelig innhold i filen. Filen er ikke lagret.")]})
    return Attachment.Scan.CLEAN


def _sha256(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    stream.seek(0)
    while chunk := stream.read(64 * 1024):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def attachment_add(
    *, incident: Incident, by: User, upload: File, description: str = "", now: datetime | None = None
) -> Attachment:
    """Attach a file to the case: checked (size, kind from the bytes, virus scan) before a
    byte is stored; stored under a random name; the adding is in the case's history. Staff
    who work the case and the reporter of their own report may, while the case is open."""
    check_can_add(by, incident)
    description = description.strip()
    _check_input(upload, description)
    name = filetypes.clean_name(upload.name or "")
    kind = _kind_of(upload, name)
    stream: Any = upload
    scan = _scan(stream, incident.pk)
    sha256 = _sha256(stream)
    random = uuid.uuid4().hex
    storage = attachment_storage()
    stream.seek(0)
    stored = storage.save(f"{random[:2]}/{random}", File(stream))
    try:
        with transaction.atomic():
            locked = incident_for_update(incident, by=by)
            check_can_add(by, locked)
            attachment = Attachment.objects.create(
                incident=locked,
                storage_name=stored,
                name=name,
                description=description,
                kind=kind.key,
                content_type=kind.mime,
                size=upload.size or 0,
                sha256=sha256,
                scan=scan,
                uploaded_by=by,
                uploaded_at=now or timezone.now(),
            )
            record_event(
                incident=locked,
                by=by,
                kind=Kind.ATTACHMENT_ADDED,
                details={"attachment": str(attachment.public_id)},
                now=attachment.uploaded_at,
            )
    except BaseException:
        storage.delete(stored)
        raise
    logger.info("attachment %s added to case %s", attachment.pk, locked.pk)
    return attachment


def attachment_remove(*, attachment: Attachment, by: User, reason: str, now: datetime | None = None) -> Attachment:
    """Remove a file from the case (a wrong file, or one that should not be kept): its bytes
    are deleted, the row and the reason stay in the history. The DPO and the handler working
    the case may."""
    if is_blank(reason or ""):
        raise Invalid({"reason": [_("Skriv hvorfor filen fjernes.")]})
    if len(reason) > TEXT_MAX or has_nul(reason):
        raise Invalid({"reason": [_("Teksten kan være høyst 10 000 tegn, uten usynlige nulltegn.")]})
    with transaction.atomic():
        incident = incident_for_update(attachment.incident_id, by=by)
        if not may_remove_attachment(by, incident):
            raise NotPermitted(_("Du kan ikke fjerne filer fra denne saken."))
        locked = Attachment.objects.select_for_update().get(pk=attachment.pk)
        if locked.removed_at is not None:
            raise Conflict(_("Filen er allerede fjernet."))
        locked.removed_at = now or timezone.now()
        locked.removed_by = by
        locked.removed_reason = reason.strip()
        locked.save(update_fields=["removed_at", "removed_by", "removed_reason"])
        record_event(
            incident=incident,
            by=by,
            kind=Kind.ATTACHMENT_REMOVED,
            details={"attachment": str(locked.public_id)},
            text=locked.removed_reason,
            now=locked.removed_at,
        )
        name = locked.storage_name
        transaction.on_commit(lambda: delete_stored_bytes(name))
    return locked


class StoredBytesMissing(Exception):
    """The row is there but its bytes are not (removed, or lost by the store)."""


def attachment_open(attachment: Attachment) -> File:
    """The stored bytes of a file the caller has been allowed to see (the selectors decide)."""
    if attachment.removed_at is not None:
        raise StoredBytesMissing(attachment.pk)
    try:
        return attachment_storage().open(attachment.storage_name, "rb")
    except FileNotFoundError:
        logger.error("the stored bytes of attachment %s are missing", attachment.pk)
        raise StoredBytesMissing(attachment.pk) from None


def delete_stored_bytes(storage_name: str) -> None:
    """Delete a file's bytes from the storage; a file already gone is not an error."""
    try:
        attachment_storage().delete(storage_name)
    except FileNotFoundError:
        pass
    except Exception:  # a store that cannot be reached now: the bytes stay, the log says which
        logger.exception("could not delete the stored bytes %s", storage_name)


def forget_bytes_with_row(attachment: Attachment) -> None:
    """When a file's row is deleted with its case, its bytes go too, once the deletion is
    committed (a rolled-back deletion keeps them)."""
    if attachment.storage_name and attachment.removed_at is None:
        name = attachment.storage_name
        transaction.on_commit(lambda: delete_stored_bytes(name))
