"""The database of a backup: pg_dump and pg_restore for PostgreSQL, the online backup API for
SQLite, and the row count of every table, taken when the dump is made and after a restore."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, DatabaseError, OperationalError, connections, transaction
from django.db.migrations.executor import MigrationExecutor

from mishima_kyoso.backups import BackupError, Log

DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}

# What a restore prints (and what an operator looks for first); every table is counted anyway.
KEY_MODELS = (
    ("cases", "proposals.Proposal"),
    ("proposal versions", "proposals.ProposalVersion"),
    ("status changes", "proposals.ProposalTransition"),
    ("messages", "dialogue.Message"),
    ("meeting records", "dialogue.MeetingRecord"),
    ("proposal attachments", "proposals.ProposalAttachment"),
    ("message attachments", "dialogue.MessageAttachment"),
    ("theme attachments", "cocreation_list.ThemeAttachment"),
    ("agreement documents", "partnership.AgreementDocument"),
    ("score sheets", "evaluation.ScoreSheet"),
    ("scores", "evaluation.Score"),
    ("published decisions", "outcomes.PublishedDecision"),
    ("users", "accounts.User"),
    ("outgoing mails", "outbox.Mail"),
    ("queued jobs", "django_q.OrmQ"),
)


def default_connection():
    return connections[DEFAULT_DB_ALIAS]


def vendor() -> str:
    name = default_connection().vendor
    if name not in DUMPS:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {name}.")
    return name


def quote(table: str) -> str:
    return '"' + table.replace('"', '""') + '"'


def count_rows(cursor, tables) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (a quoted table name)
        counts[table] = cursor.fetchone()[0]
    return counts


def libpq_env() -> dict[str, str]:
    """Connection parameters for pg_dump, pg_restore and createdb, from settings.DATABASES."""
    db = default_connection().settings_dict
    env = dict(os.environ, PGDATABASE=str(db["NAME"]), PGAPPNAME="kyoso-backup")
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),  # in the environment, never on a command line
    ):
        if db.get(key):
            env[variable] = str(db[key])
    options = db.get("OPTIONS") or {}
    for key in ("sslmode", "sslrootcert", "sslcert", "sslkey", "passfile", "service"):
        if options.get(key):
            env[f"PG{key.upper()}"] = str(options[key])
    return env


def run(program: str, *arguments: str) -> subprocess.CompletedProcess:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            f"{program} was not found. Install the PostgreSQL client programs "
            "(the same major version as the server or newer)."
        )
    result = subprocess.run(  # noqa: S603 (fixed program, arguments from settings)
        [executable, *arguments], env=libpq_env(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip() or result.stdout.strip()}")
    return result


def dump_postgresql(target: Path) -> dict[str, int]:
    """pg_dump in the snapshot the row counts are taken in, so both tell the same moment."""
    connection = default_connection()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = count_rows(cursor, connection.introspection.table_names(cursor))
        run(
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--snapshot={snapshot}",
            f"--file={target}",
            # the name comes from PGDATABASE: a name starting with "-" stays a name
        )
    return counts


def sqlite_path() -> str:
    name = str(default_connection().settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
    return name


def sqlite_tables(database: sqlite3.Connection) -> list[str]:
    rows = database.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [name for (name,) in rows]


def dump_sqlite(target: Path) -> dict[str, int]:
    """The online backup API: a consistent copy while the portal keeps running."""
    sqlite_path()
    connection = default_connection()
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        return count_rows(copy.cursor(), sqlite_tables(copy))
    finally:
        copy.close()


def database_tables() -> list[str]:
    connection = default_connection()
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def postgresql_tables_or_none() -> list[str] | None:
    """The tables of the configured database; None when it cannot be reached (missing)."""
    try:
        return database_tables()
    except OperationalError:
        default_connection().close()
        return None


def sqlite_tables_at(path: str) -> list[str]:
    if not Path(path).exists():
        return []
    database = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
    try:
        return sqlite_tables(database)
    finally:
        database.close()


def restore_postgresql(dump: Path, log: Log) -> None:
    default_connection().close()
    run(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",  # all or nothing
        "--exit-on-error",
        f"--dbname={libpq_env()['PGDATABASE']}",
        str(dump),
    )
    log("Database restored with pg_restore.")


def restore_sqlite(copy: Path, log: Log) -> None:
    path = Path(sqlite_path())
    default_connection().close()
    path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{copy.resolve()}?mode=ro", uri=True)
    target = sqlite3.connect(path)
    try:
        source.backup(target)
    except sqlite3.Error as error:
        raise BackupError(f"The SQLite database could not be restored: {error}") from error
    finally:
        target.close()
        source.close()
    log(f"Database restored into {path}.")


def key_counts(counts: dict[str, int]) -> list[tuple[str, int]]:
    """The lines an operator looks for, and the history rows of every Historical* table."""
    lines = []
    for label, model_label in KEY_MODELS:
        try:
            table = apps.get_model(model_label)._meta.db_table
        except LookupError:
            continue
        if table in counts:
            lines.append((label, counts[table]))
    history_tables = {
        model._meta.db_table
        for model in apps.get_models()
        if model.__name__.startswith("Historical") and hasattr(model, "history_id")
    }
    lines.append(
        ("history rows", sum(counts.get(table, 0) for table in history_tables)),
    )
    return lines


def pending_migrations() -> int:
    connection = default_connection()
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def waiting_mails() -> int | None:
    """Mails the restored outbox still has to send: a worker sends them once started."""
    try:
        mail = apps.get_model("outbox", "Mail")
        return mail.objects.filter(status="queued").count()
    except (LookupError, DatabaseError):  # no outbox, or a schema older than this code
        return None
