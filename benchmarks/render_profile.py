"""Where a page's CPU goes: mean CPU ms per request and the project's top functions.

In one process, in production mode (DEBUG off, the cached template loader Django uses then,
whitenoise manifest storage), with ``django.test.Client`` signed in as the role each page is
for, the script requests each page ``--warmup`` times, then ``--repeat`` times timed (process
CPU time, so that a slow database shows in the wall time, not here), then once more under
cProfile. For each page it prints:

- the mean CPU ms and wall ms per request, the number of SQL queries and of templates rendered
  (every ``Template._render``, as the ``template_rendered`` signal of Django's test
  instrumentation counts them, an ``{% include %}`` included);
- the top ``--top`` functions by cumulative time whose file is in the project (not in the
  virtualenv nor the standard library); with ``--all-code`` any function (Django's too).

The pages: ``/healthz`` (the minimal view, for the ratio), ``/themes/`` anonymous (the page
cache off) and signed in as a business, a theme page, ``/my/`` of the business with the most
cases, the staff work list and the admin case list as the office, ``/staff/`` (staff home).
Two reference pages (``ref-list``, ``ref-admin``, in ``reference_urls.py``, never in the
portal's URLs) say what Django itself costs for the same 50 cases: a minimal template's table
and a stock ``ModelAdmin`` changelist.
The ratio column is the minimal view's median CPU ms divided by the page's: what throughput a
CPU-bound server reaches against ``/healthz`` (the issue's targets: 0.3 for signed-in
``/themes/``, 0.1 for the work list and the admin list).

Run from the project root, on a PostgreSQL database already loaded (``manage.py load_demo``
with DEBUG on, or ``load_scale``)::

    .venv/bin/python benchmarks/render_profile.py --db kyoso_render
    .venv/bin/python benchmarks/render_profile.py --db kyoso_scale --repeat 50 --top 10

``--only NAME`` (repeatable) measures some pages only; ``--profile-sort tottime`` sorts the
functions by their own time. The page cache for anonymous visitors is turned off
(``KYOSO_PUBLIC_PAGE_CACHE_SECONDS=0``) so that the anonymous row measures rendering too.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import logging
import os
import pstats
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

STATIC_ROOT = Path(tempfile.gettempdir()) / "kyoso_render_profile_static"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="kyoso_render", help="PostgreSQL database (loaded)")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page")
    parser.add_argument("--top", type=int, default=10, help="functions listed per page")
    parser.add_argument("--only", action="append", default=[], help="page names to measure")
    parser.add_argument("--no-profile", action="store_true", help="figures only")
    parser.add_argument(
        "--all-code", action="store_true", help="list Django's functions too, not only ours"
    )
    parser.add_argument("--profile-sort", default="cumulative", choices=["cumulative", "tottime"])
    parser.add_argument("--language", default="ja", help="the visitor's language")
    parser.add_argument(
        "--templates-dir",
        help="a folder of templates searched before the project's (to compare with earlier "
        "versions of some templates: before/after)",
    )
    return parser.parse_args(argv)


def configure(args) -> None:
    """Production mode, before Django is set up."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "mishima_kyoso.settings",
            "KYOSO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": f"{args.postgres}/{args.db}",
            "STATIC_ROOT": str(STATIC_ROOT),
            "KYOSO_PUBLIC_PAGE_CACHE_SECONDS": "0",
            # Staff without an authenticator would be sent to its set-up page.
            "KYOSO_2FA_REQUIRED": "false",
        }
    )
    os.environ.pop("DEBUG", None)


def collect_static() -> None:
    from django.core.management import call_command

    if not (STATIC_ROOT / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)


def _user(email):
    from accounts.models import User

    return User.objects.filter(email=email).first()


def pages() -> list[dict]:
    """(name, url, who): who signs in (None: anonymous)."""
    from django.db.models import Count

    from accounts.models import User
    from cocreation_list.selectors import public_themes
    from proposals.models import Proposal

    office = (
        _user("office@example.jp")
        or User.objects.filter(is_staff=True, department__isnull=True, is_superuser=False).first()
    )
    business = _user("biz-a@example.jp")
    biggest = Proposal.objects.values("organization").annotate(n=Count("pk")).order_by("-n").first()
    proposer = business
    if biggest is not None:
        member = User.objects.filter(membership__organization=biggest["organization"]).first()
        proposer = member or business
    # The demo's business, or on a load_scale database (no demo accounts) the largest
    # organisation's member: a signed-in row is never measured as an anonymous one.
    business = business or proposer
    theme = public_themes().order_by("-published_at").first()
    rows = [
        {"name": "healthz", "url": "/healthz", "who": None},
        # The floor of a signed-in page: the session, the user, the header and footer only.
        {"name": "static-signed-in", "url": "/accessibility/", "who": business},
        {"name": "themes-anon", "url": "/themes/", "who": None},
        {"name": "themes-signed-in", "url": "/themes/", "who": business},
        {
            "name": "theme-page",
            "url": f"/themes/{theme.number}/" if theme else None,
            "who": business,
        },
        {"name": "my", "url": "/my/", "who": proposer},
        {"name": "staff-home", "url": "/staff/", "who": office},
        {"name": "staff-cases", "url": "/staff/cases/", "who": office},
        {"name": "admin-cases", "url": "/admin/proposals/proposal/", "who": office},
        # Django's own cost for the same rows (reference_urls.py): not the portal's pages.
        {"name": "ref-list", "url": "/reference/list/", "who": None},
        {"name": "ref-admin", "url": "/reference/admin/proposals/proposal/", "who": office},
    ]
    return [row for row in rows if row["url"]]


def in_project(filename: str) -> bool:
    return filename.startswith(str(PROJECT_ROOT)) and "/.venv/" not in filename


def where(filename: str, line: int, name: str) -> str:
    path = Path(filename)
    for root in (PROJECT_ROOT / ".venv", PROJECT_ROOT):
        if path.is_relative_to(root):
            path = path.relative_to(root)
            break
    if "site-packages" in path.parts:
        path = Path(*path.parts[path.parts.index("site-packages") + 1 :])
    return f"{path}:{line}({name})"


# Outer wrappers every request goes through: their cumulative time is the whole request.
WRAPPERS = ("logging.py", "middleware.py", "kept_forms.py", "decorators.py", "caching.py")


def top_functions(profile: cProfile.Profile, count: int, sort: str, everything: bool) -> list[str]:
    stats = pstats.Stats(profile, stream=io.StringIO())
    rows = []
    for (filename, line, name), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():
        if everything:
            keep = "/django/core/handlers" not in filename and "/django/test/" not in filename
        else:
            keep = in_project(filename) and "benchmarks/" not in filename
            keep = keep and not filename.endswith(WRAPPERS)
        if keep:
            rows.append(
                (
                    cumtime if sort == "cumulative" else tottime,
                    calls,
                    tottime,
                    cumtime,
                    where(filename, line, name),
                )
            )
    rows.sort(reverse=True)
    return [
        f"    {cum * 1000:8.2f} ms cum {tot * 1000:8.2f} ms own {calls:6d} calls  {where}"
        for _key, calls, tot, cum, where in rows[:count]
    ]


def measure(page: dict, args) -> dict:
    from django.db import connection
    from django.template.base import Template
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE=args.language)
    client.cookies["django_language"] = args.language
    if page["who"] is not None:
        client.force_login(page["who"])

    def get():
        response = client.get(page["url"])
        if response.status_code != 200:
            raise SystemExit(f"{page['name']}: {page['url']} answered {response.status_code}")
        return response

    for _ in range(args.warmup):
        get()
    templates = []
    original = Template._render

    def counted(self, context):
        templates.append(self.name)
        return original(self, context)

    Template._render = counted
    try:
        queries = []
        with connection.execute_wrapper(
            lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)
        ):
            response = get()
    finally:
        Template._render = original
    cpus, walls = [], []
    for _ in range(args.repeat):
        cpu0, wall0 = time.process_time(), time.perf_counter()
        get()
        cpus.append(time.process_time() - cpu0)
        walls.append(time.perf_counter() - wall0)
    result = {
        "cpu_ms": statistics.mean(cpus) * 1000,
        # The median resists the other processes of a busy machine better than the mean.
        "cpu_median_ms": statistics.median(cpus) * 1000,
        "wall_ms": statistics.mean(walls) * 1000,
        "queries": len(queries),
        "templates": len(templates),
        "bytes": len(response.content),
        "top": [],
    }
    if not args.no_profile:
        profile = cProfile.Profile(time.process_time)
        profile.enable()
        for _ in range(5):
            get()
        profile.disable()
        # Five requests profiled: per request.
        stats = top_functions(profile, args.top, args.profile_sort, args.all_code)
        result["top"] = [line.replace(" ms ", " ms/5 ", 1) for line in stats]
    return result


def main(argv=None) -> int:
    args = parse_args(argv)
    configure(args)
    import django

    django.setup()
    if args.templates_dir:
        from django.conf import settings as django_settings

        django_settings.TEMPLATES[0]["DIRS"].insert(0, args.templates_dir)
    from django.conf import settings as profile_settings

    # The portal's URLs and two reference pages (reference_urls.py), for this script only.
    profile_settings.ROOT_URLCONF = "benchmarks.reference_urls"
    logging.disable(logging.WARNING)  # no request log line per request
    collect_static()
    from django.conf import settings

    from cocreation_list.models import Theme
    from proposals.models import Proposal

    print(
        f"database: {args.db}  cases: {Proposal.objects.count()}  "
        f"themes: {Theme.objects.count()}  DEBUG={settings.DEBUG}  language={args.language}"
    )
    print(f"loaders: {settings.TEMPLATES[0]['OPTIONS'].get('loaders', 'default (cached)')}")
    print(
        f"{args.warmup} warm-up, {args.repeat} timed requests per page; profile of 5 more "
        "(figures per 5 requests)\n"
    )
    results = {}
    for page in pages():
        if args.only and page["name"] not in args.only and page["name"] != "healthz":
            continue
        results[page["name"]] = (page, measure(page, args))
    base = results["healthz"][1]["cpu_median_ms"]
    print(
        f"{'page':18} {'url':32} {'CPU ms':>8} {'median':>8} {'wall ms':>8} {'ratio':>6} "
        f"{'queries':>7} {'tmpl':>5} {'KB':>6}"
    )
    for name, (page, result) in results.items():
        print(
            f"{name:18} {page['url'][:32]:32} {result['cpu_ms']:8.2f} "
            f"{result['cpu_median_ms']:8.2f} {result['wall_ms']:8.2f} "
            f"{base / result['cpu_median_ms']:6.2f} {result['queries']:7d} "
            f"{result['templates']:5d} {result['bytes'] / 1024:6.1f}"
        )
    print(
        "\nCPU ms: mean process CPU time per request; median: its median; ratio: the minimal "
        "view's median over the page's (the throughput a CPU-bound server reaches against "
        "/healthz)."
    )
    for name, (page, result) in results.items():
        if result["top"]:
            print(f"\n{name} {page['url']}: top {args.top} project functions ({args.profile_sort})")
            print("\n".join(result["top"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
