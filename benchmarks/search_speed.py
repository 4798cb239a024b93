"""SQL time of the keyword search at scale: the indexed search against the old LIKE scan.

For 1- to 4-character words and a reference number, over themes (the public list), cases (the
staff work list) and organisations (the admin), prints the EXPLAIN ANALYZE execution time of
the page query (sorted, first page) and of its count, whether the GIN index of the grams
(``*_grams_gin``) is in the plan, and the same for the LIKE scan the lists used before
(issue 14 §3). Read-only: it runs SELECTs only.

Run from the project root on a loaded database (``manage.py load_scale``):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kyoso_scale \
        .venv/bin/python benchmarks/search_speed.py [--repeat 5] [--words 子 観光 …]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mishima_kyoso.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import F, Q, Value  # noqa: E402
from django.db.models.functions import Replace, Upper  # noqa: E402

from accounts.models import Organization  # noqa: E402
from accounts.validators import hiragana_to_katakana  # noqa: E402
from cocreation_list.models import Theme  # noqa: E402
from mishima_kyoso import search  # noqa: E402
from proposals.models import Proposal  # noqa: E402
from proposals.search import search_cases  # noqa: E402

WORDS = ["子", "観光", "防災", "子育て", "地域交通", "R8-12"]
CASE_ORDER = (F("next_due_on").asc(nulls_last=True), "-submitted_at", "-pk")


# The search as it was before issue 14 (for the comparison) ------------------------------------

_DASHES = re.compile(r"[-‐‑‒–—―−ー－\s]")
_REFERENCE = re.compile(r"^R(\d{1,2})-(\d{1,4})$")


def _old_case_condition(term: str) -> Q:
    full = "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in term)
    hira = "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in term)
    variants = {term, full, full.upper(), hiragana_to_katakana(term), hira}
    condition = Q(organization__name_kana__icontains=hiragana_to_katakana(term))
    for variant in variants:
        condition |= Q(title__icontains=variant) | Q(organization__name__icontains=variant)
    compact = _DASHES.sub("", term.upper())
    if any(ch.isdigit() for ch in compact):
        condition |= Q(reference_compact__contains=compact)
        whole = _REFERENCE.match(_DASHES.sub("-", term.upper()))
        if whole:
            condition |= Q(reference=f"R{int(whole[1])}-{int(whole[2]):04d}")
    return condition


def old_cases(queryset, query):
    queryset = queryset.alias(reference_compact=Replace(Upper("reference"), Value("-"), Value("")))
    for term in search.terms(query):
        queryset = queryset.filter(_old_case_condition(term))
    return queryset


def old_themes(queryset, query):
    for term in search.terms(query):
        queryset = queryset.filter(search_text__contains=term)
    return queryset


def old_organizations(queryset, query):
    for term in search.terms(query):
        queryset = queryset.filter(
            Q(name__icontains=term)
            | Q(name_kana__icontains=hiragana_to_katakana(term))
            | Q(corporate_number__icontains=term)
            | Q(email__icontains=term)
        )
    return queryset


# Measuring ---------------------------------------------------------------------------------------


def explain(queryset, repeat: int) -> tuple[float, bool]:
    """Median execution time (ms) of the query, and whether a grams index is in its plan."""
    sql, params = queryset.query.sql_with_params()
    times, uses_index = [], False
    with connection.cursor() as cursor:
        for _ in range(repeat):
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            times.append(plan[0]["Execution Time"])
            uses_index = "grams_gin" in json.dumps(plan[0]["Plan"])
    return statistics.median(times), uses_index


def measure(label, new_qs, old_qs, page: int, repeat: int) -> list[tuple]:
    rows = []
    for kind, queryset in (("indexed", new_qs), ("LIKE scan", old_qs)):
        first_page, index_page = explain(queryset[:page], repeat)
        # The paginator's count: SELECT COUNT(*) FROM (…) or SELECT COUNT(*) … WHERE …
        counted = queryset.order_by().annotate()
        count_sql, count_params = counted.query.get_compiler(using="default").as_sql()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({count_sql}) AS found", count_params)  # noqa: S608
            found = cursor.fetchone()[0]
        count_ms, index_count = explain(_CountOf(counted), repeat)
        rows.append((label, kind, found, first_page, index_page, count_ms, index_count))
    return rows


class _CountOf:
    """A queryset-like wrapper so explain() runs `SELECT COUNT(*) FROM (…)`."""

    def __init__(self, queryset):
        sql, params = queryset.query.get_compiler(using="default").as_sql()
        self.query = self
        self._sql = (f"SELECT COUNT(*) FROM ({sql}) AS found", params)  # noqa: S608

    def sql_with_params(self):
        return self._sql


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per query (median)")
    parser.add_argument("--words", nargs="*", default=WORDS)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("PostgreSQL only (set DATABASE_URL).", file=sys.stderr)
        return 2
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM proposals_proposal), "
            "(SELECT count(*) FROM cocreation_list_theme), "
            "(SELECT count(*) FROM accounts_organization)"
        )
        cases, themes, organizations = cursor.fetchone()
    print(
        f"database {connection.settings_dict['NAME']}: {cases} cases, {themes} themes, "
        f"{organizations} organisations; median of {args.repeat} runs, EXPLAIN ANALYZE "
        "execution time in ms"
    )
    rows = []
    public = Theme.objects.public().order_by("-published_at", "-number")
    received = Proposal.objects.exclude(status=Proposal.Status.DRAFT).order_by(*CASE_ORDER)
    everyone = Organization.objects.order_by("name_kana", "pk")
    for word in args.words:
        rows += measure(
            f"themes   {word}",
            search.matches(public, word),
            old_themes(public, word),
            20,
            args.repeat,
        )
        rows += measure(
            f"cases    {word}",
            search_cases(received, word),
            old_cases(received, word),
            50,
            args.repeat,
        )
        rows += measure(
            f"orgs     {word}",
            search.matches(everyone, word),
            old_organizations(everyone, word),
            100,
            args.repeat,
        )
    header = ("query", "method", "found", "page ms", "GIN", "count ms", "GIN")
    print(
        f"{header[0]:<18}{header[1]:<11}{header[2]:>7}{header[3]:>10}{header[4]:>5}"
        f"{header[5]:>10}{header[6]:>5}"
    )
    for label, kind, found, page_ms, page_gin, count_ms, count_gin in rows:
        print(
            f"{label:<18}{kind:<11}{found:>7}{page_ms:>10.2f}{'yes' if page_gin else 'no':>5}"
            f"{count_ms:>10.2f}{'yes' if count_gin else 'no':>5}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
