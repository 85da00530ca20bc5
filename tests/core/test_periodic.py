"""The embedded scheduler runs each periodic job on its own interval, as beat does."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from core.periodic import run_due

RAN: list[str] = []


def every_ten(now: datetime) -> None:
    RAN.append("ten")


def hourly(now: datetime) -> None:
    RAN.append("hourly")


def broken(now: datetime) -> None:
    RAN.append("broken")
    raise RuntimeError("the job failed")


@pytest.fixture
def jobs(settings: Any, db: None) -> None:
    RAN.clear()  # run_jobs closes old database connections around each job, as a request would
    settings.AVVIK_PERIODIC_JOBS = {
        "tests.core.test_periodic.every_ten": 10,
        "tests.core.test_periodic.hourly": 3600,
        "tests.core.test_periodic.broken": 10,
    }


def test_each_job_runs_at_once_then_on_its_own_interval(jobs: None) -> None:
    last_run: dict[str, float] = {}
    for clock in (100.0, 105.0, 110.0, 115.0, 120.0, 3699.0, 3700.0):
        run_due(last_run, clock)
    # Ten seconds: at 100, 110, 120, 3699 (its interval long past), 3700 is only 1 s later.
    assert RAN.count("ten") == 4
    # Hourly: at the start and an hour later, not on every pass.
    assert RAN.count("hourly") == 2


def test_a_failed_job_is_due_again_on_the_next_pass(jobs: None, caplog: Any) -> None:
    last_run: dict[str, float] = {}
    assert run_due(last_run, 100.0) == ["tests.core.test_periodic.broken"]
    assert run_due(last_run, 101.0) == ["tests.core.test_periodic.broken"]
    assert RAN.count("broken") == 2
    assert RAN.count("ten") == 1
    assert "tests.core.test_periodic.broken" not in last_run
