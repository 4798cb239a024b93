"""Response deadlines (issue 5 §6), kept by proposals/deadlines.py as the workflow moves a case.

The city owes a first response within KYOSO_FIRST_RESPONSE_DAYS business days of receipt and a
reply within KYOSO_REPLY_DAYS of a proposer's message; `next_due_on` is the earliest open one.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from proposals import deadlines
from proposals.business_days import add_business_days
from proposals.models import Proposal
from proposals.workflow import A, transition
from tests.factories.proposals import ProposalFactory
from tests.scenarios import submit, withdraw

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")
S = Proposal.Status


def at(year, month, day, hour=10, minute=0):
    """A moment in Mishima (the deadlines count the city's days)."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=TOKYO)


def apply(case, changed):
    """Store what a deadlines function changed, as the workflow and the dialogue do."""
    case.save(update_fields=[*changed, "updated_at"])
    case.refresh_from_db()
    return case


def test_submission_sets_the_first_response_deadline_in_business_days(settings):
    case = submit(ProposalFactory())

    expected = add_business_days(
        timezone.localdate(case.submitted_at), settings.KYOSO_FIRST_RESPONSE_DAYS
    )
    assert case.first_response_due_on == expected
    assert case.first_responded_at is None
    assert case.reply_due_on is None
    assert case.next_due_on == expected


def test_the_number_of_days_comes_from_the_settings(settings):
    settings.KYOSO_FIRST_RESPONSE_DAYS = 3
    case = submit(ProposalFactory())

    received_on = timezone.localdate(case.submitted_at)
    assert case.first_response_due_on == add_business_days(received_on, 3)


def test_a_case_received_before_the_year_end_closure_is_due_after_it():
    case = submit(ProposalFactory())

    case = apply(case, deadlines.on_received(case, at(2026, 12, 25)))

    # Friday 12/25 + 10 business days: weekends, 12/29–1/3 and 成人の日 (1/11) do not count.
    assert case.first_response_due_on == datetime.date(2027, 1, 15)
    assert case.next_due_on == datetime.date(2027, 1, 15)


def test_the_day_of_receipt_is_the_day_in_japan():
    case = submit(ProposalFactory())

    # 00:30 on Friday 1/8 in Mishima is still Thursday 1/7 in UTC.
    case = apply(case, deadlines.on_received(case, at(2027, 1, 8, 0, 30)))

    assert case.first_response_due_on == add_business_days(datetime.date(2027, 1, 8), 10)


def test_starting_the_dialogue_meets_the_first_response_deadline(office_user):
    case = submit(ProposalFactory())
    due = case.first_response_due_on

    case = transition(case, A.START_DIALOGUE, by=office_user)

    case.refresh_from_db()
    assert case.first_responded_at is not None
    assert case.first_response_due_on == due  # kept on record
    assert case.next_due_on is None


def test_a_decision_meets_the_first_response_deadline_too(office_user):
    case = submit(ProposalFactory())

    case = transition(
        case,
        A.DECLINE,
        by=office_user,
        reason="市の事業の範囲外。",
        public_reason="市が実施する事業の範囲外のため。",
    )

    case.refresh_from_db()
    assert case.status == S.DECLINED
    assert case.first_responded_at is not None
    assert case.next_due_on is None


def test_a_proposer_message_starts_the_reply_deadline(office_user):
    case = transition(submit(ProposalFactory()), A.START_DIALOGUE, by=office_user)

    # Wednesday 2027-04-28, before ゴールデンウィーク: 4/29, 5/3, 5/4 and 5/5 are holidays.
    case = apply(case, deadlines.on_proposer_message(case, at(2027, 4, 28)))

    assert case.reply_due_on == datetime.date(2027, 5, 11)
    assert case.next_due_on == datetime.date(2027, 5, 11)


def test_a_second_message_keeps_the_first_reply_deadline(office_user):
    case = transition(submit(ProposalFactory()), A.START_DIALOGUE, by=office_user)
    case = apply(case, deadlines.on_proposer_message(case, at(2027, 1, 15)))

    case = apply(case, deadlines.on_proposer_message(case, at(2027, 1, 18)))

    assert case.reply_due_on == datetime.date(2027, 1, 22)


def test_the_next_deadline_is_the_earliest_open_one():
    case = submit(ProposalFactory())
    case = apply(case, deadlines.on_received(case, at(2027, 1, 8)))  # first response: 1/25

    case = apply(case, deadlines.on_proposer_message(case, at(2027, 1, 12)))  # reply: 1/19

    assert case.first_response_due_on == datetime.date(2027, 1, 25)
    assert case.reply_due_on == datetime.date(2027, 1, 19)
    assert case.next_due_on == datetime.date(2027, 1, 19)


def test_a_city_reply_meets_the_reply_deadline_and_a_new_message_starts_another(office_user):
    case = transition(submit(ProposalFactory()), A.START_DIALOGUE, by=office_user)
    first_response = case.first_responded_at
    case = apply(case, deadlines.on_proposer_message(case, at(2027, 1, 12)))

    case = apply(case, deadlines.on_city_response(case, at(2027, 1, 14)))

    assert (case.reply_due_on, case.next_due_on) == (None, None)
    assert case.first_responded_at == first_response  # the first response stays the first

    case = apply(case, deadlines.on_proposer_message(case, at(2027, 1, 15)))

    assert case.next_due_on == datetime.date(2027, 1, 22)


def test_closing_a_case_clears_its_next_deadline():
    case = submit(ProposalFactory())
    case = apply(case, deadlines.on_proposer_message(case, at(2027, 1, 12)))

    case = withdraw(case)

    case.refresh_from_db()
    assert case.status == S.WITHDRAWN
    assert case.next_due_on is None


@pytest.mark.parametrize(
    ("today", "overdue"),
    [
        (datetime.date(2027, 1, 14), False),
        (datetime.date(2027, 1, 15), False),  # due today is not yet late
        (datetime.date(2027, 1, 16), True),
    ],
)
def test_a_case_is_overdue_the_day_after_its_deadline(today, overdue):
    case = submit(ProposalFactory())
    case = apply(case, deadlines.on_received(case, at(2026, 12, 25)))  # due 2027-01-15

    assert deadlines.is_overdue(case, today=today) is overdue


def test_a_case_without_an_open_deadline_is_never_overdue(office_user):
    case = transition(submit(ProposalFactory()), A.START_DIALOGUE, by=office_user)

    assert deadlines.is_overdue(case, today=datetime.date(2100, 1, 1)) is False
