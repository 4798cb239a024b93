"""Restore a backup made by ``manage.py backup`` into the configured database and storages.

    python manage.py restore backups/kyoso-20260401-030000
    make restore BACKUP=backups/kyoso-20260401-030000        # FORCE=1 to replace existing data

Steps (1 and 2 refuse before anything is written):

1. every byte of the backup is checked against its manifest (a changed, missing or extra file,
   or a changed database dump, refuses the whole restore);
2. the configured database (DATABASE_URL) must be empty, and so must the storages the backup
   has files for, unless --force is given. A missing PostgreSQL database is created (createdb);
3. the database is restored: PostgreSQL with ``pg_restore --clean --if-exists --no-owner
   --no-privileges --single-transaction`` (all or nothing), SQLite with the online backup API;
   the row count of every table is compared with the manifest;
4. every file is written back through the Django storage API under its own name, then read
   again and compared byte for byte (SHA-256). If a file fails, run the restore again with
   --force once the cause is put right: files already in place are kept.

Stop the web server and the job workers first, and start them after the restore: the job
queue and the outgoing mail records come back as they were when the backup was made (look at
the queued mails in the admin before starting a worker: one sent after the backup would go out
again). If this code is newer than the backup, run ``manage.py migrate`` afterwards; the
command says so.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mishima_kyoso.backups import BackupError, ProcedureHelpFormatter
from mishima_kyoso.backups.archive import file_count, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup (directory or .tar) made by `manage.py backup`: check every checksum, "
        "restore the database, compare every table's row count, write every file back and "
        "compare every byte. Refuses a non-empty database or storage unless --force."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = ProcedureHelpFormatter
        parser.epilog = __doc__
        return parser

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="The backup directory or .tar file.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the tables of a non-empty database and overwrite stored files of the "
            "same name.",
        )

    def handle(self, *args, backup, force=False, verbosity=1, **options):
        def log(line):
            if verbosity >= 1:
                self.stdout.write(line)

        try:
            report = restore_backup(backup, force=force, log=log)
        except BackupError as error:
            raise CommandError(str(error)) from error
        log(f"Database: {report.tables} tables, {report.rows} rows, every count as in the backup.")
        for label, count in report.key_counts:
            log(f"  {label}: {count}")
        for alias, (number, total) in report.files.items():
            log(f"Storage {alias!r}: {file_count(number)}, {total} bytes, every byte checked.")
        if report.waiting_mails:
            self.stdout.write(
                self.style.WARNING(
                    f"{report.waiting_mails} mails are waiting to be sent: a job worker sends "
                    "them once started. Look at them in the admin first if some may have gone "
                    "out after the backup was made."
                )
            )
        if report.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"This code has {report.pending_migrations} migrations the backup has not: "
                    "run `python manage.py migrate` before starting the portal."
                )
            )
        self.stdout.write(self.style.SUCCESS(f"Restore of {backup} complete."))
