"""ClamAV for the tests: a stand-in that speaks clamd's INSTREAM protocol over a unix socket
(for the unit tests), and Debian's real clamd started with a signature database of its own
(for tests/integration/test_clamav.py: the public databases cannot be downloaded here).

EICAR is the anti-virus test file every scanner reports; the real clamd is given a one-line
hash signature for exactly these bytes, so it needs no downloaded database."""

from __future__ import annotations

import hashlib
import shutil
import socket
import struct
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
SIGNATURE_NAME = "Avvik.Test.EICAR"


@dataclass
class FakeClamd:
    """Answers FOUND for any stream that contains EICAR, OK otherwise; remembers what it got."""

    path: str
    received: list[bytes] = field(default_factory=list)
    chunks: list[int] = field(default_factory=list)


def _read_exactly(conn: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        part = conn.recv(n - len(data))
        if not part:
            raise ConnectionError("closed")
        data += part
    return data


@contextmanager
def fake_clamd(tmp_path: Path) -> Iterator[FakeClamd]:
    path = str(tmp_path / "clamd.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(4)
    server.settimeout(0.2)
    fake = FakeClamd(path)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(5)
                command = b""
                while not command.endswith(b"\0"):
                    command += conn.recv(1)
                body = b""
                while True:
                    (length,) = struct.unpack("!L", _read_exactly(conn, 4))
                    if length == 0:
                        break
                    fake.chunks.append(length)
                    body += _read_exactly(conn, length)
                fake.received.append(body)
                verdict = b"stream: Eicar-Test-Signature FOUND\0" if EICAR in body else b"stream: OK\0"
                conn.sendall(verdict if command == b"zINSTREAM\0" else b"UNKNOWN COMMAND\0")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        stop.set()
        thread.join(timeout=5)
        server.close()


def clamd_binary() -> str | None:
    return shutil.which("clamd") or next((p for p in ("/usr/sbin/clamd",) if Path(p).exists()), None)


@contextmanager
def real_clamd(workdir: Path, timeout: float = 60.0) -> Iterator[str]:
    """Start Debian's clamd in the foreground with a database that knows only EICAR (a hash
    signature, ``.hdb``: md5:size:name), its socket and its files in ``workdir``; yield the
    socket's path; stop it afterwards."""
    binary = clamd_binary()
    if binary is None:
        raise FileNotFoundError("clamd")
    database = workdir / "db"
    database.mkdir()
    (database / "avvik-test.hdb").write_text(
        f"{hashlib.md5(EICAR).hexdigest()}:{len(EICAR)}:{SIGNATURE_NAME}\n",  # noqa: S324 - ClamAV's hash format
        encoding="ascii",
    )
    # And a body signature: EICAR anywhere in a file (a text with the string pasted in).
    (database / "avvik-test.ndb").write_text(f"{SIGNATURE_NAME}.Body:0:*:{EICAR.hex()}\n", encoding="ascii")
    sock = workdir / "clamd.sock"
    config = workdir / "clamd.conf"
    config.write_text(
        "\n".join(
            [
                f"LocalSocket {sock}",
                f"DatabaseDirectory {database}",
                f"TemporaryDirectory {workdir}",
                f"PidFile {workdir / 'clamd.pid'}",
                "Foreground yes",
                "LogFile /dev/null",
                "LogTime no",
                # The tests run as root; clamd would otherwise drop to a "clamav" user that a
                # clean machine may not have.
                "User root",
                "StreamMaxLength 30M",
                "",
            ]
        ),
        encoding="ascii",
    )
    process = subprocess.Popen(
        [binary, "--config-file", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                error = process.stderr.read().decode(errors="replace") if process.stderr else ""
                raise RuntimeError(f"clamd exited with {process.returncode}: {error[-2000:]}")
            if sock.exists():
                try:
                    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
                        probe.settimeout(2)
                        probe.connect(str(sock))
                        probe.sendall(b"zPING\0")
                        if probe.recv(16).startswith(b"PONG"):
                            break
                except OSError:
                    pass
            if time.monotonic() > deadline:
                raise TimeoutError("clamd did not answer PING in time")
            time.sleep(0.2)
        yield str(sock)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
