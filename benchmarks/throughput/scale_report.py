"""The scale benchmark's report: one table for both data sets, then the targets of issue 14
with PASS or MISS."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

from .load import Result
from .scale_rows import Row

THEMES_SIGNED_IN_RATIO = 0.3
OFFICE_LIST_RATIO = 0.1
OFFICE_LIST_GROWTH = 1.5
LIST_P99_MS = 100.0


@dataclass
class Measured:
    phase: str  # "small" or "large"
    row: Row
    result: Result
    baseline: float = math.nan  # req/s of the phase's minimal view (mean of first and last)

    @property
    def ratio(self) -> float:
        return self.result.rps / self.baseline if self.baseline else math.nan


def set_baselines(measured: list[Measured]) -> dict[str, tuple[float, float]]:
    """Each phase's minimal view: mean of its first and last /healthz; and their drift in %."""
    out = {}
    for phase in dict.fromkeys(m.phase for m in measured):
        minimal = [m.result.rps for m in measured if m.phase == phase and m.row.key == "healthz"]
        baseline = sum(minimal) / len(minimal)
        drift = abs(minimal[0] - minimal[-1]) / baseline * 100 if baseline else math.nan
        for m in measured:
            if m.phase == phase:
                m.baseline = baseline
        out[phase] = (baseline, drift)
    return out


def table(measured: list[Measured]) -> list[str]:
    width = max(len(m.row.label) for m in measured)
    head = (
        f"{'set':<5}  {'URL':<{width}}  {'req/s':>7}  {'p50 ms':>7}  {'p99 ms':>7}  "
        f"{'errors':>6}  {'ratio':>5}  {'CPU: server':>11}  {'db':>5}  {'client':>6}  "
        f"{'srv ms/req':>10}"
    )
    lines = [head, "-" * len(head)]
    for m in measured:
        r = m.result
        per_request = 1000 * r.server_cpu / r.requests if r.requests else math.nan
        lines.append(
            f"{m.phase:<5}  {m.row.label:<{width}}  {r.rps:>7.1f}  {r.percentile(50):>7.1f}  "
            f"{r.percentile(99):>7.1f}  {r.error_count:>6}  {m.ratio:>5.2f}  "
            f"{100 * r.server_cpu / r.duration:>10.0f}%  {100 * r.database_cpu / r.duration:>4.0f}%"
            f"  {100 * r.client_cpu / r.duration:>5.0f}%  {per_request:>10.1f}"
        )
    return lines


def _find(measured, phase, key):
    return next((m for m in measured if m.phase == phase and m.row.key == key), None)


def targets(measured: list[Measured], *, busy: bool) -> tuple[list[str], bool]:
    """The targets of issue 14, each PASS or MISS; and whether all passed."""
    lines = []
    passed = True

    def verdict(ok: bool, text: str) -> None:
        nonlocal passed
        passed = passed and ok
        lines.append(f"{'PASS' if ok else 'MISS'}  {text}")

    for phase in ("small", "large"):
        m = _find(measured, phase, "themes-signed-in")
        if m:
            verdict(
                m.ratio >= THEMES_SIGNED_IN_RATIO,
                f"signed-in /themes/ at {m.row.data.themes:,} themes: {m.ratio:.2f}x the "
                f"minimal view (target >= {THEMES_SIGNED_IN_RATIO}x)",
            )
    for key, name in (("work-list", "staff work list"), ("admin-list", "admin case list")):
        large, small = _find(measured, "large", key), _find(measured, "small", key)
        if large:
            verdict(
                large.ratio >= OFFICE_LIST_RATIO,
                f"{name} at {large.row.data.cases:,} cases: {large.ratio:.2f}x the minimal "
                f"view (target >= {OFFICE_LIST_RATIO}x)",
            )
        if large and small:
            growth = small.ratio / large.ratio if large.ratio else math.inf
            verdict(
                growth <= OFFICE_LIST_GROWTH,
                f"{name}: {small.ratio:.2f}x at {small.row.data.cases:,} cases, "
                f"{large.ratio:.2f}x at {large.row.data.cases:,}: {growth:.2f} times slower "
                f"(target within {OFFICE_LIST_GROWTH}x)",
            )
    for m in measured:
        if m.phase == "large" and m.row.is_list:
            p99 = m.result.percentile(99)
            verdict(
                busy and p99 < LIST_P99_MS,
                f"p99 of {m.row.label}: {p99:.1f} ms (target < {LIST_P99_MS:g} ms with both "
                "workers busy"
                + ("" if busy else "; NOT MEASURED busy: --connections too low")
                + ")",
            )
    return lines, passed


def report(header, setup, measured: list[Measured], *, workers: int, connections: int) -> int:
    baselines = set_baselines(measured)
    busy = connections >= 2 * workers
    lines = [*header, *setup, ""]
    lines += table(measured)
    lines.append("")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = os.getloadavg()
    used = sum(
        m.result.server_cpu + m.result.database_cpu + m.result.client_cpu for m in measured
    ) / sum(m.result.duration for m in measured)
    lines.append(
        f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; the benchmark's "
        f"processes used {100 * used / cores:.0f} % of the {cores} cores during the measures"
    )
    for phase, (baseline, drift) in baselines.items():
        lines.append(
            f"minimal view ({phase}): {baseline:.1f} req/s, mean of its first and last run "
            f"(they differ by {drift:.1f} %"
            + (", more than 10 %: the machine was not steady)" if drift > 10 else ")")
        )
    lines.append(
        f"both workers busy: {connections} connections on {workers} sync workers "
        + (
            "(>= 2x workers: every p99 above is a p99 with both workers busy)"
            if busy
            else "(< 2x workers: the p99 targets are NOT measured with both workers busy)"
        )
    )
    lines.append(
        "ratio: req/s of the row / req/s of the minimal view of the same server (set); "
        "req/s counts 200 responses; latencies are of 200 responses, connect included; "
        "CPU in % of one core: gunicorn, the PostgreSQL backends, the load generator; "
        "srv ms/req: gunicorn's CPU time per 200 response, the cost of a request whatever "
        "else the machine runs."
    )
    if any(m.row.key.startswith("reference-") for m in measured):
        lines.append(
            "reference rows: not the portal's pages but Django's own cost for the same cases "
            "on the same server (benchmarks/reference_urls.py): a stock ModelAdmin changelist "
            "(50 rows, 7 plain columns, no filters, Django's two full counts) and a minimal "
            "template's table of 50 rows (no session, header or form), both in the index's "
            "order; they have no target."
        )
    with_errors = [m for m in measured if m.result.error_count or not m.result.requests]
    for m in with_errors:
        detail = ", ".join(f"{k}: {v}" for k, v in sorted(m.result.errors.items()))
        if not m.result.requests:  # every request outlasted the measure: nothing to read
            detail = (
                ", ".join(filter(None, [detail, "no 200 response within the measured seconds"]))
                + " (raise --duration and --timeout to measure this page)"
            )
        lines.append(f"!!! ERRORS on {m.phase} {m.row.label}: {detail}")
    if with_errors:
        lines.append("!!! THIS BENCHMARK HAD ERRORS: ITS FIGURES ARE NOT VALID.")
    lines += ["", "Targets (issue 14):"]
    target_lines, passed = targets(measured, busy=busy)
    lines += target_lines
    missed = sum(line.startswith("MISS") for line in target_lines)
    lines.append(
        f"RESULT: {len(target_lines) - missed} of {len(target_lines)} targets met"
        + ("." if passed else f", {missed} MISSED.")
    )
    print("\n".join(lines), flush=True)
    if with_errors:
        return 2
    return 0 if passed else 1
