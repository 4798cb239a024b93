"""The dialogue's exchange: messages between the proposer and the city, each side mailed a
link (never the text), read marks, files downloaded and logged, the case's navigation and
the dashboard's marker of a new message."""

import re
from urllib.parse import quote

import pytest
from django.urls import reverse

from dialogue.models import Message
from proposals.models import AccessLog, ReadMark
from proposals.notifications import absolute
from tests.factories.dialogue import pdf_upload, send
from tests.factories.proposals import pdf_bytes

from .conftest import CONTACT, DEPARTMENT_INBOX, OFFICE_INBOX, dialogue_url, recipients

pytestmark = pytest.mark.django_db


def test_proposer_and_department_exchange_messages_and_each_side_is_mailed_a_link(
    client, case, proposer, department_user, mailoutbox, run_jobs
):
    client.force_login(proposer)
    sent = client.post(
        dialogue_url("thread", case),
        {"body": "試行の開始時期をご相談したいです。", "files": [pdf_upload("計画書.pdf")]},
    )
    run_jobs()

    question = Message.objects.get()
    assert sent.status_code == 302
    assert sent.url == dialogue_url("thread", case) + f"#message-{question.pk}"
    assert question.attachments.get().original_name == "計画書.pdf"
    [to_city] = mailoutbox
    assert recipients(to_city) == {OFFICE_INBOX, DEPARTMENT_INBOX, department_user.email}
    assert absolute(dialogue_url("thread", case)) + f"#message-{question.pk}" in to_city.body
    assert "試行の開始時期" not in to_city.body + to_city.subject
    assert "計画書" not in to_city.body + to_city.subject
    case.refresh_from_db()
    assert case.reply_due_on is not None

    client.force_login(department_user)
    page = client.get(dialogue_url("thread", case))
    assert [m.pk for m in page.context["thread"]] == [question.pk]
    assert page.context["thread"][0].is_new
    client.post(
        dialogue_url("thread", case),
        {"body": "来月からの試行で調整します。", "visibility": "message"},
    )
    run_jobs()

    answer = Message.objects.latest("pk")
    assert (answer.side, answer.is_internal) == ("city", False)
    to_proposer = mailoutbox[1]
    assert recipients(to_proposer) == {
        proposer.email,
        "colleague@biz.example.jp",
        CONTACT,
    }
    assert "来月からの試行" not in to_proposer.body + to_proposer.subject
    case.refresh_from_db()
    assert case.reply_due_on is None
    assert case.last_city_message_at == answer.created_at

    client.force_login(proposer)
    thread = client.get(dialogue_url("thread", case))
    html = thread.content.decode()
    assert [(m.pk, m.is_new) for m in thread.context["thread"]] == [
        (question.pk, False),  # their own
        (answer.pk, True),
    ]
    assert html.count('class="badge new"') == 1
    assert "来月からの試行で調整します。" in html
    assert ReadMark.objects.get(user=proposer, proposal=case).read_at > answer.created_at

    again = client.get(dialogue_url("thread", case))
    assert not any(m.is_new for m in again.context["thread"])


def test_proposer_downloads_a_file_of_the_city_with_its_name_and_the_download_is_logged(
    client, case, proposer, department_user
):
    message = send(case, by=department_user, files=[pdf_upload("協定書 案.pdf", "draft")])
    stored = message.attachments.get()
    client.force_login(proposer)

    response = client.get(dialogue_url("message_file", case, stored.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''" + quote("協定書 案.pdf")
    )
    assert b"".join(response.streaming_content) == pdf_bytes("draft")
    log = AccessLog.objects.get()
    assert (log.user, log.proposal, log.kind, log.object_label) == (
        proposer,
        case,
        AccessLog.Kind.MESSAGE_FILE,
        "協定書 案.pdf",
    )


# Navigation and the dashboard --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "content"),
    [("proposer", "proposals:detail"), ("department_user", "proposals:staff_case")],
)
def test_case_navigation_leads_to_the_content_page_of_each_side(
    client, case, proposer, department_user, who, content
):
    client.force_login({"proposer": proposer, "department_user": department_user}[who])

    html = client.get(dialogue_url("meetings", case)).content.decode()
    nav = re.search(r'<nav class="case-nav".*?</nav>', html, re.S).group(0)

    assert re.findall(r'href="([^"]+)"', nav) == [
        reverse(content, args=[case.pk]),
        dialogue_url("thread", case),
        dialogue_url("meetings", case),
    ]
    assert f'href="{dialogue_url("meetings", case)}" aria-current="page"' in nav


def test_proposer_sees_a_new_city_message_marked_on_the_dashboard_until_reading_it(
    client, run_jobs
):
    from django.urls import reverse

    from dialogue.services import post_message
    from proposals.services import assign_department
    from tests.factories.accounts import DepartmentUserFactory, OfficeUserFactory
    from tests.factories.proposals import ProposalFactory
    from tests.scenarios import submit

    case = submit(ProposalFactory())
    office = OfficeUserFactory()
    staff = DepartmentUserFactory()
    assign_department(case=case, department=staff.department, by=office)
    post_message(case=case, by=staff, body="打合せの日程をご相談させてください。")
    post_message(case=case, by=staff, body="内部メモ", internal=True)
    run_jobs()
    client.force_login(case.created_by)

    before = client.get(reverse("proposals:dashboard")).content.decode()
    client.get(reverse("dialogue:thread", args=[case.pk]))
    after = client.get(reverse("proposals:dashboard")).content.decode()

    assert "市からの新着メッセージを読む" in before
    assert "市からの新着メッセージを読む" not in after
