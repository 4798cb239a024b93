"""/statistics/: counts per fiscal year, checked against a hand-built set of cases.

FY2025 (令和7年度, 2025-04-01 – 2026-03-31), days from receipt:
  case 1 theme proposal, received 05-01: start dialogue +3, planning +10, adopted +40
  case 2 theme proposal, received 06-01: start dialogue +5, planning +20, not adopted +30
  case 3 free consultation, received 07-01: start dialogue +1, declined +14
  case 4 free proposal (welfare), received 08-01: start dialogue +7, planning +31, adopted +61
  case 5 free consultation received in FY2024 (2024-12-01): start dialogue 2025-04-10, +130
  a draft: never counted
Received in FY2025: 4 (consultations 1, proposals 3; theme 2, free 2, applications 0);
fields: environment 3 (cases 1, 2, 3), welfare 1.
Decisions: declined 1, adopted 2, not adopted 1 → adoption rate 2 / 3 = 66.7%.
Medians: start of dialogue [1, 3, 5, 7, 130] → 5; planning [10, 20, 31] → 20;
adoption [40, 61] → 50.5; non-adoption 30; decline 14; selection none (—).
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from outcomes.statistics import year_statistics
from proposals.models import Proposal
from proposals.workflow import A, transition
from tests.factories.cocreation_list import field
from tests.factories.proposals import ProposalFactory
from tests.scenarios import VALID, submit

from .data import confidential_case

pytestmark = pytest.mark.django_db
STATISTICS = reverse("outcomes:statistics")


def _at(day: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T12:00:00").replace(
        tzinfo=timezone.get_current_timezone()
    )


def _case(office, received, steps, *, fiscal_year=2025, **kwargs) -> Proposal:
    """A case received on `received` whose office steps are dated as `steps` says."""
    case = submit(ProposalFactory(**kwargs))
    Proposal.objects.filter(pk=case.pk).update(submitted_at=_at(received), fiscal_year=fiscal_year)
    for step, day in steps:
        case = transition(case, step, by=office, **VALID[step])
        case.transitions.filter(step=step).update(created_at=_at(day))
    return case


def hand_built(office):
    _case(
        office,
        "2025-05-01",
        [(A.START_DIALOGUE, "2025-05-04"), (A.TO_PLANNING, "2025-05-11"), (A.ADOPT, "2025-06-10")],
        complete=True,
    )
    _case(
        office,
        "2025-06-01",
        [
            (A.START_DIALOGUE, "2025-06-06"),
            (A.TO_PLANNING, "2025-06-21"),
            (A.NOT_ADOPT, "2025-07-01"),
        ],
        complete=True,
    )
    _case(
        office,
        "2025-07-01",
        [(A.START_DIALOGUE, "2025-07-02"), (A.DECLINE, "2025-07-15")],
        free=True,
    )
    _case(
        office,
        "2025-08-01",
        [(A.START_DIALOGUE, "2025-08-08"), (A.TO_PLANNING, "2025-09-01"), (A.ADOPT, "2025-10-01")],
        free=True,
        complete=True,
        field=field("welfare"),
    )
    _case(office, "2024-12-01", [(A.START_DIALOGUE, "2025-04-10")], free=True, fiscal_year=2024)
    ProposalFactory(free=True)  # a draft


def test_statistics_of_a_year_match_the_hand_built_cases(office_user):
    hand_built(office_user)

    stats = year_statistics(2025)

    assert stats.received_total == 4
    assert [row.value for row in stats.by_intent] == [1, 3]  # consultations, proposals
    assert [row.value for row in stats.by_kind] == [2, 2, 0]
    by_field = {row.label: row.value for row in stats.by_field}
    assert by_field[field("environment").name] == 3
    assert by_field[field("welfare").name] == 1
    assert sum(by_field.values()) == 4
    assert [row.value for row in stats.decisions] == [1, 2, 1, 0, 0, 0]
    assert stats.adoption_rate == Decimal("66.7")
    assert [(row.value, row.count) for row in stats.medians] == [
        (5, 5),
        (14, 1),
        (20, 3),
        (50.5, 2),
        (30, 1),
        (None, 0),
    ]


def test_adoption_rate_is_none_without_adoption_decisions(office_user):
    _case(office_user, "2025-07-01", [(A.START_DIALOGUE, "2025-07-02")], free=True)

    stats = year_statistics(2025)

    assert stats.adoption_rate is None
    assert stats.received_total == 1


def test_visitor_sees_the_statistics_page_with_charts_and_tables(client, office_user):
    hand_built(office_user)

    response = client.get(STATISTICS, {"year": 2025})
    html = response.content.decode()

    assert response.status_code == 200
    assert response.context["stats"].year == 2025
    assert html.count('role="img"') == 3
    assert '<title id="chart-decisions-title">' in html
    assert '<desc id="chart-decisions-desc">' in html
    assert 'aria-labelledby="chart-decisions-title chart-decisions-desc"' in html
    assert html.count("<caption>") >= 5
    assert "66.7%" in html
    assert "50.5" in html


def test_statistics_default_to_the_current_fiscal_year_and_refuse_unknown_years(client):
    from proposals.fiscal import fiscal_year

    response = client.get(STATISTICS)

    assert response.context["stats"].year == fiscal_year(timezone.localdate())
    assert response.context["stats"].adoption_rate is None
    assert "—" in response.content.decode()
    assert client.get(STATISTICS, {"year": "1999"}).status_code == 404
    assert client.get(STATISTICS, {"year": "abc"}).status_code == 404


def test_statistics_show_nothing_confidential(client, office_user):
    case = confidential_case(office=office_user)

    html = client.get(STATISTICS).content.decode()

    assert case.title not in html
    assert "SECRET" not in html


@pytest.mark.parametrize("count", [1, 20])
def test_visitor_gets_the_statistics_in_constant_queries(
    client, office_user, count, django_assert_num_queries
):
    for n in range(count):
        _case(
            office_user,
            "2025-05-01",
            [(A.START_DIALOGUE, "2025-05-03"), (A.TO_PLANNING, "2025-05-09")],
            free=n % 2 == 0,
            complete=True,
        )
    client.get(STATISTICS, {"year": 2025})

    with django_assert_num_queries(5):
        response = client.get(STATISTICS, {"year": 2025})

    assert response.context["stats"].received_total == count
