"""A phone-width journey (issue 13, point 7): at 390 CSS pixels the header folds into a menu that
opens without JavaScript, lists are stacked cards whose status stays on screen, a reference
number never breaks; at 1280 pixels the menus show without a button. axe-core at both widths on
the pages of each role."""

import pytest
from playwright.sync_api import expect

from mishima_kyoso.common.ids import encode_id

from .conftest import new_context
from .test_accessibility import (
    PAGE_WIDER_THAN_SCREEN_JS,
    assert_page_has_no_axe_violation,
    sign_in_by_cookie,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

NO_SIDEWAYS_SCROLL_JS = "() => document.documentElement.scrollWidth"

# A reference number is one line: a single line box, no taller than one line of its text.
REF_LINES_JS = """(element) => {
    const boxes = element.getClientRects();
    const lineHeight = parseFloat(getComputedStyle(element).lineHeight)
        || parseFloat(getComputedStyle(element).fontSize) * 1.7;
    return {boxes: boxes.length, height: element.getBoundingClientRect().height, lineHeight};
}"""

# The element lies inside the viewport (not cut off to the right, not scrolled away sideways).
INSIDE_VIEWPORT_JS = """(element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.left >= 0 && box.right <= document.documentElement.clientWidth;
}"""


def build_mobile():
    """What a phone shows: a published adoption (/results/), a business with a submitted case
    and a draft (/my/), the office, an evaluator with an open adoption review."""
    from evaluation.models import Round
    from proposals.models import Proposal
    from tests.factories.accounts import MemberFactory, VerifiedOfficeUserFactory
    from tests.factories.proposals import ProposalFactory
    from tests.scenarios import adopted_and_published, submitted_case
    from tests.scenarios.cases import case_at
    from tests.scenarios.rounds import round_of

    office = VerifiedOfficeUserFactory()
    (publication,) = adopted_and_published(office=office)
    member = MemberFactory(full_name="三島 花子")
    organization = member.membership.organization
    received = submitted_case(
        organization=organization,
        title="公共施設の予約をスマートフォンで完結させる仕組みについての提案",
    )
    ProposalFactory(organization=organization, title="下書きの提案")
    review = round_of(
        case_at(Proposal.Status.PLANNING, office=office), Round.Kind.ADOPTION_REVIEW, office=office
    )
    return {
        "office": office,
        "member": member,
        "received": received,
        "publication": publication,
        "evaluator": review.assignments.get().evaluator,
    }


def _phone_page(browser, **options):
    context = new_context(browser, viewport=PHONE, **options)
    return context, context.new_page()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_phone_header_menu_is_folded_and_opens_by_keyboard_and_click(
    browser, live_server, javascript
):
    context, page = _phone_page(browser, java_script_enabled=javascript)
    try:
        page.goto(live_server.url + "/results/")
        toggle = page.locator("summary", has_text="メニュー")
        main_menu = page.get_by_role("navigation", name="メインメニュー")
        results_link = main_menu.get_by_role("link", name="結果", exact=True)

        expect(toggle).to_be_visible()
        expect(main_menu).to_be_hidden()
        expect(page.get_by_role("navigation", name="言語")).to_be_visible()  # always reachable

        toggle.focus()
        page.keyboard.press("Enter")
        expect(main_menu).to_be_visible()
        expect(results_link).to_have_attribute("aria-current", "page")
        account = page.get_by_role("navigation", name="アカウント")
        expect(account.get_by_role("link", name="ログイン")).to_be_visible()
        assert page.evaluate(NO_SIDEWAYS_SCROLL_JS) <= PHONE["width"]

        page.keyboard.press("Space")  # the same key closes it
        expect(main_menu).to_be_hidden()

        toggle.click()
        expect(main_menu).to_be_visible()
        page.keyboard.press("Tab")  # the first link of the menu comes next
        expect(main_menu.get_by_role("link").first).to_be_focused()
    finally:
        context.close()


def test_desktop_header_shows_the_menus_without_a_button(page, live_server):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/")

    expect(page.locator("summary", has_text="メニュー")).to_be_hidden()
    expect(page.get_by_role("navigation", name="メインメニュー")).to_be_visible()
    expect(page.get_by_role("navigation", name="アカウント")).to_be_visible()
    expect(
        page.get_by_role("navigation", name="アカウント").get_by_role("link", name="ログイン")
    ).to_be_visible()


def test_phone_results_and_dashboard_are_cards_with_the_status_on_screen(browser, live_server):
    data = build_mobile()
    context, page = _phone_page(browser)
    try:
        page.goto(live_server.url + "/results/")
        card = page.locator(".result-card").first
        expect(card).to_be_visible()
        decision = card.locator(".decision")
        expect(decision).to_be_visible()
        assert decision.evaluate(INSIDE_VIEWPORT_JS)
        assert page.evaluate(NO_SIDEWAYS_SCROLL_JS) <= PHONE["width"]

        sign_in_by_cookie(page, live_server, data["member"])
        page.goto(live_server.url + "/my/")
        row = page.locator("tr", has_text=data["received"].title)
        expect(row).to_be_visible()
        assert row.evaluate("(row) => getComputedStyle(row).display") == "block"  # a card
        status = row.locator(".status")
        expect(status).to_be_visible()
        assert status.evaluate(INSIDE_VIEWPORT_JS)
        assert page.evaluate(NO_SIDEWAYS_SCROLL_JS) <= PHONE["width"]
    finally:
        context.close()


def test_phone_reference_number_stays_on_one_line(browser, live_server):
    data = build_mobile()
    case = data["received"]
    context, page = _phone_page(browser)
    try:
        sign_in_by_cookie(page, live_server, data["member"])
        page.goto(f"{live_server.url}/proposals/{encode_id(case.pk)}/meetings/")
        reference = page.locator(".ref", has_text=case.reference).first
        expect(reference).to_be_visible()

        lines = reference.evaluate(REF_LINES_JS)

        assert lines["boxes"] == 1, lines
        assert lines["height"] < 1.5 * lines["lineHeight"], lines
    finally:
        context.close()


# (test id, who signs in: None or a key of build_mobile(), URL)
ROLE_PAGES = [
    ("home", None, "/"),
    ("results", None, "/results/"),
    ("business-my-page", "member", "/my/"),
    ("office-cases", "office", "/staff/cases/"),
    ("evaluator-rounds", "evaluator", "/evaluation/"),
]


@pytest.mark.parametrize(
    ("who", "path"), [pytest.param(who, path, id=name) for name, who, path in ROLE_PAGES]
)
def test_role_page_has_no_axe_violation_at_desktop_and_phone_width(
    axe_page, live_server, who, path
):
    data = build_mobile()
    if who is not None:
        sign_in_by_cookie(axe_page, live_server, data[who])
    url = live_server.url + path
    for viewport in (DESKTOP, PHONE):
        axe_page.set_viewport_size(viewport)
        response = axe_page.goto(url)
        assert response is not None and response.status == 200, response and response.status
        assert axe_page.url == url
        assert_page_has_no_axe_violation(axe_page)
        if viewport is PHONE:
            assert axe_page.evaluate(PAGE_WIDER_THAN_SCREEN_JS) == []
            axe_page.locator("summary", has_text="メニュー").click()  # and with the menu open
            assert_page_has_no_axe_violation(axe_page)
