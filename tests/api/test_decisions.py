"""/api/v1/decisions: the published decisions, with the results page's filters and pages."""

import pytest
from django.utils import timezone

from outcomes import opendata
from outcomes.services import publish_decision
from proposals.fiscal import fiscal_year
from proposals.workflow import A
from tests.outcomes.data import (
    PUBLIC_REASON,
    SECRET_ORGANIZATION,
    SECRET_OUTLINE,
    S,
    confidential_case,
)
from tests.scenarios import adopted_and_published, case_at, decided_selection, published

from .conftest import get_json

pytestmark = pytest.mark.django_db

DECISIONS = "/api/v1/decisions"


def test_reuser_gets_a_published_decision_with_the_open_data_fields(client, office_user):
    case = confidential_case(office=office_user)
    publication = published(case, office=office_user)

    status, body = get_json(client, DECISIONS)

    assert status == 200
    assert body["count"] == 1
    row = body["results"][0]
    assert set(row) == set(opendata.COLUMNS)
    assert row["id"] == publication.pk
    assert row["title"] == case.title
    assert row["decision"] == A.ADOPT
    assert row["public_reason"] == PUBLIC_REASON
    assert row["decided_on"] == timezone.localdate(publication.decided_at).isoformat()
    assert row["fiscal_year"] == fiscal_year(timezone.localdate())
    # 共創指針 原則3: not disclosed, so neither the proposer's name nor the outline.
    assert (row["proposer_name"], row["outline"]) == ("", "")
    assert get_json(client, f"{DECISIONS}/{publication.pk}") == (200, row)


def test_reuser_gets_the_proposer_only_when_the_city_disclosed_it(client, office_user):
    case = confidential_case(office=office_user, consent=True)
    publication = published(case, office=office_user, discloses_proposer=True)

    _, row = get_json(client, f"{DECISIONS}/{publication.pk}")

    assert (row["proposer_name"], row["outline"]) == (SECRET_ORGANIZATION, SECRET_OUTLINE)


def test_reuser_never_gets_an_unpublished_decision(client, office_user):
    shown = published(confidential_case(office=office_user), office=office_user)
    case_at(S.ADOPTED, office=office_user, title="未公表の採択案件")

    _, body = get_json(client, DECISIONS)
    status, _ = get_json(client, f"{DECISIONS}/{shown.pk + 1000}")

    assert [row["id"] for row in body["results"]] == [shown.pk]
    assert status == 404


def test_reuser_gets_a_selection_anonymised_as_a_b_c(client, office_user):
    _round, _original, step = decided_selection(office=office_user, select="B")
    publish_decision(transition=step, by=office_user, discloses_proposer=False)

    _, body = get_json(client, DECISIONS, decision=A.SELECT)

    candidates = body["results"][0]["candidates"]
    assert [(c["label"], c["name"], c["total"]) for c in candidates] == [
        ("B", "", "64.75"),
        ("A", "", "64.25"),
        ("C", "", "50.75"),
    ]


def test_reuser_filters_decisions_like_the_results_page(client, office_user):
    publication = published(confidential_case(office=office_user), office=office_user)
    year = fiscal_year(timezone.localdate())
    field = publication.proposal.theme.fields.get()

    def count(**params):
        status, body = get_json(client, DECISIONS, **params)
        assert status == 200
        return body["count"]

    assert count(year=year) == 1
    assert count(year=year - 30) == 0  # a year the page does not offer: none, as on the page
    assert count(field=field.code) == 1
    assert count(field="welfare") == 0
    assert count(decision=A.ADOPT) == 1
    assert count(decision=A.NOT_ADOPT) == 0
    assert get_json(client, DECISIONS, decision="unknown")[0] == 422


def test_reuser_walks_the_pages_of_decisions_newest_first(client, office_user):
    made = adopted_and_published(office=office_user, count=5)

    _, first = get_json(client, DECISIONS, limit=2)
    _, second = get_json(client, DECISIONS, limit=2, offset=2)
    _, last = get_json(client, DECISIONS, limit=2, offset=4)

    ids = [row["id"] for page in (first, second, last) for row in page["results"]]
    assert ids == [publication.pk for publication in reversed(made)]
    assert first["next"].endswith("/api/v1/decisions?limit=2&offset=2")
    assert last["next"] is None


@pytest.mark.parametrize("count", [1, 12])
def test_reuser_gets_the_decisions_in_constant_queries(
    client, office_user, count, django_assert_num_queries
):
    adopted_and_published(office=office_user, count=count)

    with django_assert_num_queries(3):  # the first year (the filter's choices), count, rows
        _, body = get_json(client, DECISIONS, decision=A.ADOPT, limit=100)

    assert body["count"] == count
