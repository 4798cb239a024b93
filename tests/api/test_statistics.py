"""/api/v1/statistics: the counts of a fiscal year, as the statistics page shows them."""

import pytest
from django.utils import timezone

from outcomes.statistics import DECISION_COUNTS, KINDS
from proposals.fiscal import fiscal_year
from proposals.workflow import A
from tests.outcomes.data import S
from tests.scenarios import case_at

from .conftest import get_json

pytestmark = pytest.mark.django_db

STATISTICS = "/api/v1/statistics"


def test_reuser_gets_the_counts_of_the_current_fiscal_year_with_stable_codes(client, office_user):
    case_at(S.ADOPTED, office=office_user)
    year = fiscal_year(timezone.localdate())

    status, body = get_json(client, STATISTICS)

    assert status == 200
    assert body["year"] == year
    assert body["years"][0] == year
    assert body["received_total"] == 1
    assert [row["code"] for row in body["by_kind"]] == [code for code, _label in KINDS]
    assert [row["code"] for row in body["decisions"]] == [code for code, _ in DECISION_COUNTS]
    decisions = {row["code"]: row["value"] for row in body["decisions"]}
    assert decisions[A.ADOPT] == 1
    assert body["adoption_rate"] == 100.0
    assert {row["code"] for row in body["by_field"]} >= {"environment", "welfare"}
    assert {"code", "label", "days", "count"} == set(body["medians"][0])


def test_reuser_is_told_a_year_without_statistics_is_not_found(client):
    status, body = get_json(client, STATISTICS, year=1990)

    assert status == 404
    assert body["detail"]


@pytest.mark.parametrize("count", [1, 10])
def test_reuser_gets_the_statistics_in_constant_queries(
    client, office_user, count, django_assert_num_queries
):
    for _ in range(count):
        case_at(S.ADOPTED, office=office_user)

    with django_assert_num_queries(5):  # years, received, fields, decisions, medians
        _, body = get_json(client, STATISTICS)

    assert body["received_total"] == count
