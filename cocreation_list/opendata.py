"""Open data of the co-creation list: CSV, JSON, Atom feed and iCalendar.

Field names are stable: they are part of the public interface and documented in
the README. CSV and JSON honour the same filters as the list page.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpResponse, JsonResponse
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event

from mishima_kyoso.common.spreadsheets import csv_response

from . import selectors
from .filters import ThemeFilter
from .models import Theme

COLUMNS = (
    "number",
    "title",
    "status",
    "call_state",
    "fields",
    "department",
    "is_year_round",
    "accepts_from",
    "accepts_until",
    "published_at",
    "background",
    "wanted",
    "business_role",
    "city_offer",
    "conditions",
    "contact",
    "url",
)


def _iso(value):
    return value.isoformat() if value else None


def theme_records(request):
    """One dict per theme of the filtered list, with the stable field names of COLUMNS."""
    themes = ThemeFilter(request.GET, queryset=selectors.public_themes()).qs
    today = timezone.localdate()
    for theme in themes:
        yield theme_record(request, theme, today=today)


def theme_record(request, theme, *, today) -> dict:
    """One public theme with the stable field names of COLUMNS (the files and the API)."""
    return {
        "number": theme.number,
        "title": theme.title,
        "status": theme.status,
        "call_state": theme.call_state(today),
        "fields": [field.name for field in theme.fields.all()],
        "department": theme.department.name,
        "is_year_round": theme.is_year_round,
        "accepts_from": _iso(theme.accepts_from),
        "accepts_until": _iso(theme.accepts_until),
        "published_at": _iso(timezone.localtime(theme.published_at)),
        "background": theme.background,
        "wanted": theme.wanted,
        "business_role": theme.business_role,
        "city_offer": theme.city_offer,
        "conditions": theme.conditions,
        "contact": theme.public_contact,
        "url": request.build_absolute_uri(theme.get_absolute_url()),
    }


def theme_goal_records(theme) -> list[dict]:
    """The theme's goals on the four viewpoints with their indicators (the API's theme), from
    selectors.theme_goals: the viewpoint's code and, in the reader's language, its label."""
    return [
        {
            "viewpoint": goal.viewpoint,
            "viewpoint_label": goal.get_viewpoint_display(),
            "description": goal.description,
            "indicators": [
                {
                    "name": indicator.name,
                    "unit": indicator.unit,
                    "baseline": indicator.baseline,
                    "target": indicator.target,
                    "target_on": _iso(indicator.target_on),
                }
                for indicator in indicators
            ],
        }
        for goal, indicators in selectors.theme_goals(theme)
    ]


def themes_csv(request):
    """UTF-8 with a BOM, so that Excel in Japan opens it without garbling."""
    rows = []
    for record in theme_records(request):
        record["fields"] = ";".join(record["fields"])
        record["is_year_round"] = "true" if record["is_year_round"] else "false"
        rows.append([record[name] for name in COLUMNS])
    return csv_response(COLUMNS, rows, filename="themes.csv")


def themes_json(request):
    records = list(theme_records(request))
    return JsonResponse(
        {"count": len(records), "themes": records},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


class LatestThemesFeed(Feed):
    """/themes/feed.atom: themes as they are published."""

    feed_type = Atom1Feed
    title = gettext_lazy("Co-creation list: new themes")
    subtitle = gettext_lazy("Themes the city invites private proposals for.")

    def link(self):
        return reverse("cocreation_list:theme_list")

    def items(self):
        return selectors.public_themes().order_by("-published_at", "-number")[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.background

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"urn:kyoso:theme:{item.number}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.department.name

    def item_categories(self, item):
        return [field.name for field in item.fields.all()]


def themes_ics(request):
    """/themes/deadlines.ics: each call deadline as an all-day event."""
    calendar = Calendar()
    calendar.add("prodid", "-//Kyoso portal//co-creation list//JA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Co-creation list deadlines"))
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    stamp = timezone.now()
    uid_domain = split_domain_port(request.get_host())[0] or "kyoso.invalid"
    # A call the office closed early has no deadline left to keep.
    themes = selectors.public_themes().filter(
        status=Theme.Status.PUBLISHED, is_year_round=False, accepts_until__isnull=False
    )
    for theme in themes.order_by("accepts_until", "number"):
        event = Event()
        event.add("uid", f"theme-{theme.number}-deadline@{uid_domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", theme.accepts_until)
        event.add("dtend", theme.accepts_until + datetime.timedelta(days=1))
        event.add("summary", _("Deadline: %(title)s") % {"title": theme.title})
        event.add("url", request.build_absolute_uri(theme.get_absolute_url()))
        event.add("description", theme.department.name)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
