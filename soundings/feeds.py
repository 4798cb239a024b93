"""Open data of soundings: an Atom feed of new soundings and an iCalendar of their dates,
as the co-creation list offers for themes (cocreation_list/opendata.py)."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event

from . import selectors
from .models import Sounding


class LatestSoundingsFeed(Feed):
    """/soundings/feed.atom: soundings as they are published, and their results."""

    feed_type = Atom1Feed
    title = gettext_lazy("Sounding market research: new soundings")
    subtitle = gettext_lazy("Soundings where the city asks businesses for their views.")

    def link(self):
        return reverse("soundings:list")

    def items(self):
        return selectors.public_soundings()[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary if item.has_published_summary else item.description

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"urn:kyoso:sounding:{item.number}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


def _all_day(event: Event, day: datetime.date, last: datetime.date | None = None) -> None:
    event.add("dtstart", day)
    event.add("dtend", (last or day) + datetime.timedelta(days=1))


def soundings_ics(request):
    """/soundings/schedule.ics: each open sounding's registration deadline and dialogue
    period, as all-day events."""
    calendar = Calendar()
    calendar.add("prodid", "-//Kyoso portal//soundings//JA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Sounding market research schedule"))
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    stamp = timezone.now()
    uid_domain = split_domain_port(request.get_host())[0] or "kyoso.invalid"
    soundings = selectors.public_soundings().filter(
        status__in=[Sounding.Status.PUBLISHED, Sounding.Status.CLOSED]
    )
    for sounding in soundings.order_by("registration_deadline", "number"):
        url = request.build_absolute_uri(sounding.get_absolute_url())
        for kind, summary, first, last in (
            (
                "deadline",
                _("Registration deadline: %(title)s") % {"title": sounding.title},
                sounding.registration_deadline,
                None,
            ),
            (
                "dialogue",
                _("Dialogue period: %(title)s") % {"title": sounding.title},
                sounding.dialogue_from,
                sounding.dialogue_until,
            ),
        ):
            event = Event()
            event.add("uid", f"sounding-{sounding.number}-{kind}@{uid_domain}")
            event.add("dtstamp", stamp)
            _all_day(event, first, last)
            event.add("summary", summary)
            event.add("url", url)
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
