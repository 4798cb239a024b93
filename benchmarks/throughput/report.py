"""The report on stdout: the machine and software, the table of figures, the result."""

from __future__ import annotations

import contextlib
import datetime
import math
import os
import platform
import subprocess
import sys
from pathlib import Path

from .common import TARGET_RATIO
from .load import Result


def machine_lines(python: str, pg_version: str, client: str) -> list[str]:
    import django

    versions = subprocess.run(
        [
            python,
            "-c",
            "import django, gunicorn, psycopg, sys; "
            "print(sys.version.split()[0], django.get_version(), gunicorn.__version__, "
            "psycopg.__version__)",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.split() or ["?", django.get_version(), "?", "?"]
    cpu_model = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"command:  {' '.join([sys.executable, *sys.argv])}",
        f"date:     {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}",
        "load:     average {:.2f} {:.2f} {:.2f} before the measures".format(*os.getloadavg()),
        f"machine:  nproc {nproc}, {cpu_model}, {platform.platform()}",
        f"software: Python {versions[0]}, Django {versions[1]}, gunicorn {versions[2]}, "
        f"psycopg {versions[3]}, PostgreSQL {pg_version}",
        f"client:   {client}",
    ]


def report(args, header: list[str], setup: list[str], results: list[Result], list_index: int):
    minimal = [r for r in results if r.path == "/healthz"]
    baseline = sum(r.rps for r in minimal) / len(minimal)
    drift = abs(minimal[0].rps - minimal[-1].rps) / baseline * 100 if baseline else math.nan
    lines = [*header, *setup, ""]
    width = max(len(r.label) for r in results)
    lines.append(
        f"{'URL':<{width}}  {'req/s':>8}  {'p50 ms':>7}  {'p90 ms':>7}  {'p99 ms':>7}  "
        f"{'errors':>6}  {'ratio':>5}  {'CPU: server':>11}  {'db':>5}  {'client':>6}"
    )
    lines.append("-" * len(lines[-1]))
    for r in results:
        ratio = r.rps / baseline if baseline else math.nan
        lines.append(
            f"{r.label:<{width}}  {r.rps:>8.1f}  {r.percentile(50):>7.2f}  "
            f"{r.percentile(90):>7.2f}  {r.percentile(99):>7.2f}  {r.error_count:>6}  "
            f"{ratio:>5.2f}  {100 * r.server_cpu / r.duration:>10.0f}%  "
            f"{100 * r.database_cpu / r.duration:>4.0f}%  {100 * r.client_cpu / r.duration:>5.0f}%"
        )
    lines.append("")
    load = os.getloadavg()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    used = sum(r.server_cpu + r.database_cpu + r.client_cpu for r in results) / sum(
        r.duration for r in results
    )
    lines.append(
        f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; the benchmark's "
        f"processes used {100 * used / cores:.0f} % of the {cores} cores during the measures "
        "(the rest was idle or taken by other processes)"
    )
    lines.append(
        f"minimal view: {baseline:.1f} req/s (mean of first and last run; they differ by "
        f"{drift:.1f} %{', more than 10 %: the machine was not steady' if drift > 10 else ''})"
    )
    lines.append(
        "req/s counts 200 responses; latencies are of 200 responses, connect included; "
        "CPU is in % of one core: gunicorn (master + workers), the PostgreSQL backends of "
        "the benchmark database, the load generator."
    )
    with_errors = [r for r in results if r.error_count]
    for r in with_errors:
        detail = ", ".join(f"{name}: {count}" for name, count in sorted(r.errors.items()))
        lines.append(f"!!! ERRORS on {r.label}: {detail}")
    if with_errors:
        lines.append("!!! THIS BENCHMARK HAD ERRORS: ITS FIGURES ARE NOT VALID.")
    list_ratio = results[list_index].rps / baseline if baseline else 0.0
    reached = list_ratio >= TARGET_RATIO
    lines.append(
        f"RESULT: /themes/ runs at {list_ratio:.2f} of the minimal view's throughput: "
        + (
            f"target >= {TARGET_RATIO} REACHED."
            if reached
            else f"target >= {TARGET_RATIO} NOT reached."
        )
    )
    print("\n".join(lines), flush=True)
    if with_errors:
        return 2
    return 0 if reached else 1


def page_cache_line(seeded: dict) -> str:
    seconds = seeded.get("page_cache_seconds")
    if seconds is None:
        return "not in the settings"
    if not seconds:
        return "OFF: every request renders its page"
    return (
        f"ON ({seconds} s, {seeded.get('cache_backend')}): after the warm-up, "
        "/themes/ and the theme page are cache hits (--no-page-cache to measure rendering)"
    )
