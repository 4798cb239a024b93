"""Where the portal's files live (DESIGN §6: object storage for every file).

Two stores, named in settings.STORAGES:

- "private": proposals' attachments, agreement documents, the files of dialogue messages.
  Confidential (共創指針 原則3): never given a URL, served only by the views that check the
  case (proposals.files.private_download).
- "public": the themes' documents of the co-creation list, served by the theme's page.

KYOSO_STORAGE=local keeps them in two folders (MEDIA_ROOT, and PUBLIC_MEDIA_ROOT or
MEDIA_ROOT/public); KYOSO_STORAGE=s3 in two buckets of an S3-compatible service, so that a
mistake on the public bucket can never expose a confidential file.
"""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.utils.functional import LazyObject, cached_property, empty

PRIVATE, PUBLIC = "private", "public"
LOCAL_BACKEND = "django.core.files.storage.FileSystemStorage"
PUBLIC_LOCAL_BACKEND = "mishima_kyoso.storage.PublicFileSystemStorage"
S3_BACKEND = "storages.backends.s3.S3Storage"
# The views stream every file, so no URL is ever handed out; should one be made all the same,
# it is signed and dies within a minute.
SIGNED_URL_SECONDS = 60
# A download from a bucket is held in memory up to this size, in a temporary file beyond it
# (django-storages keeps the whole object in memory by default).
S3_MEMORY_BYTES = 2 * 1024 * 1024


class PublicFileSystemStorage(FileSystemStorage):
    """The public folder: PUBLIC_MEDIA_ROOT, or "public" inside MEDIA_ROOT when that is empty.

    Read when used, as FileSystemStorage reads MEDIA_ROOT: a test's own MEDIA_ROOT moves the
    public files along with the private ones.
    """

    @cached_property
    def base_location(self):
        root = settings.PUBLIC_MEDIA_ROOT or os.path.join(settings.MEDIA_ROOT, PUBLIC)
        return self._value_or_setting(self._location, root)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PUBLIC_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


def local_storages() -> dict:
    """STORAGES for KYOSO_STORAGE=local: two folders on this machine."""
    return {
        PRIVATE: {"BACKEND": LOCAL_BACKEND},  # MEDIA_ROOT
        PUBLIC: {"BACKEND": PUBLIC_LOCAL_BACKEND},
    }


def s3_storages(
    *,
    private_bucket: str,
    public_bucket: str,
    endpoint_url: str | None = None,
    region_name: str | None = None,
    access_key: str | None = None,
    secret_key: str | None = None,
    addressing_style: str | None = None,
) -> dict:
    """STORAGES for KYOSO_STORAGE=s3: one bucket each (credentials left empty: boto3's own
    chain, e.g. an instance role)."""
    if not private_bucket or not public_bucket:
        raise ImproperlyConfigured(
            "KYOSO_STORAGE=s3 needs KYOSO_S3_PRIVATE_BUCKET and KYOSO_S3_PUBLIC_BUCKET."
        )
    if private_bucket == public_bucket:
        raise ImproperlyConfigured(
            "KYOSO_S3_PRIVATE_BUCKET and KYOSO_S3_PUBLIC_BUCKET must be two different buckets."
        )
    common = {
        "endpoint_url": endpoint_url or None,
        "region_name": region_name or None,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        "addressing_style": addressing_style or None,
        # Names are random; a clash gets a new name rather than replacing a stored file.
        "file_overwrite": False,
        "max_memory_size": S3_MEMORY_BYTES,
    }
    return {
        PRIVATE: {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **common,
                "bucket_name": private_bucket,
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": SIGNED_URL_SECONDS,
            },
        },
        PUBLIC: {"BACKEND": S3_BACKEND, "OPTIONS": {**common, "bucket_name": public_bucket}},
    }


class StorageAlias(LazyObject):
    """storages[alias], looked up when used.

    A FileField calls its storage callable once, when the models are loaded; what it gets is
    this stand-in, which follows settings.STORAGES when they change (a test switching to the
    buckets, say) instead of keeping the store of the moment the models were loaded.
    """

    def __init__(self, alias: str):
        self.__dict__["_alias"] = alias
        super().__init__()

    def _setup(self):
        self._wrapped = storages[self._alias]

    def _forget(self):
        self._wrapped = empty

    # One stand-in per alias: a copied or pickled field refers to the same store.
    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        return (storage_alias, (self._alias,))

    def __repr__(self):
        return f"<StorageAlias {self._alias!r}>"


_ALIASES: dict[str, StorageAlias] = {}


def storage_alias(alias: str) -> StorageAlias:
    """The store named `alias` in settings.STORAGES, as a FileField's storage."""
    if alias not in _ALIASES:
        _ALIASES[alias] = StorageAlias(alias)
    return _ALIASES[alias]


def _storages_changed(*, setting, **kwargs):
    if setting == "STORAGES":
        for stand_in in _ALIASES.values():
            stand_in._forget()


setting_changed.connect(_storages_changed, dispatch_uid="kyoso-storage-aliases")
