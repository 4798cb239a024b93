"""Japanese business days of the city office: the one helper (STYLE §8).

Not a business day: Saturdays, Sundays, national holidays (jpholiday, which
follows the Cabinet Office's list including substitute holidays) and the city's
year-end closure (12/29–1/3 by default, KYOSO_YEAR_END_CLOSURE in settings).
"""

import datetime

import jpholiday
from django.conf import settings


def _in_closure(day: datetime.date) -> bool:
    start, end = settings.KYOSO_YEAR_END_CLOSURE  # ((12, 29), (1, 3))
    key = (day.month, day.day)
    if start <= end:
        return start <= key <= end
    return key >= start or key <= end


def is_business_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and not jpholiday.is_holiday(day) and not _in_closure(day)


def add_business_days(start: datetime.date, days: int) -> datetime.date:
    """The day `days` business days after `start` (start itself not counted).

    A case received on Friday 2026-12-25 with 10 business days to answer is due on
    2027-01-15: the weekend, the closure 12/29–1/3 and 成人の日 (1/11) do not count.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    remaining = days
    while remaining:
        day += datetime.timedelta(days=1)
        if is_business_day(day):
            remaining -= 1
    return day


def business_days_between(start: datetime.date, end: datetime.date) -> int:
    """Business days after `start` up to and including `end` (0 if end is not later)."""
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_business_day(day):
            count += 1
    return count
