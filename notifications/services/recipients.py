"""The people affected by a breach, to be told (art. 34): names and e-mail addresses.

Personal data of affected people are minimised (art. 5(1)(c) and (e)): this model has no
history table (DESIGN.md "Dependencies": history tables copy what they track), nothing
of it is written to logs, task arguments or URLs, and ``purge_recipients`` blanks names
and addresses a retention period after the case was closed or dismissed, or its notices
completed, leaving the rows (so counts and delivery outcomes stay in the register)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import User
from core.errors import Conflict, Invalid, NotPermitted
from core.text import NUL_MESSAGE, has_nul, without_bidi_controls
from incidents.services.events import Kind as EventKind
from incidents.services.events import record_event
from incidents.services.locking import lock_incident
from notifications.models import LANGUAGE_CODES as LANGUAGE_CODES
from notifications.models import MAX_EMAIL as MAX_EMAIL
from notifications.models import MAX_NAME as MAX_NAME
from notifications.models import Recipient as Recipient
from notifications.models.recipients import MAX_ADDRESS, MAX_PLACE
from notifications.rules import contact_details as rules


def default_language() -> str:
    from incidents.models import Organisation

    return Organisation.current().default_language or settings.LANGUAGE_CODE


def check_email(value: str) -> str | None:
    """The error message for a bad address, or None."""
    if not value:
        return _("E-postadressen mangler.")
    if len(value) > MAX_EMAIL:
        return _("E-postadressen er for lang.")
    try:
        validate_email(value)
    except ValidationError:
        return _("«%(value)s» er ikke en gyldig e-postadresse.") % {"value": value[:80]}
    return None


def check_language(value: str) -> str | None:
    if value and value not in LANGUAGE_CODES:
        return _("Ukjent språk «%(value)s»: bruk nb, nn eller en (eller la feltet stå tomt).") % {"value": value[:20]}
    return None


def _contact_messages() -> dict[str, str]:
    return {
        rules.NATIONAL_ID_NOT_DIGITS: _("Fødselsnummeret skal være 11 sifre."),
        rules.NATIONAL_ID_LENGTH_WRONG: _("Fødselsnummeret skal være 11 sifre."),
        rules.NATIONAL_ID_DATE: _("Fødselsnummeret begynner ikke med en gyldig fødselsdato."),
        rules.NATIONAL_ID_CONTROL: _(
            "Fødselsnummeret er ikke gyldig: kontrollsifrene stemmer ikke. Se etter skrivefeil."
        ),
        rules.POSTCODE_WRONG: _("Postnummeret skal være fire sifre."),
        rules.PHONE_WRONG: _("Mobilnummeret skal være åtte sifre og begynne med 4 eller 9 (eventuelt med +47 foran)."),
        rules.COUNTRY_WRONG: _("Skriv landkoden med to bokstaver, for eksempel NO, SE eller DK."),
    }


@dataclass(frozen=True)
class Contact:
    """The ways to reach one person, checked and normalised (``check_contact``)."""

    email: str = ""
    national_id: str = ""
    address1: str = ""
    address2: str = ""
    postcode: str = ""
    place: str = ""
    country: str = "NO"
    phone: str = ""

    @property
    def email_key(self) -> str | None:
        return self.email.lower() or None

    def fields(self) -> dict[str, object]:
        """The Recipient's columns (the national ID encrypted, with its keyed hash)."""
        from core import national_id as crypto

        return {
            "email": self.email,
            "email_key": self.email_key,
            "national_id_encrypted": crypto.encrypt(self.national_id) if self.national_id else "",
            "national_id_key": crypto.lookup_key(self.national_id) if self.national_id else None,
            "address1": self.address1,
            "address2": self.address2,
            "postcode": self.postcode,
            "place": self.place,
            "country": self.country,
            "phone": self.phone,
        }


def check_contact(
    *,
    name: str = "",
    email: str = "",
    national_id: str = "",
    address1: str = "",
    address2: str = "",
    postcode: str = "",
    place: str = "",
    country: str = "",
    phone: str = "",
) -> tuple[Contact, dict[str, list[str]]]:
    """Check the ways to reach one person, as typed on the form or read from a CSV row: an
    e-mail address, a national ID number (both MOD11 control digits), a postal address (a
    name, a street line, a place and in Norway a four-digit postcode) and a mobile number.
    At least one of e-mail, national ID and postal address is needed (art. 34(1): each
    person is told directly). Returns the normalised values and the errors by field; the
    messages never repeat a national ID number."""
    errors: dict[str, list[str]] = {}
    values = {
        "email": email.strip(),
        "national_id": national_id.strip(),
        "address1": without_bidi_controls(address1).strip(),
        "address2": without_bidi_controls(address2).strip(),
        "postcode": postcode.strip(),
        "place": without_bidi_controls(place).strip(),
        "phone": phone.strip(),
    }
    for field, value in values.items():
        if has_nul(value):
            errors[field] = [str(NUL_MESSAGE)]
    try:
        values["country"] = rules.check_country(country)
    except rules.ContactError as error:
        errors["country"] = [_contact_messages()[error.code]]
        values["country"] = country.strip()[:2]
    if values["email"] and (message := check_email(values["email"])):
        errors["email"] = [message]
    if values["national_id"] and "national_id" not in errors:
        try:
            values["national_id"] = rules.check_national_id(values["national_id"])
        except rules.ContactError as error:
            errors["national_id"] = [_contact_messages()[error.code]]
    if values["phone"] and "phone" not in errors:
        try:
            values["phone"] = rules.check_phone(values["phone"])
        except rules.ContactError as error:
            errors["phone"] = [_contact_messages()[error.code]]
    for field, limit in (("address1", MAX_ADDRESS), ("address2", MAX_ADDRESS), ("place", MAX_PLACE)):
        if len(values[field]) > limit:
            errors[field] = [_("Teksten kan være høyst %(max)s tegn.") % {"max": limit}]
    postal = any(values[field] for field in ("address1", "address2", "postcode", "place"))
    if postal:
        if not values["address1"]:
            errors.setdefault("address1", [_("Skriv gate eller postboks i første adresselinje.")])
        if not values["place"]:
            errors.setdefault("place", [_("Skriv poststedet.")])
        if "postcode" not in errors and "country" not in errors:
            if not values["postcode"] and values["country"] == "NO":
                errors["postcode"] = [_("Skriv postnummeret.")]
            else:
                try:
                    values["postcode"] = rules.check_postcode(values["postcode"], values["country"])
                except rules.ContactError as error:
                    errors["postcode"] = [_contact_messages()[error.code]]
        if not name.strip():
            errors.setdefault("name", [_("Et brev trenger et navn på konvolutten: skriv navnet.")])
    if not (values["email"] or values["national_id"] or postal):
        errors.setdefault(
            "email",
            [_("Fyll inn minst én måte å nå personen på: e-postadresse, fødselsnummer eller postadresse.")],
        )
    return Contact(**values), errors


def national_ids_under_older_keys(incident_id: int, numbers: Iterable[str], batch_size: int = 1000) -> set[str]:
    """Which of these normalised national ID numbers are already on the case with their keyed
    hash under an older key: after a key rotation, until ``reencrypt_national_ids`` has run
    (core.national_id.lookup_keys). Those under the current key the unique constraint
    finds by itself; with one key there is nothing to ask. Never logged."""
    from core import national_id as crypto

    older: dict[str, str] = {}
    for number in numbers:
        for key in crypto.lookup_keys(number)[1:]:
            older[key] = number
    found: set[str] = set()
    keys = list(older)
    for start in range(0, len(keys), batch_size):
        on_case = Recipient.objects.filter(
            incident_id=incident_id, national_id_key__in=keys[start : start + batch_size]
        )
        found.update(older[key] for key in on_case.values_list("national_id_key", flat=True) if key)
    return found


def can_manage_recipients(user: User) -> bool:
    return user.has_perm(permissions.WORK)


def check_list_open(incident: object, by: User) -> None:
    """The recipient list may be changed: by a role that manages it, on an open case."""
    if not can_manage_recipients(by):
        raise NotPermitted(_("Rollen din kan ikke legge inn mottakere."))
    if not getattr(incident, "is_open", True):
        raise Conflict(_("Saken er avsluttet. Gjenåpne den for å legge inn mottakere."))


def recipient_add(
    *,
    incident_id: int,
    by: User,
    name: str,
    email: str = "",
    language: str = "",
    audience_id: int | None = None,
    national_id: str = "",
    address1: str = "",
    address2: str = "",
    postcode: str = "",
    place: str = "",
    country: str = "",
    phone: str = "",
) -> Recipient:
    """Add one affected person by hand (art. 34(1): the people affected are told
    directly), with an e-mail address, a national ID number or a postal address. The same
    address or national ID twice on a case is refused."""
    from core import national_id as crypto
    from notifications.models import Audience

    name = without_bidi_controls(name).strip()
    language = language.strip().lower()
    contact, errors = check_contact(
        name=name,
        email=email,
        national_id=national_id,
        address1=address1,
        address2=address2,
        postcode=postcode,
        place=place,
        country=country,
        phone=phone,
    )
    if len(name) > MAX_NAME:
        errors["name"] = [_("Navnet kan være høyst %(max)s tegn.") % {"max": MAX_NAME}]
    if has_nul(name):
        errors["name"] = [str(NUL_MESSAGE)]
    if message := check_language(language):
        errors["language"] = [message]
    with transaction.atomic():
        incident = lock_incident(incident_id)
        check_list_open(incident, by)
        if audience_id is not None and not Audience.objects.filter(pk=audience_id, incident=incident).exists():
            errors["audience"] = [_("Velg en målgruppe i denne saken.")]
        on_case = Recipient.objects.filter(incident=incident)
        if "email" not in errors and contact.email_key and on_case.filter(email_key=contact.email_key).exists():
            errors["email"] = [_("Denne adressen står allerede på mottakerlisten.")]
        if (
            "national_id" not in errors
            and contact.national_id
            and on_case.filter(national_id_key__in=crypto.lookup_keys(contact.national_id)).exists()
        ):
            errors["national_id"] = [_("Denne personen står allerede på mottakerlisten (samme fødselsnummer).")]
        if errors:
            raise Invalid(errors)
        recipient = Recipient.objects.create(
            incident=incident,
            audience_id=audience_id,
            name=name,
            language=language or default_language(),
            **contact.fields(),
        )
        # Never the name, address or national ID: the history keeps what it records.
        record_event(incident=incident, by=by, kind=EventKind.RECIPIENT_ADDED)
        return recipient


def recipient_remove(*, incident_id: int, recipient_id: int, by: User) -> None:
    """Take a wrong row off the list (art. 5(1)(d), accuracy: a wrong address would send the
    notice to someone it is not about) — only before anything is sent to it, and not while
    the DPO's order to send is being carried out. The row is deleted, name and address with
    it; the history records that a row was removed, never whose (events.py)."""
    from notifications.models import Delivery, SendOrder

    with transaction.atomic():
        incident = lock_incident(incident_id)
        if not can_manage_recipients(by):
            raise NotPermitted(_("Rollen din kan ikke endre mottakerlisten."))
        if not incident.is_open:
            raise Conflict(_("Saken er avsluttet. Gjenåpne den for å endre mottakerlisten."))
        recipient = Recipient.objects.filter(pk=recipient_id, incident=incident).first()
        if recipient is None:
            raise Conflict(_("Mottakeren står ikke lenger på listen."))
        if Delivery.objects.filter(recipient=recipient).exists():
            raise Conflict(_("Varselet er allerede sendt til denne mottakeren, så raden kan ikke fjernes."))
        if SendOrder.objects.filter(incident=incident, done_at__isnull=True).exists():
            # The order's task writes the delivery rows of everyone on the list right now.
            raise Conflict(_("Varslene legges i kø akkurat nå. Prøv igjen om et minutt."))
        recipient.delete()
        record_event(incident=incident, by=by, kind=EventKind.RECIPIENT_REMOVED)  # never the name or address


def recipient_counts(incident_id: int) -> dict[str, int]:
    rows = Recipient.objects.filter(incident_id=incident_id)
    return {"total": rows.count(), "purged": rows.filter(purged_at__isnull=False).count()}


def completed_at(incident_id: int) -> datetime | None:
    """When the notices of the case were completed: the last ``complete`` transition."""
    from incidents.models import Incident

    record = Incident.history.filter(id=incident_id, history_transition="complete").order_by("-history_date").first()
    return record.history_date if record else None


# What a purge blanks: everything that says who the person is or where they live. The
# language, audience and delivery outcomes stay for the register.
PURGED_FIELDS: dict[str, object] = {
    "name": "",
    "email": "",
    "email_key": None,
    "national_id_encrypted": "",
    "national_id_key": None,
    "address1": "",
    "address2": "",
    "postcode": "",
    "place": "",
    "country": "",
    "phone": "",
}

# Cases whose people are purged per round: two queries each (find the cases, blank their
# people), however many cases and people there are.
PURGE_BATCH = 500


def purge_recipients(now: datetime | None = None, batch_size: int = PURGE_BATCH) -> int:
    """Periodic job: blank the names, addresses, national ID numbers and phone numbers of the people on a case
    AVVIK_RECIPIENT_RETENTION_DAYS after the case no longer needs them (art. 5(1)(e),
    storage limitation): after it was closed or dismissed — whichever way it got there —
    or after its notices were completed; the print runs' PDFs go with them. The rows, their
    language and every delivery outcome stay, and so does the case in the register, which still shows how many were
    told and how. Idempotent: purged rows are skipped. Runs in batches of cases, at a
    fixed number of queries per batch."""
    from django.db.models import Q, Subquery
    from django.db.models.functions import Coalesce

    from incidents.models import Incident
    from incidents.workflow import CLOSED_STATES, State
    from notifications.services.letters import forget_letter_pdfs

    now = now or timezone.now()
    days = int(getattr(settings, "AVVIK_RECIPIENT_RETENTION_DAYS", 90))
    cutoff = now - timedelta(days=days)
    completed = (
        Incident.history.filter(id=OuterRef("pk"), history_transition="complete")
        .order_by("-history_date")
        .values("history_date")[:1]
    )
    pending = Recipient.objects.filter(incident=OuterRef("pk"), purged_at__isnull=True)
    closed_long_ago = Q(state__in=CLOSED_STATES, settled_at__lte=cutoff)
    completed_long_ago = Q(completed_at__lte=cutoff) & ~Q(state=State.SUBJECT_NOTIFICATION)
    due = (
        Incident.objects.annotate(
            settled_at=Coalesce("closed_at", "state_changed_at"), completed_at=Subquery(completed)
        )
        .filter(Exists(pending))
        .filter(closed_long_ago | completed_long_ago)
        .order_by("pk")
    )
    purged = 0
    last = 0
    while True:
        ids = list(due.filter(pk__gt=last).values_list("pk", flat=True)[:batch_size])
        if not ids:
            break
        # The print runs' PDFs hold the same names and addresses: they go first, so that a
        # purge cut short never leaves a PDF behind a purged list.
        forget_letter_pdfs(ids)
        purged += Recipient.objects.filter(incident_id__in=ids, purged_at__isnull=True).update(
            **PURGED_FIELDS, purged_at=now
        )
        if len(ids) < batch_size:
            break
        last = ids[-1]
    return purged


def national_ids_reencrypt(batch_size: int = 1000) -> int:
    """After a key rotation (``AVVIK_NATIONAL_ID_KEYS`` with a new key first): encrypt every
    stored national ID under the first key and recompute its keyed hash under the current
    hash key, so that the old key can be removed (art. 32: keys are changed without losing
    the data). Idempotent; runs in batches by id, each its own transaction. Returns how many
    rows were rewritten."""
    from core import national_id as crypto

    done = 0
    last = 0
    while True:
        with transaction.atomic():
            rows = list(
                Recipient.objects.select_for_update()
                .filter(pk__gt=last)
                .exclude(national_id_encrypted="")
                .order_by("pk")
                .only("pk", "national_id_encrypted", "national_id_key")[:batch_size]
            )
            if not rows:
                return done
            for row in rows:
                number = crypto.decrypt(row.national_id_encrypted)
                row.national_id_encrypted = crypto.reencrypt(row.national_id_encrypted)
                row.national_id_key = crypto.lookup_key(number)
            Recipient.objects.bulk_update(rows, ["national_id_encrypted", "national_id_key"])
            done += len(rows)
            last = rows[-1].pk
