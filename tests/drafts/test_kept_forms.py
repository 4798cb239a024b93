"""Nothing typed is lost (issue 13 §8): a form posted after the session ended keeps its text
through the sign-in and comes back filled; a CSRF failure gives the text back; the 403 pages."""

import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import translation

from dialogue.models import Message
from mishima_kyoso import kept_forms
from proposals.models import Proposal
from tests.factories.accounts import VerifiedMemberFactory
from tests.factories.dialogue import pdf_upload
from tests.proposals.helpers import edit_data

from .conftest import LOGIN_URL, end_session, kept_data, sign_in, signed_in

pytestmark = pytest.mark.django_db

LONG_TEXT = "公共施設の予約をオンラインで受け付ける仕組みについて、詳しく説明します。\n" * 40


def edit_url(case):
    return reverse("proposals:edit", args=[case.pk])


def thread_url(case):
    return reverse("dialogue:thread", args=[case.pk])


def template_names(response) -> list[str]:
    return [template.name for template in response.templates]


def kept_entries(client) -> list[dict]:
    return client.session.get(kept_forms.SESSION_KEY, [])


# Through the sign-in -----------------------------------------------------------------------


def test_proposal_edit_sent_after_the_session_ended_comes_back_after_signing_in_and_is_saved(
    client, writer, draft
):
    signed_in(client, writer)
    end_session(client)
    data = edit_data(draft, body=LONG_TEXT, to_submit="1")

    sent = client.post(edit_url(draft), data)

    assert sent.status_code == 302
    assert sent.url.startswith(LOGIN_URL)
    draft.refresh_from_db()
    assert draft.body == ""
    login_page = client.get(sent.url)
    assert [m.level_tag for m in get_messages(login_page.wsgi_request)] == ["info"]

    signed = sign_in(client, writer, url=sent.url)
    assert signed.status_code == 302
    assert signed.url == edit_url(draft)
    page = client.get(signed.url)

    assert page.status_code == 200
    assert "kept_form.html" in template_names(page)
    assert page.context["kept_action"] == edit_url(draft)
    back = kept_data(page)
    assert back["body"] == [data["body"]]
    assert back["to_submit"] == ["1"]  # the button pressed goes along

    resent = client.post(page.context["kept_action"], back)

    assert resent.status_code == 302
    assert resent.url == reverse("proposals:submit", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.body == data["body"].replace("\r\n", "\n").strip()
    assert draft.status == Proposal.Status.DRAFT
    assert kept_entries(client) == []
    assert "proposals/edit.html" in template_names(client.get(edit_url(draft)))


def test_message_sent_after_the_session_ended_comes_back_after_signing_in_and_is_sent(
    client, writer, case
):
    signed_in(client, writer)
    end_session(client)

    sent = client.post(thread_url(case), {"body": LONG_TEXT, "files": [pdf_upload("計画書.pdf")]})

    assert sent.url.startswith(LOGIN_URL)
    assert not Message.objects.exists()
    [entry] = kept_entries(client)
    assert entry["files"] == ["files"]  # asked for again, never kept
    assert "計画書" not in str(entry)
    signed = sign_in(client, writer, url=sent.url)
    page = client.get(signed.url)

    assert "kept_form.html" in template_names(page)
    assert [file["name"] for file in page.context["kept_files"]] == ["files"]
    assert 'enctype="multipart/form-data"' in page.content.decode()
    resent = client.post(page.context["kept_action"], kept_data(page))

    message = Message.objects.get()
    assert resent.status_code == 302
    assert message.body == LONG_TEXT.strip()
    assert message.author == writer
    assert "dialogue/thread.html" in template_names(client.get(thread_url(case)))


def test_passwords_one_time_codes_and_the_csrf_token_are_never_kept(client, writer, draft):
    signed_in(client, writer)
    end_session(client)

    client.post(
        edit_url(draft),
        {
            "body": "本文",
            "password": "himitsu-2026",
            "oldpassword": "mae-no-2025",
            "otp_token": "123456",
            "code": "654321",
            "csrfmiddlewaretoken": "a" * 64,
        },
    )

    [entry] = kept_entries(client)
    assert entry["fields"] == [["body", "本文"]]
    stored = str(client.session.load())
    for secret in ("himitsu-2026", "mae-no-2025", "123456", "654321", "a" * 64):
        assert secret not in stored


@pytest.mark.parametrize(
    "data",
    [
        {"body": "あ" * (kept_forms.MAX_FIELD_CHARS + 1)},
        {f"part{n}": "あ" * 15_000 for n in range(7)},  # each fits, not all together
    ],
    ids=["one-field", "in-total"],
)
def test_text_over_the_limit_is_not_kept_and_the_login_page_says_so(client, writer, draft, data):
    signed_in(client, writer)
    end_session(client)

    sent = client.post(edit_url(draft), data)

    assert kept_entries(client) == []
    login_page = client.get(sent.url)
    assert [m.level_tag for m in get_messages(login_page.wsgi_request)] == ["warning"]


def test_another_person_signing_in_on_the_same_browser_never_sees_the_kept_text(
    client, writer, colleague, draft
):
    signed_in(client, writer)
    end_session(client)
    sent = client.post(edit_url(draft), edit_data(draft, body="書き手だけの文章"))

    sign_in(client, colleague, url=sent.url)
    page = client.get(edit_url(draft))

    assert "proposals/edit.html" in template_names(page)
    assert "書き手だけの文章" not in page.content.decode()
    assert kept_entries(client) == []
    # The writer signing in later on this browser does not get it back either: it is gone.
    client.logout()
    sign_in(client, writer)
    assert "書き手だけの文章" not in client.get(edit_url(draft)).content.decode()


def test_text_of_an_unknown_writer_goes_to_the_first_person_who_signs_in(client, writer, draft):
    """Every cookie gone (a new browser profile): nobody is known, the next sign-in gets it."""
    sent = client.post(edit_url(draft), {"body": "クッキーなしで書いた本文"})

    sign_in(client, writer, url=sent.url)
    page = client.get(edit_url(draft))

    assert kept_data(page)["body"] == ["クッキーなしで書いた本文"]


def test_kept_text_is_discarded_on_request(client, writer, draft):
    signed_in(client, writer)
    end_session(client)
    sent = client.post(edit_url(draft), edit_data(draft, body="要らない文章"))
    sign_in(client, writer, url=sent.url)

    discarded = client.post(reverse("kept_form_discard"), {"path": edit_url(draft)})

    assert discarded.status_code == 302
    assert discarded.url == edit_url(draft)
    assert "proposals/edit.html" in template_names(client.get(edit_url(draft)))
    draft.refresh_from_db()
    assert draft.body == ""


def test_discard_never_redirects_off_site(client, writer):
    signed_in(client, writer)

    response = client.post(reverse("kept_form_discard"), {"path": "//evil.example.com/"})

    assert response.url == reverse("home")


def test_sign_in_pages_never_keep_text(client):
    client.post(LOGIN_URL, {"login": "someone@example.jp", "password": "wrong"})

    assert kept_entries(client) == []


def test_kept_page_needs_the_same_number_of_queries_however_long_the_text(
    client, writer, draft, django_assert_num_queries
):
    """The page reads only the session (and the user): no query grows with the text."""
    signed_in(client, writer)
    end_session(client)
    sent = client.post(edit_url(draft), edit_data(draft, body="短い"))
    sign_in(client, writer, url=sent.url)
    client.get(edit_url(draft))

    with django_assert_num_queries(2):  # session, user
        short = client.get(edit_url(draft))
    end_session(client)
    sent = client.post(edit_url(draft), edit_data(draft, body=LONG_TEXT, background=LONG_TEXT))
    sign_in(client, writer, url=sent.url)
    client.get(edit_url(draft))
    with django_assert_num_queries(2):
        long = client.get(edit_url(draft))

    assert "kept_form.html" in template_names(short)
    assert "kept_form.html" in template_names(long)


# CSRF failure -------------------------------------------------------------------------------


def csrf_token_in(page) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)


def test_csrf_failure_shows_a_japanese_page_with_the_text_and_sends_it_with_a_fresh_token(
    writer, draft
):
    browser = signed_in(Client(enforce_csrf_checks=True), writer)
    browser.get(edit_url(draft))  # the page with the form, and its CSRF cookie
    data = edit_data(draft, body=LONG_TEXT, csrfmiddlewaretoken="x" * 64)

    refused = browser.post(edit_url(draft), data)

    assert refused.status_code == 403
    assert "403_csrf.html" in template_names(refused)
    assert kept_data(refused)["body"] == [data["body"]]
    assert refused.context["kept_action"] == edit_url(draft)
    with translation.override("ja"):
        assert translation.gettext("Your form could not be sent") in refused.content.decode()
    assert '<html lang="ja">' in refused.content.decode()
    draft.refresh_from_db()
    assert draft.body == ""

    resent = browser.post(
        refused.context["kept_action"],
        {**kept_data(refused), "csrfmiddlewaretoken": csrf_token_in(refused)},
    )

    assert resent.status_code == 302
    draft.refresh_from_db()
    assert draft.body == data["body"].strip()


def test_csrf_failure_after_signing_in_again_in_another_tab_keeps_the_text(writer, draft):
    """Tab 1 holds a form; in tab 2 the session ended and the user signed in again (a new
    CSRF secret): tab 1's form is refused, its text shown back and sent."""
    browser = signed_in(Client(enforce_csrf_checks=True), writer)
    old_token = csrf_token_in(browser.get(edit_url(draft)))
    end_session(browser)
    login_page = browser.get(LOGIN_URL)
    browser.post(
        LOGIN_URL,
        {
            "login": writer.email,
            "password": "test-pass-2026",
            "csrfmiddlewaretoken": csrf_token_in(login_page),
        },
    )

    refused = browser.post(
        edit_url(draft), edit_data(draft, body="タブ1の本文", csrfmiddlewaretoken=old_token)
    )

    assert refused.status_code == 403
    assert kept_data(refused)["body"] == ["タブ1の本文"]
    resent = browser.post(
        refused.context["kept_action"],
        {**kept_data(refused), "csrfmiddlewaretoken": csrf_token_in(refused)},
    )
    assert resent.status_code == 302
    draft.refresh_from_db()
    assert draft.body == "タブ1の本文"


def test_csrf_failure_without_text_explains_and_links_home(writer):
    browser = Client(enforce_csrf_checks=True)

    refused = browser.post(reverse("account_logout"))

    assert refused.status_code == 403
    assert "403_csrf.html" in template_names(refused)
    assert "kept_items" not in refused.context
    assert f'href="{reverse("home")}"' in refused.content.decode()


# 403 ----------------------------------------------------------------------------------------


def test_permission_denied_page_is_in_japanese_with_helpful_links(client, office_user, case):
    """The office reads a business's case but does not edit it for them (403)."""
    client.force_login(office_user)

    response = client.get(edit_url(case))

    assert response.status_code == 403
    assert "403.html" in template_names(response)
    content = response.content.decode()
    with translation.override("ja"):
        assert translation.gettext("You cannot use this page") in content
    assert '<html lang="ja">' in content
    assert f'href="{reverse("proposals:staff_cases")}"' in content


def test_a_member_of_another_organisation_gets_no_kept_text_and_no_page(client, writer, draft):
    """The kept text goes only to its writer; the page itself still checks the case."""
    stranger = VerifiedMemberFactory()
    signed_in(client, stranger)
    end_session(client)
    sent = client.post(edit_url(draft), {"body": "他社の案件に書いた本文"})
    sign_in(client, stranger, url=sent.url)

    page = client.get(edit_url(draft))
    assert "kept_form.html" in template_names(page)  # their own text, shown back to them
    resent = client.post(page.context["kept_action"], kept_data(page))

    assert resent.status_code == 404
    draft.refresh_from_db()
    assert draft.body == ""
