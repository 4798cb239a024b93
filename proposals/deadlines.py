"""Response deadlines of a case, counted in the city's business days (business_days.py).

The city owes a first response within KYOSO_FIRST_RESPONSE_DAYS business days of
receipt, and a reply within KYOSO_REPLY_DAYS of each message the proposer sends while
no reply is pending. `next_due_on` is the earliest open deadline: the admin filters
and sorts on it, and the reminder command reads it.
"""

from django.conf import settings
from django.utils import timezone

from .business_days import add_business_days
from .states import CLOSED


def _recompute(case) -> None:
    if case.status in CLOSED:
        case.next_due_on = None
        return
    open_deadlines = [
        due
        for due in (
            case.first_response_due_on if case.first_responded_at is None else None,
            case.reply_due_on,
        )
        if due is not None
    ]
    case.next_due_on = min(open_deadlines, default=None)


FIELDS = ["first_response_due_on", "first_responded_at", "reply_due_on", "next_due_on"]


def on_received(case, now=None) -> list[str]:
    now = now or timezone.now()
    case.first_response_due_on = add_business_days(
        timezone.localdate(now), settings.KYOSO_FIRST_RESPONSE_DAYS
    )
    _recompute(case)
    return FIELDS


def on_city_response(case, now=None) -> list[str]:
    """The city answered: by starting the dialogue, by a message or by a decision."""
    now = now or timezone.now()
    if case.first_responded_at is None:
        case.first_responded_at = now
    case.reply_due_on = None
    _recompute(case)
    return FIELDS


def on_proposer_message(case, now=None) -> list[str]:
    now = now or timezone.now()
    if case.reply_due_on is None:
        case.reply_due_on = add_business_days(timezone.localdate(now), settings.KYOSO_REPLY_DAYS)
    _recompute(case)
    return FIELDS


def on_status_change(case) -> list[str]:
    _recompute(case)
    return ["next_due_on"]


def is_overdue(case, today=None) -> bool:
    today = today or timezone.localdate()
    return case.next_due_on is not None and case.next_due_on < today
