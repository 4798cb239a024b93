"""Deadline reminders (issue 5 §6): a periodic job of the job engine (hourly), or
`manage.py send_reminders` by hand.

Each deadline of each case is reminded once, to the office and the departments in charge,
with the reference, the deadline and a link, never the proposal's content.
"""

import datetime
import threading
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.urls import reverse
from django.utils.translation import ngettext

from outbox.models import Mail
from proposals import deadlines
from proposals.models import ReminderLog
from proposals.notifications import absolute
from proposals.reminders import send_due_reminders
from proposals.services import assign_department
from proposals.workflow import A, transition
from tests.factories.proposals import ProposalFactory
from tests.jobs import run_queued_jobs, send_setup_mail
from tests.scenarios import submit, withdraw

TOKYO = ZoneInfo("Asia/Tokyo")
OFFICE_INBOX = "kyoso-intake@city.example.jp"
DEPARTMENT_INBOX = "kankyo-ka@city.example.jp"
CHRISTMAS = datetime.datetime(2026, 12, 25, 10, tzinfo=TOKYO)  # a Friday before the closure
DUE = datetime.date(2027, 1, 15)  # 10 business days later
Kind = ReminderLog.Kind


@pytest.fixture(autouse=True)
def _addresses(settings):
    settings.KYOSO_OFFICE_NOTIFY_EMAILS = [OFFICE_INBOX]


def received_on(moment, **kwargs):
    """A case submitted through the workflow, its receipt dated `moment` (deadlines.py)."""
    case = submit(ProposalFactory(complete=True, **kwargs))
    case.save(update_fields=deadlines.on_received(case, moment))
    send_setup_mail()  # the receipts
    return case


def proposer_wrote(case, moment):
    case.save(update_fields=deadlines.on_proposer_message(case, moment))
    return case


def city_replied(case, moment):
    case.save(update_fields=deadlines.on_city_response(case, moment))
    return case


@pytest.fixture
def run(run_jobs):
    """One run on a given day, with the mails it queued sent by the job engine."""

    def run(today):
        count = send_due_reminders(today=today)
        run_jobs()
        return count

    return run


@pytest.mark.django_db
def test_the_first_response_reminder_goes_once_on_its_business_day_deadline(
    run, mailoutbox, office_user, department, department_user
):
    department.email = DEPARTMENT_INBOX
    department.save()
    case = received_on(CHRISTMAS)
    assign_department(case=case, department=department, by=office_user)
    send_setup_mail()  # the assignment's own mail

    before = run(DUE - datetime.timedelta(days=1))
    on_the_day = run(DUE)
    again = [run(DUE), run(DUE), run(DUE + datetime.timedelta(days=3))]

    assert (before, on_the_day, again) == (0, 1, [0, 0, 0])
    [reminder] = mailoutbox
    assert sorted(reminder.to) == sorted([OFFICE_INBOX, DEPARTMENT_INBOX, department_user.email])
    assert case.reference in reminder.subject
    assert "2027年1月15日" in reminder.body
    assert absolute(reverse("proposals:staff_case", args=[case.pk])) in reminder.body
    for confidential in (case.title, case.outline, case.body, case.know_how):
        assert confidential not in reminder.subject + reminder.body
    assert list(ReminderLog.objects.values_list("proposal", "kind", "due_on")) == [
        (case.pk, Kind.FIRST_RESPONSE, DUE)
    ]


@pytest.mark.django_db
def test_a_missed_deadline_is_still_reminded_once_when_the_workers_come_back(run, mailoutbox):
    case = received_on(CHRISTMAS)

    first = run(DUE + datetime.timedelta(days=10))
    second = run(DUE + datetime.timedelta(days=11))

    assert (first, second) == (1, 0)
    assert [mail.subject for mail in mailoutbox] == [mailoutbox[0].subject]
    assert case.reference in mailoutbox[0].subject


@pytest.mark.django_db
def test_an_answered_case_gets_no_first_response_reminder(run, mailoutbox, office_user):
    case = received_on(CHRISTMAS)
    transition(case, A.START_DIALOGUE, by=office_user)
    send_setup_mail()

    assert run(DUE) == 0
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_new_reply_deadline_after_the_city_replied_gets_its_own_reminder(
    run, mailoutbox, office_user
):
    case = transition(received_on(CHRISTMAS), A.START_DIALOGUE, by=office_user)
    proposer_wrote(case, datetime.datetime(2027, 1, 12, 9, tzinfo=TOKYO))  # reply due 1/19
    first_due = datetime.date(2027, 1, 19)
    send_setup_mail()

    runs = [run(first_due), run(first_due)]
    city_replied(case, datetime.datetime(2027, 1, 20, 9, tzinfo=TOKYO))
    proposer_wrote(case, datetime.datetime(2027, 1, 21, 9, tzinfo=TOKYO))  # reply due 1/28
    runs += [run(datetime.date(2027, 1, 27)), run(datetime.date(2027, 1, 28))]
    runs += [run(datetime.date(2027, 1, 28))]

    assert runs == [1, 0, 0, 1, 0]
    assert list(ReminderLog.objects.order_by("due_on").values_list("kind", "due_on")) == [
        (Kind.REPLY, first_due),
        (Kind.REPLY, datetime.date(2027, 1, 28)),
    ]
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_both_deadlines_due_get_one_reminder_each(run, mailoutbox):
    case = received_on(CHRISTMAS)  # first response due 1/15
    proposer_wrote(case, datetime.datetime(2027, 1, 7, 9, tzinfo=TOKYO))  # reply due 1/14

    assert run(DUE) == 2
    assert sorted(ReminderLog.objects.values_list("kind", flat=True)) == sorted(
        [Kind.FIRST_RESPONSE, Kind.REPLY]
    )
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_closed_cases_and_drafts_get_no_reminder(run, mailoutbox, office_user):
    withdrawn = withdraw(received_on(CHRISTMAS))
    declined = transition(
        received_on(CHRISTMAS),
        A.DECLINE,
        by=office_user,
        reason="範囲外。",
        public_reason="市の事業の範囲外のため。",
    )
    proposer_wrote(declined, datetime.datetime(2027, 1, 7, 9, tzinfo=TOKYO))
    ProposalFactory()  # a draft has no deadline at all
    send_setup_mail()

    assert run(datetime.date(2030, 1, 1)) == 0
    assert mailoutbox == []
    assert not ReminderLog.objects.exists()
    assert withdrawn.next_due_on is None


class BrokenBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("smtp down")


@pytest.mark.django_db
def test_a_reminder_is_kept_with_its_mail_while_the_server_is_down_and_sent_once_it_is_back(
    run_jobs, mailoutbox, settings
):
    received_on(CHRISTMAS)
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"

    first = send_due_reminders(today=DUE)
    with pytest.raises(ConnectionRefusedError):
        run_jobs()
    waiting = Mail.objects.get(status=Mail.Status.QUEUED)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    next_hour = send_due_reminders(today=DUE)
    run_jobs()

    assert (first, next_hour) == (1, 0)
    assert ReminderLog.objects.count() == 1
    assert [message.subject for message in mailoutbox] == [waiting.subject]
    waiting.refresh_from_db()
    assert (waiting.status, waiting.attempts) == (Mail.Status.SENT, 2)


@pytest.mark.django_db
def test_the_command_prints_how_many_it_sent(mailoutbox, run_jobs):
    received_on(CHRISTMAS)
    out = StringIO()

    call_command("send_reminders", "--today", DUE.isoformat(), stdout=out)
    run_jobs()
    call_command("send_reminders", "--today", DUE.isoformat(), stdout=out)
    run_jobs()

    def sent(count):
        return ngettext("%(count)d reminder sent.", "%(count)d reminders sent.", count) % {
            "count": count
        }

    assert out.getvalue().splitlines() == [sent(1), sent(0)]
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_the_command_refuses_a_malformed_day():
    with pytest.raises(CommandError):
        call_command("send_reminders", "--today", "2027-13-01")


RUNS = 4


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason=(
        "Concurrent runs need PostgreSQL's row locks (SELECT … FOR UPDATE); SQLite locks the "
        "whole file. CI runs this with DATABASE_URL=postgres://…"
    ),
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_send_each_reminder_once(mailoutbox):
    cases = [received_on(CHRISTMAS) for _ in range(3)]
    start = threading.Barrier(RUNS)
    sent, failures = [], []

    def cron():
        try:
            start.wait(timeout=30)
            sent.append(send_due_reminders(today=DUE))
        except Exception as error:  # reported by the assertion below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cron) for _ in range(RUNS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    run_queued_jobs()

    assert failures == []
    assert sum(sent) == len(cases)
    assert len(mail.outbox) == len(cases)
    assert sorted(ReminderLog.objects.values_list("proposal_id", flat=True)) == sorted(
        case.pk for case in cases
    )
