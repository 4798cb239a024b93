"""Private files (共創指針 原則3): confidential uploads kept in the private store, never given a
URL, served only by a view that checks the case first.

Every model of such a file (a proposal's attachment, a message's file, an agreement's document)
inherits PrivateFile and declares its file with private_file_field(), naming its own folder.
"""

import os
import secrets
from contextlib import contextmanager

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mishima_kyoso.storage import PRIVATE, storage_alias

# What a reader calls a file's type, by its content type (the types the uploads accept).
TYPE_LABELS = {
    "application/pdf": "PDF",
    "application/msword": "Word",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.ms-excel": "Excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/vnd.ms-powerpoint": "PowerPoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    "image/png": _("PNG image"),
    "image/jpeg": _("JPEG image"),
    "image/gif": _("GIF image"),
}


def private_storage():
    """The private store (settings.STORAGES["private"]): confidential files, never given a URL."""
    return storage_alias(PRIVATE)


def random_file_name(folder: str, filename: str) -> str:
    """A random name in `folder`: nothing uploaded can be found by guessing, whatever storage
    serves it; only the extension of the original name is kept."""
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"{folder}/{timezone.now():%Y/%m}/{secrets.token_hex(16)}{extension}"


def private_file_field(upload_to) -> models.FileField:
    """The file of a PrivateFile, in the private store; `upload_to` names it (random_file_name)."""
    return models.FileField(_("file"), upload_to=upload_to, storage=private_storage, max_length=200)


class PrivateFile(models.Model):
    """A confidential file as it was uploaded: its name, size and type, who sent it and when.

    A subclass adds its `file = private_file_field(…)` and the row it belongs to.
    """

    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name

    @property
    def type_label(self) -> str:
        """The file's type as a reader names it (「PDF」, 「Excel」), never its MIME type."""
        return str(TYPE_LABELS.get(self.content_type, _("Other file")))


def written_file(model, uploaded, *, content_type: str, by, **fields):
    """An unsaved row of a PrivateFile model with its file already written to the storage.

    Save the row inside the caller's transaction, under `removed_on_failure`, so that a refusal
    leaves neither a row nor a file behind.
    """
    row = model(
        original_name=uploaded.name[:255],
        size=uploaded.size,
        content_type=content_type,
        uploaded_by=by,
        **fields,
    )
    row.file.save(uploaded.name, uploaded, save=False)
    return row


@contextmanager
def removed_on_failure(rows):
    """The files of `rows` (written before their rows are saved) are deleted again if the block
    fails; `rows` may still grow inside the block."""
    try:
        yield
    except BaseException:
        for row in rows:
            row.file.storage.delete(row.file.name)
        raise
