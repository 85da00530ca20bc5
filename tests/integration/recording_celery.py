"""`python -m tests.integration.recording_celery …` is `celery …` that also appends every task
message it publishes — name, arguments, their reprs and the other headers — as one JSON line
to the file named by AVVIK_TEST_PUBLISHED, from the worker, its pool processes and its
embedded beat alike: what a test reads to check what went through the broker."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from celery.signals import before_task_publish


def record(sender: str | None = None, body: Any = None, headers: Any = None, **_kwargs: Any) -> None:
    line = json.dumps({"task": sender, "body": body, "headers": headers}, default=repr) + "\n"
    # One write per message on a file opened for appending: lines from several processes
    # do not interleave.
    fd = os.open(os.environ["AVVIK_TEST_PUBLISHED"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)


if __name__ == "__main__":
    before_task_publish.connect(record, weak=False)
    from celery.__main__ import main

    sys.exit(main())
