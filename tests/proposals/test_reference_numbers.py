"""Reference numbers by Japanese fiscal year (年度, April–March): R8-0001, unique and gapless."""

import datetime
import re
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from proposals.fiscal import fiscal_year, reference_number, reiwa
from proposals.models import Proposal, ReferenceCounter
from tests.factories.proposals import ProposalFactory
from tests.scenarios import submit

D = datetime.date


# The date rules, on fixed dates ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (D(2026, 4, 1), 2026),
        (D(2026, 12, 31), 2026),
        (D(2027, 1, 1), 2026),
        (D(2027, 3, 31), 2026),
        (D(2027, 4, 1), 2027),
        (D(2019, 5, 1), 2019),  # 令和元年
    ],
)
def test_a_day_belongs_to_the_fiscal_year_that_starts_in_april(day, year):
    assert fiscal_year(day) == year


def test_fiscal_years_are_numbered_in_the_reiwa_era():
    assert reiwa(2019) == 1
    assert reiwa(2026) == 8


@pytest.mark.parametrize(
    ("year", "serial", "reference"),
    [
        (2026, 1, "R8-0001"),
        (2026, 12, "R8-0012"),
        (2027, 345, "R9-0345"),
        (2026, 10000, "R8-10000"),
    ],
)
def test_reference_number_is_the_reiwa_year_and_a_four_digit_serial(year, serial, reference):
    assert reference_number(year, serial) == reference


def test_a_submission_on_2027_03_31_is_numbered_in_fy2026_and_on_04_01_in_fy2027():
    assert reference_number(fiscal_year(D(2027, 3, 31)), 1) == "R8-0001"
    assert reference_number(fiscal_year(D(2027, 4, 1)), 1) == "R9-0001"


# Submissions ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_submissions_are_numbered_in_order_in_the_current_fiscal_year():
    year = fiscal_year(timezone.localdate())

    first = submit(ProposalFactory())
    second = submit(ProposalFactory(free=True))

    assert (first.fiscal_year, first.serial, first.reference) == (
        year,
        1,
        reference_number(year, 1),
    )
    assert (second.serial, second.reference) == (2, reference_number(year, 2))
    assert re.fullmatch(r"R\d+-\d{4,}", first.reference)
    assert ReferenceCounter.objects.get(fiscal_year=year).last_serial == 2


@pytest.mark.django_db
def test_each_fiscal_year_counts_from_one():
    year = fiscal_year(timezone.localdate())
    ReferenceCounter.objects.create(fiscal_year=year - 1, last_serial=41)

    case = submit(ProposalFactory())

    assert case.serial == 1
    assert ReferenceCounter.objects.get(fiscal_year=year - 1).last_serial == 41


@pytest.mark.django_db
def test_a_refused_submission_takes_no_number_so_none_is_skipped():
    incomplete = ProposalFactory(intent=Proposal.Intent.PROPOSAL)
    with pytest.raises(ValidationError):
        submit(incomplete)

    case = submit(ProposalFactory())

    assert case.serial == 1
    incomplete.refresh_from_db()
    assert incomplete.reference is None and incomplete.serial is None


SUBMITTERS = 8


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason=(
        "Concurrent submissions need PostgreSQL's row locks (SELECT … FOR UPDATE); SQLite "
        "locks the whole file. CI runs this with DATABASE_URL=postgres://…"
    ),
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_submissions_get_unique_numbers_without_gaps():
    cases = [ProposalFactory(free=bool(n % 2)) for n in range(SUBMITTERS)]
    start = threading.Barrier(SUBMITTERS)
    failures = []

    def submit_at_once(case):
        try:
            start.wait(timeout=30)
            submit(case)
        except Exception as error:  # reported by the assertion below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit_at_once, args=(case,)) for case in cases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert failures == []
    year = fiscal_year(timezone.localdate())
    numbers = sorted(
        Proposal.objects.filter(pk__in=[case.pk for case in cases]).values_list(
            "serial", "reference"
        )
    )
    assert [serial for serial, _reference in numbers] == list(range(1, SUBMITTERS + 1))
    assert [reference for _serial, reference in numbers] == [
        reference_number(year, serial) for serial in range(1, SUBMITTERS + 1)
    ]
    assert ReferenceCounter.objects.get(fiscal_year=year).last_serial == SUBMITTERS
