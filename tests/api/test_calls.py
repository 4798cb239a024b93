"""/api/v1/calls: the published open calls (公募), and nothing of the proposal behind them."""

import datetime

import pytest
from django.utils import timezone

from tests.outcomes.data import secret_call
from tests.scenarios import draft_call, published_call

from .conftest import get_json

pytestmark = pytest.mark.django_db

CALLS = "/api/v1/calls"


def _day(offset):
    return timezone.localdate() + datetime.timedelta(days=offset)


def test_reuser_gets_a_published_call_with_its_period_and_days_left(client, office_user):
    call = secret_call(office=office_user, ends_on=_day(10))

    status, body = get_json(client, CALLS)

    assert status == 200
    assert body["count"] == 1
    row = body["results"][0]
    published_at = datetime.datetime.fromisoformat(row.pop("published_at"))
    assert abs(published_at - call.published_at) < datetime.timedelta(milliseconds=1)
    assert published_at.utcoffset() == datetime.timedelta(hours=9)
    assert row == {
        "number": call.number,
        "title": call.title,
        "summary": call.summary,
        "conditions": call.conditions,
        "starts_on": call.starts_on.isoformat(),
        "ends_on": _day(10).isoformat(),
        "state": "accepting",
        "days_left": 10,
        "contact": call.contact,
        "url": f"http://testserver/calls/{call.number}/",
    }


def test_reuser_gets_one_call_with_the_criteria_it_is_scored_on(client, office_user):
    call = secret_call(office=office_user)

    status, body = get_json(client, f"{CALLS}/{call.number}")

    assert status == 200
    assert body["title"] == call.title
    assert body["criteria"]  # the default set, seeded, before a round exists
    assert {"group", "group_label", "name", "description", "max_points", "weight"} == set(
        body["criteria"][0]
    )


def test_reuser_never_gets_a_draft_call(client, office_user):
    draft = draft_call(office=office_user, title="下書きの公募")

    _, body = get_json(client, CALLS)

    assert body["count"] == 0
    assert draft.number is None  # a draft has no number to ask for
    assert get_json(client, f"{CALLS}/1")[0] == 404


def test_reuser_filters_calls_by_their_state_today(client, office_user):
    accepting = published_call(office=office_user, title="受付中の公募")
    upcoming = published_call(
        office=office_user, title="受付前の公募", starts_on=_day(3), ends_on=_day(30)
    )
    closed = published_call(
        office=office_user, title="終了した公募", starts_on=_day(-30), ends_on=_day(-1)
    )

    def titles(state):
        return [row["title"] for row in get_json(client, CALLS, state=state)[1]["results"]]

    assert titles("accepting") == [accepting.title]
    assert titles("upcoming") == [upcoming.title]
    assert titles("closed") == [closed.title]
    assert get_json(client, CALLS, state="soon")[0] == 422


@pytest.mark.parametrize("count", [1, 12])
def test_reuser_gets_the_calls_in_constant_queries(
    client, office_user, count, django_assert_num_queries
):
    for _ in range(count):
        published_call(office=office_user)

    with django_assert_num_queries(2):  # count, rows
        _, body = get_json(client, CALLS, limit=100)

    assert body["count"] == count
