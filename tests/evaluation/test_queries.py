"""Every evaluation page answers in a fixed number of queries, whatever the number of
candidates (1 vs 5), evaluators (1 vs 4), criteria (3 vs 8) and rounds."""

import pytest
from django.urls import reverse

from evaluation import services
from tests.factories.proposals import attach
from tests.scenarios import declare, selection_round, submit_sheet

pytestmark = pytest.mark.django_db

SIZES = [
    pytest.param((1, 1, 3), id="1-candidate-1-evaluator-3-criteria"),
    pytest.param((5, 4, 8), id="5-candidates-4-evaluators-8-criteria"),
]
# Queries per page (session, user, the header's role check — base.html's account menu asks
# whether the user belongs to an organisation — and the page's own reads; the score page logs
# the read).
QUERIES = {
    "my_rounds": 4,
    "round": 9,
    "score": 13,
    "case_rounds": 10,
    "manage_round": 10,
}


def scored_round(office, candidates, evaluators, criteria):
    """A round where every evaluator declared (the first one a conflict with one candidate
    when there are several) and submitted every sheet they may."""
    round = selection_round(
        office=office, applications=candidates - 1, evaluators=evaluators, criteria=criteria
    )
    labels = list(round.candidates.order_by("label"))
    for index, assignment in enumerate(round.assignments.all()):
        conflicted = labels[-1] if index == 0 and len(labels) > 1 else None
        declare(assignment, conflicts=[conflicted] if conflicted else [])
        for candidate in labels:
            if candidate != conflicted:
                submit_sheet(assignment, candidate, value=5)
    for candidate in labels:
        attach(candidate.proposal)
    return round


def count(client, url, django_assert_num_queries, expected):
    client.get(url)  # warm the caches (content types, translations)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("size", SIZES)
def test_my_rounds_in_constant_queries(client, office_user, size, django_assert_num_queries):
    rounds = [scored_round(office_user, *size) for _ in range(1 if size[0] == 1 else 3)]
    evaluator = rounds[0].assignments.first().evaluator
    for round in rounds[1:]:
        services.assign_evaluator(round=round, evaluator=evaluator, by=office_user)
    client.force_login(evaluator)

    response = count(
        client, reverse("evaluation:my_rounds"), django_assert_num_queries, QUERIES["my_rounds"]
    )

    assert len(response.context["rows"]) == len(rounds)


@pytest.mark.parametrize("size", SIZES)
def test_round_page_in_constant_queries(client, office_user, size, django_assert_num_queries):
    round = scored_round(office_user, *size)
    client.force_login(round.assignments.first().evaluator)

    response = count(
        client,
        reverse("evaluation:round", args=[round.pk]),
        django_assert_num_queries,
        QUERIES["round"],
    )

    assert len(response.context["rows"]) == size[0]


@pytest.mark.parametrize("size", SIZES)
def test_score_page_in_constant_queries(client, office_user, size, django_assert_num_queries):
    round = scored_round(office_user, *size)
    assignment = round.assignments.first()
    candidate = round.candidates.order_by("label").first()
    client.force_login(assignment.evaluator)

    response = count(
        client,
        reverse("evaluation:score", args=[round.pk, candidate.pk]),
        django_assert_num_queries,
        QUERIES["score"],
    )

    assert len(response.context["read_only"]) == size[2]


@pytest.mark.parametrize("size", SIZES)
def test_case_rounds_page_in_constant_queries(client, office_user, size, django_assert_num_queries):
    round = scored_round(office_user, *size)
    client.force_login(office_user)

    count(
        client,
        reverse("evaluation:case_rounds", args=[round.proposal.pk]),
        django_assert_num_queries,
        QUERIES["case_rounds"],
    )


@pytest.mark.parametrize("size", SIZES)
def test_manage_round_page_in_constant_queries(
    client, office_user, size, django_assert_num_queries
):
    round = scored_round(office_user, *size)
    client.force_login(office_user)

    response = count(
        client,
        reverse("evaluation:manage_round", args=[round.pk]),
        django_assert_num_queries,
        QUERIES["manage_round"],
    )

    assert len(response.context["progress"]) == size[1]
    assert len(response.context["candidates"]) == size[0]
