"""Server time of the DPO's worklist and the register with 10,000 cases, beside a trivial
authenticated Django view measured in the same run, its requests taken in turn with each
page's (the floor). Target: within 3x.

    .venv/bin/python bench/list_pages.py [--cases 10000] [--runs 30]

Uses DATABASE_URL when set (PostgreSQL), else a scratch SQLite file in a temporary folder.
Prints figures; asserts nothing."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="avvik-bench-")
    os.environ.setdefault("AVVIK_VAR_DIR", scratch)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "true"
    import django

    django.setup()
    import logging

    logging.getLogger("axes").setLevel(logging.WARNING)  # one login line per run is noise here
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        from django.test.utils import get_runner

        runner = get_runner(settings)(verbosity=0, interactive=False)
        old = runner.setup_databases()
    else:
        old = None
        call_command("migrate", verbosity=0)

    from accounts.services import user_upsert
    from tests.bulk import bulk_cases
    from tests.conftest import TOTP_SECRET, login

    dpo, _ = user_upsert(
        email="bench-dpo@example.org", role="dpo", password="x", check_password=False, totp_secret=TOTP_SECRET
    )
    reporter, _ = user_upsert(email="bench-reporter@example.org", role="reporter", password="x", check_password=False)
    started = time.perf_counter()
    bulk_cases(reporter, args.cases, decided_by=dpo)
    print(
        f"built {args.cases:,} cases in {time.perf_counter() - started:.1f} s "
        f"on {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
    )

    client = login(Client(), dpo)

    floor_path = "/passord/endret/"

    def medians_ms(path: str) -> tuple[float, float]:
        """The page's median and the floor's, their requests taken in turn, so that a
        machine that slows down or speeds up during the run moves both alike."""
        client.get(path)  # warm caches and the session
        client.get(floor_path)
        times: dict[str, list[float]] = {path: [], floor_path: []}
        for _ in range(args.runs):
            for each in (path, floor_path):
                t0 = time.perf_counter()
                answer = client.get(each)
                times[each].append((time.perf_counter() - t0) * 1000)
                assert answer.status_code == 200, (each, answer.status_code)
        return statistics.median(times[path]), statistics.median(times[floor_path])

    print(f"{'page':40} {'median':>8}     {'floor':>8}   ratio (the floor: a trivial authenticated view, in turn)")
    for label, path in (
        ("DPO worklist (/avvik/)", "/avvik/"),
        ("register (/register/)", "/register/"),
        ("worklist, all states", "/avvik/?state=all"),
        ("worklist, one state", "/avvik/?state=triage"),
        ("register, one decision", "/register/?decision=notified"),
        ("worklist, search finding one case", "/avvik/?state=all&q=sak+4242&sort=-risiko"),
        ("register, search finding one case", "/register/?q=sak+4242&sort=-risiko"),
        ("worklist, sorted by handler", "/avvik/?state=all&sort=saksbehandler"),
        # Every case of the bench says «Testsak»: the worst a search can be (all 10,000 found,
        # counted and sorted).
        ("worklist, search finding every case", "/avvik/?state=all&q=testsak"),
        ("register, search finding every case", "/register/?q=testsak&sort=-risiko"),
    ):
        value, floor = medians_ms(path)
        print(f"{label:40} {value:8.2f} ms  {floor:8.2f} ms   {value / floor:5.2f}x the floor (target <= 3x)")
    if old is not None:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
