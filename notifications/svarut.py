"""One shipment (forsendelse) through SvarUt, KS's national service that delivers a letter to
a person's digital mailbox (Altinn, Digipost, e-Boks) by their national ID, and prints and
posts it when it cannot (art. 34: the notice reaches people we have no e-mail address for).

The organisation's SvarUt sender account (``AVVIK_SVARUT_URL``, ``AVVIK_SVARUT_USERNAME`` —
the sender's name — and ``AVVIK_SVARUT_PASSWORD`` — its service password) speaks KS's REST
interface ForsendelseRestServiceV1 with HTTP Basic authentication, as KS documents it
(https://ks-no.github.io/svarut/integrasjon/forsendelserestservicev1/, and KS's own client
github.com/ks-no/svarut-rest-klient):

- ``POST /tjenester/api/forsendelse/v1/sendForsendelse``: multipart; the part named
  ``forsendelse`` is the shipment's JSON (the published schema ``forsendelse.json``), then
  one part named ``filer`` per document, in the order and with the file names of
  ``dokumenter``. Answers ``{"id": UUID}``.
- ``GET /tjenester/api/forsendelse/v1/eksternref/{ref}``: the ids of the shipments sent with
  that ``eksternReferanse`` (``{"forsendelseIder": [{"id": UUID}, …]}``). SvarUt offers no
  idempotency key: this lookup, before sending again, is how a retry after a crash avoids a
  second letter.
- ``POST /tjenester/api/forsendelse/v1/statuser``: a JSON list of ids →
  ``{"statuser": [{"forsendelsesId": {"id": UUID}, "status": S, "sisteStatusEndring": ms}]}``.

Transport only: no database. The national ID goes in the request body and nowhere else —
never in a URL, a log line or an exception's text."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)

API = "/tjenester/api/forsendelse/v1"
SENDER_SYSTEM = "Avvik"
# KS recommends a long timeout for sending (large files); a one-page letter is small.
SEND_TIMEOUT = 120.0
TIMEOUT = 30.0
STATUS_BATCH = 100
_ELEVEN_DIGITS = re.compile(r"\d{11}")


class SvarUtError(Exception):
    """SvarUt did not take the request. ``permanent``: sending the same shipment again will
    not help (SvarUt refused its content, 4xx other than 408 and 429); otherwise try later.
    The text holds the HTTP status and SvarUt's own message, never personal data."""

    def __init__(self, message: str, *, status: int = 0, permanent: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.permanent = permanent


class NotConfigured(SvarUtError):
    def __init__(self) -> None:
        super().__init__("SvarUt is not configured", permanent=False)


@dataclass(frozen=True)
class PostalAddress:
    """Printed on the envelope in this order (Posten's rules): name, address lines,
    postcode and place on one line, country."""

    name: str
    lines: tuple[str, ...] = ()
    postcode: str = ""
    place: str = ""
    country: str = ""


@dataclass(frozen=True)
class Shipment:
    title: str
    external_reference: str
    address: PostalAddress
    pdf: bytes
    national_id: str = ""
    filename: str = "varsel.pdf"


def configured() -> bool:
    """The one definition of "SvarUt is configured", for the channel choice and the sender
    alike: the sender account's URL, name and password are all set (a URL alone would put
    people on a channel whose every shipment is refused)."""
    return all(
        str(getattr(settings, name, "") or "").strip()
        for name in ("AVVIK_SVARUT_URL", "AVVIK_SVARUT_USERNAME", "AVVIK_SVARUT_PASSWORD")
    )


def external_reference(message_id: str) -> str:
    """The shipment's ``eksternReferanse``: derived from the delivery's Message-ID, which is
    fixed when the delivery is created, so every attempt for one delivery carries the same
    reference. Hashed: URL-safe whatever the Message-ID holds, and it says nothing about
    the person."""
    return "avvik-" + hashlib.sha256(message_id.encode("utf-8")).hexdigest()[:32]


def shipment_json(shipment: Shipment) -> dict[str, Any]:
    """The ``forsendelse`` part, after the published schema. The notice is about the person's
    own data in a breach: level 4 (BankID) login to read it, never only digital (a person
    without a digital mailbox gets it on paper), printed in black and white, one-sided."""
    address = shipment.address
    post: dict[str, Any] = {"navn": address.name[:200], "postSted": address.place}
    for index, line in enumerate(address.lines[:3], start=1):
        if line:
            post[f"adresse{index}"] = line
    if address.postcode:
        post["postNummer"] = address.postcode
    if address.country:
        post["land"] = address.country
    recipient: dict[str, Any] = {"postAdresse": post}
    if shipment.national_id:
        recipient["digitalAdresse"] = {"fodselsNummer": shipment.national_id}
    return {
        "tittel": shipment.title[:255],
        "eksternReferanse": shipment.external_reference,
        "avgivendeSystem": SENDER_SYSTEM,
        "mottaker": recipient,
        "kunDigitalLevering": False,
        "krevNiva4Innlogging": True,
        "kryptert": False,
        "utskriftsKonfigurasjon": {"utskriftMedFarger": False, "tosidig": False},
        "dokumenter": [{"filnavn": shipment.filename, "mimeType": "application/pdf"}],
    }


def _multipart(parts: Sequence[tuple[str, str, str, bytes]]) -> tuple[bytes, str]:
    """``(name, filename, content type, bytes)`` parts as multipart/form-data."""
    boundary = "avvik" + uuid.uuid4().hex
    body = bytearray()
    for name, filename, content_type, data in parts:
        body += f"--{boundary}\r\n".encode()
        disposition = f'form-data; name="{name}"'
        if filename:
            disposition += f'; filename="{filename}"'
        body += f"Content-Disposition: {disposition}\r\nContent-Type: {content_type}\r\n\r\n".encode()
        body += data + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return bytes(body), f"multipart/form-data; boundary={boundary}"


class Client:
    """The sender account's REST client. Each call is one HTTP request; errors are
    ``SvarUtError``."""

    def __init__(self, url: str, username: str, password: str) -> None:
        self.base = url.rstrip("/")
        token = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
        self.auth = f"Basic {token}"

    @classmethod
    def from_settings(cls) -> Client:
        if not configured():
            raise NotConfigured()
        return cls(settings.AVVIK_SVARUT_URL, settings.AVVIK_SVARUT_USERNAME, settings.AVVIK_SVARUT_PASSWORD)

    def _request(
        self, method: str, path: str, *, body: bytes | None = None, content_type: str = "", timeout: float = TIMEOUT
    ) -> Any:
        url = self.base + API + path
        if not url.lower().startswith(("https://", "http://")):
            raise SvarUtError("AVVIK_SVARUT_URL must be an http(s) address", permanent=True)
        request = urllib.request.Request(url, data=body, method=method)  # noqa: S310 - scheme checked above
        request.add_header("Authorization", self.auth)
        request.add_header("Accept", "application/json")
        if content_type:
            request.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                raw = response.read()
        except urllib.error.HTTPError as error:
            raise _http_error(error) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise SvarUtError(f"SvarUt unreachable: {type(reason).__name__}") from None
        try:
            return json.loads(raw or b"null")
        except ValueError:
            raise SvarUtError("SvarUt answered with something other than JSON") from None

    def send(self, shipment: Shipment) -> str:
        """Send one shipment; returns SvarUt's id for it."""
        metadata = json.dumps(shipment_json(shipment), ensure_ascii=False).encode("utf-8")
        body, content_type = _multipart(
            [
                ("forsendelse", "", "application/json;charset=UTF-8", metadata),
                ("filer", shipment.filename, "application/pdf", shipment.pdf),
            ]
        )
        answer = self._request("POST", "/sendForsendelse", body=body, content_type=content_type, timeout=SEND_TIMEOUT)
        shipment_id = answer.get("id") if isinstance(answer, dict) else None
        if not isinstance(shipment_id, str) or not shipment_id:
            raise SvarUtError("SvarUt's answer had no shipment id")
        return shipment_id

    def find(self, reference: str) -> list[str]:
        """The ids of shipments already sent with this external reference (oldest first, as
        SvarUt lists them); empty when there are none."""
        try:
            answer = self._request("GET", "/eksternref/" + urllib.parse.quote(reference, safe=""))
        except SvarUtError as error:
            if error.status == 404:
                return []
            raise
        found = answer.get("forsendelseIder") if isinstance(answer, dict) else None
        return [str(item["id"]) for item in found or [] if isinstance(item, dict) and item.get("id")]

    def statuses(self, ids: Iterable[str]) -> dict[str, str]:
        """The current status of each shipment, by id, asked STATUS_BATCH at a time."""
        ids = list(ids)
        result: dict[str, str] = {}
        for start in range(0, len(ids), STATUS_BATCH):
            body = json.dumps(ids[start : start + STATUS_BATCH]).encode()
            answer = self._request("POST", "/statuser", body=body, content_type="application/json")
            for item in (answer or {}).get("statuser") or []:
                shipment = (item.get("forsendelsesId") or {}).get("id")
                if shipment and item.get("status"):
                    result[str(shipment)] = str(item["status"])
        return result


def _http_error(error: urllib.error.HTTPError) -> SvarUtError:
    """SvarUt's error answer (``{"message": …, "errorcode": …}``, the published ``error.json``)
    in a few words; a 4xx other than 401, 403, 408 and 429 is the shipment's own fault and
    permanent."""
    status = error.code
    message = ""
    try:
        data = json.loads(error.read() or b"{}")
        if isinstance(data, dict):
            message = str(data.get("message") or data.get("errorcode") or "")
    except (ValueError, OSError):
        message = ""
    permanent = 400 <= status < 500 and status not in (401, 403, 408, 429)
    # SvarUt's messages may name the recipient by national ID: never stored or logged.
    message = _ELEVEN_DIGITS.sub("<fødselsnummer>", " ".join(message.split()))
    text = f"SvarUt {status}" + (f": {message}" if message else "")
    return SvarUtError(text[:300], status=status, permanent=permanent)
