"""The production web server: gunicorn with config/gunicorn.conf.py. Its access log keeps
no search, no address, no cookie and no working secret link; its workers come from the
environment."""

from __future__ import annotations

import contextlib
import os
import runpy
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "config" / "gunicorn.conf.py"

pytest.importorskip("gunicorn", reason="gunicorn is a dependency of Avvik: pip install -e .")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_workers_bind_and_timeout_come_from_the_environment(monkeypatch: Any) -> None:
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("AVVIK_WEB_BIND", "0.0.0.0:8080")
    monkeypatch.setenv("AVVIK_WEB_TIMEOUT", "45")
    conf = runpy.run_path(str(CONF))
    assert (conf["workers"], conf["bind"], conf["timeout"]) == (3, ["0.0.0.0:8080"], 45)
    monkeypatch.delenv("WEB_CONCURRENCY")
    assert runpy.run_path(str(CONF))["workers"] == (os.cpu_count() or 1) * 2 + 1


def test_the_logged_path_has_no_secret_of_a_link() -> None:
    from config.gunicorn_logging import path_without_secrets

    assert path_without_secrets("/invitasjon/Zq9-secret/") == "/invitasjon/…/"
    assert path_without_secrets("/varsel/tok3n/en/") == "/varsel/…/en/"
    assert path_without_secrets("/invitasjon/") == "/invitasjon/"
    assert path_without_secrets("/avvik/AVVIK-2026-0042/") == "/avvik/AVVIK-2026-0042/"


def test_the_running_server_logs_no_search_address_cookie_or_secret(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "access.log"
    env = {
        **os.environ,
        "WEB_CONCURRENCY": "1",
        "AVVIK_WEB_BIND": f"127.0.0.1:{port}",
        "AVVIK_WEB_ACCESS_LOG": str(log),
        "AVVIK_VAR_DIR": str(tmp_path),
        "PYTHONPATH": os.pathsep.join([str(ROOT), *sys.path]),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(CONF), "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"{base}/helse/", timeout=2) as answer:
                    assert answer.read() == b"ok\n"
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not answer /helse/")
        request = urllib.request.Request(
            f"{base}/helse/?q=Kari+Nordmann",
            headers={"Cookie": "sessionid=s3ss10n", "Referer": f"{base}/avvik/?q=Ola+Hansen", "User-Agent": "Ola"},
        )
        urllib.request.urlopen(request, timeout=5).read()
        with contextlib.suppress(urllib.error.HTTPError):  # an unknown link: the log line is what matters
            urllib.request.urlopen(f"{base}/invitasjon/Zq9-hemmelig/", timeout=5)
    finally:
        server.terminate()
        server.wait(timeout=30)
    lines = log.read_text(encoding="utf-8").splitlines()
    assert any('"GET /helse/" 200' in line for line in lines), lines
    assert any('"GET /invitasjon/…/"' in line for line in lines), lines
    text = "\n".join(lines)
    for secret in ("Kari", "Nordmann", "Ola", "Hansen", "s3ss10n", "Zq9-hemmelig", "127.0.0.1", "q="):
        assert secret not in text, (secret, text)
