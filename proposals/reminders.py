"""Reminders of response deadlines: a periodic job (proposals.jobs, hourly) or
`manage.py send_reminders`.

Each deadline of each case is reminded once. The reminder is recorded (ReminderLog, unique per
case, kind and deadline) and its mail queued (outbox) in one transaction that holds the case's
row: two runs at once cannot both record it, and a crash cannot record it without its mail.
The mail carries the reference number, the deadline and a link to the staff case page, nothing
of the proposal's content (STYLE §12).
"""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from municipality.selectors import words
from outbox.services import queue_mail

from .models import Proposal, ReminderLog
from .notifications import absolute, city_addresses
from .states import CLOSED

logger = logging.getLogger(__name__)

Kind = ReminderLog.Kind


def open_deadlines(case: Proposal, today: datetime.date) -> list[tuple[str, datetime.date]]:
    """The deadlines of a case that fall today or have passed and are still unanswered."""
    if case.status in CLOSED or case.is_draft:
        return []
    due = []
    if case.first_responded_at is None and case.first_response_due_on is not None:
        due.append((Kind.FIRST_RESPONSE, case.first_response_due_on))
    if case.reply_due_on is not None:
        due.append((Kind.REPLY, case.reply_due_on))
    return [(kind, due_on) for kind, due_on in due if due_on <= today]


def send_due_reminders(today: datetime.date | None = None) -> int:
    """Remind the office and the departments in charge of every deadline due; the count."""
    today = today or timezone.localdate()
    # next_due_on is the earliest open deadline (deadlines.py): a case with any deadline due
    # has it due too. Closed cases have none; drafts never had one.
    candidates = list(
        Proposal.objects.filter(next_due_on__lte=today)
        .exclude(status__in=[*CLOSED, Proposal.Status.DRAFT])
        .order_by("next_due_on", "pk")
        .values_list("pk", flat=True)
    )
    return sum(_remind(pk, today) for pk in candidates)


def _remind(pk: int, today: datetime.date) -> int:
    """Record the reminders of one case and queue their mails; how many were new."""
    sent = 0
    with transaction.atomic():
        # Under the case's lock: a reply recorded meanwhile (dialogue, workflow) is seen here.
        case = Proposal.objects.select_for_update().get(pk=pk)
        for kind, due_on in open_deadlines(case, today):
            try:
                with transaction.atomic():  # a savepoint: a clash undoes this row only
                    reminder, created = ReminderLog.objects.get_or_create(
                        proposal=case, kind=kind, due_on=due_on
                    )
            except IntegrityError:  # another run recorded it first
                created = False
            if created:
                _queue(reminder, case, today)
                sent += 1
    return sent


def _queue(reminder: ReminderLog, case: Proposal, today: datetime.date) -> None:
    recipients = city_addresses(case)
    if not recipients:
        logger.warning("No recipient for the reminder of %s (%s)", case.reference, reminder.kind)
        return
    # The city's staff read Japanese; a job runs without a request to choose a language.
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _message(reminder, case, today)
    # A legal deadline: always mailed at once, whatever anyone chose (notifications.FIXED).
    queue_mail(
        subject=subject,
        body=body,
        to=recipients,
        kind="deadline",
        link=reverse("proposals:staff_case", args=[case.pk]),
    )


def _message(reminder: ReminderLog, case: Proposal, today: datetime.date) -> tuple[str, str]:
    what = {
        Kind.FIRST_RESPONSE: _("the first response to the proposer"),
        Kind.REPLY: _("a reply to the proposer's message"),
    }[reminder.kind]
    values = {
        **words(),
        "reference": case.reference,
        "what": what,
        "due": formats.date_format(reminder.due_on),
        "link": absolute(reverse("proposals:staff_case", args=[case.pk])),
    }
    if reminder.due_on < today:
        subject = _("[Kyoso portal] Overdue: %(what)s on case %(reference)s (due %(due)s)")
    else:
        subject = _("[Kyoso portal] Due today: %(what)s on case %(reference)s")
    body = _(
        "Case %(reference)s is waiting for %(what)s.\n"
        "Deadline: %(due)s\n\n"
        "Open the case in the portal (sign-in required):\n%(link)s\n\n"
        "This reminder is sent once per deadline to the %(office)s and the departments in "
        "charge."
    )
    return subject % values, body % values
