"""Jobs of the job-engine tests: declared like the portal's own, importable by a worker."""

import time
from pathlib import Path

from jobs.queue import job


@job("test: a slow job that leaves a trace")
def slow_trace(path: str, seconds: float) -> None:
    """Writes "started", works `seconds`, writes "done": a worker killed meanwhile leaves
    "started" alone, and a job run twice to the end leaves "done" twice."""
    trace = Path(path)
    with trace.open("a") as out:
        out.write("started\n")
    time.sleep(seconds)
    with trace.open("a") as out:
        out.write("done\n")
