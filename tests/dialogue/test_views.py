"""The dialogue pages: the exchange and its mails, confidentiality, isolation, input, queries."""

import re
from urllib.parse import quote

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dialogue.models import MeetingRecord, Message, MessageAttachment
from proposals.models import AccessLog, ReadMark
from proposals.notifications import absolute
from tests.factories.accounts import (
    DepartmentFactory,
    DepartmentUserFactory,
    MemberFactory,
)
from tests.factories.dialogue import (
    MeetingRecordFactory,
    MessageAttachmentFactory,
    MessageFactory,
    pdf_upload,
    record,
    send,
)
from tests.factories.proposals import ProposalFactory, pdf_bytes, png_bytes, upload
from tests.scenarios import withdraw

from .conftest import CONTACT, DEPARTMENT_INBOX, OFFICE_INBOX, files_on_disk, recipients

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("account_login")
SECRET = (
    "財政課の内諾はまだ得られていない"  # an internal note's text: must never reach the proposer
)


def _url(name, case, *args):
    return reverse(f"dialogue:{name}", args=[case.pk, *args])


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def _errors(response):
    return {
        name: [error.code for error in errors]
        for name, errors in response.context["form"].errors.as_data().items()
    }


def _proposer_side(case):
    members = {m.user.email for m in case.organization.memberships.select_related("user")}
    return members | {case.contact_email}


def _meeting_data(**changes):
    return {
        "kind": "dialogue",
        "held_on": timezone.localdate().isoformat(),
        "form": "in_person",
        "city_attendees": "環境政策課 三島 次郎",
        "business_attendees": "担当 花子",
        "summary": "試行の範囲について意見交換した。",
        "next_steps": "事業者が試行計画を作る。",
        **changes,
    }


# The exchange ----------------------------------------------------------------------------------


def test_proposer_and_department_exchange_messages_and_each_side_is_mailed_a_link(
    client, case, proposer, department_user, mailoutbox, run_jobs
):
    client.force_login(proposer)
    sent = client.post(
        _url("thread", case),
        {"body": "試行の開始時期をご相談したいです。", "files": [pdf_upload("計画書.pdf")]},
    )
    run_jobs()

    question = Message.objects.get()
    assert sent.status_code == 302
    assert sent.url == _url("thread", case) + f"#message-{question.pk}"
    assert question.attachments.get().original_name == "計画書.pdf"
    [to_city] = mailoutbox
    assert recipients(to_city) == {OFFICE_INBOX, DEPARTMENT_INBOX, department_user.email}
    assert absolute(_url("thread", case)) + f"#message-{question.pk}" in to_city.body
    assert "試行の開始時期" not in to_city.body + to_city.subject
    assert "計画書" not in to_city.body + to_city.subject
    case.refresh_from_db()
    assert case.reply_due_on is not None

    client.force_login(department_user)
    page = client.get(_url("thread", case))
    assert [m.pk for m in page.context["thread"]] == [question.pk]
    assert page.context["thread"][0].is_new
    client.post(
        _url("thread", case),
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
    thread = client.get(_url("thread", case))
    html = thread.content.decode()
    assert [(m.pk, m.is_new) for m in thread.context["thread"]] == [
        (question.pk, False),  # their own
        (answer.pk, True),
    ]
    assert html.count('class="badge new"') == 1
    assert "来月からの試行で調整します。" in html
    assert ReadMark.objects.get(user=proposer, proposal=case).read_at > answer.created_at

    again = client.get(_url("thread", case))
    assert not any(m.is_new for m in again.context["thread"])


def test_proposer_downloads_a_file_of_the_city_with_its_name_and_the_download_is_logged(
    client, case, proposer, department_user
):
    message = send(case, by=department_user, files=[pdf_upload("協定書 案.pdf", "draft")])
    stored = message.attachments.get()
    client.force_login(proposer)

    response = client.get(_url("message_file", case, stored.pk))

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


# Confidentiality: internal notes and unshared records --------------------------------------------


def test_internal_notes_never_reach_the_proposer_in_pages_files_or_mails(
    client,
    case,
    proposer,
    colleague,
    office_user,
    department_user,
    mailoutbox,
    run_jobs,
):
    client.force_login(department_user)
    client.post(
        _url("thread", case),
        {
            "body": SECRET,
            "visibility": "internal",
            "files": [pdf_upload("内部検討メモ.pdf")],
        },
    )
    client.post(
        _url("meetings", case),
        _meeting_data(summary=SECRET + "（庁内協議）"),  # not shared
    )
    client.post(_url("thread", case), {"body": "ご提案を拝見しました。", "visibility": "message"})
    run_jobs()
    note = Message.objects.get(is_internal=True)
    note_file = note.attachments.get()
    unshared = MeetingRecord.objects.get()
    assert not unshared.is_shared_with_proposer

    # The city sees the note, visibly marked.
    city_page = client.get(_url("thread", case)).content.decode()
    assert SECRET in city_page
    assert 'class="badge internal"' in city_page
    client.force_login(office_user)
    assert SECRET in client.get(_url("thread", case)).content.decode()

    # Mails: the note went to the city only; none of the mails carries its text.
    proposer_side = _proposer_side(case)
    assert len(mailoutbox) == 2
    for mail in mailoutbox:
        assert SECRET not in mail.subject + mail.body
        assert "内部検討メモ" not in mail.subject + mail.body
    note_mail, message_mail = mailoutbox
    assert recipients(note_mail) == {OFFICE_INBOX, DEPARTMENT_INBOX}  # not the author
    assert not recipients(note_mail) & proposer_side
    assert recipients(message_mail) == proposer_side

    for member in (proposer, colleague):
        client.force_login(member)
        pages = [
            client.get(_url("thread", case)),
            client.get(_url("meetings", case)),
        ]
        for page in pages:
            html = page.content.decode()
            assert page.status_code == 200
            assert SECRET not in html
            assert "内部検討メモ" not in html
            assert 'class="badge internal"' not in html
        assert [m.body for m in pages[0].context["thread"]] == ["ご提案を拝見しました。"]
        assert pages[1].context["records"] == []
        assert client.get(_url("message_file", case, note_file.pk)).status_code == 404
        assert client.get(_url("meeting", case, unshared.pk)).status_code == 404
        assert client.get(_url("meeting_edit", case, unshared.pk)).status_code == 404


def test_shared_record_is_readable_by_the_proposer_who_cannot_edit_it(
    client, case, proposer, department_user, mailoutbox, run_jobs
):
    client.force_login(department_user)
    created = client.post(
        _url("meetings", case), {**_meeting_data(), "is_shared_with_proposer": "on"}
    )
    run_jobs()
    shared = MeetingRecord.objects.get()
    assert created.url == _url("meeting", case, shared.pk)
    [mail] = mailoutbox
    assert recipients(mail) == _proposer_side(case)
    assert _url("meeting", case, shared.pk) in mail.body
    assert "試行の範囲" not in mail.body
    hidden = record(case, by=department_user, summary=SECRET)

    client.force_login(proposer)
    listing = client.get(_url("meetings", case))
    detail = client.get(_url("meeting", case, shared.pk))

    assert listing.context["records"] == [shared]
    assert listing.context["form"] is None
    assert SECRET not in listing.content.decode()
    assert detail.status_code == 200
    assert "試行の範囲について意見交換した。" in detail.content.decode()
    assert client.get(_url("meeting_edit", case, shared.pk)).status_code == 403
    assert client.post(_url("meeting_edit", case, shared.pk), _meeting_data()).status_code == 403
    assert client.get(_url("meeting", case, hidden.pk)).status_code == 404
    assert client.post(_url("meetings", case), _meeting_data()).status_code == 403
    assert MeetingRecord.objects.count() == 2


def test_sharing_a_record_later_tells_the_proposer_once_and_keeps_the_history(
    client, case, office_user, mailoutbox, run_jobs
):
    kept = record(case, by=office_user, summary="第一稿")
    client.force_login(office_user)

    edited = client.post(
        _url("meeting_edit", case, kept.pk),
        {**_meeting_data(summary="確定稿"), "is_shared_with_proposer": "on"},
    )
    client.post(
        _url("meeting_edit", case, kept.pk),
        {**_meeting_data(summary="確定稿（誤字修正）"), "is_shared_with_proposer": "on"},
    )
    run_jobs()

    assert edited.url == _url("meeting", case, kept.pk)
    assert len(mailoutbox) == 1
    kept.refresh_from_db()
    assert kept.is_shared_with_proposer and kept.summary == "確定稿（誤字修正）"
    assert kept.history.count() == 3


# Who gets what: department isolation and other organisations ------------------------------------

PAGES = ["thread", "meetings", "meeting", "meeting_edit", "message_file"]


def _page_url(page, case, shared, file):
    args = {"meeting": [shared.pk], "meeting_edit": [shared.pk], "message_file": [file.pk]}
    return _url(page, case, *args.get(page, []))


def _case_with_a_shared_record_and_a_file(case, department_user):
    shared = record(case, by=department_user, shared=True)
    file = send(case, by=department_user, files=[pdf_upload()]).attachments.get()
    return shared, file


EXPECTED = {
    "proposer": {**dict.fromkeys(PAGES, 200), "meeting_edit": 403},
    "colleague": {**dict.fromkeys(PAGES, 200), "meeting_edit": 403},
    "office": dict.fromkeys(PAGES, 200),
    "department_in_charge": dict.fromkeys(PAGES, 200),
    "unassigned_department": dict.fromkeys(PAGES, 404),
    "other_member": dict.fromkeys(PAGES, 404),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_gets_what_the_matrix_says_for_each_page(
    client, case, colleague, office_user, department_user, role, page
):
    shared, file = _case_with_a_shared_record_and_a_file(case, department_user)
    users = {
        "proposer": case.created_by,
        "colleague": colleague,
        "office": office_user,
        "department_in_charge": department_user,
        "unassigned_department": DepartmentUserFactory(department=DepartmentFactory(code="toshi")),
        "other_member": MemberFactory(),
    }
    client.force_login(users[role])

    response = client.get(_page_url(page, case, shared, file))

    assert response.status_code == EXPECTED[role][page]


@pytest.mark.parametrize("role", ["unassigned_department", "other_member"])
def test_outsiders_cannot_post_and_learn_nothing(client, case, department_user, role):
    shared, _file = _case_with_a_shared_record_and_a_file(case, department_user)
    outsider = (
        DepartmentUserFactory(department=DepartmentFactory(code="toshi"))
        if role == "unassigned_department"
        else MemberFactory()
    )
    client.force_login(outsider)

    responses = [
        client.post(_url("thread", case), {"body": "x", "visibility": "internal"}),
        client.post(_url("meetings", case), _meeting_data()),
        client.post(_url("meeting_edit", case, shared.pk), _meeting_data(summary="改ざん")),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404]
    assert Message.objects.count() == 1 and MeetingRecord.objects.count() == 1
    shared.refresh_from_db()
    assert shared.summary != "改ざん"


def test_another_organisations_member_gets_404_for_a_file_even_through_their_own_case(
    client, case, department_user
):
    _shared, file = _case_with_a_shared_record_and_a_file(case, department_user)
    stranger = MemberFactory()
    own = ProposalFactory(organization=stranger.membership.organization, created_by=stranger)
    client.force_login(stranger)

    assert client.get(_url("message_file", own, file.pk)).status_code == 404


def test_department_loses_the_dialogue_when_unassigned(
    client, case, office_user, department, department_user
):
    from proposals.services import unassign_department

    client.force_login(department_user)
    assert client.get(_url("thread", case)).status_code == 200

    unassign_department(case=case, department=department, by=office_user)

    assert client.get(_url("thread", case)).status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitor_is_sent_to_login(client, case, department_user, page):
    shared, file = _case_with_a_shared_record_and_a_file(case, department_user)
    url = _page_url(page, case, shared, file)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={quote(url)}"


# Bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("", "required"),
        ("   ", "required"),
        ("あ" * 20000, "max_length"),
        ("a\x00b", "null_characters_not_allowed"),
    ],
)
def test_bad_text_is_refused_beside_the_field_and_nothing_is_saved(
    client, case, proposer, body, code, mailoutbox
):
    client.force_login(proposer)

    response = client.post(_url("thread", case), {"body": body})

    assert response.status_code == 200
    assert _errors(response) == {"body": [code]}
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert re.search(
        r'<textarea[^>]*aria-invalid="true"[^>]*name="body"|<textarea[^>]*name="body"[^>]*aria-invalid="true"',
        html,
    )
    assert not Message.objects.exists()
    assert mailoutbox == []


def test_script_tags_are_kept_as_text_and_shown_escaped(client, case, proposer):
    client.force_login(proposer)

    client.post(_url("thread", case), {"body": '<script>alert("x")</script><b>太字</b>'})
    html = client.get(_url("thread", case)).content.decode()

    assert Message.objects.get().body == '<script>alert("x")</script><b>太字</b>'
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;太字&lt;/b&gt;" in html
    assert "<script>alert" not in html


def test_emoji_and_line_breaks_are_kept_as_written(client, case, proposer):
    body = "よろしくお願いします🙇‍♂️👍🏻\r\n𠮷野家の件も。"
    client.force_login(proposer)

    client.post(_url("thread", case), {"body": body})
    html = client.get(_url("thread", case)).content.decode()

    assert Message.objects.get().body == "よろしくお願いします🙇‍♂️👍🏻\n𠮷野家の件も。"
    assert "よろしくお願いします🙇‍♂️👍🏻<br>𠮷野家の件も。" in html


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("画像.pdf", png_bytes(), "file_content_mismatch"),
        ("大きな資料.pdf", pdf_bytes("x" * 2000), "file_too_large"),
        ("setup.exe", b"MZ\x90\x00", "file_type_not_allowed"),
    ],
)
def test_a_bad_file_is_refused_beside_the_field_and_nothing_is_saved(
    client, case, proposer, settings, name, content, code, mailoutbox
):
    settings.KYOSO_MAX_FILE_BYTES = 1024
    client.force_login(proposer)

    response = client.post(
        _url("thread", case), {"body": "添付します。", "files": [upload(name, content)]}
    )

    assert response.status_code == 200
    assert _errors(response) == {"files": [code]}
    assert name in response.content.decode()  # the message names the file
    assert 'aria-invalid="true"' in re.search(
        r'<input[^>]*name="files"[^>]*>', response.content.decode()
    ).group(0)
    assert "添付します。" in response.content.decode()  # the text is kept in the form
    assert not Message.objects.exists() and not MessageAttachment.objects.exists()
    assert files_on_disk(settings) == []
    assert mailoutbox == []


def test_city_must_choose_who_reads_before_anything_is_sent(
    client, case, department_user, mailoutbox
):
    client.force_login(department_user)

    response = client.post(_url("thread", case), {"body": "この内容は誰宛てか。"})

    assert _errors(response) == {"visibility": ["required"]}
    assert not Message.objects.exists() and mailoutbox == []


def test_proposer_cannot_make_a_note_internal_by_adding_the_field(client, case, proposer):
    client.force_login(proposer)

    client.post(_url("thread", case), {"body": "内部扱いにして", "visibility": "internal"})

    assert list(Message.objects.values_list("side", "is_internal")) == [("proposer", False)]


def test_a_meeting_record_with_a_future_date_or_missing_fields_is_refused(
    client, case, department_user
):
    client.force_login(department_user)
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)

    future = client.post(_url("meetings", case), _meeting_data(held_on=tomorrow.isoformat()))
    empty = client.post(_url("meetings", case), {})

    assert _errors(future) == {"held_on": ["held_in_future"]}
    assert set(_errors(empty)) == {
        "kind",
        "held_on",
        "form",
        "city_attendees",
        "business_attendees",
        "summary",
    }
    assert not MeetingRecord.objects.exists()


def test_a_meeting_date_typed_in_full_width_or_japanese_is_understood(
    client, case, department_user
):
    client.force_login(department_user)

    client.post(_url("meetings", case), _meeting_data(held_on="２０２６年４月１５日"))

    assert MeetingRecord.objects.get().held_on.isoformat() == "2026-04-15"


def test_closed_case_shows_no_form_to_the_proposer_and_refuses_a_post(client, case, proposer):
    withdraw(case, by=proposer)
    client.force_login(proposer)

    page = client.get(_url("thread", case))
    posted = client.post(_url("thread", case), {"body": "まだ送れますか"})

    assert page.context["form"] is None
    assert 'class="notice"' in page.content.decode()
    assert posted.status_code == 302 and posted.url == _url("thread", case)
    assert _messages(posted)
    assert not Message.objects.exists()


def test_post_without_csrf_token_is_refused_and_nothing_changes(case, proposer, department_user):
    kept = record(case, by=department_user, summary="原文")
    proposer_client = Client(enforce_csrf_checks=True)
    proposer_client.force_login(proposer)
    city_client = Client(enforce_csrf_checks=True)
    city_client.force_login(department_user)

    responses = [
        proposer_client.post(_url("thread", case), {"body": "CSRF", "files": [pdf_upload()]}),
        city_client.post(_url("thread", case), {"body": "CSRF", "visibility": "internal"}),
        city_client.post(_url("meetings", case), _meeting_data()),
        city_client.post(_url("meeting_edit", case, kept.pk), _meeting_data(summary="改ざん")),
    ]

    assert [r.status_code for r in responses] == [403] * 4
    assert not Message.objects.exists() and MeetingRecord.objects.count() == 1
    kept.refresh_from_db()
    assert kept.summary == "原文"


# Query counts ----------------------------------------------------------------------------------


def _fill_thread(case, department_user, count):
    for n in range(count):
        if n % 3 == 0:
            message = MessageFactory(proposal=case)
        elif n % 3 == 1:
            message = MessageFactory(proposal=case, side="city", author=department_user)
        else:
            message = MessageFactory(proposal=case, internal=True)
        MessageAttachmentFactory(message=message)


# session, user, the user's permissions (own and groups), the case, the membership (which side),
# the read mark (savepoint, select for update, update, release), the messages with their authors
# and departments, their files; department staff add their groups and the case's assignments.
@pytest.mark.parametrize("count", [1, 50])
@pytest.mark.parametrize(("viewer", "queries"), [("proposer", 12), ("department_user", 14)])
def test_thread_needs_the_same_number_of_queries_for_1_or_50_messages(
    client, case, proposer, department_user, count, viewer, queries, django_assert_num_queries
):
    _fill_thread(case, department_user, count)
    user = {"proposer": proposer, "department_user": department_user}[viewer]
    client.force_login(user)
    client.get(_url("thread", case))  # warm the caches; a first reading creates the ReadMark

    with django_assert_num_queries(queries):
        response = client.get(_url("thread", case))

    assert response.status_code == 200


# session, user, the user's permissions (own and groups), the case, the membership, the records
# with who recorded them; department staff add their groups and the case's assignments.
@pytest.mark.parametrize("count", [1, 50])
@pytest.mark.parametrize(("viewer", "queries"), [("proposer", 7), ("department_user", 9)])
def test_meetings_list_needs_the_same_number_of_queries_for_1_or_50_records(
    client, case, proposer, department_user, count, viewer, queries, django_assert_num_queries
):
    MeetingRecordFactory.create_batch(count, proposal=case, shared=True)
    MeetingRecordFactory.create_batch(count, proposal=case, created_by=department_user)
    user = {"proposer": proposer, "department_user": department_user}[viewer]
    client.force_login(user)
    client.get(_url("meetings", case))

    with django_assert_num_queries(queries):
        response = client.get(_url("meetings", case))

    expected = count if viewer == "proposer" else 2 * count
    assert len(response.context["records"]) == expected


@pytest.mark.parametrize(
    ("who", "content"),
    [("proposer", "proposals:detail"), ("department_user", "proposals:staff_case")],
)
def test_case_navigation_leads_to_the_content_page_of_each_side(
    client, case, proposer, department_user, who, content
):
    client.force_login({"proposer": proposer, "department_user": department_user}[who])

    html = client.get(_url("meetings", case)).content.decode()
    nav = re.search(r'<nav class="case-nav".*?</nav>', html, re.S).group(0)

    assert re.findall(r'href="([^"]+)"', nav) == [
        reverse(content, args=[case.pk]),
        _url("thread", case),
        _url("meetings", case),
    ]
    assert f'href="{_url("meetings", case)}" aria-current="page"' in nav


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

    assert "市から新着メッセージ" in before
    assert "市から新着メッセージ" not in after
