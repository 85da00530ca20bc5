import signal
import time
from argparse import ArgumentParser
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from core.periodic import run_all, run_due


class Command(BaseCommand):
    help = "Run the periodic jobs each on its own interval (deadline sweep, outbox flush ...); the embedded worker."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--once", action="store_true", help="one pass, then exit")
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between passes")

    def handle(self, *args: Any, **options: Any) -> None:
        jobs = list(settings.AVVIK_PERIODIC_JOBS)
        if options["once"]:
            failed = run_all()
            self.stdout.write(f"ran {len(jobs)} job(s), {len(failed)} failed")
            return
        stopping = False

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        every = options["interval"]
        self.stdout.write(f"run_scheduler: {len(jobs)} job(s) on their intervals, checked every {every} s")
        last_run: dict[str, float] = {}
        while not stopping:
            run_due(last_run, time.monotonic())
            deadline = time.monotonic() + options["interval"]
            while not stopping and time.monotonic() < deadline:
                time.sleep(0.2)
