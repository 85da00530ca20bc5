"""A local SvarUt for the tests: a small threaded HTTP server that implements the three
endpoints of ForsendelseRestServiceV1 that Avvik uses (sendForsendelse, eksternref,
statuser; https://ks-no.github.io/svarut/integrasjon/forsendelserestservicev1/) and refuses
what the real service would refuse:

- HTTP Basic authentication with the sender account's name and service password (401);
- the ``forsendelse`` part checked against KS's published schema (vendored unchanged under
  tests/fakes/svarut_schema/, source: https://github.com/ks-no/svarut-rest-klient/tree/
  e140192a49a57ad9901b172449025c2cbcf45e35/svarut-rest-klient/json), and stricter than it:
  an unknown field is refused too (SvarUt reads the JSON with Jackson, which by default
  refuses unknown fields; a misspelt ``postnummer`` would otherwise pass silently);
- one ``filer`` part per document, in the order and with the file names of ``dokumenter``,
  each a PDF;
- the ``statuser`` body a JSON list of shipment ids.

Its own answers are checked against the published schemas as well. Every accepted shipment
is recorded (``accepted``) so a test can count them per external reference; every request
line is recorded (``request_lines``) so a test can check no national ID is in a URL.

Faults, for the tests of retries: ``fail_next`` (answer the next sends with these HTTP
statuses, recording nothing) and ``drop_after_accept`` (record the next N shipments, then
close the connection without answering, as when the sender dies or the network breaks after
SvarUt took the shipment). ``hold_at``: the shipment that makes the count reach this number is
recorded, then its answer is held back (``held`` is set) until ``release`` is set — so a test
can kill the sender while SvarUt has a shipment the sender was never told about."""

from __future__ import annotations

import base64
import copy
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT6

SCHEMA_DIR = Path(__file__).parent / "svarut_schema"
API = "/tjenester/api/forsendelse/v1"


def _load(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def _strict(schema: Any) -> Any:
    """The schema with ``additionalProperties: false`` on every object that lists its
    properties (see the module's docstring)."""
    if isinstance(schema, dict):
        out = {key: _strict(value) for key, value in schema.items()}
        if "properties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [_strict(item) for item in schema]
    return schema


def _registry() -> Registry:
    resources = [
        (name, Resource.from_contents(_strict(_load(name)), default_specification=DRAFT6))
        for name in ("forsendelse.json", "forsendelseid.json", "forsendelseStatus.json", "error.json")
    ]
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validator(name: str, definition: str | None = None) -> jsonschema.Draft6Validator:
    schema = copy.deepcopy(REGISTRY.contents(name))
    if definition is not None:
        schema = {"$ref": f"{name}#/definitions/{definition}", "definitions": {}}
    return jsonschema.Draft6Validator(schema, registry=REGISTRY)


SHIPMENT = validator("forsendelse.json")
ID_RESULT = validator("forsendelseid.json")
STATUS_RESULT = validator("forsendelseStatus.json", "forsendelseStatusResult")
STATUS = validator("forsendelseStatus.json", "status")
ERROR = validator("error.json")


@dataclass
class Accepted:
    id: str
    shipment: dict[str, Any]
    files: list[tuple[str, bytes]]
    at: float
    status: str = "MOTTATT"
    changed: float = 0.0

    @property
    def reference(self) -> str:
        return str(self.shipment.get("eksternReferanse") or "")

    @property
    def national_id(self) -> str:
        return str((self.shipment["mottaker"].get("digitalAdresse") or {}).get("fodselsNummer") or "")


def default_outcome(shipment: dict[str, Any]) -> str:
    """Where a real shipment would end: in the digital mailbox when it has a national ID,
    otherwise printed and posted."""
    return "LEVERT_SDP" if shipment["mottaker"].get("digitalAdresse") else "SENDT_PRINT"


@dataclass
class FakeSvarUt:
    username: str = "avvik-test"
    password: str = "service-passord"
    accepted: list[Accepted] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # why each refused request was refused
    request_lines: list[str] = field(default_factory=list)
    fail_next: list[int] = field(default_factory=list)
    drop_after_accept: int = 0
    # The status a shipment moves to when first asked about (None: stays MOTTATT).
    outcome: Callable[[dict[str, Any]], str] | None = default_outcome
    delay: float = 0.0  # seconds each send takes
    hold_at: int = 0
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    held_id: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def by_reference(self) -> dict[str, list[Accepted]]:
        with self.lock:
            result: dict[str, list[Accepted]] = {}
            for item in self.accepted:
                result.setdefault(item.reference, []).append(item)
            return result

    def wait_for(self, count: int, timeout: float = 60.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.accepted) >= count:
                    return len(self.accepted)
            time.sleep(0.05)
        return len(self.accepted)

    def start(self) -> FakeSvarUt:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return None

            def do_GET(self) -> None:
                fake.handle(self, "GET")

            def do_POST(self) -> None:
                fake.handle(self, "POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    # --- the endpoints ---------------------------------------------------------------------

    def handle(self, request: BaseHTTPRequestHandler, method: str) -> None:
        with self.lock:
            self.request_lines.append(f"{method} {request.path}")
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        expected = "Basic " + base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
        if request.headers.get("Authorization") != expected:
            return self.error(request, 401, "Feil brukernavn eller passord")
        path = request.path.split("?", 1)[0]
        if method == "POST" and path == API + "/sendForsendelse":
            return self.send_shipment(request, body)
        if method == "GET" and path.startswith(API + "/eksternref/"):
            return self.find(request, path[len(API + "/eksternref/") :])
        if method == "POST" and path == API + "/statuser":
            return self.statuses(request, body)
        return self.error(request, 404, "Ukjent tjeneste")

    def send_shipment(self, request: BaseHTTPRequestHandler, body: bytes) -> None:
        with self.lock:
            failure = self.fail_next.pop(0) if self.fail_next else 0
        if failure:
            return self.error(request, failure, "Midlertidig feil")
        try:
            shipment, files = self.parse(request.headers.get("Content-Type", ""), body)
        except ValueError as error:
            return self.error(request, 400, str(error))
        if self.delay:
            time.sleep(self.delay)
        item = Accepted(id=str(uuid.uuid4()), shipment=shipment, files=files, at=time.time())
        with self.lock:
            self.accepted.append(item)
            drop = self.drop_after_accept > 0
            if drop:
                self.drop_after_accept -= 1
            hold = bool(self.hold_at) and len(self.accepted) == self.hold_at
            if hold:
                self.held_id = item.id
        if hold:
            self.held.set()
            self.release.wait(timeout=120)
            try:
                return self.answer(request, 200, {"id": item.id}, None)
            except OSError:
                return None  # the sender is gone: it never learns the shipment's id
        if drop:
            request.close_connection = True
            request.connection.shutdown(2)
            return None
        return self.answer(request, 200, {"id": item.id}, None)

    def parse(self, content_type: str, body: bytes) -> tuple[dict[str, Any], list[tuple[str, bytes]]]:
        if not content_type.startswith("multipart/form-data") or "boundary=" not in content_type:
            raise ValueError("Forventet multipart/form-data")
        message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
        if not message.is_multipart():
            raise ValueError("Forventet multipart/form-data")
        parts = list(message.iter_parts())  # type: ignore[attr-defined]
        if not parts or parts[0].get_param("name", header="content-disposition") != "forsendelse":
            raise ValueError("Første del må hete forsendelse")
        try:
            shipment = json.loads(parts[0].get_payload(decode=True).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise ValueError("forsendelse er ikke gyldig JSON") from None
        problems = sorted(SHIPMENT.iter_errors(shipment), key=lambda e: list(e.absolute_path))
        if problems:
            raise ValueError("; ".join(f"{'/'.join(map(str, p.absolute_path))}: {p.message}" for p in problems))
        if not shipment["mottaker"].get("postAdresse") and not shipment["mottaker"].get("digitalAdresse"):
            raise ValueError("mottaker mangler adresse")
        files = []
        for part in parts[1:]:
            if part.get_param("name", header="content-disposition") != "filer":
                raise ValueError("Ukjent del i forespørselen")
            files.append((str(part.get_filename() or ""), bytes(part.get_payload(decode=True) or b"")))
        documents = [d["filnavn"] for d in shipment.get("dokumenter") or []]
        if [name for name, _data in files] != documents:
            raise ValueError("Filene stemmer ikke med dokumenter")
        if not files or any(not data.startswith(b"%PDF-") for _name, data in files):
            raise ValueError("Dokumentene må være PDF")
        return shipment, files

    def find(self, request: BaseHTTPRequestHandler, reference: str) -> None:
        from urllib.parse import unquote

        reference = unquote(reference)
        with self.lock:
            ids = [{"id": item.id} for item in self.accepted if item.reference == reference]
        return self.answer(request, 200, {"forsendelseIder": ids}, ID_RESULT)

    def statuses(self, request: BaseHTTPRequestHandler, body: bytes) -> None:
        try:
            ids = json.loads(body or b"null")
        except ValueError:
            return self.error(request, 400, "Ikke gyldig JSON")
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            return self.error(request, 400, "Forventet en liste med forsendelse-id-er")
        result = []
        with self.lock:
            known = {item.id: item for item in self.accepted}
            for shipment_id in ids:
                item = known.get(shipment_id)
                if item is None:
                    continue
                if item.status == "MOTTATT" and self.outcome is not None:
                    item.status, item.changed = self.outcome(item.shipment), time.time()
                result.append(
                    {
                        "forsendelsesId": {"id": item.id},
                        "status": item.status,
                        "sisteStatusEndring": int((item.changed or item.at) * 1000),
                    }
                )
        return self.answer(request, 200, {"statuser": result}, STATUS_RESULT)

    def set_status(self, shipment_id: str, status: str) -> None:
        STATUS.validate(status)
        with self.lock:
            for item in self.accepted:
                if item.id == shipment_id:
                    item.status, item.changed = status, time.time()

    # --- answers ---------------------------------------------------------------------------

    def error(self, request: BaseHTTPRequestHandler, status: int, message: str) -> None:
        with self.lock:
            self.refused.append(f"{status} {message}")
        self.answer(request, status, {"errorcode": str(status), "message": message}, ERROR)

    def answer(self, request: BaseHTTPRequestHandler, status: int, data: Any, schema: Any) -> None:
        if schema is not None:
            schema.validate(data)
        raw = json.dumps(data).encode()
        request.send_response(status)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(raw)))
        request.end_headers()
        request.wfile.write(raw)


def running(**options: Any) -> Iterator[FakeSvarUt]:
    """For a fixture: a started fake, stopped afterwards."""
    fake = FakeSvarUt(**options).start()
    try:
        yield fake
    finally:
        fake.stop()
