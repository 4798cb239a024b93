"""What every part of the throughput benchmark shares: where the project is, the server's
address, the time limits, the progress log on stderr and the benchmark's own error."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
TARGET_RATIO = 0.5
REQUEST_TIMEOUT = 10.0  # seconds, per request
STARTUP_TIMEOUT = 60.0  # seconds for gunicorn to answer /healthz
MANAGE_TIMEOUT = 300  # seconds for migrate, collectstatic and the seeding


def log(message: str) -> None:
    """Progress goes to stderr; the report goes to stdout."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


class BenchmarkError(RuntimeError):
    pass


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far, 0 if it is gone."""
    with contextlib.suppress(OSError, IndexError, ValueError):
        after_name = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(after_name[11]) + int(after_name[12])) / os.sysconf("SC_CLK_TCK")
    return 0.0
