"""A worker knows only the tasks of the modules Celery's autodiscovery imports (each app's
``tasks`` module): a task defined elsewhere and not named there is refused by the worker as
"unregistered", and its deliveries wait. Checked in a fresh process, as a worker starts —
in this test process every module has long been imported by other tests."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TASK_NAME = re.compile(r"""shared_task\([^)]*name=["']([^"']+)["']""")
WORKER_SEES = (
    "import django, json; django.setup(); from config.celery import app; "
    "app.loader.import_default_modules(); print(json.dumps(sorted(app.tasks)))"
)


def defined_tasks() -> set[str]:
    names: set[str] = set()
    for package in ("accounts", "core", "incidents", "notifications"):
        for path in (ROOT / package).rglob("*.py"):
            names.update(TASK_NAME.findall(path.read_text(encoding="utf-8")))
    return names


def test_every_task_of_the_apps_is_known_to_a_freshly_started_worker() -> None:
    defined = defined_tasks()
    assert "notifications.send_shipments" in defined  # the scan finds them
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    out = subprocess.run(
        [sys.executable, "-c", WORKER_SEES], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    registered = set(json.loads(out.strip().splitlines()[-1]))
    assert defined - registered == set()
