"""Nothing typed is lost (issue 13 §8), in a browser: a business's message typed while the
session ends comes back after signing in and is sent; a CSRF failure (every cookie gone) shows
the text back; the message draft is saved as the user types; axe-core on the kept-text page,
the 403_csrf page and the 403 page at 1280 and 390 px."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from dialogue.models import Message, MessageDraft
from tests.factories.accounts import PASSWORD, VerifiedMemberFactory, VerifiedOfficeUserFactory
from tests.factories.proposals import ProposalFactory
from tests.scenarios import submit

from .conftest import new_context
from .test_accessibility import assert_page_has_no_axe_violation, sign_in_by_cookie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MESSAGE = (
    "試行の開始時期についてご相談です。来年度の4月から市民プール1か所で始め、"
    "利用者アンケートの結果を見て対象施設を広げたいと考えています。\n"
    "打合せの候補日をいくつかお知らせいただけますか。"
)
WIDTHS = ({"width": 1280, "height": 900}, {"width": 390, "height": 844})


def thread_path(case) -> str:
    return reverse("dialogue:thread", args=[case.pk])


def writer_and_case():
    writer = VerifiedMemberFactory(email="writer@biz.example.jp")
    case = submit(ProposalFactory(organization=writer.membership.organization, created_by=writer))
    return writer, case


def sign_in_here(page, user):
    """Through the login page the browser is on."""
    form = page.locator("main form").filter(has=page.locator("#id_login"))
    form.locator("#id_login").fill(user.email)
    form.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        form.locator("button[type=submit]").first.click()


def send_message_form(page):
    with page.expect_navigation():
        page.locator("form.message-form button[type=submit]").first.click()


def no_axe_violation_at_both_widths(page):
    for size in WIDTHS:
        page.set_viewport_size(size)
        assert_page_has_no_axe_violation(page)


def test_message_typed_while_the_session_ended_comes_back_after_signing_in_and_is_sent(
    browser, live_server
):
    writer, case = writer_and_case()
    context = new_context(browser, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/?next={thread_path(case)}")
    sign_in_here(page, writer)
    expect(page).to_have_url(re.compile(re.escape(thread_path(case)) + "$"))

    page.locator("#id_body").fill(MESSAGE)
    context.clear_cookies(name=settings.SESSION_COOKIE_NAME)  # the session ended
    send_message_form(page)

    assert "/accounts/login/" in page.url
    expect(page.locator("main [role=status] .message.info")).to_have_count(1)
    assert not Message.objects.exists()
    sign_in_here(page, writer)

    expect(page).to_have_url(re.compile(re.escape(thread_path(case)) + "$"))
    expect(page.locator("form.kept-form textarea[name=body]")).to_have_value(MESSAGE)
    no_axe_violation_at_both_widths(page)
    with page.expect_navigation():
        page.locator("form.kept-form button[type=submit]").click()

    expect(page.locator(".thread .message-body")).to_have_count(1)
    assert Message.objects.get().body == MESSAGE
    context.close()


def test_csrf_failure_shows_the_text_back_and_it_is_sent_after_signing_in(browser, live_server):
    """Every cookie gone (the CSRF cookie too): the form is refused, its text is not lost."""
    writer, case = writer_and_case()
    context = new_context(browser, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/?next={thread_path(case)}")
    sign_in_here(page, writer)
    page.locator("#id_body").fill(MESSAGE)
    context.clear_cookies()

    send_message_form(page)

    expect(page.locator("form.kept-form textarea[name=body]")).to_have_value(MESSAGE)
    no_axe_violation_at_both_widths(page)
    with page.expect_navigation():
        page.locator("form.kept-form button[type=submit]").click()
    assert "/accounts/login/" in page.url  # signed out: the text is kept through the sign-in
    sign_in_here(page, writer)
    expect(page.locator("form.kept-form textarea[name=body]")).to_have_value(MESSAGE)
    with page.expect_navigation():
        page.locator("form.kept-form button[type=submit]").click()

    assert Message.objects.get().body == MESSAGE
    context.close()


def test_the_message_draft_is_saved_as_the_business_types_and_restored(page, live_server):
    writer, case = writer_and_case()
    page.goto(f"{live_server.url}/accounts/login/?next={thread_path(case)}")
    sign_in_here(page, writer)

    page.locator("#id_body").fill("書きかけの相談です。")

    status = page.locator("form.message-form [data-autosave-status]")
    expect(status).to_have_text(re.compile(r"\(\d\d:\d\d\)"), timeout=10_000)
    assert MessageDraft.objects.get().body == "書きかけの相談です。"
    page.reload()
    expect(page.locator("#id_body")).to_have_value("書きかけの相談です。")


def test_the_403_page_has_no_axe_violation(axe_page, live_server):
    writer, case = writer_and_case()
    office = VerifiedOfficeUserFactory()
    sign_in_by_cookie(axe_page, live_server, office)

    response = axe_page.goto(live_server.url + reverse("proposals:edit", args=[case.pk]))

    assert response.status == 403
    no_axe_violation_at_both_widths(axe_page)
