"""The stored files of a backup: which storages, every name in them, copies and checksums.

Everything goes through the Django storage API (listdir, open, save), so a local folder and an
S3 bucket are backed up and restored the same way.
"""

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages

from mishima_kyoso.backups import BackupError

CHUNK = 1024 * 1024


def _place(storage) -> tuple[str, str, str]:
    """Where a storage keeps its files: (kind, container, path prefix)."""
    if isinstance(storage, FileSystemStorage):
        return ("folder", "", os.path.realpath(storage.location))
    bucket = getattr(storage, "bucket_name", None)
    if bucket:  # django-storages' S3 (and the like): bucket + key prefix
        endpoint = getattr(storage, "endpoint_url", None) or ""
        prefix = (getattr(storage, "location", "") or "").strip("/")
        return ("bucket", f"{endpoint}/{bucket}", prefix)
    return ("other", f"{type(storage).__module__}.{type(storage).__qualname__}:{id(storage)}", "")


def _nested(inner: tuple[str, str, str], outer: tuple[str, str, str]) -> str | None:
    """The path of ``inner`` inside ``outer`` when one storage lives in a folder of another."""
    if inner[:2] != outer[:2] or inner[2] == outer[2]:
        return None
    if not outer[2]:
        return inner[2]
    if inner[2].startswith(outer[2].rstrip("/") + "/"):
        return inner[2][len(outer[2].rstrip("/")) + 1 :]
    return None


def backed_up_storages() -> dict[str, tuple[object, frozenset[str]]]:
    """Every storage alias to back up, with the folders to leave out of its walk.

    Static files are built from the code, not data. An alias that points to the same place as
    another one (``default`` and ``private`` both under MEDIA_ROOT, by default) is backed up
    once, under the named alias; a storage inside a folder of another is left out of that
    other's walk, so no file is copied twice.
    """
    aliases = sorted(
        (alias for alias in settings.STORAGES if alias != "staticfiles"),
        key=lambda alias: alias == "default",  # a named alias first: it wins a tie
    )
    chosen: dict[str, tuple[object, tuple[str, str, str]]] = {}
    for alias in aliases:
        storage = storages[alias]
        place = _place(storage)
        if all(place != other for _, other in chosen.values()):
            chosen[alias] = (storage, place)
    return {
        alias: (
            storage,
            frozenset(
                path
                for other, (_, other_place) in chosen.items()
                if other != alias and (path := _nested(other_place, place))
            ),
        )
        for alias, (storage, place) in chosen.items()
    }


def stored_names(storage, skip: frozenset[str] = frozenset(), path: str = "") -> Iterator[str]:
    """Every file name in a storage, walking ``listdir`` down from the top, sorted."""
    try:
        directories, files = storage.listdir(path)
    except FileNotFoundError:  # a local storage nothing was ever written to
        return
    for name in sorted(files):
        yield f"{path}/{name}" if path else name
    for directory in sorted(directories):
        sub = f"{path}/{directory}" if path else directory
        if sub not in skip:
            yield from stored_names(storage, skip, sub)


def copy_file(source, target=None) -> tuple[int, str]:
    """Read ``source`` to its end (writing it to ``target``); its size and SHA-256."""
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if target is not None:
            target.write(chunk)
    return size, digest.hexdigest()


def digest_of(path: Path) -> tuple[int, str]:
    with open(path, "rb") as source:
        return copy_file(source)


def stored_digest(storage, name: str) -> tuple[int, str]:
    with storage.open(name, "rb") as source:
        return copy_file(source)


def is_safe_name(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return (
        bool(name)
        and "\\" not in name
        and "\x00" not in name
        and not name.startswith("/")
        and all(part not in ("", ".", "..") for part in parts)
        and "/".join(parts) == name
    )


def restore_files(directory: Path, entries: list[dict]) -> dict[str, tuple[int, int]]:
    """Write every file back under its own name and read it again; alias → (files, bytes)."""
    restored: dict[str, tuple[int, int]] = {}
    for entry in entries:
        alias, name = entry["storage"], entry["name"]
        storage = storages[alias]
        expected = (entry["size"], entry["sha256"])
        if storage.exists(name) and stored_digest(storage, name) != expected:
            storage.delete(name)  # only with --force: restore_backup refused otherwise
        if not storage.exists(name):
            with open(directory / alias / name, "rb") as source:
                saved = storage.save(name, File(source, name=PurePosixPath(name).name))
            if saved != name:  # the database names the file: another name would lose it
                storage.delete(saved)
                raise BackupError(f"storage {alias!r} saved {name} as {saved}.")
        if stored_digest(storage, name) != expected:  # read back: every byte landed
            raise BackupError(f"{alias}/{name} reads back different from the backup.")
        number, total = restored.get(alias, (0, 0))
        restored[alias] = (number + 1, total + entry["size"])
    return restored
