"""The staff's keyword search of cases: the work list and the admin case list (issue 14 §3).

A word finds a case by its reference number (受付番号: R8-0012, r8-0012, R80012, R8ー0012,
ｒ８－００１２, R8-12), its title, or its organisation's name or reading, in either kana and
either width. Every word must match. Titles and references are searched through the case's own
search columns, organisations through theirs (mishima_kyoso.search): both indexed on PostgreSQL.
"""

import re

from django.db.models import BooleanField, Expression, F, Q, Subquery

from accounts.models import Organization
from mishima_kyoso import search

# Every dash a Japanese keyboard may type between the era year and the serial (R8－0012,
# R8ー0012): a reference number is compared without them.
_DASHES = re.compile(r"[-‐‑‒–—―−ー－\s]")
_REFERENCE = re.compile(r"^(?:([A-Z]{1,3})-)?R(\d{1,2})-(\d{1,4})$")


class _AmongOrganizations(Expression):
    """The case's organisation is one of the subquery's. On PostgreSQL `= ANY(ARRAY(…))`: the
    organisations are found first (their index), then their cases (the organisation index),
    so the planner can OR it with the case's own index."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, column, organizations):
        super().__init__()
        self.column = column
        self.organizations = Subquery(organizations)

    def get_source_expressions(self):
        return [self.column, self.organizations]

    def set_source_expressions(self, expressions):
        self.column, self.organizations = expressions

    def as_sql(self, compiler, connection):
        column, column_params = compiler.compile(self.column)
        subquery, subquery_params = compiler.compile(self.organizations)
        if not subquery.startswith("("):
            subquery = f"({subquery})"
        if connection.vendor == "postgresql":
            return f"{column} = ANY(ARRAY{subquery})", (*column_params, *subquery_params)
        return f"{column} IN {subquery}", (*column_params, *subquery_params)


def organizations_matching(term: str):
    return Organization.objects.filter(search.condition(term)).order_by().values("pk")


def keyword_condition(term: str) -> Q:
    """One word of the query (folded or not) in the reference, the title or the organisation."""
    term = search.fold(term).replace(" ", "")
    condition = search.condition(term) | Q(
        _AmongOrganizations(F("organization_id"), organizations_matching(term))
    )
    compact = _DASHES.sub("", term.upper())
    if any(ch.isdigit() for ch in compact):
        # 受付番号 without its hyphen, in the case's search text (R80012, also a part: 0012).
        condition |= search.condition(compact)
        whole = _REFERENCE.match(_DASHES.sub("-", term.upper()))
        if whole:  # R8-12 is R8-0012 (KAK-R8-0012 with the city's prefix)
            number = f"R{int(whole[2])}-{int(whole[3]):04d}"
            condition |= Q(reference=f"{whole[1]}-{number}" if whole[1] else number)
    return condition


def search_cases(queryset, query: str):
    """The cases matching every word of the query."""
    for term in search.terms(query):
        queryset = queryset.filter(keyword_condition(term))
    return queryset
