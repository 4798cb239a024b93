"""Back up the portal: the database and every stored file, with a manifest of checksums.

    python manage.py backup                        # backups/kyoso-<date>-<time>/
    python manage.py backup --output /srv/kyoso-backups/kyoso-20260401.tar
    make backup BACKUP=/srv/kyoso-backups/kyoso-20260401.tar

What is backed up:

- the database of settings.DATABASES["default"] (DATABASE_URL). PostgreSQL: ``pg_dump
  --format=custom --no-owner --no-privileges`` (pg_dump of the server's major version or newer
  on PATH; host, port, user and name from the settings, the password passed in PGPASSWORD).
  SQLite: a copy made with the online backup API. Either is consistent while the portal runs;
  the job queue and the outgoing mail records are tables of this database.
- every file of every storage in settings.STORAGES except staticfiles (proposal, dialogue and
  agreement files, theme attachments), read through the Django storage API: local folders and
  S3 buckets alike. An alias pointing to the same place as another is copied once.
- manifest.json: each file's storage, name, size and SHA-256, the dump's checksum and the row
  count of every table (counted in the dump's own snapshot on PostgreSQL).

The files are copied after the database, so every file the database names is in the backup
(a file deleted in between is missing, which the site tolerates; stop the web and job
processes for a copy of one instant). The backup holds confidential proposals: it is written
readable by its owner only; keep copies encrypted, off this server.

The last line printed is the backup's path (with -v 0, the only line), for scripts and cron.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mishima_kyoso.backups import BackupError, ProcedureHelpFormatter
from mishima_kyoso.backups.archive import create_backup, default_destination, file_count


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump or SQLite backup) and every stored file, with a manifest "
        "of sizes, SHA-256 checksums and row counts. Restore with `manage.py restore PATH`."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = ProcedureHelpFormatter
        parser.epilog = __doc__
        return parser

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            help="Where to write the backup: a new directory, or one file if the name ends in "
            ".tar (default: backups/kyoso-<date>-<time>/ in the project directory).",
        )

    def handle(self, *args, output=None, verbosity=1, **options):
        destination = output or default_destination()

        def log(line):
            if verbosity >= 1:
                self.stdout.write(line)

        try:
            manifest = create_backup(destination, log)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Backup complete: {len(manifest['tables'])} tables, "
                    f"{file_count(len(manifest['files']))}."
                )
            )
        self.stdout.write(str(destination))
