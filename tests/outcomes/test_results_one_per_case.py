"""/results/ lists each case once, with its latest decision and how many it has; the case's
result pages show its decisions as a timeline, each linking to the others. The open data keeps
one row per decision (documented on the page)."""

import pytest
from django.urls import reverse

from proposals.models import Opportunity
from proposals.workflow import A
from tests.scenarios import case_at, published

from .data import S

pytestmark = pytest.mark.django_db

RESULTS = reverse("outcomes:results")
JSON = reverse("outcomes:results_json")


def completed_and_published_twice(*, office, **kwargs):
    """A case adopted (direct agreement) and completed, both decisions published."""
    case = case_at(S.COMPLETED, office=office, opportunity=Opportunity.DIRECT, **kwargs)
    adoption = published(case, office=office, step=A.ADOPT)
    completion = published(case, office=office, step=A.COMPLETE)
    return case, adoption, completion


def test_visitor_sees_a_case_with_two_decisions_once_with_its_latest_decision(client, office_user):
    case, adoption, completion = completed_and_published_twice(office=office_user)

    response = client.get(RESULTS)

    rows = response.context["rows"]
    assert [row["publication"] for row in rows] == [completion]
    assert rows[0]["decision_count"] == 2
    assert response.context["result_count"] == 1
    html = response.content.decode()
    assert html.count(f'href="{completion.get_absolute_url()}"') >= 1
    assert f'href="{adoption.get_absolute_url()}"' not in html
    assert "この案件の決定" in html or "Decisions on this case" in html


def test_visitor_sees_the_decisions_of_a_case_in_order_on_its_result_page(client, office_user):
    case, adoption, completion = completed_and_published_twice(office=office_user)

    latest = client.get(completion.get_absolute_url())
    earlier = client.get(adoption.get_absolute_url())

    assert [step["publication"] for step in latest.context["timeline"]] == [adoption, completion]
    assert [step["is_current"] for step in latest.context["timeline"]] == [False, True]
    assert f'href="{adoption.get_absolute_url()}"' in latest.content.decode()
    assert f'href="{completion.get_absolute_url()}"' in earlier.content.decode()
    assert 'aria-current="page"' in earlier.content.decode()


def test_filter_by_an_earlier_decision_finds_the_case_shown_with_its_latest(client, office_user):
    case, adoption, completion = completed_and_published_twice(office=office_user)
    only_adopted = published(case_at(S.ADOPTED, office=office_user), office=office_user)

    response = client.get(RESULTS, {"decision": A.ADOPT})
    completed = client.get(RESULTS, {"decision": A.COMPLETE})

    assert [row["publication"] for row in response.context["rows"]] == [only_adopted, completion]
    assert [row["publication"] for row in completed.context["rows"]] == [completion]
    # The open data lists the matching decisions themselves, one row each.
    ids = [record["id"] for record in client.get(JSON, {"decision": A.ADOPT}).json()["results"]]
    assert sorted(ids) == sorted([adoption.pk, only_adopted.pk])


def test_filter_by_field_lists_a_case_once_though_its_theme_has_several_fields(client, office_user):
    from cocreation_list.models import Field

    case, adoption, completion = completed_and_published_twice(office=office_user)
    field = case.theme.fields.get()
    case.theme.fields.add(*Field.objects.exclude(pk=field.pk)[:2])

    response = client.get(RESULTS, {"field": field.code})

    assert [row["publication"] for row in response.context["rows"]] == [completion]
    assert response.context["result_count"] == 1


def test_withdrawn_latest_decision_shows_the_earlier_one(client, office_user):
    from outcomes.services import withdraw_publication

    case, adoption, completion = completed_and_published_twice(office=office_user)
    withdraw_publication(publication=completion, by=office_user)

    rows = client.get(RESULTS).context["rows"]

    assert [(row["publication"], row["decision_count"]) for row in rows] == [(adoption, 1)]


@pytest.mark.parametrize("count", [1, 6])
def test_visitor_gets_the_cases_in_constant_queries(
    client, office_user, count, django_assert_num_queries
):
    for _ in range(count):
        completed_and_published_twice(office=office_user)
    client.get(RESULTS)

    with django_assert_num_queries(4):
        response = client.get(RESULTS, {"decision": A.ADOPT})

    assert response.context["result_count"] == count
    assert all(row["decision_count"] == 2 for row in response.context["rows"])


@pytest.mark.parametrize("count", [1, 6])
def test_visitor_gets_a_timeline_in_constant_queries(
    client, office_user, count, django_assert_num_queries
):
    cases = [completed_and_published_twice(office=office_user) for _ in range(count)]
    _, _, completion = cases[-1]
    client.get(completion.get_absolute_url())

    # the publication, its timeline, the service's published citizens' feedback
    with django_assert_num_queries(4):
        response = client.get(completion.get_absolute_url())

    assert len(response.context["timeline"]) == 2
