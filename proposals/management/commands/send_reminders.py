"""`manage.py send_reminders`: remind the city of response deadlines due now, by hand (the job
engine runs the same every hour: proposals.jobs).

Safe to run as often as wanted, even twice at once: each deadline is reminded once
(proposals/reminders.py records it before sending).
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from proposals.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Send one reminder per response deadline that falls today or has passed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="Count deadlines as on this day (YYYY-MM-DD) instead of today; for checks.",
        )

    def handle(self, *args, today=None, **options):
        if today is not None:
            try:
                today = datetime.date.fromisoformat(today)
            except ValueError as error:
                raise CommandError(f"--today: {error}") from error
        sent = send_due_reminders(today=today)
        self.stdout.write(
            ngettext("%(count)d reminder sent.", "%(count)d reminders sent.", sent)
            % {"count": sent}
        )
