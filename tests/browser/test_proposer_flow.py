"""The proposer's way to the submission and after it (issue 13, point 5): a business edits its
draft (入力), checks it (確認), attaches a PDF on the confirmation page and sees it listed,
submits, sees the completion (完了) with its reference number, and reads on its case page
where the case is among the four stages; the dashboard gives one next action per case.

axe-core checks the edit, confirmation, completion, case and dashboard pages at 1280 and
390 px (the axe context: the site's CSP would block the injected script).
"""

import re

import pytest
from playwright.sync_api import expect

from mishima_kyoso.common.ids import encode_id
from proposals.models import Proposal
from tests.factories.accounts import VerifiedMemberFactory
from tests.factories.proposals import ProposalFactory, pdf_bytes

from .test_accessibility import assert_page_has_no_axe_violation, sign_in_by_cookie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FILE_NAME = "収支計画.pdf"
WIDTHS = (1280, 390)


def assert_no_axe_violation_at_both_widths(page):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_page_has_no_axe_violation(page)
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})


def click_and_wait(page, locator):
    with page.expect_navigation():
        locator.click()


def assert_current_step(scope, number):
    """The step indicator marks step `number` (1 入力, 2 確認, 3 完了) and no other."""
    steps = scope.locator("ol.form-steps > li")
    expect(steps).to_have_count(3)
    expect(scope.locator('ol.form-steps > li[aria-current="step"]')).to_have_count(1)
    expect(steps.nth(number - 1)).to_have_attribute("aria-current", "step")


def test_business_attaches_on_the_confirmation_page_submits_and_follows_its_case(
    axe_page, live_server
):
    member = VerifiedMemberFactory()
    case = ProposalFactory(
        organization=member.membership.organization,
        created_by=member,
        complete=True,
        title="公園の利用予約をまとめて行う仕組み",
    )
    token = encode_id(case.pk)
    page = axe_page
    sign_in_by_cookie(page, live_server, member)

    # 入力: the edit page, saved without script, then on to the confirmation.
    page.goto(f"{live_server.url}/proposals/{token}/edit/")
    assert_current_step(page, 1)
    assert_no_axe_violation_at_both_widths(page)
    form = page.locator("main form.proposal-form")
    form.locator("#id_schedule").fill("令和8年度に2か所の公園で試行します。")
    click_and_wait(page, form.locator("button[name=to_submit]"))
    expect(page).to_have_url(re.compile(rf"/proposals/{token}/submit/$"))

    # 確認: a PDF attached here, listed here, the page kept.
    assert_current_step(page, 2)
    expect(page.locator("#attachments a[download]")).to_have_count(0)
    assert_no_axe_violation_at_both_widths(page)
    upload = page.locator("#attachments form.upload-form")
    upload.locator("input[type=file]").set_input_files(
        files=[{"name": FILE_NAME, "mimeType": "application/pdf", "buffer": pdf_bytes("plan")}]
    )
    click_and_wait(page, upload.locator("button[type=submit]"))
    expect(page).to_have_url(re.compile(rf"/proposals/{token}/submit/#attachments$"))
    expect(page.locator("#attachments a[download]", has_text=FILE_NAME)).to_have_count(1)
    assert_no_axe_violation_at_both_widths(page)

    # Submitted: 完了 with the reference number and what happens next.
    confirm = page.locator("main form.confirm-form")
    boxes = confirm.locator("input[name=accepted_terms]")
    for index in range(boxes.count()):
        boxes.nth(index).check()
    click_and_wait(page, confirm.locator("button[type=submit]"))
    expect(page).to_have_url(re.compile(rf"/proposals/{token}/$"))
    case.refresh_from_db()
    assert case.status == Proposal.Status.RECEIVED
    assert case.attachments.get().original_name == FILE_NAME
    complete = page.locator("section.submission-complete")
    assert_current_step(complete, 3)
    expect(complete.locator(".ref")).to_have_text(case.reference)
    assert_no_axe_violation_at_both_widths(page)

    # The case page: the tracker, the idea stage current, the next step in words.
    page.goto(f"{live_server.url}/proposals/{token}/")
    expect(page.locator("section.submission-complete")).to_have_count(0)  # shown once
    tracker = page.locator("#tracker")
    expect(tracker.locator("ol.tracker > li")).to_have_count(4)
    current = tracker.locator('li[aria-current="step"]')
    expect(current).to_have_count(1)
    expect(current).to_contain_text("提案・発想")
    expect(tracker.locator(".tracker-next")).to_be_visible()
    assert_no_axe_violation_at_both_widths(page)

    # The dashboard: one next action on the row, the reference kept whole.
    page.goto(f"{live_server.url}/my/")
    row = page.locator("table.card-table tbody tr", has_text=case.title)
    expect(row.locator(".next-action")).to_have_count(1)
    expect(row.locator(".ref")).to_have_text(case.reference)
    assert_no_axe_violation_at_both_widths(page)
