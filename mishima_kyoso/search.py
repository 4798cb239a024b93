"""Japanese keyword search through an index, one rule for every list (issue 14 §3).

A searchable model keeps two columns beside the text it is searched by, both written on save():

- ``search_text``: the folded text (NFKC, lower case, hiragana as katakana, spaces collapsed),
  so ＡＩ, ai and AI match, ｶﾅ, カナ and かな match;
- ``search_grams``: the distinct characters and pairs of neighbouring characters of each word
  of that text, space-separated.

On PostgreSQL a GIN index on ``string_to_array(search_grams, ' ')`` finds the rows holding every
pair of a term (its one character for a one-character term) — two-character words such as 観光
or 防災 included, which trigrams cannot index — and ``search_text LIKE '%term%'`` keeps only the
rows where the term occurs as typed, in one piece. SQLite has no such index and runs the LIKE
alone, with the same results.
"""

import re
import unicodedata
from collections.abc import Iterable

from django.db import connection, migrations, models, transaction
from django.db.models import BooleanField, Expression, F, Q

_SPACES = re.compile(r"\s+")
# Hiragana (ぁ…ゖ, ゝ, ゞ) to katakana: the readings are stored in katakana (accounts.validators).
_TO_KATAKANA = {code: code + 0x60 for code in [*range(0x3041, 0x3097), 0x309D, 0x309E]}
TERMS_LIMIT = 8
BATCH = 2000


def fold(text: str) -> str:
    """NFKC, lower case, hiragana as katakana, any run of spaces as one space."""
    text = unicodedata.normalize("NFKC", text or "").lower().translate(_TO_KATAKANA)
    return _SPACES.sub(" ", text).strip()


def terms(query: str, *, limit: int = TERMS_LIMIT) -> list[str]:
    """The folded words of a keyword query (split on any space, the full-width one included)."""
    return [term for term in fold(query).split(" ") if term][:limit]


def grams(text: str) -> str:
    """The distinct characters and character pairs of each word of the folded text, sorted and
    space-separated (never a pair across two words or two fields)."""
    found = set()
    for word in fold(text).split(" "):
        found.update(word)
        found.update(word[i : i + 2] for i in range(len(word) - 1))
    found.discard("")
    return " ".join(sorted(found))


def term_grams(term: str) -> list[str]:
    """What a row must hold to contain the term: its character pairs, or its one character."""
    if len(term) == 1:
        return [term]
    return sorted({term[i : i + 2] for i in range(len(term) - 1)})


def document(values: Iterable, *, compact: Iterable = ()) -> str:
    """The searched text of a row: its fields one per line, then the `compact` values again
    without hyphens (R8-0012 is also found as R80012)."""
    parts = [str(value or "") for value in values]
    parts += [str(value or "").replace("-", "") for value in compact]
    return fold("\n".join(part for part in parts if part))


# The model side ------------------------------------------------------------------------------


class Searchable(models.Model):
    """A model searched by keyword: name the searched fields in SEARCHED_FIELDS (and in
    SEARCHED_COMPACT those also searched without hyphens)."""

    search_text = models.TextField(editable=False, default="")
    search_grams = models.TextField(editable=False, default="")

    SEARCHED_FIELDS: tuple[str, ...] = ()
    SEARCHED_COMPACT: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refresh_search()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & {
            *self.SEARCHED_FIELDS,
            *self.SEARCHED_COMPACT,
        }:
            kwargs["update_fields"] = {*update_fields, "search_text", "search_grams"}
        return super().save(*args, **kwargs)

    def refresh_search(self) -> None:
        self.search_text = document(
            (getattr(self, name) for name in self.SEARCHED_FIELDS),
            compact=(getattr(self, name) for name in self.SEARCHED_COMPACT),
        )
        self.search_grams = grams(self.search_text)


# The condition ---------------------------------------------------------------------------------


class _HoldsGrams(Expression):
    """`string_to_array(search_grams, ' ') @> ARRAY[…]`: the GIN index's own expression."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, column, wanted: list[str]):
        super().__init__()
        self.column = column
        self.wanted = list(wanted)

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, expressions):
        (self.column,) = expressions

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.column)
        return f"string_to_array({sql}, ' ') @> %s::text[]", (*params, self.wanted)


def condition(term: str, *, prefix: str = "") -> Q:
    """The rows whose searched text contains the (folded) term; `prefix` reaches a related
    model's columns ("organization__")."""
    term = fold(term).replace(" ", "")
    if not term:
        return Q()
    found = Q(**{f"{prefix}search_text__contains": term})
    if connection.vendor != "postgresql":
        return found
    holds = Q(_HoldsGrams(F(f"{prefix}search_grams"), term_grams(term)))
    if len(term) <= 2:
        # A word's character or pair is in the grams exactly when the text holds it (grams
        # never span two words): the index alone answers, no text to read again.
        return holds
    return holds & found


def matches(queryset, query: str):
    """The queryset narrowed to the rows containing every word of the query."""
    for term in terms(query):
        queryset = queryset.filter(condition(term))
    return queryset


# Filling the columns ---------------------------------------------------------------------------


def _write(model, rows: list[tuple], using: str) -> None:
    """Write (pk, search_text, search_grams) rows: one UPDATE per batch on PostgreSQL."""
    db = transaction.get_connection(using)
    if db.vendor == "postgresql":
        table = db.ops.quote_name(model._meta.db_table)
        pk = db.ops.quote_name(model._meta.pk.column)
        with db.cursor() as cursor:
            # The names come from the model, the values are bound parameters.
            sql = (
                f"UPDATE {table} AS t SET search_text = u.text, search_grams = u.grams "  # noqa: S608
                "FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS u(id, text, grams) "
                f"WHERE t.{pk} = u.id"
            )
            cursor.execute(
                sql,
                [[row[0] for row in rows], [row[1] for row in rows], [row[2] for row in rows]],
            )
        return
    model._default_manager.using(using).bulk_update(
        [model(pk=pk, search_text=text, search_grams=found) for pk, text, found in rows],
        ["search_text", "search_grams"],
    )


def reindex(model, fields, *, compact=(), queryset=None, using: str = "default") -> int:
    """Recompute the search columns of a model's rows (all, or the queryset's) in batches.
    Also usable from a migration with the historical model and literal field names."""
    fields, compact = tuple(fields), tuple(compact)
    rows = queryset if queryset is not None else model._default_manager.using(using)
    rows = rows.order_by("pk")
    rows = rows.values_list("pk", *fields, *compact)
    done, batch = 0, []
    for pk, *values in rows.iterator(chunk_size=BATCH):
        text = document(values[: len(fields)], compact=values[len(fields) :])
        batch.append((pk, text, grams(text)))
        if len(batch) == BATCH:
            _write(model, batch, using)
            done, batch = done + len(batch), []
    if batch:
        _write(model, batch, using)
        done += len(batch)
    return done


def searchable_models() -> list:
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, Searchable)]


def reindex_all(using: str = "default") -> dict[str, int]:
    """Fill the search columns of every searchable model (after a bulk load), then refresh the
    planner's statistics of the grams on PostgreSQL."""
    done = {}
    db = transaction.get_connection(using)
    for model in searchable_models():
        done[model._meta.label] = reindex(
            model, model.SEARCHED_FIELDS, compact=model.SEARCHED_COMPACT, using=using
        )
        if db.vendor == "postgresql":
            with db.cursor() as cursor:
                cursor.execute(f"ANALYZE {db.ops.quote_name(model._meta.db_table)}")
    return done


# Migrations ------------------------------------------------------------------------------------


def index_name(table: str) -> str:
    return f"{table[:40]}_grams_gin"


def postgresql_only(create, drop) -> migrations.RunPython:
    """Reversible SQL statements (a string or a tuple of them) run on PostgreSQL only (SQLite
    searches without these indexes)."""

    def run(statements):
        def step(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                for statement in (statements,) if isinstance(statements, str) else statements:
                    schema_editor.execute(statement)

        return step

    return migrations.RunPython(run(create), run(drop))


def gram_index(table: str, *, where: str = "") -> migrations.RunPython:
    """The GIN index of a table's grams, and statistics on the same expression (how often each
    gram occurs: the planner then knows 観光 is frequent and 地域交通 rare, and reads a list in
    its sort order or through the index accordingly). `where` makes the index partial (the rows
    that are ever searched: a list's query must then carry the same condition, as the staff
    lists do)."""
    partial = f" WHERE {where}" if where else ""
    name = index_name(table)
    return postgresql_only(
        (
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin (string_to_array(search_grams, ' ')){partial}",
            f"CREATE STATISTICS IF NOT EXISTS {name}_stats "
            f"ON (string_to_array(search_grams, ' ')) FROM {table}",
        ),
        (f"DROP STATISTICS IF EXISTS {name}_stats", f"DROP INDEX IF EXISTS {name}"),
    )


def fill_columns(app_label: str, model_name: str, fields, compact=()) -> migrations.RunPython:
    """The data migration filling the columns of the rows already there."""

    def fill(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        reindex(model, fields, compact=compact, using=schema_editor.connection.alias)

    return migrations.RunPython(fill, migrations.RunPython.noop)
