"""Open data of the co-creation list, read back with the parsers a re-user would use."""

import csv
import datetime
import io
import json

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cocreation_list import opendata
from tests.factories.accounts import DepartmentFactory
from tests.factories.cocreation_list import ThemeFactory, field

pytestmark = pytest.mark.django_db

CSV_URL = reverse("cocreation_list:themes_csv")
JSON_URL = reverse("cocreation_list:themes_json")
FEED_URL = reverse("cocreation_list:themes_feed")
ICS_URL = reverse("cocreation_list:themes_ics")


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def _csv_rows(response):
    reader = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline=""))
    return reader.fieldnames, list(reader)


def _json_records(response):
    return json.loads(response.content.decode("utf-8"))["themes"]


def _events(response):
    return Calendar.from_ical(response.content).walk("VEVENT")


@pytest.fixture
def themes():
    """Public themes in 環境 and 福祉 (closed), a year-round one, and a draft that must not leak."""
    return {
        "environment": ThemeFactory(
            title="ごみ減量のための行動変容",
            background="家庭ごみの量が県内平均を上回っています。\n分別も課題です。",
            conditions="個人情報は市の基準に従って扱うこと。",
            fields=[field("environment"), field("machizukuri")],
            department=DepartmentFactory(
                name="環境政策課", code="kankyo", phone="055-983-0000", email="k@example.jp"
            ),
            accepts_from=_days(-10),
            accepts_until=_days(20),
        ),
        "welfare": ThemeFactory(closed=True, title="高齢者の見守り", fields=[field("welfare")]),
        "year_round": ThemeFactory(
            year_round=True, title="公共施設の有効活用", fields=[field("administration")]
        ),
        "draft": ThemeFactory(draft=True, title="下書きのテーマ"),
    }


# CSV ----------------------------------------------------------------------------


def test_reuser_gets_a_csv_with_a_bom_and_the_stable_header(client, themes):
    response = client.get(CSV_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="themes.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    header, rows = _csv_rows(response)
    assert header == list(opendata.COLUMNS)
    assert len(rows) == 3


def test_reuser_reads_the_japanese_text_intact_from_the_csv(client, themes):
    theme = themes["environment"]

    _header, rows = _csv_rows(client.get(CSV_URL))

    row = next(row for row in rows if row["number"] == str(theme.number))
    assert row["title"] == "ごみ減量のための行動変容"
    assert row["background"] == "家庭ごみの量が県内平均を上回っています。\n分別も課題です。"
    assert row["conditions"] == "個人情報は市の基準に従って扱うこと。"
    assert row["fields"] == "まちづくり;環境"
    assert row["department"] == "環境政策課"
    assert row["contact"] == "環境政策課\n055-983-0000\nk@example.jp"
    assert row["status"] == "published"
    assert row["call_state"] == "accepting"
    assert row["is_year_round"] == "false"
    assert row["accepts_from"] == _days(-10).isoformat()
    assert row["accepts_until"] == _days(20).isoformat()
    assert row["url"] == f"http://testserver/themes/{theme.number}/"


def test_reuser_never_gets_a_draft_in_the_csv(client, themes):
    response = client.get(CSV_URL)

    _header, rows = _csv_rows(response)
    assert themes["draft"].title.encode() not in response.content
    assert {row["number"] for row in rows} == {
        str(themes[name].number) for name in ("environment", "welfare", "year_round")
    }


def test_reuser_gets_empty_cells_for_a_year_round_theme_in_the_csv(client, themes):
    theme = themes["year_round"]

    _header, rows = _csv_rows(client.get(CSV_URL))

    row = next(row for row in rows if row["number"] == str(theme.number))
    assert row["is_year_round"] == "true"
    assert row["accepts_until"] == ""
    assert row["accepts_from"] == ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"field": "environment"}, ["environment"]),
        ({"field": "welfare"}, ["welfare"]),
        ({"q": "ごみ　分別"}, ["environment"]),
        ({"state": "closed"}, ["welfare"]),
        ({"department": "kankyo"}, ["environment"]),
    ],
)
def test_reuser_gets_the_filtered_themes_in_the_csv_when_filtering(client, themes, query, expected):
    _header, rows = _csv_rows(client.get(CSV_URL, query))

    assert [row["number"] for row in rows] == [str(themes[name].number) for name in expected]


def test_reuser_gets_a_csv_with_only_the_header_when_the_filter_is_unknown(client, themes):
    header, rows = _csv_rows(client.get(CSV_URL, {"field": "no-such-field"}))

    assert header == list(opendata.COLUMNS)
    assert rows == []


# JSON ---------------------------------------------------------------------------


def test_reuser_gets_the_same_records_in_json_as_in_the_csv(client, themes):
    response = client.get(JSON_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    payload = json.loads(response.content.decode("utf-8"))
    _header, rows = _csv_rows(client.get(CSV_URL))
    assert payload["count"] == 3
    assert [record["number"] for record in payload["themes"]] == [
        int(row["number"]) for row in rows
    ]
    for record, row in zip(payload["themes"], rows, strict=True):
        assert list(record) == list(opendata.COLUMNS)
        assert record["title"] == row["title"]
        assert record["background"] == row["background"]
        assert ";".join(record["fields"]) == row["fields"]


def test_reuser_reads_typed_values_from_the_json(client, themes):
    theme = themes["environment"]

    records = _json_records(client.get(JSON_URL))

    record = next(record for record in records if record["number"] == theme.number)
    assert record["fields"] == ["まちづくり", "環境"]
    assert record["is_year_round"] is False
    assert record["accepts_until"] == _days(20).isoformat()
    assert record["published_at"].endswith("+09:00")
    year_round = next(r for r in records if r["number"] == themes["year_round"].number)
    assert year_round["is_year_round"] is True
    assert year_round["accepts_until"] is None


def test_reuser_never_gets_a_draft_in_the_json(client, themes):
    response = client.get(JSON_URL)

    assert themes["draft"].number not in [record["number"] for record in _json_records(response)]
    assert themes["draft"].title not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"field": "environment"}, ["environment"]),
        ({"q": "見守り"}, ["welfare"]),
        ({"field": "no-such-field"}, []),
    ],
)
def test_reuser_gets_the_filtered_themes_in_the_json_when_filtering(
    client, themes, query, expected
):
    payload = json.loads(client.get(JSON_URL, query).content)

    assert [record["number"] for record in payload["themes"]] == [
        themes[name].number for name in expected
    ]
    assert payload["count"] == len(expected)


# Atom -------------------------------------------------------------------------------


def test_subscriber_reads_a_valid_feed_newest_first_without_drafts(client):
    now = timezone.now()
    old = ThemeFactory(title="古いテーマ", published_at=now - datetime.timedelta(days=20))
    new = ThemeFactory(title="新しいテーマ", published_at=now - datetime.timedelta(days=1))
    closed = ThemeFactory(
        closed=True, title="終了したテーマ", published_at=now - datetime.timedelta(days=10)
    )
    ThemeFactory(draft=True, title="下書きのテーマ")

    response = client.get(FEED_URL)

    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == [new.title, closed.title, old.title]
    assert [entry.link for entry in feed.entries] == [
        f"http://testserver/themes/{theme.number}/" for theme in (new, closed, old)
    ]
    assert feed.feed.link.startswith("http://testserver/")
    assert "下書きのテーマ" not in response.content.decode()


def test_subscriber_reads_each_entrys_field_and_department(client):
    theme = ThemeFactory(
        fields=[field("health")], department=DepartmentFactory(name="健康づくり課", code="kenko")
    )

    feed = feedparser.parse(client.get(FEED_URL).content)

    (entry,) = feed.entries
    assert entry.id == f"urn:kyoso:theme:{theme.number}"
    assert [tag.term for tag in entry.tags] == ["健康"]
    assert entry.author == "健康づくり課"
    assert entry.summary == theme.background


# iCalendar ----------------------------------------------------------------------------


def test_subscriber_gets_one_all_day_event_per_dated_published_theme(client, themes):
    response = client.get(ICS_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = _events(response)
    by_url = {str(event["URL"]): event for event in events}
    dated = [themes["environment"]]  # the welfare theme was closed early: no deadline left
    assert set(by_url) == {f"http://testserver/themes/{theme.number}/" for theme in dated}
    for theme in dated:
        event = by_url[f"http://testserver/themes/{theme.number}/"]
        assert event.decoded("DTSTART") == theme.accepts_until
        assert event.decoded("DTEND") == theme.accepts_until + datetime.timedelta(days=1)
        assert theme.title in str(event["SUMMARY"])


def test_subscriber_never_gets_a_draft_a_closed_or_a_year_round_theme_in_the_calendar(
    client, themes
):
    response = client.get(ICS_URL)

    summaries = [str(event["SUMMARY"]) for event in _events(response)]
    assert len(summaries) == 1
    assert not any(themes["welfare"].title in summary for summary in summaries)
    assert not any(themes["draft"].title in summary for summary in summaries)
    assert not any(themes["year_round"].title in summary for summary in summaries)


def test_subscriber_gets_unique_event_ids_in_the_calendar(client, themes):
    ThemeFactory(title="もう一つの締切")
    uids = [str(event["UID"]) for event in _events(client.get(ICS_URL))]

    assert len(uids) == len(set(uids)) == 2


# Query counts (STYLE §9) ---------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 30])
@pytest.mark.parametrize("url", [CSV_URL, JSON_URL, FEED_URL, ICS_URL])
def test_reuser_gets_open_data_in_constant_queries_when_there_are_many_themes(
    client, count, url, django_assert_num_queries
):
    ThemeFactory.create_batch(count, fields=[field("environment"), field("welfare")])
    ThemeFactory(draft=True)
    client.get(url)  # warm the caches

    with django_assert_num_queries(2):
        response = client.get(url)

    assert response.status_code == 200


def test_reuser_gets_a_formula_like_text_as_plain_text_in_the_csv(client):
    ThemeFactory(title='=HYPERLINK("http://example.com")', conditions="@SUM(A1)")

    rows = list(csv.DictReader(io.StringIO(client.get(CSV_URL).content.decode("utf-8-sig"))))

    assert rows[0]["title"] == '\'=HYPERLINK("http://example.com")'
    assert rows[0]["conditions"] == "'@SUM(A1)"
