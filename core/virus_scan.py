"""Asking a ClamAV daemon (clamd, Debian's clamav-daemon) whether a file carries a virus.

Speaks clamd's INSTREAM command over its socket (``man clamd``): the command, then the file
in chunks each led by its length as four bytes in network order, then a zero length; clamd
answers ``stream: OK``, ``stream: <signature> FOUND`` or ``... ERROR``, ended by a NUL. No
client library: the protocol is these few lines, and the libraries for it are unmaintained.

The address is a unix socket path (``/run/clamav/clamd.ctl``, or ``unix:`` before it) or
``host:port`` for clamd's TCP socket."""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass
from typing import IO

CHUNK = 64 * 1024


class ScannerUnavailable(Exception):
    """clamd could not be reached, or answered something other than a verdict."""


@dataclass(frozen=True)
class Verdict:
    infected: bool
    signature: str = ""  # what clamd found; for the log, never shown with the file's name


def _connect(address: str, timeout: float) -> socket.socket:
    path = address.removeprefix("unix:")
    if path.startswith("/"):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(path)
        except OSError:
            sock.close()
            raise
        return sock
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise ScannerUnavailable(f"not a clamd address: {address!r}")
    return socket.create_connection((host.strip("[]"), int(port)), timeout=timeout)


def scan_stream(stream: IO[bytes], *, address: str, timeout: float = 30.0) -> Verdict:
    """Send the file in ``stream`` (from the start) to clamd at ``address`` and return its
    verdict. Raises ScannerUnavailable when clamd cannot be asked or gives no verdict (a
    file too large for clamd's StreamMaxLength included): the caller fails closed."""
    stream.seek(0)
    try:
        with _connect(address, timeout) as sock:
            sock.sendall(b"zINSTREAM\0")
            while chunk := stream.read(CHUNK):
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                part = sock.recv(4096)
                if not part:
                    break
                reply += part
    except OSError as error:
        raise ScannerUnavailable(f"clamd: {type(error).__name__}") from error
    finally:
        stream.seek(0)
    return parse_reply(reply)


def parse_reply(reply: bytes) -> Verdict:
    text = reply.rstrip(b"\0").decode("utf-8", "replace").strip()
    if text.endswith(" FOUND"):
        signature = text.removeprefix("stream:").removesuffix(" FOUND").strip()
        return Verdict(infected=True, signature=signature)
    if text == "stream: OK":
        return Verdict(infected=False)
    raise ScannerUnavailable(f"clamd answered {text[:200]!r}")
