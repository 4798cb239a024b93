"""A business's journey (issue 4 §9): sign up, verify the e-mail address, register the
organisation, propose on a theme with a file, confirm, submit, find the case on the dashboard;
a member of another organisation then gets 404 on the case and on its file.

axe-core checks the pages on the way, with their errors where a page has them. The journey
runs in the axe context (the site's CSP would block the injected script; test_csp.py checks
the policy itself).
"""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect
from stdnum.jp import cn as corporate_number

from accounts.models import Organization, User
from mishima_kyoso.common.ids import encode_id
from proposals.fiscal import fiscal_year, reference_number
from proposals.models import Proposal
from tests.factories.accounts import PASSWORD, VerifiedMemberFactory
from tests.factories.cocreation_list import ThemeFactory, field
from tests.factories.proposals import ProposalFactory, pdf_bytes
from tests.jobs import run_queued_jobs

from .conftest import OPAQUE, new_context
from .test_accessibility import BROKEN_REFERENCES_JS, format_violations, run_axe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EMAIL = "hanako@mishima-journey.example.jp"
NEW_PASSWORD = "Kyoso-Mishima-2026-journey"
TITLE = "公共施設の予約をスマートフォンで完結させる仕組み"
KNOW_HOW = "当社独自の抽選枠の最適化の手順（非公開）"
FILE_NAME = "提案概要.pdf"
# A corporate number typed in full-width digits with full-width dashes: valid once NFKC turns
# it into 13 half-width digits.
BASE = "999901020777"
CORPORATE_NUMBER = corporate_number.calc_check_digit(BASE) + BASE
FULL_WIDTH = CORPORATE_NUMBER.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
TYPED_CORPORATE_NUMBER = f"{FULL_WIDTH[:4]}－{FULL_WIDTH[4:8]}－{FULL_WIDTH[8:]}"

SECTIONS = {
    "background": "市内の体育館や公民館の予約は、施設ごとに窓口と電話で受け付けています。",
    "body": "空き状況の確認から予約、支払いまでをスマートフォンで完結させるサービスを提供します。",
    "effect_citizens": "仕事帰りや休日でも、自宅から予約と支払いができます。",
    "effect_financial": "予約台帳の管理と現金の収納の作業時間を減らせます。",
    "effect_growth": "稼働率のデータを施設の運営の改善に生かせます。",
    "effect_region": "新しい団体の利用が増え、地域の活動が広がります。",
    "roles": "当社：サービスの構築と運用。市：施設のルールの提供と周知。",
    "schedule": "令和8年度に3施設で試行し、令和9年度に対象を広げます。",
    "know_how": KNOW_HOW,
}


def assert_no_axe_violation(page):
    assert page.evaluate(BROKEN_REFERENCES_JS) == []
    violations = run_axe(page)
    assert not violations, (
        f"axe-core found {len(violations)} violation(s) on {page.url}:\n"
        + format_violations(violations)
    )


def submit_form(page, form):
    with page.expect_navigation():
        form.locator("button[type=submit]").first.click()


def verification_link() -> str:
    """The link of the verification mail; live_server runs in this process (locmem outbox)."""
    run_queued_jobs()  # the job engine sends it
    bodies = [message.body for message in mail.outbox if EMAIL in message.to]
    assert len(bodies) == 1, [message.to for message in mail.outbox]
    return re.search(r"https?://\S+/accounts/confirm-email/\S+", bodies[0]).group(0)


def tick_every_box(form):
    boxes = form.locator("input[name=accepted_terms]")
    assert boxes.count() > 0
    for index in range(boxes.count()):
        boxes.nth(index).check()


def sign_up_and_verify(page, live_server):
    response = page.goto(f"{live_server.url}/accounts/signup/")
    assert response.status == 200
    assert_no_axe_violation(page)

    form = page.locator("main form")
    form.locator("#id_email").fill(EMAIL)
    form.locator("#id_full_name").fill("三島 花子")
    form.locator("#id_password1").fill(NEW_PASSWORD)
    form.locator("#id_password2").fill(NEW_PASSWORD)
    tick_every_box(form)  # the proposal terms and the privacy notice
    submit_form(page, form)
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    assert User.objects.get(email=EMAIL).emailaddress_set.get().verified is False

    page.goto(verification_link())
    submit_form(page, page.locator("main form"))
    # Verified and signed in: a business without an organisation registers it first.
    expect(page).to_have_url(re.compile(r"/organization/new/$"))


def register_organization(page):
    form = page.locator("main form")
    # Sent empty first: each error by its field, and the page still passes axe.
    submit_form(page, form)
    expect(page.locator("#id_name")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".errorlist").first).to_be_visible()
    assert_no_axe_violation(page)

    form = page.locator("main form")
    form.locator("#id_name").fill("株式会社みしまジャーニー")
    form.locator("#id_name_kana").fill("みしまじゃーにー")  # hiragana becomes katakana
    form.locator("#id_corporate_number").fill(TYPED_CORPORATE_NUMBER)
    form.locator("#id_postal_code").fill("４１１－８６６６")
    form.locator("#id_address").fill("静岡県三島市北田町4-47")
    form.locator("#id_representative").fill("代表取締役 三島 太郎")
    form.locator("#id_contact_person").fill("三島 花子")
    form.locator("#id_phone").fill("０５５－９８３－２６１６")
    form.locator("#id_email").fill("info@mishima-journey.example.jp")
    form.locator("input[name=size][value=small]").check()
    form.locator("#id_is_local").check()
    submit_form(page, form)
    expect(page).to_have_url(re.compile(r"/organization/$"))

    organization = Organization.objects.get(memberships__user__email=EMAIL)
    assert organization.corporate_number == CORPORATE_NUMBER  # NFKC, dashes gone
    assert organization.name_kana == "ミシマジャーニー"
    assert organization.postal_code == "411-8666"
    expect(page.locator("main")).to_contain_text(CORPORATE_NUMBER)
    return organization


def propose_on_theme(page, live_server, theme):
    page.goto(live_server.url + theme.get_absolute_url())
    cta = page.locator("section.cta")
    with page.expect_navigation():
        cta.locator(f"a[href='/proposals/new/theme/{theme.number}/']").click()
    expect(page).to_have_url(re.compile(rf"/proposals/new/theme/{theme.number}/$"))

    form = page.locator("main form")
    form.locator("#id_title").fill(TITLE)
    form.locator("#id_outline").fill(
        "公共施設の空き状況の確認、予約、支払いをまとめて行えるようにします。"
    )
    form.locator("input[name=intent][value=proposal]").check()
    # The contact starts from the organisation's.
    expect(form.locator("#id_contact_name")).to_have_value("三島 花子")
    submit_form(page, form)
    expect(page).to_have_url(re.compile(rf"/proposals/{OPAQUE}/edit/$"))
    case = Proposal.objects.get(title=TITLE)
    assert case.status == Proposal.Status.DRAFT

    # The edit page with an error (the title emptied), checked by axe, then filled in.
    form = page.locator("main form.proposal-form")
    form.locator("#id_title").fill("")
    submit_form(page, form)
    expect(page.locator("#id_title")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violation(page)

    form = page.locator("main form.proposal-form")
    form.locator("#id_title").fill(TITLE)
    for name, text in SECTIONS.items():
        form.locator(f"#id_{name}").fill(text)
    form.locator("input[name=cost_bearing][value=none]").check()
    form.locator("#id_consent_to_publish").check()
    submit_form(page, form)  # "Save the draft": back to the proposal page
    expect(page).to_have_url(re.compile(rf"/proposals/{encode_id(case.pk)}/$"))
    return case


def attach_pdf(page, case):
    upload = page.locator("form.upload-form")
    upload.locator("input[type=file]").set_input_files(
        files=[{"name": FILE_NAME, "mimeType": "application/pdf", "buffer": pdf_bytes("Kyoso")}]
    )
    submit_form(page, upload)
    expect(page).to_have_url(re.compile(rf"/proposals/{encode_id(case.pk)}/#attachments$"))
    link = page.locator("#attachments a[download]", has_text=FILE_NAME)
    expect(link).to_have_count(1)
    return link.get_attribute("href")


def confirm_and_submit(page, case):
    with page.expect_navigation():
        page.locator(
            f"section.case-steps a[href='/proposals/{encode_id(case.pk)}/submit/']"
        ).click()
    expect(page).to_have_url(re.compile(rf"/proposals/{encode_id(case.pk)}/submit/$"))
    main = page.locator("main")
    expect(main).to_contain_text(KNOW_HOW)  # the whole content, to check before sending
    expect(main).to_contain_text(FILE_NAME)
    expect(page.locator(".error-summary")).to_have_count(0)
    assert_no_axe_violation(page)

    # Not ticked: refused by the boxes, the case still a draft; then the terms and the pledge.
    submit_form(page, page.locator("main form.confirm-form"))
    expect(page.locator(".terms-acceptance .errorlist")).to_be_visible()
    assert_no_axe_violation(page)
    form = page.locator("main form.confirm-form")
    tick_every_box(form)
    submit_form(page, form)
    expect(page).to_have_url(re.compile(rf"/proposals/{encode_id(case.pk)}/$"))
    case.refresh_from_db()
    assert case.status == Proposal.Status.RECEIVED
    assert re.fullmatch(r"R\d+-0001", case.reference)
    assert case.reference == reference_number(fiscal_year(timezone.localdate()), 1)
    expect(page.locator("main .meta").first).to_contain_text(case.reference)
    expect(page.locator("main")).to_contain_text(case.reference)
    assert_no_axe_violation(page)
    return case


def test_business_signs_up_proposes_on_a_theme_with_a_file_and_others_get_404(
    axe_page, browser, live_server, settings
):
    cache.clear()  # allauth's rate limits live in the cache
    settings.KYOSO_BASE_URL = live_server.url  # the mails' links lead to this server
    theme = ThemeFactory(
        title="公共施設の予約と支払いのオンライン化", fields=[field("administration")]
    )
    other_member = VerifiedMemberFactory(email="other@elsewhere.example.jp")
    # What could leak must exist: the other organisation has a case of its own.
    ProposalFactory(organization=other_member.membership.organization, title="他社の提案")
    page = axe_page

    sign_up_and_verify(page, live_server)
    register_organization(page)
    case = propose_on_theme(page, live_server, theme)
    file_url = attach_pdf(page, case)
    case = confirm_and_submit(page, case)

    # The receipt went to the proposer after the commit, with the number and no content.
    run_queued_jobs()
    receipts = [message for message in mail.outbox if case.reference in message.subject]
    assert any(EMAIL in message.to for message in receipts), [m.subject for m in mail.outbox]
    assert all(KNOW_HOW not in message.body for message in mail.outbox)

    # The dashboard lists the case with its number.
    response = page.goto(f"{live_server.url}/my/")
    assert response.status == 200
    row = page.locator("table.case-table tbody tr", has_text=TITLE)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(case.reference)
    expect(page.locator("main")).not_to_contain_text("他社の提案")
    assert_no_axe_violation(page)

    # The proposer downloads the file through the checked view.
    download = page.context.request.get(live_server.url + file_url)
    assert download.status == 200
    assert download.body().startswith(b"%PDF-1.4")

    # A member of another organisation, signed in through the login page, gets 404 on both.
    other = new_context(browser)
    try:
        other_page = other.new_page()
        other_page.goto(f"{live_server.url}/accounts/login/")
        form = other_page.locator("main form")
        form.locator("#id_login").fill(other_member.email)
        form.locator("#id_password").fill(PASSWORD)
        submit_form(other_page, form)
        expect(other_page).to_have_url(re.compile(r"/my/$"))

        response = other_page.goto(live_server.url + case.get_absolute_url())
        assert response.status == 404
        expect(other_page.locator("main")).not_to_contain_text(TITLE)
        download = other.request.get(live_server.url + file_url)
        assert download.status == 404
        assert not download.body().startswith(b"%PDF")
    finally:
        other.close()
