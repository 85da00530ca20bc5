"""The production web tier under load: gunicorn (config/gunicorn.conf.py, DEBUG off) on
PostgreSQL, driven by wrk with 50 concurrent users for 60 s on each of

    the DPO's worklist            GET  /avvik/                (a DPO session, second factor passed)
    a case page                   GET  /avvik/<reference>/    (the same)
    the report form's POST        POST /meld/                 (a reporter session, CSRF token)
    the trivial view (the floor)  GET  /helse/                (no session, no query)

printing requests per second, p95 latency and errors for each, and each page's p95 beside
the floor's. Target: 0 errors, each page's p95 within 5x the floor's.

    .venv/bin/python bench/web_load.py [--duration 60] [--connections 50] [--cases 10000] [--keep]

Makes a scratch database (AVVIK_BENCH_DB, default avvik_web_bench) on
postgres://postgres@127.0.0.1:5432 and drops it afterwards (``--keep``: keep it and use it
again). gunicorn runs WEB_CONCURRENCY workers (config/gunicorn.conf.py's default when
unset). Each connection logs in as a user of its own: 50 sessions of the DPO, 50 of
reporters. Needs `wrk` (Debian: apt-get install wrk) and gunicorn. Prints figures;
asserts nothing, except that every page answered as a user expects before the load."""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SERVER = "postgres://postgres@127.0.0.1:5432"
SCRATCH = os.environ.get("AVVIK_BENCH_DB", "avvik_web_bench")

# One Lua script for every target: each request takes the next user's cookie (and, for the
# POST, the form with its CSRF token); done() prints one line for this script to read.
LUA = r"""
local cookies = {}
local body = nil
local origin = nil
local n = 0

function init(args)
  for line in io.lines(args[1]) do cookies[#cookies + 1] = line end
  origin = args[2]
  if args[3] then
    local f = io.open(args[3], "rb")
    body = f:read("*a")
    f:close()
  end
  n = math.random(#cookies > 0 and #cookies or 1)
end

function request()
  local headers = {["X-Forwarded-Proto"] = "https"}
  if #cookies > 0 then
    n = n % #cookies + 1
    headers["Cookie"] = cookies[n]
  end
  if body then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    headers["Origin"] = origin
    return wrk.format("POST", nil, headers, body)
  end
  return wrk.format("GET", nil, headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d %.3f %.3f\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(95) / 1000, latency:percentile(50) / 1000))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def scratch_database(keep: bool) -> bool:
    """Create the scratch database; False when a kept one is there already."""
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [SCRATCH]).fetchone()
        if exists and keep:
            return False
        conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {SCRATCH}")
    return True


def drop_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH} WITH (FORCE)")


def fetch(url: str, cookie: str, data: bytes | None = None, origin: str = "") -> tuple[int, str, Any]:
    """(status, body, headers) of one request as the browser behind the HTTPS proxy sends it."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    headers = {"Cookie": cookie, "X-Forwarded-Proto": "https"}
    if origin:
        headers["Origin"] = origin
    request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310 (http://127.0.0.1 only)
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as answer:
            return answer.status, answer.read().decode(), answer.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace"), error.headers


def wrk(url: str, script: Path, args: list[str], duration: int, connections: int) -> dict[str, Any]:
    threads = str(min(2, connections))
    command = ["wrk", "-t", threads, "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s"]
    answer = subprocess.run([*command, "-s", str(script), url, "--", *args], capture_output=True, text=True, check=True)
    line = next(x for x in answer.stdout.splitlines() if x.startswith("RESULT "))
    requests, micros, connect, read, write, status, timeout, p95, p50 = (float(v) for v in line.split()[1:])
    return {
        "requests": requests,
        "rps": requests / (micros / 1e6),
        "errors": connect + read + write + status + timeout,
        "kinds": f"connect {connect:.0f}, read {read:.0f}, write {write:.0f}, "
        f"status {status:.0f}, timeout {timeout:.0f}",
        "p95": p95,
        "p50": p50,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=60, help="seconds of load on each target")
    parser.add_argument("--connections", type=int, default=50, help="concurrent users")
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database and use it again")
    parser.add_argument("--only", default="", help="measure only the targets whose path contains this")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="avvik-web-load-"))
    env = {
        "DATABASE_URL": f"{SERVER}/{SCRATCH}",
        "CELERY_BROKER_URL": "",  # e-mails stay rows in the outbox: no SMTP in this measure
        "DEBUG": "false",
        "SECRET_KEY": "bench-web-load-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "AVVIK_TRUSTED_PROXY": "true",  # as behind the HTTPS proxy: X-Forwarded-Proto https
        "AVVIK_VAR_DIR": str(work),
        "LOG_LEVEL": "WARNING",
        # Production refuses to start without the key of the national ID numbers: one made
        # for this run (the scratch database holds none).
        "AVVIK_NATIONAL_ID_KEYS": Fernet.generate_key().decode(),
    }
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    fresh = scratch_database(args.keep)
    import django

    django.setup()
    import logging

    logging.getLogger("axes").setLevel(logging.WARNING)
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from accounts.models import User
    from accounts.services import user_upsert
    from incidents.models import Incident
    from tests.bulk import bulk_cases
    from tests.conftest import TOTP_SECRET, login

    server = None
    try:
        call_command("migrate", verbosity=0)
        call_command("collectstatic", "--noinput", verbosity=0)
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        # The users log in by session only; their password is never checked here.
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        dpo, _ = user_upsert(
            email="bench-dpo@example.org", role="dpo", password="x", check_password=False, totp_secret=TOTP_SECRET
        )
        reporters = [
            user_upsert(email=f"bench-reporter{i}@example.org", role="reporter", password="x", check_password=False)[0]
            for i in range(args.connections)
        ]
        if fresh:
            started = time.perf_counter()
            bulk_cases(reporters[0], args.cases, decided_by=dpo)
            print(f"built {args.cases:,} cases in {time.perf_counter() - started:.1f} s")
        case = Incident.objects.filter(state="assessment").order_by("pk").first() or Incident.objects.first()
        assert case is not None

        def cookie_of(user: User) -> str:
            client = login(Client(), user)
            return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"

        # One session per concurrent user: every request renews its session row
        # (SESSION_SAVE_EVERY_REQUEST), and one shared row would make them queue for it.
        dpo_cookies = work / "dpo.cookies"
        dpo_cookies.write_text("\n".join(cookie_of(dpo) for _ in range(args.connections)) + "\n")
        reporter_cookies = [cookie_of(user) for user in reporters]

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        origin = f"https://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "config" / "gunicorn.conf.py"), "config.wsgi"],
            cwd=ROOT,
            env={
                **os.environ,
                "AVVIK_WEB_BIND": f"127.0.0.1:{port}",
                "AVVIK_WEB_ACCESS_LOG": str(work / "access.log"),
                "PYTHONPATH": os.pathsep.join([str(ROOT), *sys.path]),
            },
            stdout=subprocess.DEVNULL,
            stderr=open(work / "gunicorn.log", "w"),  # noqa: SIM115 (closed with the process)
        )
        for _ in range(300):
            try:
                if fetch(f"{base}/helse/", "")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit(f"gunicorn did not start: see {work / 'gunicorn.log'}")

        # The report form's POST: a CSRF token from the form as a browser gets it.
        status, html, headers = fetch(f"{base}/meld/", reporter_cookies[0])
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        csrf = re.search(r"csrftoken=([^;]+)", " ".join(headers.get_all("Set-Cookie") or []))
        assert status == 200 and token and csrf, (status, html[:300])
        post_cookies = work / "reporter.cookies"
        post_cookies.write_text("\n".join(f"{c}; csrftoken={csrf.group(1)}" for c in reporter_cookies) + "\n")
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token.group(1),
                "title": "Elevliste sendt til feil forelder",
                "description": "En liste med navn på 31 elever ble sendt til feil forelder.",
                "discovered_at": time.strftime("%Y-%m-%dT%H:%M", time.localtime(time.time() - 3600)),
                "breach_types": "confidentiality",
                "data_categories": "basic",
                "approx_subjects": "31",
            },
        ).encode()
        (work / "report.form").write_bytes(form)

        # Before the load: each target answers as its user expects (not a login page).
        targets = [
            ("trivial view (floor)      GET  /helse/", "/helse/", None, [], 200),
            ("DPO worklist              GET  /avvik/", "/avvik/", None, [str(dpo_cookies)], 200),
            ("case page                 GET  /avvik/<ref>/", case.get_absolute_url(), None, [str(dpo_cookies)], 200),
            ("report form               POST /meld/", "/meld/", form, [str(post_cookies)], 302),
        ]
        for label, path, data, _files, expected in targets:
            cookie = Path(_files[0]).read_text().splitlines()[0] if _files else ""
            status, body, headers = fetch(base + path, cookie, data, origin if data else "")
            location = headers.get("Location", "")
            assert status == expected, (label, status, location, body[:500])
            assert data is None or "/kvittering/" in location, (label, location)

        script = work / "load.lua"
        script.write_text(LUA)
        print(
            f"gunicorn, {os.environ.get('WEB_CONCURRENCY') or 'default'} workers; wrk, {args.connections} "
            f"connections, {args.duration} s each; load average before: {os.getloadavg()[0]:.2f}"
        )
        results = {}
        for label, path, data, files, _expected in targets:
            if args.only and args.only not in path and path != "/helse/":
                continue
            before = Incident.objects.count()
            wrk_args = [files[0] if files else "/dev/null", origin]
            if data is not None:
                wrk_args.append(str(work / "report.form"))
            results[label] = wrk(base + path, script, wrk_args, args.duration, args.connections)
            if data is not None:
                results[label]["created"] = Incident.objects.count() - before
        floor = results[targets[0][0]]["p95"]
        for label, _path, data, _files, _expected in targets:
            if label not in results:
                continue
            r = results[label]
            line = (
                f"{label}  {r['rps']:8.1f} req/s  p50 {r['p50']:7.1f} ms  p95 {r['p95']:7.1f} ms  "
                f"errors {int(r['errors'])}"
            )
            if r["errors"]:
                line += f" ({r['kinds']})"
            if label != targets[0][0]:
                line += f"  p95 {r['p95'] / floor:5.1f}x the floor (target <= 5x)"
            if data is not None:
                line += f"  ({int(r['created'])} cases reported of {int(r['requests'])} requests)"
            print(line)
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=60)
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database()


if __name__ == "__main__":
    main()
