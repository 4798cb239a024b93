"""The retention app's periodic job (scheduled by jobs.periodic: this module is discovered)."""

from django.utils.translation import gettext_lazy as _

from jobs.queue import job

from .services import list_due


@job(_("List the records due for disposal"), every="daily")
def list_records_due() -> int:
    """Idempotent: a record already listed is not listed again."""
    return list_due()
