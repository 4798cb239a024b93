"""Time and quality of the similar-case hints (issue 15 §6) at scale, on PostgreSQL.

For a sample of received cases, as the benchmark office account and the benchmark department
account of ``manage.py load_scale``, it measures:

- the wall time of ``proposals.similarity.similar_items()`` (every source: cases and themes,
  what the staff case page adds), the CPU time of this process in it (on a busy machine the
  wall time is mostly waiting), its number of queries, and the database's own execution time
  of the case query (EXPLAIN ANALYZE), with the planning time apart;
- the quality against the exhaustive answer: every visible case's title compared in Python
  with the same measure (Dice of the character pairs). `best found` counts the samples whose
  first hint has the best score there is; `near-duplicates found` the samples with a case at
  Dice ≥ 0.8 (a near-duplicate) among whose hints one was listed; `top-5 overlap` the mean
  share of the exhaustive top-5 scores the hints reach (score for score, ties count alike).

Read-only: SELECTs and EXPLAIN only. Run from the project root on a loaded database:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kyoso_scale \\
        .venv/bin/python benchmarks/similar_cases.py [--samples 40] [--seed 15] [--json]

(``manage.py load_scale --cases 100000`` first; a smaller own database such as kyoso_similar
with ``--cases 5000`` for a trial.) Exit status 0, or 2 if it cannot run (not PostgreSQL, no
benchmark accounts, no cases).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mishima_kyoso.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from mishima_kyoso.scale.accounts import DEPARTMENT_EMAIL, OFFICE_EMAIL  # noqa: E402
from proposals import similarity  # noqa: E402
from proposals.models import Proposal  # noqa: E402
from proposals.selectors import staff_cases  # noqa: E402

NEAR = 0.8


def exhaustive(user) -> list[tuple[int, frozenset]]:
    """Every case the user works on, with its pairs (as similar_cases compares them)."""
    rows = staff_cases(user).select_related(None).values_list("pk", "title")
    return [(pk, similarity.pairs(title)) for pk, title in rows.iterator(chunk_size=5000)]


def best_scores(case, every, limit=similarity.LIMIT) -> list[float]:
    wanted = similarity.pairs(case.title)
    scores = sorted(
        (similarity.dice(wanted, found) for pk, found in every if pk != case.pk), reverse=True
    )
    return [score for score in scores[:limit] if score >= similarity.THRESHOLD]


def explain(sql: str, params) -> tuple[float, float]:
    """(planning, execution) milliseconds of a query."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = plan[0] if isinstance(plan, list) else json.loads(plan)[0]
    return plan["Planning Time"], plan["Execution Time"]


def case_query(user, case):
    """The SQL of the case query, as similar_cases() runs it."""
    with CaptureQueriesContext(connection) as queries:
        similarity.similar_cases(user, case)
    sql = queries.captured_queries[-1]["sql"]
    return sql


def measure(user, cases, every) -> dict:
    walls, cpus, executions, plannings, counts = [], [], [], [], []
    best, near_total, near_found, overlaps = 0, 0, 0, []
    for case in cases:
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), time.process_time()
            hints = similarity.similar_items(user, case)
            walls.append((time.perf_counter() - started) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
        counts.append(len(queries.captured_queries))
        sql = case_query(user, case)
        # The captured SQL has its parameters inlined: EXPLAIN it as it is.
        planning, execution = explain(sql, None)
        plannings.append(planning)
        executions.append(execution)
        scores = [round(hint.score, 6) for hint in hints if hint.kind == "case"]
        expected = [round(score, 6) for score in best_scores(case, every)]
        if expected and scores and scores[0] == expected[0] or not expected and not scores:
            best += 1
        if expected and expected[0] >= NEAR:
            near_total += 1
            near_found += bool(scores and scores[0] >= NEAR)
        if expected:
            remaining = list(scores)
            hit = 0
            for score in expected:
                if score in remaining:
                    remaining.remove(score)
                    hit += 1
            overlaps.append(hit / len(expected))
    return {
        "samples": len(cases),
        "visible cases": len(every),
        "wall ms median": round(statistics.median(walls), 1),
        "wall ms p95": round(_p95(walls), 1),
        "wall ms max": round(max(walls), 1),
        "python cpu ms median": round(statistics.median(cpus), 1),
        "case query execution ms median": round(statistics.median(executions), 1),
        "case query execution ms max": round(max(executions), 1),
        "case query planning ms median": round(statistics.median(plannings), 1),
        "queries per page": sorted(set(counts)),
        "best found": f"{best}/{len(cases)}",
        "near-duplicates found": f"{near_found}/{near_total}",
        "top-5 overlap": round(statistics.mean(overlaps), 3) if overlaps else None,
    }


def _p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=40, help="cases measured per account")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args()
    if connection.vendor != "postgresql":
        print("This benchmark needs PostgreSQL (DATABASE_URL).", file=sys.stderr)
        return 2
    users = {
        "office": User.objects.filter(email=OFFICE_EMAIL).first(),
        "department": User.objects.filter(email=DEPARTMENT_EMAIL).first(),
    }
    if not all(users.values()):
        print("No benchmark accounts: run manage.py load_scale first.", file=sys.stderr)
        return 2
    total = Proposal.objects.exclude(status=Proposal.Status.DRAFT).count()
    rng = random.Random(options.seed)
    results = {"received cases": total}
    for name, user in users.items():
        every = exhaustive(user)
        if not every:
            print(f"No case for the {name} account.", file=sys.stderr)
            return 2
        chosen = rng.sample([pk for pk, _pairs in every], min(options.samples, len(every)))
        cases = list(Proposal.objects.filter(pk__in=chosen).order_by("pk"))
        similarity.similar_items(user, cases[0])  # warm: URL patterns, translations, plans
        results[name] = measure(user, cases, every)
    if options.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    print(f"Similar-case hints on {total:,} received cases")
    for name in users:
        print(f"\n{name}:")
        for key, value in results[name].items():
            print(f"  {key:34} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
