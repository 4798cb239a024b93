"""The Atom feed and the iCalendar of soundings, as the co-creation list offers for themes."""

import datetime

import feedparser
import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.factories.soundings import SoundingFactory

pytestmark = pytest.mark.django_db


def test_the_feed_is_valid_atom_with_the_public_soundings_only(client):
    public = SoundingFactory(title="公開のサウンディング")
    SoundingFactory(title="下書きのサウンディング", draft=True)

    response = client.get(reverse("soundings:feed"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == [public.title]
    assert feed.entries[0].id == f"urn:kyoso:sounding:{public.number}"
    assert feed.entries[0].link == f"http://testserver/soundings/{public.number}/"
    assert "下書きのサウンディング" not in response.content.decode()


def test_the_calendar_has_the_deadline_and_dialogue_period_of_open_soundings(client):
    sounding = SoundingFactory(title="日程のサウンディング")
    SoundingFactory(draft=True)
    SoundingFactory(summarised=True)  # finished: nothing left to keep in a calendar

    response = client.get(reverse("soundings:ics"))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert {str(event["uid"]).split("@")[0] for event in events} == {
        f"sounding-{sounding.number}-deadline",
        f"sounding-{sounding.number}-dialogue",
    }
    dialogue = next(event for event in events if "dialogue" in str(event["uid"]))
    assert dialogue.decoded("dtstart") == sounding.dialogue_from
    assert dialogue.decoded("dtend") == sounding.dialogue_until + datetime.timedelta(days=1)


@pytest.mark.parametrize("count", [1, 20])
@pytest.mark.parametrize("name", ["soundings:feed", "soundings:ics"])
def test_feed_and_calendar_in_constant_queries(client, name, count, django_assert_num_queries):
    SoundingFactory.create_batch(count)
    client.get(reverse(name))

    with django_assert_num_queries(1):
        client.get(reverse(name))
