"""The Celery app. Tasks are discovered in the apps; the beat schedule is static and built
from AVVIK_PERIODIC_JOBS, the same list run_scheduler runs in the embedded mode."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("avvik")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _beat_schedule(sender: Celery, **_: object) -> None:
    from django.conf import settings

    sender.conf.beat_schedule = {
        path: {"task": "avvik.run_periodic_job", "schedule": float(every), "args": (path,)}
        for path, every in settings.AVVIK_PERIODIC_JOBS.items()
    }


@app.task(name="avvik.run_periodic_job", ignore_result=True)
def run_periodic_job(path: str) -> None:
    """Run one periodic job from AVVIK_PERIODIC_JOBS (beat's counterpart of run_scheduler)."""
    from core.periodic import run_job

    run_job(path)
