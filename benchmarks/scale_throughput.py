"""Issue 14: every list page, at 100 and 100,000 cases, 50 and 5,000 themes, side by side.

Starts the portal in production mode (``KYOSO_ENV=production``, DEBUG off, Redis cache)
under gunicorn with 2 sync workers on 127.0.0.1, once per data set, each on its own
PostgreSQL database loaded once (``manage.py load_scale``) and reused with ``--reuse-db``:

- small: 100 cases, 50 themes (database ``kyoso_bench_scale_small``);
- large: 100,000 cases, 5,000 themes, 10,000 decisions (``kyoso_bench_scale_large``).

On each server the bench users sign in through the sign-in form and the TOTP step, every URL
is checked (200, the expected content), then measured in turn between a first and a last
``/healthz`` (the minimal view of the same process), the load on loopback with 2x as many
connections as workers (both workers busy). It prints one table (req/s, p50, p99, ratio to
the minimal view) and the targets of issue 14 with PASS or MISS.

Run from the project root:  .venv/bin/python benchmarks/scale_throughput.py --reuse-db
Exit status: 0 every target met, 1 a target missed, 2 the benchmark failed or had errors.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))  # benchmarks/throughput/, tests/operations/

from benchmarks.throughput import load  # noqa: E402
from benchmarks.throughput.common import HOST, BenchmarkError, log  # noqa: E402
from benchmarks.throughput.database import DatabaseCpu, postgres_connect  # noqa: E402
from benchmarks.throughput.load import measure  # noqa: E402
from benchmarks.throughput.report import machine_lines  # noqa: E402
from benchmarks.throughput.scale_data import (  # noqa: E402
    PASSWORD,
    DataSet,
    ensure_loaded,
    loader_available,
    prepare,
)
from benchmarks.throughput.scale_report import Measured, report  # noqa: E402
from benchmarks.throughput.scale_rows import (  # noqa: E402
    THEME_LINK,
    fetch,
    healthz,
    my_rows,
    office_rows,
    reference_rows,
    results_rows,
    theme_page_rows,
    theme_rows,
)
from benchmarks.throughput.seed import manage  # noqa: E402
from benchmarks.throughput.server import Gunicorn, free_port  # noqa: E402
from benchmarks.throughput.signin import sign_in  # noqa: E402

RESERVED_DATABASES = {"kyoso", "kyoso_bench", "test_kyoso", "postgres"}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Issue 14's list pages at two sizes, against /healthz, under gunicorn "
        "(production mode, PostgreSQL, Redis)."
    )
    add = parser.add_argument
    add("--duration", type=float, default=5.0, help="seconds measured per row")
    add("--warmup", type=float, default=2.0, help="seconds of warm-up per row, not counted")
    add("--workers", type=int, default=2, help="gunicorn sync workers")
    add("--connections", type=int, help="concurrent connections (default: 2x workers)")
    add("--reuse-db", action="store_true", help="reuse a database that holds the data set")
    add(
        "--loader",
        choices=["auto", "load_scale", "standin"],
        default="auto",
        help="manage.py load_scale (auto: when it exists) or the stand-in of the tests' factories",
    )
    add("--sets", choices=["both", "small", "large"], default="both", help="data sets measured")
    add("--small-db", default="kyoso_bench_scale_small")
    add("--large-db", default="kyoso_bench_scale_large")
    add("--small-cases", type=int, default=100)
    add("--small-themes", type=int, default=50)
    add("--small-decisions", type=int, default=10)
    add("--large-cases", type=int, default=100_000)
    add("--large-themes", type=int, default=5_000)
    add("--large-decisions", type=int, default=10_000)
    add("--no-page-cache", action="store_true", help="KYOSO_PUBLIC_PAGE_CACHE_SECONDS=0")
    add(
        "--no-references",
        action="store_true",
        help="without the reference rows (a stock Django admin changelist and a minimal "
        "template's table of the same cases, benchmarks/reference_urls.py)",
    )
    add("--postgres", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server")
    add(
        "--cache-url",
        default=os.environ.get("BENCHMARK_CACHE_URL", "redis://127.0.0.1:6379/13"),
        help="Redis for the portal's cache (keys under a prefix of this run)",
    )
    add("--client", choices=["auto", "wrk", "python"], default="auto", help="load generator")
    add(
        "--timeout",
        type=float,
        default=load.REQUEST_TIMEOUT,
        help="seconds a request may take before it counts as an error",
    )
    args = parser.parse_args(argv)
    args.connections = args.connections or 2 * args.workers
    if min(args.duration, args.workers, args.connections, args.timeout) <= 0:
        parser.error("--duration, --workers, --connections and --timeout must be positive")
    for name in (args.small_db, args.large_db):
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name) or name in RESERVED_DATABASES:
            parser.error(f"database {name!r}: not allowed (lowercase, not {RESERVED_DATABASES})")
    return args


def production_env(args, workdir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "GUNICORN_CMD_ARGS"}
    env.update(
        DJANGO_SETTINGS_MODULE="mishima_kyoso.settings",
        KYOSO_ENV="production",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS=HOST,
        KYOSO_BASE_URL=f"http://{HOST}",  # the links in mails (kyoso.E002); none is sent
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
        CACHE_URL=args.cache_url,
        # A prefix of this run: no key (page cache, used TOTP codes, rate limits) of another
        # run or another benchmark is read.
        CACHE_KEY_PREFIX=f"kyoso-scale-bench-{secrets.token_hex(4)}",
    )
    if args.no_page_cache:
        env["KYOSO_PUBLIC_PAGE_CACHE_SECONDS"] = "0"
    if not args.no_references:
        # The portal's settings and URLs, plus the reference pages under /reference/.
        env["DJANGO_SETTINGS_MODULE"] = "benchmarks.reference_settings"
    return env


def data_sets(args) -> list[DataSet]:
    small = DataSet(
        "small", args.small_db, args.small_cases, args.small_themes, args.small_decisions
    )
    large = DataSet(
        "large", args.large_db, args.large_cases, args.large_themes, args.large_decisions
    )
    return {"both": [small, large], "small": [small], "large": [large]}[args.sets]


def check(port, rows, cookies, setup: list[str], when: str) -> None:
    """Every row answers 200 with the expected content; otherwise the run stops."""
    for row in rows:
        started = time.perf_counter()
        status, body = fetch(port, row.path, cookies.get(row.who))
        took = 1000 * (time.perf_counter() - started)
        ok, shows = row.check(body) if status == 200 else (False, "")
        who = row.who or "anonymous"
        setup.append(
            f"check {when}: GET {row.path} as {who} -> {status} in {took:.0f} ms alone, "
            f"{len(body):,} B, {shows}"
        )
        if not ok:
            raise BenchmarkError(f"{row.path} as {who}: HTTP {status}, {shows or 'no content'}")


def _healthz_status(port: int) -> int:
    try:
        return fetch(port, "/healthz", None)[0]
    except (OSError, http.client.HTTPException):  # a timeout: the workers are still busy
        return 0


def settle(port: int, workers: int, limit: float = 120.0) -> None:
    """Wait until every worker is free again: a row whose requests timed out on the client
    leaves them working on the server, which must not slow the next row down."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=workers) as pool:
            statuses = list(pool.map(lambda _: _healthz_status(port), range(workers)))
        if statuses == [200] * workers and time.monotonic() - started < 1.0:
            return
        time.sleep(1)
    log(f"the workers did not become free within {limit:g} s")


def run_phase(args, data, env, python, gunicorn, wrk, workdir, setup) -> list[Measured]:
    env = {
        **env,
        "DATABASE_URL": f"{args.postgres}/{data.database}",
        # Each server its own keys: the other data set's cached pages are not this one's.
        "CACHE_KEY_PREFIX": f"{env['CACHE_KEY_PREFIX']}-{data.name}",
    }
    prepared = prepare(env, python)
    setup.append(
        f"data {data.name}: {prepared['cases']:,} cases ({prepared['submitted']:,} submitted), "
        f"{prepared['themes']:,} published themes, {prepared['decisions']:,} published "
        f"decisions; users: "
        + ", ".join(
            f"{email} ({'TOTP' if user.get('totp_secret') else 'password'})"
            for email, user in prepared["users"].items()
        )
    )
    server = Gunicorn(gunicorn, free_port(), args.workers, env, workdir)
    log(f"{data.name}: starting gunicorn on {HOST}:{server.port} ({args.workers} sync workers)")
    server.start()
    try:
        rows = theme_rows(data, prepared)
        if data.name == "large":
            status, body = fetch(server.port, "/themes/", None)
            numbers = THEME_LINK.findall(body)
            if status != 200 or not numbers:
                raise BenchmarkError(f"/themes/ answered {status} without a theme link")
            rows += theme_page_rows(data, f"/themes/{numbers[0].decode()}/")
            rows += results_rows(data, prepared)
        rows += office_rows(data, prepared)
        if not args.no_references:
            rows += reference_rows(data, prepared)
        if data.name == "large":
            rows += my_rows(data, prepared)
        cookies = {None: None}
        for email in dict.fromkeys(row.who for row in rows if row.who):
            log(f"{data.name}: signing {email} in (sign-in form, TOTP step for staff)")
            cookies[email] = sign_in(server.port, email, PASSWORD, prepared)
        check(server.port, rows, cookies, setup, "before")
        rows = [healthz("first"), *rows, healthz("last")]
        database = DatabaseCpu(args.postgres, data.database)
        try:
            measured = []
            for row in rows:
                settle(server.port, args.workers)
                result = measure(args, server, database, wrk, row.label, row.path, cookies[row.who])
                measured.append(Measured(data.name, row, result))
        finally:
            database.close()
        check(server.port, rows, cookies, setup, "after ")
        return measured
    except BenchmarkError:
        log(f"gunicorn's log:\n{server.log_tail()}")
        raise
    finally:
        log(f"{data.name}: stopping gunicorn")
        server.stop()


def main(argv=None) -> int:
    args = parse_args(argv)
    load.REQUEST_TIMEOUT = args.timeout  # read by the load generators at each call
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    python = sys.executable
    bin_dir = Path(python).parent
    gunicorn = str(bin_dir / "gunicorn") if (bin_dir / "gunicorn").exists() else None
    gunicorn = gunicorn or shutil.which("gunicorn")
    if not gunicorn:
        log("gunicorn not found: run with the project's .venv/bin/python")
        return 2
    wrk = shutil.which("wrk") if args.client in ("auto", "wrk") else None
    if args.client == "wrk" and not wrk:
        log("--client wrk: wrk is not on PATH")
        return 2
    loader = args.loader
    if loader == "auto":
        loader = "load_scale" if loader_available() else "standin"
    if loader == "load_scale" and not loader_available():
        log("--loader load_scale: mishima_kyoso/management/commands/load_scale.py is missing")
        return 2
    client = (f"wrk ({wrk}), 1 thread" if wrk else "built-in asyncio client") + (
        f", {args.connections} connections, {args.warmup:g} s warm-up + {args.duration:g} s "
        "measured per row"
    )
    with tempfile.TemporaryDirectory(prefix="kyoso-scale-bench-") as tmp:
        workdir = Path(tmp)
        env = production_env(args, workdir)
        sets = data_sets(args)
        setup = [
            f"server:   gunicorn {args.workers} sync workers on {HOST}, KYOSO_ENV=production, "
            f"DEBUG off, cache {args.cache_url} (prefix {env['CACHE_KEY_PREFIX']}-<set>), public "
            f"page cache {'OFF' if args.no_page_cache else 'ON (anonymous rows: cache hits)'}, "
            f"settings {env['DJANGO_SETTINGS_MODULE']}",
            "sign-in:  a real sign-in per user on each server: the sign-in form (e-mail, "
            "password, CSRF token), then for staff the TOTP step with the current code of an "
            "authenticator app made for the run (allauth.mfa TOTP.activate)",
        ]
        try:
            for data in sets:
                how = ensure_loaded(
                    data,
                    base_url=args.postgres,
                    env=env,
                    python=python,
                    reuse=args.reuse_db or not data.database.startswith("kyoso_bench_"),
                    loader=loader,
                )
                setup.append(f"data {data.name}: {data.describe()}: {how}")
            log("collectstatic")
            manage(
                {**env, "DATABASE_URL": f"{args.postgres}/{sets[0].database}"},
                python,
                "collectstatic",
                "--noinput",
            )
            with postgres_connect(args.postgres, "postgres") as connection:
                pg_version = connection.execute("SHOW server_version").fetchone()[0]
            header = machine_lines(python, pg_version, client)
            if loader == "standin":
                header.append(
                    "!!! STAND-IN DATA (tests' factories, load_scale missing or not chosen): "
                    "not the issue's data sets"
                )
            measured = []
            for data in sets:
                measured += run_phase(args, data, env, python, gunicorn, wrk, workdir, setup)
            return report(
                header, setup, measured, workers=args.workers, connections=args.connections
            )
        except (BenchmarkError, subprocess.TimeoutExpired, OSError, psycopg.Error) as error:
            print("\n".join(setup), flush=True)
            log(f"FAILED: {error}")
            print(f"!!! THE BENCHMARK FAILED: {error}", flush=True)
            return 2


if __name__ == "__main__":
    sys.exit(main())
