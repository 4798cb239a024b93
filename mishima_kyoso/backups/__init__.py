"""Backup and restore of the whole portal: the database and every stored file.

A backup is a directory (or the same directory in one ``.tar`` file)::

    kyoso-20260401-030000/
      manifest.json         what is inside: every file's name, size and SHA-256,
                            the row count of every table, the database dump's checksum
      database.dump         PostgreSQL: pg_dump --format=custom (no owners, no privileges)
      database.sqlite3      SQLite: a copy made with the online backup API
      files/<alias>/<name>  every file of every storage (settings.STORAGES but staticfiles),
                            read and written through the Django storage API, so a local
                            folder and an S3 bucket are backed up the same way

The database holds everything else: cases, versions, dialogue, history, evaluations, the job
queue (django-q) and the outgoing mail records (outbox), so they come back with it.

Restore checks the whole backup against its manifest before it touches anything, refuses to
write over a database or storage that is not empty unless told to (``force``), then restores
the database, compares every table's row count, writes every file back under its own name and
reads it again to compare every byte.
"""

from argparse import RawDescriptionHelpFormatter
from collections.abc import Callable

from django.core.management.base import DjangoHelpFormatter

Log = Callable[[str], None]


class ProcedureHelpFormatter(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """`--help` of the backup and restore commands: the procedure (the command's docstring)
    after the options, with its lines and indentation kept."""


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""
