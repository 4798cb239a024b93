import datetime

import pytest

from proposals.business_days import add_business_days, business_days_between, is_business_day

D = datetime.date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 11, 24), True),  # Tuesday
        (D(2026, 11, 28), False),  # Saturday
        (D(2026, 11, 23), False),  # 勤労感謝の日
        (D(2026, 12, 28), True),  # the last day before the closure
        (D(2026, 12, 29), False),  # year-end closure
        (D(2027, 1, 1), False),  # 元日 and closure
        (D(2027, 1, 4), True),  # first day after the closure
        (D(2027, 1, 11), False),  # 成人の日
        (D(2026, 5, 6), False),  # 振替休日 (substitute holiday)
    ],
)
def test_the_office_counts_business_days_like_the_city(day, expected):
    assert is_business_day(day) is expected


def test_a_deadline_skips_weekends_holidays_and_the_year_end_closure():
    # Received Fri 12/25: 28 (Mon), then closure to 1/3, 1/4–1/8, 1/11 is 成人の日, 1/12–1/15.
    assert add_business_days(D(2026, 12, 25), 10) == D(2027, 1, 15)


def test_zero_days_is_the_same_day_and_counting_back_matches():
    assert add_business_days(D(2026, 11, 24), 0) == D(2026, 11, 24)
    assert business_days_between(D(2026, 12, 25), D(2027, 1, 15)) == 10
    assert business_days_between(D(2027, 1, 15), D(2026, 12, 25)) == 0


def test_the_closure_follows_the_setting(settings):
    settings.KYOSO_YEAR_END_CLOSURE = ((12, 28), (1, 4))

    assert not is_business_day(D(2026, 12, 28))
    assert not is_business_day(D(2027, 1, 4))
