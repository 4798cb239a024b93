"""Similar-case hints for the staff (issue 15 §6): on a case's staff page, the other cases and
the themes whose title reads like this case's, so that the office and the departments in charge
notice a near-duplicate or an earlier attempt at the same issue.

How two texts are compared: by their character pairs (bigrams) — the pairs of neighbouring
characters of each word of the folded text (mishima_kyoso.search.grams), without single
characters and without pairs holding a digit (those of the reference numbers R8-0012 and
R80012 that the cases' search columns also hold, and of the dates). Two titles resemble each
other by the Dice coefficient of their pair sets, 2·|A∩B| / (|A|+|B|): 1 for the same title,
about 0.9 for a near-duplicate, 0 for nothing in common. What is compared is the title, the
one text every case, theme and sounding has and the cases' search columns already index.

Where it reads: the cases from the search columns of mishima_kyoso.search (search_grams).
On PostgreSQL the GIN index of those grams (``string_to_array(search_grams, ' ')``) finds the
candidates (see "The cases" below), and the database counts the shared pairs and ranks them;
SQLite has no such index and compares every visible case in Python. The themes are found the
same way, their titles compared in Python.

Who sees what: only staff (staff_cases: the office every received case, a department the
cases assigned to it — never a draft, never a proposer or an evaluator), and only among what
the viewer may open. The hints are the staff page's; no other page asks for them.

Other apps add their own kind of hint (the soundings app, for one) through register(): a
source is a function (user, case) → list of Hint, at most LIMIT of them, the best first,
scored with dice(pairs(case.title), pairs(their title)), read in a fixed number of queries,
and only among what the user may see. This app never imports them (DESIGN §6: dependencies
point one way).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations

from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Exists, Expression, F, FloatField, OuterRef
from django.urls import reverse
from django.utils.translation import gettext

from accounts import roles
from cocreation_list.models import Theme
from mishima_kyoso import search

from .models import DepartmentAssignment, Proposal
from .models.case import SUBMITTED
from .selectors import staff_cases

LIMIT = 5
# Below this a pair set shares little more than a common word (の提案, 事業): not a hint.
THRESHOLD = 0.25


@dataclass(frozen=True)
class Hint:
    """One similar item as the staff case page lists it."""

    kind: str  # "case", "theme", or the code of the source that registered it
    kind_label: str
    reference: str
    title: str
    status_label: str
    url: str
    score: float  # Dice coefficient of the title pairs, 0..1

    @property
    def percent(self) -> int:
        return round(self.score * 100)


Source = Callable[..., list[Hint]]
SOURCES: list[Source] = []


def register(source: Source) -> Source:
    """Add a kind of hint (call it from the app's AppConfig.ready()); usable as a decorator."""
    if source not in SOURCES:
        SOURCES.append(source)
    return source


def _counts(gram: str) -> bool:
    return len(gram) == 2 and not any(ch.isdigit() for ch in gram)


def pairs(text: str) -> frozenset[str]:
    """The character pairs of the text that compare two texts (see the module); `text` may be
    a text or the space-separated grams of a search column (its single characters are left)."""
    return frozenset(gram for gram in search.grams(text).split(" ") if _counts(gram))


def pair_sequence(text: str) -> list[str]:
    """pairs(text) in the order they occur in the text (each once)."""
    found = {}
    for word in search.fold(text).split(" "):
        for i in range(len(word) - 1):
            if _counts(word[i : i + 2]):
                found.setdefault(word[i : i + 2])
    return list(found)


def dice(first: Iterable[str], second: Iterable[str]) -> float:
    first, second = set(first), set(second)
    if not first or not second:
        return 0.0
    return 2 * len(first & second) / (len(first) + len(second))


def similar_items(user, case: Proposal, *, limit: int = LIMIT) -> list[Hint]:
    """The items most like this case that the user may see, the most similar first: none for
    anyone but the office and department staff."""
    if not roles.is_city_staff(user):
        return []
    found = [hint for source in SOURCES for hint in source(user, case)]
    found.sort(key=lambda hint: -hint.score)
    return found[:limit]


# The cases ------------------------------------------------------------------------------------
#
# On PostgreSQL the candidates are not every case sharing a pair (a common pair such as 提案 or
# の見 is in a good part of the cases, and comparing them all costs seconds at 100,000): the
# title's pairs are cut into ANCHORS runs in their order, the rarest pair of each run is its
# anchor (how often each pair occurs: the planner's statistics on the grams), and a candidate
# holds at least two anchors — each such condition an intersection of two of the GIN index's
# lists, read up to PER_ANCHORS rows. A near-duplicate that differs in one part of its title
# (another place, another method) keeps the anchors of the other parts and is found (unless
# more than PER_ANCHORS other cases hold the same two rarest pairs); a case that shares at most
# one part is no hint. The candidates are then ranked by the Dice coefficient over all the
# pairs, in the database. benchmarks/similar_cases.py compares the result with the exhaustive
# one.

ANCHORS = 4
NEEDED = 2
# The candidates read for each two anchors: a templated title (「スマートフォンアプリで進める…」)
# may have thousands holding two anchors of one long phrase, and ranking them all costs more
# than it finds; a near-duplicate holds the other, rarer, two anchors as well.
PER_ANCHORS = 50
FREQUENCIES_SECONDS = 3600


class _GramSql(Expression):
    """SQL over a row's gram array (``string_to_array(search_grams, ' ')``, the GIN index's own
    expression) and a list of pairs, bound as one text[] parameter."""

    template = ""

    def __init__(self, column, wanted: list[str], output_field):
        super().__init__(output_field=output_field)
        self.column = column
        self.wanted = list(wanted)

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, expressions):
        (self.column,) = expressions

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.column)
        array = f"string_to_array({sql}, ' ')"
        return self.template.format(array=array), (*params, *self.extra_params())

    def extra_params(self) -> tuple:
        return (self.wanted,)


class _HoldsPairs(_GramSql):
    """The row holds every one of the pairs (`@>`) or, with any=True, one of them (`&&`): the
    GIN index answers either."""

    conditional = True

    def __init__(self, column, wanted, *, any=False):
        super().__init__(column, wanted, BooleanField())
        self.template = "{array} && %s::text[]" if any else "{array} @> %s::text[]"


class _Dice(_GramSql):
    """2·|shared pairs| / (|the row's pairs| + |the wanted pairs|), counted in one pass over
    the row's grams; the row's pairs as pairs() counts them (two characters, no digit)."""

    template = (
        "(SELECT 2.0 * count(*) FILTER (WHERE g.gram = ANY(%s::text[]))"
        " / NULLIF(count(*) FILTER (WHERE char_length(g.gram) = 2 AND g.gram !~ '[0-9]') + %s, 0)"
        " FROM unnest({array}) AS g(gram))"
    )

    def __init__(self, column, wanted):
        super().__init__(column, wanted, FloatField())

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.column)
        array = f"string_to_array({sql}, ' ')"
        return self.template.format(array=array), (self.wanted, len(self.wanted), *params)


def pair_frequencies(model) -> dict[str, float]:
    """How often the common pairs occur in the model's rows, as the planner's statistics on
    the grams know them (mishima_kyoso.search.gram_index: the most common elements, up to a
    thousand); a pair not among them is rarer than all of those. Read once an hour (they
    change with ANALYZE only, and only choose the anchors): no query on most pages. Empty
    before the first ANALYZE."""
    name = search.index_name(model._meta.db_table) + "_stats"

    def read():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs "
                "FROM pg_stats_ext_exprs WHERE statistics_name = %s",
                [name],
            )
            row = cursor.fetchone()
        if not row or not row[0]:
            return {}
        # The frequencies end with three more numbers (minimum, maximum, nulls): zip drops them.
        return dict(zip(row[0], row[1], strict=False))

    return cache.get_or_set(f"similarity:frequencies:{name}", read, FREQUENCIES_SECONDS)


def anchors(sequence: list[str], frequencies: dict[str, float], *, runs: int = ANCHORS):
    """The rarest pair of each of `runs` runs of the title's pairs, in order."""
    runs = min(runs, len(sequence))
    size, extra = divmod(len(sequence), runs)
    found, start = [], 0
    for run in range(runs):
        end = start + size + (1 if run < extra else 0)
        found.append(min(sequence[start:end], key=lambda pair: frequencies.get(pair, 0.0)))
        start = end
    return found


def _scope(user):
    """Where the candidates are looked for: the received cases, and for department staff those
    assigned to their department. A narrowing for speed only (each part of the UNION checks
    this alone, not the whole of visible_proposals): what is shown is decided by
    staff_cases(), applied to the candidates."""
    scope = Proposal.objects.filter(SUBMITTED)
    if roles.is_office(user):
        return scope
    assigned = DepartmentAssignment.objects.filter(
        department_id=user.department_id, proposal_id=OuterRef("pk")
    )
    return scope.filter(Exists(assigned))


def candidates(scope, chosen: list[str]):
    """The pks of at most PER_ANCHORS rows of the scope for each NEEDED anchors they hold
    (every anchor of a short title), as one subquery: a UNION of index scans."""
    column = F("search_grams")
    scope = scope.order_by()
    parts = [
        scope.filter(_HoldsPairs(column, sorted(set(together)))).values("pk")[:PER_ANCHORS]
        for together in combinations(chosen, min(NEEDED, len(chosen)))
    ]
    return parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]


def similar_cases(user, case: Proposal, *, limit: int = LIMIT):
    """The other cases this member of staff works on (staff_cases) whose title is like this
    case's, with their score (`similarity`), the most similar first; one query (and on
    PostgreSQL the statistics' once an hour)."""
    sequence = pair_sequence(case.title)
    if not sequence:
        return []
    wanted = frozenset(sequence)
    cases = staff_cases(user).exclude(pk=case.pk).select_related(None)
    cases = cases.only("pk", "reference", "title", "status", "submitted_at")
    if connection.vendor == "postgresql":
        chosen = anchors(sequence, pair_frequencies(Proposal))
        best = (
            cases.filter(pk__in=candidates(_scope(user).exclude(pk=case.pk), chosen))
            .annotate(similarity=_Dice(F("search_grams"), sorted(wanted)))
            .order_by("-similarity", "-submitted_at", "-pk")[:limit]
        )
        return [row for row in best if row.similarity >= THRESHOLD]
    # SQLite: every candidate's grams in one query, compared here (no index to ask).
    scored = []
    for row in cases.only("pk", "reference", "title", "status", "submitted_at", "search_grams"):
        row.similarity = dice(wanted, pairs(row.search_grams))
        if row.similarity >= THRESHOLD:
            scored.append(row)
    scored.sort(key=lambda row: (-row.similarity, _newest(row)))
    return scored[:limit]


def _newest(row):
    return -(row.submitted_at.timestamp() if row.submitted_at else 0), -row.pk


@register
def case_hints(user, case) -> list[Hint]:
    label = gettext("Case")
    return [
        Hint(
            kind="case",
            kind_label=label,
            reference=row.reference or "",
            title=row.title,
            status_label=str(row.get_status_display()),
            url=reverse("proposals:staff_case", args=[row.pk]),
            score=float(row.similarity),
        )
        for row in similar_cases(user, case)
    ]


# The themes -----------------------------------------------------------------------------------


def staff_themes(user):
    """The themes a member of staff may read: every one for the office; the published and
    closed ones and their own department's (its drafts too) for department staff."""
    themes = Theme.objects.all()
    if roles.is_office(user):
        return themes
    if roles.is_department_staff(user):
        return themes.public() | themes.filter(department_id=user.department_id)
    return themes.none()


def similar_themes(user, case: Proposal, *, limit: int = LIMIT):
    """The themes (other than the one the case answers) whose title is like this case's, the
    most similar first; one query. On PostgreSQL the candidates are found as the cases' are,
    through the GIN index of the themes' grams (which hold their whole text, so a theme whose
    text, not its title, shares the anchors is a candidate too); their titles are compared
    here."""
    sequence = pair_sequence(case.title)
    if not sequence:
        return []
    wanted = frozenset(sequence)
    themes = staff_themes(user).exclude(pk=case.theme_id).only("pk", "number", "title", "status")
    if connection.vendor == "postgresql":
        chosen = anchors(sequence, pair_frequencies(Theme))
        themes = themes.filter(pk__in=candidates(Theme.objects.all(), chosen))
    scored = []
    for theme in themes.order_by():
        theme.similarity = dice(wanted, pairs(theme.title))
        if theme.similarity >= THRESHOLD:
            scored.append(theme)
    scored.sort(key=lambda theme: (-theme.similarity, -theme.number))
    return scored[:limit]


def _theme_url(theme) -> str:
    if theme.status == Theme.Status.DRAFT:  # no public page yet: the staff edit it in the admin
        return reverse("admin:cocreation_list_theme_change", args=[theme.pk])
    return theme.get_absolute_url()


@register
def theme_hints(user, case) -> list[Hint]:
    label = gettext("Theme")
    return [
        Hint(
            kind="theme",
            kind_label=label,
            reference=gettext("Theme No. %(number)s") % {"number": theme.number},
            title=theme.title,
            status_label=str(theme.get_status_display()),
            url=_theme_url(theme),
            score=theme.similarity,
        )
        for theme in similar_themes(user, case)
    ]
