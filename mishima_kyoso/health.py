"""Readiness of the file stores, for a probe (/readyz): cheap, and it raises when not ready.

A bucket: one HEAD request on it, with short timeouts and no retry, so a hanging service
fails the probe in seconds instead of holding it. A folder: it exists and this process may
write in it (or, before the first upload, the closest folder above it, where Django will
create it).
"""

import os
import weakref

from botocore.config import Config
from django.core.files.storage import FileSystemStorage, storages

from .storage import PRIVATE, PUBLIC

PROBE_TIMEOUT_SECONDS = 3


class StorageNotReady(Exception):
    """A file store the portal cannot use now; the message says which and why."""


def check_storage(aliases=(PRIVATE, PUBLIC)) -> None:
    """Raise StorageNotReady unless every store in `aliases` can be used now."""
    for alias in aliases:
        storage = storages[alias]
        try:
            if isinstance(storage, FileSystemStorage):
                _check_folder(storage.location)
            elif getattr(storage, "bucket_name", None):
                _probe_client(storage).head_bucket(Bucket=storage.bucket_name)
            else:
                raise StorageNotReady(f"no readiness check for {type(storage).__name__}")
        except StorageNotReady as refusal:
            raise StorageNotReady(f"storage {alias!r}: {refusal}") from refusal
        except Exception as error:  # botocore's errors: unreachable, refused, no such bucket
            raise StorageNotReady(f"storage {alias!r}: {error}") from error


def storage_ready(aliases=(PRIVATE, PUBLIC)) -> bool:
    """check_storage() as a yes or no."""
    try:
        check_storage(aliases)
    except StorageNotReady:
        return False
    return True


def _check_folder(location: str) -> None:
    folder = location
    while not os.path.exists(folder):
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    if not os.path.isdir(folder):
        raise StorageNotReady(f"{folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StorageNotReady(f"{folder} is not writable")


# One client per store and process: building a boto3 client costs more than the HEAD itself.
_PROBE_CLIENTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _probe_client(storage):
    """A client of the store's own session and endpoint, with probe timeouts and no retry."""
    client = _PROBE_CLIENTS.get(storage)
    if client is None:
        config = storage.client_config.merge(
            Config(
                connect_timeout=PROBE_TIMEOUT_SECONDS,
                read_timeout=PROBE_TIMEOUT_SECONDS,
                retries={"total_max_attempts": 1},
            )
        )
        client = storage._create_session().client(
            "s3",
            region_name=storage.region_name,
            use_ssl=storage.use_ssl,
            endpoint_url=storage.endpoint_url,
            config=config,
            verify=storage.verify,
        )
        _PROBE_CLIENTS[storage] = client
    return client
