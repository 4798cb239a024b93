"""The case management's jobs."""

from django.core.files.storage import storages
from django.utils.translation import gettext_lazy as _

from jobs.queue import job

from .reminders import send_due_reminders


@job(_("Remind the city of response deadlines due"), every="hourly")
def send_reminders() -> int:
    return send_due_reminders()


@job(_("Delete a stored file"))
def delete_stored_file(alias: str, name: str) -> None:
    """Remove a file whose row is gone (a draft's attachment, an agreement document …).

    Queued in the transaction that deletes the row: a rollback keeps both. Deleting a file
    that is not there (any more) is no error, so a retry does no harm.
    """
    storages[alias].delete(name)
