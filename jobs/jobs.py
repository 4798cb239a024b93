"""The portal's own housekeeping jobs."""

from django.core.management import call_command
from django.utils.translation import gettext_lazy as _

from .queue import job


@job(_("Remove expired sessions"), every="daily")
def clear_sessions() -> None:
    call_command("clearsessions")
