"""EXPLAIN ANALYZE of every list page's queries on a large PostgreSQL database (issue 14 §2).

Each list page is requested as it is served (the views, their selectors and filters, through
Django's test client) by the user who sees it: the office, a department's staff, the largest
organisation's member. Every SELECT the page ran is explained with ANALYZE and BUFFERS (twice:
the second, warm run is reported). The script prints, for each page, its queries by cost, the
plan of the heaviest one (and of any flagged one) with its execution time, and ends with one
summary line per page: the heaviest query's time and its plan shape.

A query is flagged when its plan reads more than --big-rows rows of a big table by a sequential
scan (a scan stopped early by a LIMIT, as a bounded count's, is not) or sorts more than
--big-rows rows, or when it takes more than --max-ms.

    .venv/bin/python benchmarks/explain_lists.py                      # kyoso_scale
    .venv/bin/python benchmarks/explain_lists.py --database-url postgres://…/kyoso_other
    .venv/bin/python benchmarks/explain_lists.py --only work --plans all

The database is read, never changed by the script itself (the pages may write a session).
Load it first: `manage.py migrate` then `manage.py load_scale --cases 100000 --themes 5000
--decisions 10000` (DEBUG on). Exit status: 0 when nothing is flagged, 1 otherwise.
"""

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kyoso_scale"
# The accounts load_scale creates (mishima_kyoso.scale).
OFFICE_EMAIL = "scale-office@example.jp"
DEPARTMENT_EMAIL = "scale-dept@example.jp"
LARGEST_EMAIL = "scale-largest@example.jp"


@dataclass
class Explained:
    sql: str
    time_ms: float
    plan: dict
    text: str = ""
    flags: list[str] = field(default_factory=list)

    @property
    def shape(self) -> str:
        return plan_shape(self.plan["Plan"])


@dataclass
class PageResult:
    label: str
    url: str
    status: int
    queries: list[Explained]

    @property
    def heaviest(self) -> Explained | None:
        return max(self.queries, key=lambda q: q.time_ms, default=None)

    @property
    def total_ms(self) -> float:
        return sum(q.time_ms for q in self.queries)

    @property
    def flags(self) -> list[str]:
        return [flag for query in self.queries for flag in query.flags]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", DEFAULT_URL),
        help=f"the database to explain against (default: $DATABASE_URL or {DEFAULT_URL})",
    )
    parser.add_argument("--office", default=None, help="the office account's e-mail")
    parser.add_argument("--department", default=None, help="a department account's e-mail")
    parser.add_argument("--member", default=None, help="the largest organisation's member")
    parser.add_argument(
        "--big-rows",
        type=int,
        default=10_000,
        help="a table, or a sort's input, of this many rows or more is big (default 10,000)",
    )
    parser.add_argument(
        "--max-ms", type=float, default=10.0, help="flag a query slower than this (default 10)"
    )
    parser.add_argument(
        "--plans",
        choices=("heaviest", "all", "none"),
        default="heaviest",
        help="which plans to print per page (flagged ones are always printed)",
    )
    parser.add_argument("--only", default="", help="only the pages whose label contains this")
    parser.add_argument("--sql-chars", type=int, default=1500, help="SQL printed per query")
    return parser.parse_args(argv)


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mishima_kyoso.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    # The anonymous page cache would hide the queries; the pages are rendered every time.
    settings.KYOSO_PUBLIC_PAGE_CACHE_SECONDS = 0
    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


# Plans --------------------------------------------------------------------------------------


def walk(node, depth=0):
    yield node, depth
    for child in node.get("Plans", ()):
        yield from walk(child, depth + 1)


def plan_shape(node) -> str:
    """The plan in one line: the nodes that read or order rows, outermost first."""
    parts = []
    for item, _depth in walk(node):
        kind = item["Node Type"]
        if kind in ("Result", "Materialize", "Memoize", "Hash", "Gather", "Gather Merge"):
            continue
        where = item.get("Index Name") or item.get("Relation Name") or ""
        rows = int(item.get("Actual Rows", 0) * item.get("Actual Loops", 1))
        label = f"{kind} {where}".strip()
        if kind.endswith("Scan") or kind in ("Sort", "Incremental Sort"):
            label += f" ({rows:,} rows)"
        parts.append(label)
    shape = " > ".join(parts)
    return shape if len(shape) <= 400 else shape[:397] + "…"


def flags_of(plan: dict, big_tables: dict[str, int], big_rows: int) -> list[str]:
    flags = []
    for node, _depth in walk(plan["Plan"]):
        kind = node["Node Type"]
        relation = node.get("Relation Name")
        # A sequential scan is flagged by what it read, not by the table's size: under a LIMIT
        # (a bounded count's first 1,001 rows) it stops early and reads a page's worth.
        loops = node.get("Actual Loops", 1)
        read = int((node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)) * loops)
        if kind == "Seq Scan" and big_tables.get(relation, 0) >= big_rows and read >= big_rows:
            flags.append(
                f"Seq Scan on {relation} read {read:,} rows ({big_tables[relation]:,} in the table)"
            )
        if kind == "Sort":
            sorted_rows = sum(
                int(child.get("Actual Rows", 0) * child.get("Actual Loops", 1))
                for child in node.get("Plans", ())
            )
            if sorted_rows >= big_rows:
                flags.append(f"Sort of {sorted_rows:,} rows ({', '.join(node['Sort Key'])})")
    return flags


def table_sizes(connection) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.reltuples::bigint FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind = 'r' AND n.nspname = 'public'"
        )
        return dict(cursor.fetchall())


def explain(connection, sql: str, big_tables, args) -> Explained:
    with connection.cursor() as cursor:
        for _warm in range(2):  # the first run reads the pages in; the second is reported
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")
            (document,) = cursor.fetchone()
        plan = (json.loads(document) if isinstance(document, str) else document)[0]
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        text = "\n".join(row[0] for row in cursor.fetchall())
    result = Explained(sql=sql, time_ms=plan["Execution Time"], plan=plan, text=text)
    result.flags = flags_of(plan, big_tables, args.big_rows)
    if result.time_ms > args.max_ms:
        result.flags.append(f"{result.time_ms:.1f} ms (over {args.max_ms:g} ms)")
    return result


# The pages ----------------------------------------------------------------------------------


def accounts(args):
    from accounts.models import User

    wanted = {
        "office": args.office or OFFICE_EMAIL,
        "department": args.department or DEPARTMENT_EMAIL,
        "member": args.member or LARGEST_EMAIL,
    }
    found = {}
    for role, email in wanted.items():
        user = User.objects.filter(email=email).first()
        if user is None:
            sys.exit(f"No account {email} ({role}): load the data with manage.py load_scale.")
        found[role] = user
    return found


def sample_values(users) -> dict:
    """Filter values that exist in the data: the commonest field, department, fiscal year…"""
    from django.db.models import Count

    from accounts.models import Department
    from cocreation_list.models import Field, Theme
    from proposals.models import DepartmentAssignment, Proposal, ReferenceCounter

    department_id = (
        DepartmentAssignment.objects.values("department_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("department_id", flat=True)
        .first()
    )
    department = Department.objects.get(pk=department_id)
    field_code = (
        Proposal.objects.exclude(field=None)
        .values("field__code")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("field__code", flat=True)
        .first()
    ) or Field.objects.values_list("code", flat=True).first()
    theme_id = (
        Proposal.objects.exclude(theme=None)
        .values("theme_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("theme_id", flat=True)
        .first()
    )
    theme_department = (
        Theme.objects.public()
        .values("department__code")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("department__code", flat=True)
        .first()
    )
    year = ReferenceCounter.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True)
    return {
        "department": department,
        "field": field_code,
        "theme": theme_id,
        "theme_department": theme_department,
        "year": year[1] if len(year) > 1 else (year[0] if year else 2026),
    }


def pages(values) -> list[tuple[str, str, str]]:
    """(label, role, url) of every list page, its default sort and a few filters."""
    from urllib.parse import urlencode

    from django.urls import reverse

    def url(name, **query):
        return reverse(name) + ("?" + urlencode(query) if query else "")

    work = "proposals:staff_cases"
    admin = "admin:proposals_proposal_changelist"
    dep = values["department"]
    return [
        ("staff home (office)", "office", url("proposals:staff_home")),
        ("staff home (department)", "department", url("proposals:staff_home")),
        ("work list (office)", "office", url(work)),
        ("work list (office) page 40", "office", url(work, page=40)),
        ("work list (office) received", "office", url(work, sort="received")),
        (
            "work list (office) new, oldest",
            "office",
            url(work, status="received", sort="received_oldest"),
        ),
        ("work list (office) reference", "office", url(work, sort="reference")),
        ("work list (office) title", "office", url(work, sort="title")),
        ("work list (office) status sort", "office", url(work, sort="status")),
        ("work list (office) waiting for the city", "office", url(work, turn="city")),
        ("work list (office) waiting for business", "office", url(work, turn="business")),
        ("work list (office) overdue", "office", url(work, overdue="on")),
        (
            "work list (office) department, open",
            "office",
            url(work, department=dep.code, open="on"),
        ),
        ("work list (office) no department", "office", url(work, department="none")),
        ("work list (office) stage", "office", url(work, stage="planning")),
        ("work list (department)", "department", url(work)),
        (
            "work list (department) open, received",
            "department",
            url(work, open="on", sort="received"),
        ),
        ("admin case list", "office", url(admin)),
        ("admin case list page 40", "office", url(admin, p=40)),
        ("admin case list status", "office", url(admin, status="consulting")),
        ("admin case list fiscal year", "office", url(admin, fiscal_year=values["year"])),
        ("admin case list department", "office", url(admin, department=dep.pk)),
        ("admin case list no department", "office", url(admin, department="none")),
        ("admin case list theme", "office", url(admin, theme=values["theme"] or 0)),
        ("admin case list field", "office", url(admin, field__id__exact=_field_pk(values))),
        ("admin case list overdue", "office", url(admin, overdue="yes")),
        ("admin case list days since receipt", "office", url(admin, o="6")),
        ("my proposals (largest organisation)", "member", url("proposals:dashboard")),
        ("my proposals page 50", "member", url("proposals:dashboard", page=50)),
        ("results", "member", url("outcomes:results")),
        ("results by field", "member", url("outcomes:results", field=values["field"])),
        ("results by year", "member", url("outcomes:results", year=values["year"])),
        (
            "results adopted, by field",
            "member",
            url("outcomes:results", decision="adopt", field=values["field"]),
        ),
        ("results page 100", "member", url("outcomes:results", page=100)),
        ("themes", "member", url("cocreation_list:theme_list")),
        ("themes by field", "member", url("cocreation_list:theme_list", field=values["field"])),
        (
            "themes by department",
            "member",
            url("cocreation_list:theme_list", department=values["theme_department"]),
        ),
        (
            "themes accepting, deadline",
            "member",
            url("cocreation_list:theme_list", state="accepting", sort="deadline"),
        ),
        ("themes page 100", "member", url("cocreation_list:theme_list", page=100)),
        ("open calls", "member", url("outcomes:calls")),
        ("notifications (office)", "office", url("notifications:list")),
        ("notifications (member)", "member", url("notifications:list")),
        ("evaluation rounds (office)", "office", url("evaluation:my_rounds")),
    ]


def _field_pk(values):
    from cocreation_list.models import Field

    return Field.objects.filter(code=values["field"]).values_list("pk", flat=True).first() or 0


def run_page(client, connection, label, url, big_tables, args) -> PageResult:
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    selects = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].lstrip().upper().startswith(("SELECT", "WITH"))
    ]
    explained = [explain(connection, sql, big_tables, args) for sql in selects]
    return PageResult(label, url, response.status_code, explained)


def print_page(result: PageResult, args) -> None:
    print("=" * 100)
    print(f"{result.label}   GET {result.url}   HTTP {result.status}")
    print(f"{len(result.queries)} queries, {result.total_ms:.2f} ms of SQL execution in all")
    for query in sorted(result.queries, key=lambda q: -q.time_ms):
        print(f"  {query.time_ms:8.3f} ms  {query.shape}")
    heaviest = result.heaviest
    for query in result.queries:
        shown = (
            args.plans == "all" or query.flags or (args.plans == "heaviest" and query is heaviest)
        )
        if not shown:
            continue
        print("-" * 100)
        sql = query.sql if len(query.sql) <= args.sql_chars else query.sql[: args.sql_chars] + "…"
        print(sql)
        print(query.text)
        for flag in query.flags:
            print(f"  !! {flag}")


def main(argv=None) -> int:
    args = parse_args(argv)
    setup_django(args.database_url)
    from django.db import connection
    from django.test import Client

    from proposals.models import Proposal

    users = accounts(args)
    values = sample_values(users)
    big_tables = table_sizes(connection)
    print(f"Database {connection.settings_dict['NAME']}: {Proposal.objects.count():,} cases")
    clients = {}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    results = []
    for label, role, url in pages(values):
        if args.only and args.only not in label:
            continue
        result = run_page(clients[role], connection, label, url, big_tables, args)
        print_page(result, args)
        results.append(result)
    print("=" * 100)
    print("Summary: the heaviest query of each page (warm, EXPLAIN ANALYZE execution time)")
    width = max(len(result.label) for result in results)
    for result in results:
        heaviest = result.heaviest
        mark = "FLAG" if result.flags or result.status != 200 else "ok  "
        shape = heaviest.shape if heaviest else "(no query)"
        took = heaviest.time_ms if heaviest else 0.0
        print(
            f"{mark} {result.label:<{width}}  {took:7.2f} ms  "
            f"(all {result.total_ms:6.2f} ms, {len(result.queries):2d} q)  {shape}"
        )
        for flag in dict.fromkeys(result.flags):
            print(f"       !! {flag}")
        if result.status != 200:
            print(f"       !! HTTP {result.status}")
    flagged = [result for result in results if result.flags or result.status != 200]
    print(f"{len(flagged)} of {len(results)} pages flagged.")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
