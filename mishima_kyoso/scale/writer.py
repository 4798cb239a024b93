"""Rows written fast: COPY on PostgreSQL (psycopg 3), one prepared INSERT run many times
elsewhere (SQLite). No model instances, no save(), no signals, no history rows.

Primary keys are given here (the next free ones, read once per table), so the rows of one
table can name those of another before either is written; the sequences are moved past them
at the end (`reset_sequences`).
"""

import json
import time
from collections.abc import Iterable, Sequence
from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction

from . import searchable

BATCH = 2000  # rows per executemany outside PostgreSQL


class Ids:
    """The next free primary key of each model, read once, then counted here."""

    def __init__(self):
        self._next: dict[type[models.Model], int] = {}

    def take(self, model: type[models.Model], count: int) -> range:
        start = self._next.get(model)
        if start is None:
            top = model.objects.order_by("-pk").values_list("pk", flat=True).first()
            start = (top or 0) + 1
        self._next[model] = start + count
        return range(start, start + count)

    def models(self) -> list[type[models.Model]]:
        return list(self._next)


# Searchable models written without the fields their search columns are made of: the command
# has mishima_kyoso.search reindex them afterwards.
UNINDEXED: set = set()
TIMES: dict[str, float] = {}  # seconds spent writing each model's rows (verbosity 2)


def insert(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Write the rows (tuples in the order of `columns`, model field names or attnames);
    the number written. JSON columns take Python values (dumped here). The search columns
    (search_text, search_grams) are added when the model has them, computed as its save()
    would from the columns given."""
    columns, rows = _with_search(model, list(columns), rows)
    fields = [model._meta.get_field(name) for name in columns]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    json_at = [i for i, field in enumerate(fields) if isinstance(field, models.JSONField)]
    started = time.perf_counter()
    if connection.vendor == "postgresql":
        count = _copy(table, names, rows, json_at)
    else:
        count = _insert_many(table, names, fields, rows, json_at)
    label = model._meta.label
    TIMES[label] = TIMES.get(label, 0.0) + time.perf_counter() - started
    return count


def _with_search(model, columns: list[str], rows):
    missing = [name for name in searchable.columns(model) if name not in columns]
    if not missing:
        return columns, rows
    searched = [*getattr(model, "SEARCHED_FIELDS", ()), *getattr(model, "SEARCHED_COMPACT", ())]
    if not all(name in columns for name in searched):
        UNINDEXED.add(model)
        return columns + missing, (
            (*row, *("" for _name in missing)) for row in rows
        )  # filled by the reindex
    at = {name: columns.index(name) for name in searched}
    extra = [searchable.NAMES.index(name) for name in missing]

    def rows_with_search():
        for row in rows:
            found = searchable.values(model, {name: row[i] for name, i in at.items()})
            yield (*row, *(found[i] for i in extra))

    return columns + missing, rows_with_search()


def _dumped(row, json_at):
    if not json_at:
        return row
    row = list(row)
    for i in json_at:
        row[i] = json.dumps(row[i], ensure_ascii=False)
    return row


_ESCAPES = (("\\", "\\\\"), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"))
COPY_CHUNK = 1 << 20  # characters sent to the server at once


def _text(value) -> str:
    """A value in COPY's text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        for char, escaped in _ESCAPES:  # `in` first: most values hold none of them
            if char in value:
                value = value.replace(char, escaped)
        return value
    if isinstance(value, (int, float)):
        return str(value)
    return value.isoformat()  # dates and aware datetimes


def _copy(table, names, rows, json_at) -> int:
    """COPY in text format, the lines made here: much cheaper than adapting every value."""
    count, lines, size = 0, [], 0
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            line = "\t".join(map(_text, _dumped(row, json_at))) + "\n"
            lines.append(line)
            size += len(line)
            count += 1
            if size >= COPY_CHUNK:
                copy.write("".join(lines))
                lines, size = [], 0
        if lines:
            copy.write("".join(lines))
    return count


def _insert_many(table, names, fields, rows, json_at) -> int:
    marks = ", ".join(["%s"] * len(fields))
    # The names come from the models (quoted), the values are bound parameters.
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
    plain = [i for i, field in enumerate(fields) if i not in json_at]
    count, batch = 0, []
    with connection.cursor() as cursor:
        for row in rows:
            row = _dumped(row, json_at)
            values = list(row)
            for i in plain:
                values[i] = fields[i].get_db_prep_save(values[i], connection)
            batch.append(values)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def reset_sequences(written: list[type[models.Model]]) -> None:
    """Move the id sequences past the ids given here (PostgreSQL; SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), written)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def analyze(written: list[type[models.Model]]) -> None:
    """Fresh planner statistics for the tables just filled (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in written:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


@contextmanager
def bulk_load(written: list[type[models.Model]]):
    """On PostgreSQL: the secondary indexes of these tables dropped while they fill and built
    again at the end (a build is much faster than a million inserts into a GIN index), and the
    foreign key triggers off while the rows are written (session_replication_role, when the
    role may set it: the rows are consistent by construction). Elsewhere, nothing."""
    if connection.vendor != "postgresql":
        yield
        return
    tables = [model._meta.db_table for model in written]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        try:
            with transaction.atomic():
                cursor.execute("SET LOCAL session_replication_role = replica")
        except DatabaseError:
            pass  # not allowed: the foreign keys are checked at commit
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisprimary
              AND NOT i.indisunique
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """,
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)
        cursor.execute("SET LOCAL session_replication_role = origin")
