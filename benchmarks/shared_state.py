"""Shared state across gunicorn workers: the measurement of the shared cache, reproduced.

The portal runs in production mode (``KYOSO_ENV=production``, DEBUG off) under gunicorn with 3
sync workers on 127.0.0.1, against a scratch SQLite database of its own (migrated, static files
collected, one office account, business accounts, published themes; see
tests/operations/servers.py), twice:

- with the per-process cache (``CACHE_URL`` unset: local memory in each worker), the old
  behaviour; production now refuses it (system check kyoso.E001), which is silenced for this
  comparison only;
- with Redis (``CACHE_URL=redis://127.0.0.1:6379/14`` by default; that database is flushed at
  the start and at the end).

For each it measures:

1. **Wrong passwords checked before the account is blocked** (the limit: 5 per account in 5
   minutes). Sign-ins with a wrong password to one account, 3 at a time so that they reach
   different workers, until 3 rounds in a row are all refused (429) or 60 attempts were sent;
   counted: the attempts checked (answered 200, the form again), per worker (gunicorn's access
   log gives the worker's pid).
2. **Anonymous requests serving the old title after an admin edit.** 12 anonymous requests of
   a theme's page (4 rounds of 3: every worker caches it), then the office saves a new title
   in the admin (one request, one worker), then 12 anonymous requests (4 rounds of 3): how
   many still show the old title.

It prints both side by side. This prints figures, it is not a pass/fail test (the tests are
tests/operations/test_shared_state.py). Exit status: 0, or 2 if the benchmark itself failed.

Run from the project root (Redis on 127.0.0.1:6379):

    .venv/bin/python benchmarks/shared_state.py
    .venv/bin/python benchmarks/shared_state.py --workers 4 --redis-url redis://127.0.0.1:6379/13
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))  # tests.operations.servers

from tests.operations.servers import Browser, PortalError, ScratchPortal  # noqa: E402

LIMIT = 5  # wrong passwords per account in 5 minutes (settings: KYOSO_LOGIN_FAILED_LIMIT)
MAX_ATTEMPTS = 60
SAMPLES = 12


def log(message: str) -> None:
    """Progress goes to stderr; the report goes to stdout."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def in_parallel(calls):
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return [future.result() for future in [pool.submit(call) for call in calls]]


def wrong_passwords(server, email: str, concurrency: int) -> dict:
    """Send wrong passwords until every worker refuses; what was checked, per worker."""
    attackers = [Browser(server.url) for _ in range(concurrency)]
    statuses: list[int] = []
    refused_rounds = 0
    while len(statuses) < MAX_ATTEMPTS and refused_rounds < 3:
        start = len(statuses)
        round_statuses = in_parallel(
            [
                lambda attacker=attacker, n=start + i: attacker.sign_in(email, f"guess-{n}").status
                for i, attacker in enumerate(attackers)
            ]
        )
        statuses += round_statuses
        refused_rounds = refused_rounds + 1 if set(round_statuses) == {429} else 0
    unexpected = set(statuses) - {200, 429}
    if unexpected:
        raise PortalError(f"unexpected answers to the sign-ins: {sorted(unexpected)}")
    per_worker = Counter(
        pid
        for pid, method, path, status in server.requests()
        if method == "POST" and path == "/accounts/login/" and status == 200
    )
    return {
        "sent": len(statuses),
        "checked": statuses.count(200),
        "per_worker": sorted(per_worker.values(), reverse=True),
    }


def stale_after_edit(server, portal, theme: dict, concurrency: int) -> dict:
    """12 anonymous requests after one admin edit: how many still show the old title."""
    office = Browser(server.url)
    if office.sign_in(portal.seeded["office"], portal.seeded["password"]).status != 302:
        raise PortalError("the office could not sign in")
    rounds = SAMPLES // concurrency

    def visit():
        page = Browser(server.url).get(theme["path"])
        if page.status != 200:
            raise PortalError(f"GET {theme['path']} answered {page.status}")
        return page.text

    for _ in range(rounds):  # every worker renders the page once and caches it
        in_parallel([visit] * concurrency)
    warmed = {pid for pid, method, path, status in server.requests() if path == theme["path"]}
    form = office.get(theme["admin_path"])
    new_title = theme["title"].replace("旧タイトル", "新タイトル")
    saved = office.submit(form, {"title": new_title, "_save": "1"}, form_id="theme_form")
    if saved.status != 302:
        raise PortalError(f"the admin did not save the theme ({saved.status})")
    answers = []
    for _ in range(rounds):
        answers += in_parallel([visit] * concurrency)
    stale = sum(theme["title"] in text and new_title not in text for text in answers)
    return {"samples": len(answers), "stale": stale, "warmed_workers": len(warmed)}


def measure(portal, cache_url, name: str, workers: int, member: str, theme: str) -> dict:
    label = cache_url or "per-process cache"
    log(f"{name}: starting gunicorn, {workers} workers, {label}")
    with portal.server(cache_url, workers=workers, name=name) as server:
        # The edit first: the wrong passwords below, all from 127.0.0.1, also reach the limit
        # per address (10 a minute), which would then refuse the office's sign-in too.
        log(f"{name}: an admin edit of a theme, then {SAMPLES} anonymous requests")
        edit = stale_after_edit(server, portal, portal.seeded["themes"][theme], concurrency=workers)
        log(f"{name}: wrong passwords on {member}")
        passwords = wrong_passwords(
            server, portal.seeded["members"][member]["email"], concurrency=workers
        )
    return {"passwords": passwords, "edit": edit}


def report(results: dict, *, workers: int, redis_url: str, database: str) -> str:
    local, shared = results["local"], results["redis"]

    def checked(result):
        per_worker = "+".join(str(n) for n in result["passwords"]["per_worker"]) or "0"
        return f"{result['passwords']['checked']} ({per_worker})"

    def stale(result):
        return f"{result['edit']['stale']} of {result['edit']['samples']}"

    rows = [
        ("", "per-process cache", "Redis"),
        ("", "(locmem, the old way)", f"({redis_url})"),
        (f"wrong passwords checked (limit {LIMIT})", checked(local), checked(shared)),
        ("  sign-ins sent until all refused", str(local["passwords"]["sent"]),
         str(shared["passwords"]["sent"])),
        ("old title served after an admin edit", stale(local), stale(shared)),
        ("  workers that had cached the page", str(local["edit"]["warmed_workers"]),
         str(shared["edit"]["warmed_workers"])),
    ]  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        f"Shared state across {workers} gunicorn workers: production mode (KYOSO_ENV=production),",
        f"sync workers on 127.0.0.1, database {database}.",
        "Wrong passwords: figures in brackets are per worker (gunicorn's access log).",
        "",
    ]
    lines += ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in rows]
    return "\n".join(line.rstrip() for line in lines)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/14",
        help="the Redis database to use; it is flushed at the start and at the end",
    )
    parser.add_argument(
        "--database-url",
        default=None,
        help="an empty database to migrate and use (default: a SQLite file in a temporary "
        "directory)",
    )
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    import redis

    redis_db = redis.Redis.from_url(args.redis_url, socket_connect_timeout=2)
    try:
        redis_db.ping()
    except redis.exceptions.RedisError as error:
        log(f"Redis is not reachable at {args.redis_url}: {error}")
        return 2
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kyoso-shared-state-") as tmp:
        portal = ScratchPortal(Path(tmp), database_url=args.database_url)
        try:
            log("migrate and collectstatic")
            portal.prepare()
            log("accounts and themes")
            portal.seeded = portal.seed(
                cache_url=None, members=["local", "shared"], themes=["local", "shared"]
            )
            results = {
                "local": measure(portal, None, "local", args.workers, "local", "local"),
            }
            redis_db.flushdb()
            results["redis"] = measure(
                portal, args.redis_url, "redis", args.workers, "shared", "shared"
            )
        except PortalError as error:
            log(f"failed: {error}")
            return 2
        finally:
            redis_db.flushdb()
    database = "a scratch SQLite file" if not args.database_url else "--database-url"
    print(report(results, workers=args.workers, redis_url=args.redis_url, database=database))
    log(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
