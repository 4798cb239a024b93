"""Words (issue 13 §9): a business signs up with a name and sees it among the organisation's
members; the sign-up, the organisation form, /results/ and a result page with its case's
timeline pass axe-core at desktop and phone width."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from accounts.models import User
from tests.factories.accounts import VerifiedMemberFactory
from tests.outcomes.test_results_one_per_case import completed_and_published_twice

from .test_accessibility import (
    PAGE_WIDER_THAN_SCREEN_JS,
    assert_page_has_no_axe_violation,
    sign_in_by_cookie,
)
from .test_proposal_journey import EMAIL, register_organization, sign_up_and_verify

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_business_signs_up_with_a_name_and_sees_it_among_the_members(
    axe_page, live_server, settings
):
    cache.clear()  # allauth's rate limits live in the cache
    settings.KYOSO_BASE_URL = live_server.url  # the verification mail's link leads here
    page = axe_page

    sign_up_and_verify(page, live_server)  # types 三島 花子 as the name
    register_organization(page)

    assert User.objects.get(email=EMAIL).full_name == "三島 花子"
    members = page.locator("#members table")
    expect(members).to_contain_text("三島 花子")
    expect(members).not_to_contain_text("—")


@pytest.mark.parametrize("width", [1280, 390])
def test_word_pages_have_no_axe_violation_at_desktop_and_phone_width(
    axe_page, live_server, office_user, width
):
    cache.clear()
    _case, _adoption, completion = completed_and_published_twice(office=office_user)
    member = VerifiedMemberFactory(full_name="")  # asked for the name on the organisation page
    page = axe_page
    page.set_viewport_size({"width": width, "height": 900})

    for path in ("/accounts/signup/", "/results/", completion.get_absolute_url()):
        page.goto(live_server.url + path)
        assert page.evaluate(PAGE_WIDER_THAN_SCREEN_JS) == [], path
        assert_page_has_no_axe_violation(page)
    expect(page.locator(".decision-timeline li")).to_have_count(2)

    sign_in_by_cookie(page, live_server, member)
    for path in ("/organization/", "/organization/edit/"):
        page.goto(live_server.url + path)
        assert page.evaluate(PAGE_WIDER_THAN_SCREEN_JS) == [], path
        assert_page_has_no_axe_violation(page)
