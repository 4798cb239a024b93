"""A backup as a whole: write one (database, then files, then the manifest), check one
against its manifest, and restore one. See mishima_kyoso/backups/__init__.py for the layout."""

import json
import os
import re
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.storage import storages
from django.utils import timezone

from mishima_kyoso.backups import BackupError, Log
from mishima_kyoso.backups import database as db
from mishima_kyoso.backups import files as stored

FORMAT = "kyoso-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
FILES = "files"
ALIAS_PATTERN = re.compile(r"^[A-Za-z0-9_-]+$")


def file_count(number: int) -> str:
    """How many files, in the commands' output (English, for operators and their logs)."""
    return f"{number} file" if number == 1 else f"{number} files"


def default_destination() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BASE_DIR) / "backups" / f"kyoso-{stamp}"


def create_backup(destination: Path, log: Log) -> dict:
    """Write a backup to ``destination`` (a new directory, or one file if it ends in .tar)."""
    destination = Path(destination)
    as_tar = destination.suffix == ".tar"
    if destination.exists():
        raise BackupError(f"{destination} already exists; choose a new name.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    vendor = db.vendor()
    # Written beside the target and renamed at the end: a backup that stopped half-way never
    # looks like a complete one.
    work = Path(tempfile.mkdtemp(prefix=f".{destination.name}.", dir=destination.parent))
    try:
        os.chmod(work, 0o700)  # the backup holds confidential proposals
        dump = work / db.DUMPS[vendor]
        counts = db.dump_postgresql(dump) if vendor == "postgresql" else db.dump_sqlite(dump)
        size, sha256 = stored.digest_of(dump)
        rows = sum(counts.values())
        log(f"Database ({vendor}): {len(counts)} tables, {rows} rows, {size} bytes.")
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created_at": timezone.localtime().isoformat(timespec="seconds"),
            "database": {"vendor": vendor, "file": dump.name, "size": size, "sha256": sha256},
            "tables": counts,
            "storages": {},
            "files": [],
        }
        # Files after the database: every file a row of the dump names is already stored.
        for alias, (storage, skip) in stored.backed_up_storages().items():
            number = total = 0
            for name in stored.stored_names(storage, skip):
                target = work / FILES / alias / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with storage.open(name, "rb") as source, open(target, "wb") as copy:
                    file_size, file_sha256 = stored.copy_file(source, copy)
                manifest["files"].append(
                    {"storage": alias, "name": name, "size": file_size, "sha256": file_sha256}
                )
                number += 1
                total += file_size
            backend = f"{type(storage).__module__}.{type(storage).__qualname__}"
            manifest["storages"][alias] = {"backend": backend, "files": number, "bytes": total}
            log(f"Storage {alias!r} ({backend}): {file_count(number)}, {total} bytes.")
        (work / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
        )
        if as_tar:
            partial = Path(f"{work}.tar")
            with tarfile.open(partial, "w") as archive:
                archive.add(work, arcname=destination.stem)
            os.chmod(partial, 0o600)
            partial.rename(destination)
        else:
            work.rename(destination)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        Path(f"{work}.tar").unlink(missing_ok=True)
    return manifest


# --- restore ----------------------------------------------------------------------------------


@contextmanager
def opened_backup(path: Path) -> Iterator[Path]:
    """The backup's directory: the directory itself, or a .tar unpacked into a temporary one."""
    path = Path(path)
    if path.is_dir():
        yield path
        return
    if not path.is_file() or not tarfile.is_tarfile(path):
        raise BackupError(f"{path} is neither a backup directory nor a .tar backup.")
    with tempfile.TemporaryDirectory(prefix="kyoso-restore-") as unpacked:
        with tarfile.open(path) as archive:
            archive.extractall(unpacked, filter="data")  # no absolute paths, no links out
        manifests = list(Path(unpacked).glob(f"*/{MANIFEST}"))
        if len(manifests) != 1:
            raise BackupError(f"{path} does not hold exactly one backup.")
        yield manifests[0].parent


def verify_backup(directory: Path) -> dict:
    """The manifest, once every byte of the backup has been checked against it."""
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
            raise BackupError(f"{directory} is not a Kyoso backup of format {FORMAT_VERSION}.")
        return _check_content(directory, manifest)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise BackupError(f"The manifest of {directory} cannot be read: {error!r}") from error


def _check_content(directory: Path, manifest: dict) -> dict:
    problems = []
    database = manifest["database"]
    dump = directory / db.DUMPS.get(database.get("vendor"), "-")
    if dump.name != database.get("file") or not dump.is_file():
        problems.append(f"database dump {database.get('file')!r} is missing")
    elif stored.digest_of(dump) != (database["size"], database["sha256"]):
        problems.append(f"database dump {dump.name} does not match its checksum")
    listed = set()
    for entry in manifest["files"]:
        alias, name = entry["storage"], entry["name"]
        if not ALIAS_PATTERN.match(alias) or not stored.is_safe_name(name):
            problems.append(f"unsafe file name {alias}/{name!r}")
            continue
        listed.add((alias, name))
        copy = directory / FILES / alias / name
        if not copy.is_file():
            problems.append(f"{alias}/{name} is missing")
        elif stored.digest_of(copy) != (entry["size"], entry["sha256"]):
            problems.append(f"{alias}/{name} does not match its size and checksum")
    for copy in sorted((directory / FILES).rglob("*")):
        if copy.is_file() or copy.is_symlink():
            alias, _, name = copy.relative_to(directory / FILES).as_posix().partition("/")
            if (alias, name) not in listed:
                problems.append(f"{alias}/{name} is not in the manifest")
    if problems:
        more = len(problems) - 10
        shown = "; ".join(problems[:10]) + (f"; and {more} more" if more > 0 else "")
        raise BackupError(
            f"The backup does not match its manifest ({len(problems)} problems): {shown}. "
            "Nothing was restored; use another copy of the backup."
        )
    return manifest


@dataclass
class RestoreReport:
    tables: int
    rows: int
    key_counts: list[tuple[str, int]]
    files: dict[str, tuple[int, int]]  # alias → (files, bytes)
    pending_migrations: int
    waiting_mails: int | None


def restore_backup(path: Path, *, force: bool, log: Log) -> RestoreReport:
    """Restore the database and every file of a backup into the configured database and storages."""
    with opened_backup(path) as directory:
        manifest = verify_backup(directory)
        log(
            f"Backup of {manifest['created_at']} checked: database and "
            f"{file_count(len(manifest['files']))} match the manifest."
        )
        _check_target(manifest, force=force, log=log)
        counts = _restore_database(directory / manifest["database"]["file"], manifest, log)
        try:
            files = stored.restore_files(directory / FILES, manifest["files"])
        except Exception as error:
            raise BackupError(
                f"The database has been restored, but not every file: {error} Put it right and "
                "run the restore again with --force (files already in place are kept)."
            ) from error
        return RestoreReport(
            tables=len(counts),
            rows=sum(counts.values()),
            key_counts=db.key_counts(counts),
            files=files,
            pending_migrations=db.pending_migrations(),
            waiting_mails=db.waiting_mails(),
        )


def _check_target(manifest: dict, *, force: bool, log: Log) -> None:
    """Refuse a target that cannot take the backup, or holds data, unless forced; nothing is
    written before every check has passed (a missing PostgreSQL database is created last)."""
    vendor, wanted = db.vendor(), manifest["database"]["vendor"]
    if wanted != vendor:
        raise BackupError(
            f"This is a {wanted} backup; the configured database is {vendor}. "
            f"Set DATABASE_URL to a {wanted} database."
        )
    aliases = list(dict.fromkeys(entry["storage"] for entry in manifest["files"]))
    missing = sorted(set(aliases) - set(settings.STORAGES))
    if missing:
        raise BackupError(f"These settings define no storage {', '.join(missing)}.")
    if vendor == "postgresql":
        tables = db.postgresql_tables_or_none()  # None: no such database (yet)
    else:
        tables = db.sqlite_tables_at(db.sqlite_path())
    occupied = [
        alias for alias in aliases if next(stored.stored_names(storages[alias]), None) is not None
    ]
    if (tables or occupied) and not force:
        where = ([f"the database has {len(tables)} tables"] if tables else []) + [
            f"storage {alias!r} holds files" for alias in occupied
        ]
        raise BackupError(
            f"Refusing to restore over existing data ({'; '.join(where)}). Restore into an "
            "empty database and empty storages, or pass --force to replace the database and "
            "overwrite files of the same name."
        )
    if tables is None:
        db.run("createdb")  # the name and server come from PGDATABASE, PGHOST…
        log(f"Database {db.libpq_env()['PGDATABASE']} created.")


def _restore_database(dump: Path, manifest: dict, log: Log) -> dict[str, int]:
    """Restore the dump and count every table again: the counts, as the manifest has them."""
    if manifest["database"]["vendor"] == "postgresql":
        db.restore_postgresql(dump, log)
    else:
        db.restore_sqlite(dump, log)
    restored_tables = db.database_tables()
    with db.default_connection().cursor() as cursor:
        counts = db.count_rows(cursor, set(manifest["tables"]) & set(restored_tables))
    wrong = [
        f"{table}: {counts.get(table, 'missing')} instead of {expected}"
        for table, expected in sorted(manifest["tables"].items())
        if counts.get(table) != expected
    ]
    if wrong:
        raise BackupError(
            f"The restored database does not match the backup: {'; '.join(wrong)}. "
            "No file was restored."
        )
    return counts
