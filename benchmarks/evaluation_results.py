"""Time and query count of an evaluation round's results and of the public record of outcomes.

Builds, through the real services, one selection round of N candidates x M evaluators x K
criteria (a new criteria set of K criteria; every evaluator declares no conflict and submits
every sheet; the round is closed, decided and its result published) and P published
decisions (adopted, not adopted, not taken forward), then measures, in this process:

- ``evaluation.aggregation.round_results(round)`` called directly;
- the office's results page ``/staff/evaluation/rounds/<pk>/results/`` and its CSV;
- an evaluator's score page ``/evaluation/rounds/<pk>/candidates/<pk>/`` (read-only now);
- the public pages ``/results/`` (page 1), ``/statistics/``, ``/results.csv``, ``/results.json``.

Each is run once to warm up, once under ``CaptureQueriesContext`` (its query count and the
SQL time of that run), then ``--repeat`` times timed: the table gives the median and the 95th
percentile (nearest rank) in milliseconds. Pages go through ``django.test.Client`` and the
whole middleware stack, with DEBUG off and the public page cache off
(``KYOSO_PUBLIC_PAGE_CACHE_SECONDS=0``), so every request renders its page; a page's
queries include the session and the user of the signed-in client.

Then the same round is built at a small size (3 x 2 x 4) in the same database and the
aggregation and the office results page are measured again: the query counts must be the
same at both sizes; the times show how the work grows with the number of scores.

This prints figures; it is not a pass/fail timing test. Exit status: 0, or 1 if a query
count differs between the two sizes, or 2 if the benchmark itself failed.

Run from the project root:

    .venv/bin/python benchmarks/evaluation_results.py
    .venv/bin/python benchmarks/evaluation_results.py --candidates 20 --evaluators 10 \\
        --criteria 12 --publications 200 --repeat 20
    .venv/bin/python benchmarks/evaluation_results.py --postgres

The database: with ``--postgres``, a dedicated database ``kyoso_bench_eval`` on
``--postgres-url`` (default postgres://postgres@127.0.0.1:5432), dropped and re-created at
the start and dropped at the end (unless ``--keep-db``); otherwise the one DATABASE_URL
names (its data is added to and left there); without DATABASE_URL, a fresh SQLite file in a
temporary directory. Migrations are run on it first.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import math
import os
import platform
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432"
POSTGRES_DB = "kyoso_bench_eval"
SMALL = (3, 2, 4)  # candidates, evaluators, criteria of the comparison round


def log(message: str) -> None:
    """Progress goes to stderr; the report goes to stdout."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


class BenchmarkError(RuntimeError):
    pass


# --------------------------------------------------------------------------- environment


def recreate_postgres_database(base_url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{base_url}/postgres", autocommit=True, connect_timeout=10) as db:
        db.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        db.execute(
            sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(
                sql.Identifier(name)
            )
        )


def drop_postgres_database(base_url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{base_url}/postgres", autocommit=True, connect_timeout=10) as db:
        db.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def configure_environment(database_url: str, workdir: Path) -> None:
    """Settings come from the environment (mishima_kyoso/settings.py): set it before setup."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="mishima_kyoso.settings",
        KYOSO_ENV="development",  # no HTTPS redirect, no staff 2FA: the views are the same
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=database_url,
        KYOSO_PUBLIC_PAGE_CACHE_SECONDS="0",
        STATIC_ROOT=str(workdir / "static"),  # DEBUG off: manifest storage, collectstatic
        MEDIA_ROOT=str(workdir / "media"),
        EMAIL_URL="dummymail://",  # the services' notifications go nowhere
        LOG_LEVEL="ERROR",
    )
    if str(PROJECT_ROOT) not in sys.path:
        sys.path.insert(0, str(PROJECT_ROOT))  # the project's apps and tests/factories
    os.chdir(PROJECT_ROOT)


# --------------------------------------------------------------------------- building


@dataclass
class BuiltRound:
    round: object  # evaluation.models.Round
    size: tuple[int, int, int]
    evaluator: object  # the first evaluator's user
    candidate_pk: int  # a candidate that evaluator scored

    @property
    def label(self) -> str:
        return "{} x {} x {}".format(*self.size)

    @property
    def scores(self) -> int:
        candidates, evaluators, criteria = self.size
        return candidates * evaluators * criteria


def build_round(*, office, candidates: int, evaluators: int, criteria: int, seed: int):
    """A selection as the office and the evaluators make it, from the open call to publication."""
    from django.utils import timezone

    from evaluation import services
    from evaluation.aggregation import round_results
    from evaluation.models import Round
    from outcomes.services import publish_decision
    from proposals.workflow import A
    from tests.factories.evaluation import CriteriaSetFactory, EvaluatorFactory
    from tests.scenarios.calls import selecting_case

    rng = random.Random(seed)
    case, _applications = selecting_case(office=office, applications=candidates - 1)
    criteria_set = CriteriaSetFactory(
        criteria=criteria,
        name=f"ベンチマーク評価基準 {criteria}項目",
        pass_mark=Decimal(5 * criteria),  # half of the highest total (10 points each)
    )
    round = services.create_round(
        case=case,
        kind=Round.Kind.SELECTION,
        title=f"事業者選定 {candidates}者",
        criteria_set=criteria_set,
        scoring_due_on=timezone.localdate() + datetime.timedelta(days=14),
        is_anonymised=True,
        by=office,
    )
    people = EvaluatorFactory.create_batch(evaluators)
    for person in people:
        services.assign_evaluator(round=round, evaluator=person, by=office)
    round = services.open_round(round=round, by=office)

    criteria_list = list(criteria_set.criteria.order_by("order", "pk"))
    candidate_list = list(round.candidates.order_by("pk"))
    quality = {c.pk: rng.uniform(0.35, 0.9) for c in candidate_list}  # each candidate's level
    for assignment in round.assignments.select_related("evaluator").order_by("pk"):
        services.declare_conflicts(
            assignment=assignment,
            declarations={c.pk: (False, "") for c in candidate_list},
            by=assignment.evaluator,
        )
        for candidate in candidate_list:
            points = {
                c.pk: min(
                    c.max_points,
                    max(0, round_half(quality[candidate.pk] * c.max_points + rng.gauss(0, 1.5))),
                )
                for c in criteria_list
            }
            services.save_sheet(
                assignment=assignment,
                candidate=candidate,
                points=points,
                comments={criteria_list[0].pk: "提案の具体性は十分である。"},
                comment="全体として実現性が高く、地域への波及効果も期待できる。",
                submit=True,
                by=assignment.evaluator,
            )
    round = services.close_round(round=round, by=office)
    best = round_results(round).candidates[0].candidate
    round = services.decide_selection(
        round=round,
        selected=best,
        reason="選定委員会の評価で最高点。",
        public_reason="総合評価の結果、最も優れた提案を選定した。",
        by=office,
    )
    decision = (
        case.transitions.filter(step__in=[A.SELECT, A.NOT_SELECT])
        .order_by("-created_at", "-pk")
        .first()
    )
    publish_decision(transition=decision, by=office, discloses_proposer=True)
    return BuiltRound(
        round=Round.objects.get(pk=round.pk),  # nothing cached
        size=(candidates, evaluators, criteria),
        evaluator=people[0],
        candidate_pk=candidate_list[0].pk,
    )


def round_half(value: float) -> int:
    return math.floor(value + 0.5)


def build_publications(*, office, count: int) -> None:
    """`count` decided cases, each decision published: half adopted, a quarter not adopted,
    a quarter not taken forward; one in three discloses the proposer."""
    from outcomes.services import publish_decision
    from proposals.models import Proposal
    from proposals.workflow import A, transition
    from tests.scenarios.cases import VALID, case_at

    S = Proposal.Status
    for index in range(count):
        kind = index % 4
        if kind in (0, 1):
            case, step = case_at(S.ADOPTED, office=office), A.ADOPT
        elif kind == 2:
            case, step = case_at(S.PLANNING, office=office), A.NOT_ADOPT
            transition(case, step, by=office, **VALID[step])
        else:
            case, step = case_at(S.CONSULTING, office=office), A.DECLINE
            transition(case, step, by=office, **VALID[step])
        decision = case.transitions.filter(step=step).order_by("-created_at", "-pk").first()
        publish_decision(transition=decision, by=office, discloses_proposer=index % 3 == 0)
        if (index + 1) % 50 == 0:
            log(f"  {index + 1}/{count} decisions published")


# --------------------------------------------------------------------------- measuring


@dataclass
class Measure:
    label: str
    times_ms: list[float]
    queries: int
    sql_ms: float  # time spent in the database driver during the counted run
    size: int | None  # bytes of the response, or None for a direct call

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def measure(label: str, run: Callable[[], int | None], repeat: int) -> Measure:
    """Warm up once, count the queries of one run, then time `repeat` runs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run()
    sql_seconds = []

    def timed(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            sql_seconds.append(time.perf_counter() - start)

    with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timed):
        size = run()
    queries = list(captured.captured_queries)  # now: the next request clears the log
    sql_ms = sum(sql_seconds) * 1000
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    log(f"{label}: median {statistics.median(times):.1f} ms, {len(queries)} queries")
    return Measure(label, times, len(queries), sql_ms, size)


def page(client, path: str, content_type: str) -> Callable[[], int]:
    """A GET that must answer 200 with `content_type`; returns the size of the body."""

    def run() -> int:
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code != 200 or not response["Content-Type"].startswith(content_type):
            raise BenchmarkError(
                f"GET {path} answered {response.status_code} {response['Content-Type']}"
            )
        return len(body)

    return run


def aggregation(round) -> Callable[[], None]:
    from evaluation.aggregation import round_results

    def run() -> None:
        results = round_results(round)
        if not results.candidates:
            raise BenchmarkError("round_results gave no candidate")

    return run


# --------------------------------------------------------------------------- report


def environment_lines(args, database: str, built_seconds: float, counts: dict) -> list[str]:
    import django
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            engine = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        import sqlite3

        engine = f"SQLite {sqlite3.sqlite_version}"
    cpu = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"command:  {' '.join([Path(sys.executable).name, *sys.argv])}",
        f"date:     {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}",
        "load:     average {:.2f} {:.2f} {:.2f} before the measures".format(*os.getloadavg()),
        f"machine:  nproc {nproc}, {cpu}, {platform.platform()}",
        f"software: Python {platform.python_version()}, Django {django.get_version()}, {engine}",
        f"database: {database}",
        "settings: DEBUG off, public page cache off (KYOSO_PUBLIC_PAGE_CACHE_SECONDS=0), "
        "django.test.Client in process",
        f"data:     round {args.candidates} candidates x {args.evaluators} evaluators x "
        f"{args.criteria} criteria = {counts['sheets']} submitted sheets, {counts['scores']} "
        f"scores; {counts['publications']} published decisions ({args.publications} + the 2 "
        f"selections), {counts['cases']} cases; built in {built_seconds:.0f} s",
        f"timing:   1 warm-up + 1 counted run + {args.repeat} timed runs each; p95 = nearest rank",
    ]


def table(measures: list[Measure]) -> list[str]:
    width = max(len(m.label) for m in measures)
    head = (
        f"{'what':<{width}}  {'median ms':>9}  {'p95 ms':>8}  {'queries':>7}  "
        f"{'execute ms':>10}  {'bytes':>9}"
    )
    lines = [head, "-" * len(head)]
    for m in measures:
        size = "" if m.size is None else f"{m.size:,}"
        lines.append(
            f"{m.label:<{width}}  {m.median:>9.2f}  {m.p95:>8.2f}  {m.queries:>7}  "
            f"{m.sql_ms:>10.2f}  {size:>9}"
        )
    return lines


def scaling_lines(
    large: BuiltRound, small: BuiltRound, pairs: list[tuple[str, Measure, Measure]]
) -> tuple[list[str], bool]:
    head = (
        f"{'measure':<26}  {'size':>12}  {'scores':>6}  {'median ms':>9}  {'p95 ms':>8}  "
        f"{'queries':>7}"
    )
    lines = [head, "-" * len(head)]
    constant = True
    for name, at_small, at_large in pairs:
        for built, m in ((small, at_small), (large, at_large)):
            lines.append(
                f"{name:<26}  {built.label:>12}  {built.scores:>6}  {m.median:>9.2f}  "
                f"{m.p95:>8.2f}  {m.queries:>7}"
            )
        ratio = at_large.median / at_small.median if at_small.median else math.nan
        same = at_small.queries == at_large.queries
        constant = constant and same
        extra = large.scores - small.scores
        per_score = (at_large.median - at_small.median) / extra * 1000 if extra else math.nan
        lines.append(
            f"  -> {large.scores / small.scores:.0f}x the scores: {ratio:.1f}x the time "
            f"(+{per_score:.1f} us a score); queries "
            + (
                f"{at_large.queries} at both sizes (constant)"
                if same
                else f"{at_small.queries} -> {at_large.queries}: THEY GROW WITH THE SIZE"
            )
        )
    return lines, constant


# --------------------------------------------------------------------------- main


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Time and query count of an evaluation round's results and of the "
        "public record of outcomes (prints figures).",
    )
    parser.add_argument("--candidates", type=int, default=20, help="candidates in the round")
    parser.add_argument("--evaluators", type=int, default=10, help="evaluators of the round")
    parser.add_argument("--criteria", type=int, default=12, help="criteria of its criteria set")
    parser.add_argument(
        "--publications", type=int, default=200, help="published decisions for the public pages"
    )
    parser.add_argument("--repeat", type=int, default=20, help="timed runs of each measure")
    parser.add_argument("--seed", type=int, default=6, help="seed of the points given")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help=f"use a dedicated PostgreSQL database {POSTGRES_DB}, re-created and dropped",
    )
    parser.add_argument(
        "--postgres-url", default=POSTGRES_URL, help="the PostgreSQL server, without a database"
    )
    parser.add_argument(
        "--keep-db", action="store_true", help=f"with --postgres: leave {POSTGRES_DB} in place"
    )
    args = parser.parse_args(argv)
    if args.candidates < 1 or args.evaluators < 1 or args.criteria < 1:
        parser.error("--candidates, --evaluators and --criteria must be at least 1")
    if args.publications < 0 or args.repeat < 1:
        parser.error("--publications must be 0 or more, --repeat at least 1")
    return args


def run(args, database: str) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings

    from evaluation.models import Score, ScoreSheet
    from outcomes.models import PublishedDecision
    from proposals.models import Proposal
    from tests.factories.accounts import OfficeUserFactory

    log("migrate")
    call_command("migrate", interactive=False, verbosity=0)
    log("collectstatic (DEBUG off serves the manifest's names)")
    call_command("collectstatic", interactive=False, verbosity=0)

    started = time.perf_counter()
    # The accounts made here never sign in with a password: a fast hasher saves minutes.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        office = OfficeUserFactory(full_name="共創推進室 ベンチ")
        size = (args.candidates, args.evaluators, args.criteria)
        log("building the round {} x {} x {}".format(*size))
        large = build_round(
            office=office, candidates=size[0], evaluators=size[1], criteria=size[2], seed=args.seed
        )
        log("building the round {} x {} x {}".format(*SMALL))
        small = build_round(
            office=office,
            candidates=SMALL[0],
            evaluators=SMALL[1],
            criteria=SMALL[2],
            seed=args.seed + 1,
        )
        log(f"building {args.publications} published decisions")
        build_publications(office=office, count=args.publications)
    built_seconds = time.perf_counter() - started
    counts = {
        "sheets": ScoreSheet.objects.filter(assignment__round=large.round).count(),
        "scores": Score.objects.filter(sheet__assignment__round=large.round).count(),
        "publications": PublishedDecision.objects.count(),
        "cases": Proposal.objects.count(),
    }

    staff, evaluator, public = Client(), Client(), Client()
    staff.force_login(office)
    evaluator.force_login(large.evaluator)
    pk = large.round.pk
    repeat = args.repeat
    html, csv_type, json_type = "text/html", "text/csv", "application/json"
    measures = [
        measure(f"round_results() {large.label}", aggregation(large.round), repeat),
        measure(
            "office results page",
            page(staff, f"/staff/evaluation/rounds/{pk}/results/", html),
            repeat,
        ),
        measure(
            "office results CSV",
            page(staff, f"/staff/evaluation/rounds/{pk}/results.csv", csv_type),
            repeat,
        ),
        measure(
            "evaluator score page",
            page(evaluator, f"/evaluation/rounds/{pk}/candidates/{large.candidate_pk}/", html),
            repeat,
        ),
        measure("/results/ page 1", page(public, "/results/", html), repeat),
        measure("/statistics/", page(public, "/statistics/", html), repeat),
        measure("/results.csv", page(public, "/results.csv", csv_type), repeat),
        measure("/results.json", page(public, "/results.json", json_type), repeat),
    ]
    small_pk = small.round.pk
    at_small = [
        measure(f"round_results() {small.label}", aggregation(small.round), repeat),
        measure(
            f"office results page {small.label}",
            page(staff, f"/staff/evaluation/rounds/{small_pk}/results/", html),
            repeat,
        ),
    ]
    scaling, constant = scaling_lines(
        large,
        small,
        [
            ("round_results()", at_small[0], measures[0]),
            ("office results page", at_small[1], measures[1]),
        ],
    )
    lines = [
        *environment_lines(args, database, built_seconds, counts),
        "",
        f"At {large.label} (candidates x evaluators x criteria), {counts['publications']} "
        "publications:",
        "",
        *table(measures),
        "",
        "queries: of one run; a page's include the session and the user of a signed-in "
        "client. execute ms: the time in cursor.execute() during that run (the database's "
        "work; reading the rows back into Python is not in it).",
        "",
        "Scaling (the same round built at two sizes, same database):",
        "",
        *scaling,
        "",
        "RESULT: the query counts "
        + ("do not grow with the size of the round." if constant else "GROW with the size."),
    ]
    print("\n".join(lines), flush=True)
    return 0 if constant else 1


def main(argv=None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kyoso-bench-eval-") as tmp:
        workdir = Path(tmp)
        created = False
        if args.postgres:
            database_url = f"{args.postgres_url}/{POSTGRES_DB}"
            description = f"PostgreSQL database {POSTGRES_DB} (re-created for this run)"
        elif os.environ.get("DATABASE_URL"):
            database_url = os.environ["DATABASE_URL"]
            description = "DATABASE_URL from the environment (data added to it)"
        else:
            database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
            description = "a fresh SQLite file in a temporary directory"
        try:
            if args.postgres:
                log(f"re-creating database {POSTGRES_DB}")
                recreate_postgres_database(args.postgres_url, POSTGRES_DB)
                created = True
            configure_environment(database_url, workdir)
            return run(args, description)
        except BenchmarkError as error:
            log(f"FAILED: {error}")
            return 2
        finally:
            if "django.db" in sys.modules:
                from django.db import connections

                connections.close_all()
            if created and not args.keep_db:
                log(f"dropping database {POSTGRES_DB}")
                drop_postgres_database(args.postgres_url, POSTGRES_DB)
            elif created:
                log(f"database {POSTGRES_DB} kept (--keep-db)")


if __name__ == "__main__":
    sys.exit(main())
