"""A business is told in the portal that the city has moved its case (issue 13 §5, §6): the
unread count in the header, the list, following one to the case page and finding it read on
return; then it asks for a daily digest instead of a mail at once. axe-core checks the list
and the settings page at desktop and phone width."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from notifications.models import Delivery, Kind, Notification, Preference
from proposals.workflow import A, transition
from tests.factories.accounts import OfficeUserFactory, VerifiedMemberFactory
from tests.scenarios import submitted_case

from .test_accessibility import (
    PAGE_WIDER_THAN_SCREEN_JS,
    assert_page_has_no_axe_violation,
    sign_in_by_cookie,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LIST_URL = reverse("notifications:list")
SETTINGS_URL = reverse("notifications:settings")


def moved_case():
    """A member's case the office has just moved on: one unread status-change notification."""
    member = VerifiedMemberFactory(email="member@biz.example.jp")
    case = submitted_case(organization=member.membership.organization, created_by=member)
    Notification.objects.all().delete()  # the receipt: read long ago
    transition(case, A.START_DIALOGUE, by=OfficeUserFactory())
    return member, case


def test_a_business_reads_a_status_change_and_chooses_a_daily_digest(axe_page, live_server):
    member, case = moved_case()
    page = axe_page
    sign_in_by_cookie(page, live_server, member)

    page.goto(live_server.url + reverse("proposals:dashboard"))
    header_link = page.locator(".account-nav").get_by_role("link", name=re.compile("1"))
    expect(header_link).to_have_attribute("href", LIST_URL)
    header_link.click()

    expect(page).to_have_url(live_server.url + LIST_URL)
    item = page.locator(".notification").first
    expect(item.locator(".notification-state")).to_have_class(re.compile("unread"))
    item.get_by_role("link").click()
    expect(page).to_have_url(live_server.url + case.get_absolute_url())

    page.go_back()
    page.reload()
    expect(page.locator(".notification").first.locator(".notification-state")).to_have_class(
        re.compile(r"\bread\b")
    )
    expect(page.locator(".account-nav").get_by_role("link", name=re.compile(r"\d"))).to_have_count(
        0
    )

    page.goto(live_server.url + SETTINGS_URL)
    page.locator(f"input[name={Kind.CASE_UPDATE}][value={Delivery.DIGEST}]").check()
    page.locator("form.notification-settings [type=submit]").click()
    expect(page.locator(".message.success")).to_have_count(1)
    assert Preference.objects.get(user=member, kind=Kind.CASE_UPDATE).delivery == Delivery.DIGEST
    expect(page.locator(f"input[name={Kind.CASE_UPDATE}][value={Delivery.DIGEST}]")).to_be_checked()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("url", [LIST_URL, SETTINGS_URL], ids=["list", "settings"])
def test_the_notification_pages_have_no_axe_violation(axe_page, live_server, width, url):
    member, _case = moved_case()
    sign_in_by_cookie(axe_page, live_server, member)
    axe_page.set_viewport_size({"width": width, "height": 900})

    axe_page.goto(live_server.url + url)

    assert axe_page.evaluate(PAGE_WIDER_THAN_SCREEN_JS) == []
    assert_page_has_no_axe_violation(axe_page)
