"""The office's work list journey (issue 13 §1, §3): the office signs in and lands on the staff
home, follows "new" to the work list, searches by a Japanese organisation name, ticks the
columns and downloads the CSV; axe-core checks the home, the list and the print view at 1280
and 390 px.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.factories.accounts import PASSWORD, OrganizationFactory, VerifiedOfficeUserFactory
from tests.scenarios import submitted_case

from .conftest import new_context
from .test_proposal_journey import assert_no_axe_violation, submit_form

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = (1280, 390)
BOM = b"\xef\xbb\xbf"


def check_at_both_widths(page):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        assert_no_axe_violation(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_office_lands_on_the_staff_home_searches_and_downloads_the_csv(
    browser, live_server, tmp_path
):
    office = VerifiedOfficeUserFactory(email="office@example.jp")
    green = submitted_case(
        organization=OrganizationFactory(
            name="株式会社みしまグリーン", name_kana="カブシキガイシャミシマグリーン"
        ),
        title="=ごみ収集日の案内アプリ",
    )
    other = submitted_case(title="公園の清掃ボランティア")
    context = new_context(browser, bypass_csp=True, accept_downloads=True)
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})

    # Signing in without a "next": the staff home, not the admin.
    page.goto(f"{live_server.url}/accounts/login/")
    form = page.locator("main form")
    form.locator("#id_login").fill(office.email)
    form.locator("#id_password").fill(PASSWORD)
    submit_form(page, form)
    expect(page).to_have_url(f"{live_server.url}/staff/")
    expect(page.locator(".queue-new .queue-count")).to_contain_text("2")
    check_at_both_widths(page)

    # "New" leads to the work list filtered on it.
    with page.expect_navigation():
        page.locator(".queue-new a").click()
    expect(page).to_have_url(re.compile(r"/staff/cases/\?.*status=received"))
    expect(page.locator("table.card-table tbody tr")).to_have_count(2)

    # A Japanese organisation name, in hiragana.
    search = page.locator("form.filter-form")
    search.get_by_label("キーワード").fill("みしまぐりーん")
    submit_form(page, search)
    rows = page.locator("table.card-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(green.reference)
    expect(page.locator("main")).not_to_contain_text(other.title)
    check_at_both_widths(page)

    # Only the reference number and the title, as a CSV file.
    export = page.locator("form.export-form")
    for box in export.locator("input[name=columns]").all():
        box.uncheck()
    export.get_by_label("受付番号").check()
    export.get_by_label("件名").check()
    with page.expect_download() as download_info:
        export.get_by_role("button", name="CSVをダウンロード").click()
    download = download_info.value
    assert re.fullmatch(r"案件一覧_\d{8}\.csv", download.suggested_filename)
    saved = tmp_path / "cases.csv"
    download.save_as(saved)
    content = saved.read_bytes()
    assert content.startswith(BOM)
    assert content.decode("utf-8-sig").splitlines() == [
        "受付番号,件名",
        f"{green.reference},'=ごみ収集日の案内アプリ",
    ]

    # The print view of the same list.
    with page.expect_navigation():
        page.get_by_role("link", name="印刷用の表示").click()
    expect(page).to_have_url(re.compile(r"/staff/cases/print/\?.*q="))
    expect(page.locator("table.card-table tbody tr")).to_have_count(1)
    check_at_both_widths(page)
    context.close()
