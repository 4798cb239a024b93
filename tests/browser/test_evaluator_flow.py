"""An evaluator's score sheet in the browser (issue 13 §4): they sign in and land on their rounds,
type an out-of-range score, and find the focus on the error summary at the top of the page (the
page's own script, under the site's CSP); they fix it, check the confirmation — each criterion's
weighted points and the total, worked out by hand here — and submit. axe-core at 1280 and 390 px
on the sheet with its errors, the confirmation and my rounds.

The round is laid down through the services (tests/scenarios); everything after happens in the
browser. The journey runs with the site's CSP in force; axe-core needs it bypassed, so the pages
are scanned again in a context of their own.
"""

import re

import pytest
from django.core.cache import cache
from django.utils import translation
from playwright.sync_api import expect

from evaluation.models import Criterion, Round, ScoreSheet
from mishima_kyoso.common.ids import encode_id
from tests.factories.accounts import PASSWORD, VerifiedOfficeUserFactory, VerifiedUserFactory
from tests.factories.evaluation import criteria_set
from tests.scenarios import case_at, declare_none, round_of

from .conftest import new_context
from .test_accessibility import sign_in_by_cookie
from .test_proposal_journey import assert_no_axe_violation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

G = Criterion.Group
ROUND_TITLE = "公共施設予約の採否審査"
CRITERIA = [
    (G.CITIZENS, "市民・利用者の満足", 10, "1.5"),
    (G.FEASIBILITY, "実現可能性", 5, "2"),
    (G.PRICE, "価格", 20, "0.25"),
]
POINTS = {"市民・利用者の満足": "7", "実現可能性": "3", "価格": "13"}
# By hand: 1.5 × 7 + 2 × 3 + 0.25 × 13 = 10.5 + 6 + 3.25 = 19.75, of 15 + 10 + 5 = 30.
WEIGHTED = ["10.50", "6.00", "3.25"]
TOTAL = "19.75"
WIDTHS = (1280, 390)


def the_round(office, evaluator) -> Round:
    case = case_at("planning", office=office)
    round = round_of(
        case,
        Round.Kind.ADOPTION_REVIEW,
        office=office,
        evaluators=[evaluator],
        criteria_set=criteria_set(CRITERIA),
        title=ROUND_TITLE,
    )
    declare_none(round.assignments.get())
    return round


def fields(round):
    return {c.name: f"points_{c.pk}" for c in round.criteria_set.criteria.order_by("order", "pk")}


def sign_in_from_the_login_page(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    form = page.locator("main form")
    form.locator("#id_login").fill(user.email)
    form.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        form.locator("button[type=submit]").first.click()


def post_with_an_error(page, round, names):
    """Every criterion typed, the first one out of range, then 「提出内容を確認する」."""
    form = page.locator("form.score-form")
    for name, field in names.items():
        form.locator(f"input[name={field}]").fill(POINTS[name])
    form.locator(f"input[name={names['市民・利用者の満足']}]").fill("11")
    form.locator("[name=comment]").fill("利用者の視点が明確な提案。")
    with page.expect_navigation():
        form.locator("button[name=confirm]").click()


def assert_axe_at_both_widths(page):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_no_axe_violation(page)


def test_evaluator_fixes_an_error_from_the_summary_confirms_the_total_and_submits(
    browser, live_server
):
    cache.clear()  # allauth's rate limits live in the cache
    office = VerifiedOfficeUserFactory(email="office@city.mishima.example.jp")
    evaluator = VerifiedUserFactory(email="iin@univ.example.jp", full_name="評価 一郎")
    round = the_round(office, evaluator)
    candidate = round.candidates.get()
    names = fields(round)
    score_path = f"/evaluation/rounds/{encode_id(round.pk)}/candidates/{encode_id(candidate.pk)}/"
    with translation.override("ja"):
        submitted = translation.gettext("Your score sheet has been submitted.")

    context = new_context(browser)  # the site's CSP in force: the focus comes from its own JS
    try:
        page = context.new_page()
        page.set_viewport_size({"width": 1280, "height": 800})
        # 1. Signed in, the evaluator lands on their rounds and opens the candidate.
        sign_in_from_the_login_page(page, live_server, evaluator)
        expect(page).to_have_url(re.compile(r"/evaluation/$"))
        row = page.locator("table.card-table tbody tr", has_text=ROUND_TITLE)
        expect(row).to_have_count(1)
        expect(row.locator("td[data-label]").first).to_be_visible()
        with page.expect_navigation():
            row.locator("a").click()
        with page.expect_navigation():
            page.locator(f"#candidates a[href='{score_path}']").click()

        # 2. An out-of-range score: the summary is on top of the page and has the focus.
        post_with_an_error(page, round, names)
        summary = page.locator("[data-error-summary]")
        expect(summary).to_be_focused()
        assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
        box = summary.bounding_box()
        assert box is not None and 0 <= box["y"] < 250, box
        first = page.locator(f"input[name={names['市民・利用者の満足']}]")
        expect(first).to_have_attribute("aria-invalid", "true")
        expect(page.locator(f"#id_{names['市民・利用者の満足']}_error")).to_contain_text("10")
        # Everything typed is kept; nothing saved.
        expect(first).to_have_value("11")
        expect(page.locator(f"input[name={names['価格']}]")).to_have_value("13")
        expect(page.locator("[name=comment]")).to_have_value("利用者の視点が明確な提案。")
        assert not ScoreSheet.objects.exists()

        # 3. The summary's link leads to the field; fixed, the confirmation shows the totals.
        summary.locator(f"a[href='#id_{names['市民・利用者の満足']}']").click()
        expect(page).to_have_url(re.compile(rf"#id_{names['市民・利用者の満足']}$"))
        first.fill(POINTS["市民・利用者の満足"])
        with page.expect_navigation():
            page.locator("form.score-form button[name=confirm]").click()
        expect(page).to_have_url(re.compile(rf"{re.escape(score_path)}confirm/(#.*)?$"))
        expect(page.locator("main")).to_contain_text("提出すると取り消せません")
        weighted = page.locator("table.confirm-table tbody td[data-label='加重得点']")
        expect(weighted).to_have_text(WEIGHTED)
        expect(page.locator(".sheet-total")).to_have_text(TOTAL)
        assert ScoreSheet.objects.get().submitted_at is None  # not submitted yet

        # 4. Submitted from the confirmation; the sheet is locked.
        with page.expect_navigation():
            page.locator("form.submit-form button[name=submit]").click()
        expect(page).to_have_url(re.compile(rf"/evaluation/rounds/{encode_id(round.pk)}/$"))
        expect(page.locator("main [role=status]")).to_contain_text(submitted)
        sheet = ScoreSheet.objects.get()
        assert sheet.submitted_at is not None
        assert sorted(sheet.scores.values_list("points", flat=True)) == [3, 7, 13]
    finally:
        context.close()


def test_the_sheet_with_errors_the_confirmation_and_my_rounds_pass_axe(browser, live_server):
    office = VerifiedOfficeUserFactory(email="office@city.mishima.example.jp")
    evaluator = VerifiedUserFactory(email="iin@univ.example.jp", full_name="評価 一郎")
    round = the_round(office, evaluator)
    candidate = round.candidates.get()
    names = fields(round)
    base = f"{live_server.url}/evaluation/rounds/{encode_id(round.pk)}/"
    context = new_context(browser, bypass_csp=True)
    try:
        page = context.new_page()
        sign_in_by_cookie(page, live_server, evaluator)
        page.goto(f"{live_server.url}/evaluation/")
        assert_axe_at_both_widths(page)  # my rounds

        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{base}candidates/{encode_id(candidate.pk)}/")
        post_with_an_error(page, round, names)
        expect(page.locator("[data-error-summary]")).to_be_visible()
        assert_axe_at_both_widths(page)  # the sheet with its errors

        page.set_viewport_size({"width": 1280, "height": 900})
        form = page.locator("form.score-form")
        form.locator(f"input[name={names['市民・利用者の満足']}]").fill("7")
        with page.expect_navigation():
            form.locator("button[name=confirm]").click()
        expect(page.locator(".sheet-total")).to_have_text(TOTAL)
        assert_axe_at_both_widths(page)  # the confirmation
    finally:
        context.close()
