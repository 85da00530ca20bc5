"""Periodic jobs, run by run_scheduler (embedded) or Celery beat (production).

Every job is a function taking ``now`` that derives what to do from the database, so a
job that runs twice, or late, or in two processes at once, does no harm."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def job_function(path: str) -> Callable[..., object]:
    if path not in settings.AVVIK_PERIODIC_JOBS:
        raise ValueError(f"{path} is not a registered periodic job")
    function: Callable[..., object] = import_string(path)
    return function


def run_job(path: str, now: datetime | None = None) -> None:
    job_function(path)(now=now or timezone.now())


def run_all(now: datetime | None = None) -> list[str]:
    """Run every registered job once; returns the jobs that failed."""
    return run_jobs(list(settings.AVVIK_PERIODIC_JOBS), now)


def run_due(last_run: dict[str, float], clock: float, now: datetime | None = None) -> list[str]:
    """Run the jobs whose interval (AVVIK_PERIODIC_JOBS, in seconds) has passed since they
    last ran in this process, as beat would: the hourly purge does not run on every pass of
    run_scheduler. ``last_run`` maps a job to the ``clock`` (time.monotonic()) of its last
    good run and is updated here; a job never run is due, and a job that failed is due again
    on the next pass. Returns the jobs that failed."""
    due = [
        path
        for path, every in settings.AVVIK_PERIODIC_JOBS.items()
        if path not in last_run or clock - last_run[path] >= every
    ]
    failed = run_jobs(due, now)
    for path in due:
        if path not in failed:
            last_run[path] = clock
    return failed


def run_jobs(paths: list[str], now: datetime | None = None) -> list[str]:
    """Run the given jobs once each; a failing job is logged and does not stop the others.

    A long-lived process (run_scheduler) must not keep a database connection that broke or
    outlived CONN_MAX_AGE: before and after each job, a broken or old connection is closed
    and the next query opens a new one, as Django does around each request. A job that
    loses its connection (the database restarted) is logged by name and error type only,
    and runs again on the next pass."""
    failed = []
    for path in paths:
        close_old_connections()
        try:
            run_job(path, now)
        except (OperationalError, InterfaceError) as error:
            logger.warning(
                "periodic job %s: database unavailable (%s); tried again next pass", path, type(error).__name__
            )
            failed.append(path)
        except Exception:
            logger.exception("periodic job failed: %s", path)
            failed.append(path)
        finally:
            close_old_connections()
    return failed
