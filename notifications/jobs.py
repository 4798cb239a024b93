"""The notifications' periodic job."""

from django.utils.translation import gettext_lazy as _

from jobs.queue import job

from . import digests


@job(_("Send the daily digests of notifications"), every="daily")
def send_digests() -> int:
    return digests.send_digests()
