"""Throughput of the public theme list against a minimal Django view, under gunicorn.

Starts the portal in production mode (``KYOSO_ENV=production``, DEBUG off, whitenoise
manifest storage) under gunicorn with 2 sync workers on 127.0.0.1, on a dedicated
PostgreSQL database filled with ``--themes`` published themes, then measures in one run:

1. ``/healthz``        the minimal view (no database, no template), first;
2. ``/themes/``        the public list, page 1 (20 themes a page);
3. ``/themes/<n>/``    one theme page, with answered questions;
4. ``/healthz``        the minimal view again, last, so that drift shows.

The minimal view's figure is the mean of its two runs; every other URL is given as a
ratio to it. The target of the issue is ``/themes/`` at >= 0.5 of the minimal view.

Run from the project root:  .venv/bin/python benchmarks/themes_throughput.py
Exit status: 0 target reached, 1 target missed, 2 the benchmark itself failed or had errors.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))  # benchmarks/throughput/

from benchmarks.throughput.common import HOST, BenchmarkError, log  # noqa: E402
from benchmarks.throughput.database import DatabaseCpu, drop_database, recreate_database  # noqa: E402
from benchmarks.throughput.load import measure  # noqa: E402
from benchmarks.throughput.report import machine_lines, page_cache_line, report  # noqa: E402
from benchmarks.throughput.seed import manage, seed_themes  # noqa: E402
from benchmarks.throughput.server import Gunicorn, free_port, http_get  # noqa: E402


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Requests per second of /themes/ and a theme page against /healthz, "
        "under gunicorn (production mode, PostgreSQL)."
    )
    parser.add_argument("--duration", type=float, default=10.0, help="seconds measured per URL")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of warm-up per URL")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections")
    parser.add_argument("--themes", type=int, default=50, help="published themes to create")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="turn the public page cache off (KYOSO_PUBLIC_PAGE_CACHE_SECONDS=0) to measure "
        "the rendering itself",
    )
    parser.add_argument(
        "--keep-db", action="store_true", help="leave the benchmark database in place at the end"
    )
    parser.add_argument("--db-name", default="kyoso_bench", help="database dropped and re-created")
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432",
        help="PostgreSQL server, without a database name",
    )
    parser.add_argument(
        "--client",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="load generator: wrk if on PATH (auto), or the built-in asyncio client",
    )
    args = parser.parse_args(argv)
    if args.duration <= 0 or args.connections < 1 or args.themes < 1 or args.workers < 1:
        parser.error("--duration, --connections, --themes and --workers must be positive")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", args.db_name):
        parser.error("--db-name: lowercase letters, digits and underscores only")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    # Stopped by SIGTERM: unwind like Ctrl-C, so that gunicorn is stopped and the database dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    bin_dir = Path(sys.executable).parent
    python = sys.executable
    gunicorn = str(bin_dir / "gunicorn") if (bin_dir / "gunicorn").exists() else None
    gunicorn = gunicorn or shutil.which("gunicorn")
    if not gunicorn:
        log("gunicorn not found: run with the project's .venv/bin/python")
        return 2
    wrk = shutil.which("wrk") if args.client in ("auto", "wrk") else None
    if args.client == "wrk" and not wrk:
        log("--client wrk: wrk is not on PATH")
        return 2
    client = (
        f"wrk ({wrk}), 1 thread, {args.connections} connections"
        if wrk
        else f"built-in asyncio client, {args.connections} connections"
    ) + f", {args.warmup:g} s warm-up + {args.duration:g} s measured per URL"

    server = None
    database_created = False
    with tempfile.TemporaryDirectory(prefix="kyoso-bench-") as tmp:
        workdir = Path(tmp)
        env = {k: v for k, v in os.environ.items() if k != "GUNICORN_CMD_ARGS"}
        env.update(
            DJANGO_SETTINGS_MODULE="mishima_kyoso.settings",
            KYOSO_ENV="production",
            DEBUG="false",
            SECRET_KEY=secrets.token_urlsafe(48),
            ALLOWED_HOSTS=HOST,
            SECURE_SSL_REDIRECT="false",
            KYOSO_BASE_URL=f"http://{HOST}",  # the links in mails (kyoso.E002); none is sent
            DATABASE_URL=f"{args.postgres}/{args.db_name}",
            STATIC_ROOT=str(workdir / "static"),
            MEDIA_ROOT=str(workdir / "media"),
            LOG_LEVEL="WARNING",
            PYTHONDONTWRITEBYTECODE="1",
            # Production needs a shared cache (kyoso.E001); database 13 is the benchmark's own.
            CACHE_URL=os.environ.get("BENCHMARK_CACHE_URL", "redis://127.0.0.1:6379/13"),
        )
        if args.no_page_cache:
            env["KYOSO_PUBLIC_PAGE_CACHE_SECONDS"] = "0"
        try:
            log(f"re-creating database {args.db_name}")
            pg_version = recreate_database(args.postgres, args.db_name)
            database_created = True
            log("migrate")
            manage(env, python, "migrate", "--noinput")
            log("collectstatic")
            manage(env, python, "collectstatic", "--noinput")
            log(f"creating {args.themes} published themes")
            seeded = seed_themes(env, python, args.themes)
            detail_path = f"/themes/{seeded['detail']}/"

            server = Gunicorn(gunicorn, free_port(), args.workers, env, workdir)
            log(f"starting gunicorn on {HOST}:{server.port} ({args.workers} sync workers)")
            server.start()

            targets = [
                ("/healthz (minimal view, first)", "/healthz"),
                (f"/themes/ ({args.themes} themes, page 1)", "/themes/"),
                (f"{detail_path} (theme page)", detail_path),
                ("/healthz (minimal view, last)", "/healthz"),
            ]
            setup = [
                f"server:   gunicorn {args.workers} sync workers on {HOST}:{server.port}, "
                f"KYOSO_ENV=production, DEBUG off, database {args.db_name} "
                f"({args.themes} published themes)",
                f"cache:    public page cache {page_cache_line(seeded)}",
            ]
            for _label, path in targets[:3]:
                status, body = http_get(server.port, path)
                shown = len(set(re.findall(rb'href="/themes/(\d+)/"', body)))
                setup.append(
                    f"check:    GET {path} -> {status}, {len(body)} bytes"
                    + (f", links to {shown} themes" if path == "/themes/" else "")
                )
                if status != 200:
                    print("\n".join(setup), flush=True)
                    log(f"{path} answered {status}; gunicorn's log:\n{server.log_tail()}")
                    print(f"!!! {path} ANSWERED {status}: NOTHING MEASURED.", flush=True)
                    return 2
                if path == "/themes/" and shown < min(args.themes, 20):
                    setup.append(f"!!! the list shows {shown} themes, expected 20 or all")

            header = machine_lines(python, pg_version, client)
            database = DatabaseCpu(args.postgres, args.db_name)
            try:
                results = [
                    measure(args, server, database, wrk, label, path) for label, path in targets
                ]
            finally:
                database.close()
            return report(args, header, setup, results, list_index=1)
        except (BenchmarkError, subprocess.TimeoutExpired, OSError, psycopg.Error) as error:
            log(f"FAILED: {error}")
            if server is not None:
                log(f"gunicorn's log:\n{server.log_tail()}")
            return 2
        finally:
            if server is not None:
                log("stopping gunicorn")
                server.stop()
            if database_created and not args.keep_db:
                with contextlib.suppress(Exception):
                    drop_database(args.postgres, args.db_name)
            elif database_created:
                log(f"database {args.db_name} kept (--keep-db)")


if __name__ == "__main__":
    sys.exit(main())
