"""/api/v1/themes: the co-creation list as JSON, with the list page's filters and pages."""

import datetime

import pytest
from django.utils import timezone

from cocreation_list import opendata
from tests.factories.accounts import DepartmentFactory
from tests.factories.cocreation_list import ThemeFactory, field

from .conftest import get_json

pytestmark = pytest.mark.django_db

THEMES = "/api/v1/themes"


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def themes():
    """Public themes in 環境 (accepting) and 福祉 (closed), one opening soon, and a draft."""
    return {
        "environment": ThemeFactory(
            title="ごみ減量のための行動変容",
            fields=[field("environment"), field("machizukuri")],
            department=DepartmentFactory(name="環境政策課", code="kankyo"),
            accepts_from=_days(-10),
            accepts_until=_days(20),
        ),
        "welfare": ThemeFactory(closed=True, title="高齢者の見守り", fields=[field("welfare")]),
        "upcoming": ThemeFactory(
            title="図書館の夜間活用", accepts_from=_days(5), fields=[field("administration")]
        ),
        "draft": ThemeFactory(draft=True, title="下書きのテーマ"),
    }


def _titles(body):
    return [row["title"] for row in body["results"]]


def test_reuser_gets_the_public_themes_with_the_open_data_fields_in_utf8(client, themes):
    response = client.get(THEMES)
    status, body = get_json(client, THEMES)

    assert status == 200
    assert "ごみ減量のための行動変容".encode() in response.content  # not \u escapes
    assert body["count"] == 3
    assert set(_titles(body)) == {"ごみ減量のための行動変容", "高齢者の見守り", "図書館の夜間活用"}
    row = next(row for row in body["results"] if row["title"] == "ごみ減量のための行動変容")
    assert set(row) == set(opendata.COLUMNS)
    assert set(row["fields"]) == {"環境", "まちづくり"}
    assert row["department"] == "環境政策課"
    assert row["call_state"] == "accepting"
    assert row["accepts_until"] == _days(20).isoformat()
    assert datetime.datetime.fromisoformat(row["published_at"]).utcoffset() == datetime.timedelta(
        hours=9
    )
    assert row["url"] == f"http://testserver/themes/{themes['environment'].number}/"


def test_reuser_never_gets_a_draft_theme(client, themes):
    _, body = get_json(client, THEMES, limit=100)
    status, missing = get_json(client, f"{THEMES}/{themes['draft'].number}")

    assert "下書きのテーマ" not in _titles(body)
    assert status == 404
    assert missing["detail"]


def test_reuser_gets_one_theme_by_its_number(client, themes):
    status, body = get_json(client, f"{THEMES}/{themes['welfare'].number}")

    assert status == 200
    assert body["title"] == "高齢者の見守り"
    assert body["status"] == "closed"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"field": "environment"}, {"ごみ減量のための行動変容"}),
        ({"field": "welfare"}, {"高齢者の見守り"}),
        ({"department": "kankyo"}, {"ごみ減量のための行動変容"}),
        ({"state": "accepting"}, {"ごみ減量のための行動変容"}),
        ({"state": "upcoming"}, {"図書館の夜間活用"}),
        ({"state": "closed"}, {"高齢者の見守り"}),
        ({"q": "ごみ"}, {"ごみ減量のための行動変容"}),
        ({"field": "no-such-field"}, set()),
    ],
)
def test_reuser_filters_themes_like_the_list_page(client, themes, params, expected):
    status, body = get_json(client, THEMES, **params)

    assert status == 200
    assert set(_titles(body)) == expected
    assert body["count"] == len(expected)


def test_reuser_sorts_themes_by_deadline_like_the_list_page(client, themes):
    _, body = get_json(client, THEMES, sort="deadline")

    assert _titles(body)[-1] == "高齢者の見守り"  # a closed call last


def test_reuser_is_refused_a_state_the_page_does_not_know(client, themes):
    status, _ = get_json(client, THEMES, state="someday")

    assert status == 422


def test_reuser_walks_the_pages_and_gets_every_theme_once_in_a_stable_order(client):
    made = ThemeFactory.create_batch(25)

    first_status, first = get_json(client, THEMES, limit=10)
    _, second = get_json(client, THEMES, limit=10, offset=10)
    _, last = get_json(client, THEMES, limit=10, offset=20)

    assert first_status == 200
    assert [first["count"], second["count"], last["count"]] == [25, 25, 25]
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/themes?limit=10&offset=10"
    assert second["previous"] == "http://testserver/api/v1/themes?limit=10&offset=0"
    assert last["next"] is None
    numbers = [row["number"] for page in (first, second, last) for row in page["results"]]
    assert sorted(numbers) == sorted(theme.number for theme in made)
    assert numbers == sorted(numbers, reverse=True)  # newest first, then by number


def test_reuser_keeps_the_filters_in_the_next_link(client):
    ThemeFactory.create_batch(3, fields=[field("welfare")])

    _, body = get_json(client, THEMES, field="welfare", limit=2)

    assert body["next"] == "http://testserver/api/v1/themes?field=welfare&limit=2&offset=2"


@pytest.mark.parametrize("limit", [0, 101])
def test_reuser_is_refused_a_page_size_out_of_bounds(client, limit):
    status, _ = get_json(client, THEMES, limit=limit)

    assert status == 422


@pytest.mark.parametrize("count", [1, 20])
def test_reuser_gets_the_themes_in_constant_queries(client, count, django_assert_num_queries):
    ThemeFactory.create_batch(count)

    with django_assert_num_queries(3):  # count, rows, their fields
        _, body = get_json(client, THEMES, limit=100)

    assert body["count"] == count
