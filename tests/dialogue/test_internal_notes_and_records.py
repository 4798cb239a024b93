"""The dialogue's confidentiality: internal notes and unshared meeting records never reach the
proposer (pages, files, mails); a shared record is read by the proposer, who cannot edit
it; sharing it later tells the proposer once."""

import pytest

from dialogue.models import MeetingRecord, Message
from tests.factories.dialogue import pdf_upload, record

from .conftest import DEPARTMENT_INBOX, OFFICE_INBOX, dialogue_url, meeting_data, recipients

pytestmark = pytest.mark.django_db


SECRET = (
    "財政課の内諾はまだ得られていない"  # an internal note's text: must never reach the proposer
)


def _proposer_side(case):
    members = {m.user.email for m in case.organization.memberships.select_related("user")}
    return members | {case.contact_email}


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
        dialogue_url("thread", case),
        {
            "body": SECRET,
            "visibility": "internal",
            "files": [pdf_upload("内部検討メモ.pdf")],
        },
    )
    client.post(
        dialogue_url("meetings", case),
        meeting_data(summary=SECRET + "（庁内協議）"),  # not shared
    )
    client.post(
        dialogue_url("thread", case), {"body": "ご提案を拝見しました。", "visibility": "message"}
    )
    run_jobs()
    note = Message.objects.get(is_internal=True)
    note_file = note.attachments.get()
    unshared = MeetingRecord.objects.get()
    assert not unshared.is_shared_with_proposer

    # The city sees the note, visibly marked.
    city_page = client.get(dialogue_url("thread", case)).content.decode()
    assert SECRET in city_page
    assert 'class="badge internal"' in city_page
    client.force_login(office_user)
    assert SECRET in client.get(dialogue_url("thread", case)).content.decode()

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
            client.get(dialogue_url("thread", case)),
            client.get(dialogue_url("meetings", case)),
        ]
        for page in pages:
            html = page.content.decode()
            assert page.status_code == 200
            assert SECRET not in html
            assert "内部検討メモ" not in html
            assert 'class="badge internal"' not in html
        assert [m.body for m in pages[0].context["thread"]] == ["ご提案を拝見しました。"]
        assert pages[1].context["records"] == []
        assert client.get(dialogue_url("message_file", case, note_file.pk)).status_code == 404
        assert client.get(dialogue_url("meeting", case, unshared.pk)).status_code == 404
        assert client.get(dialogue_url("meeting_edit", case, unshared.pk)).status_code == 404


def test_shared_record_is_readable_by_the_proposer_who_cannot_edit_it(
    client, case, proposer, department_user, mailoutbox, run_jobs
):
    client.force_login(department_user)
    created = client.post(
        dialogue_url("meetings", case), {**meeting_data(), "is_shared_with_proposer": "on"}
    )
    run_jobs()
    shared = MeetingRecord.objects.get()
    assert created.url == dialogue_url("meeting", case, shared.pk)
    [mail] = mailoutbox
    assert recipients(mail) == _proposer_side(case)
    assert dialogue_url("meeting", case, shared.pk) in mail.body
    assert "試行の範囲" not in mail.body
    hidden = record(case, by=department_user, summary=SECRET)

    client.force_login(proposer)
    listing = client.get(dialogue_url("meetings", case))
    detail = client.get(dialogue_url("meeting", case, shared.pk))

    assert listing.context["records"] == [shared]
    assert listing.context["form"] is None
    assert SECRET not in listing.content.decode()
    assert detail.status_code == 200
    assert "試行の範囲について意見交換した。" in detail.content.decode()
    assert client.get(dialogue_url("meeting_edit", case, shared.pk)).status_code == 403
    assert (
        client.post(dialogue_url("meeting_edit", case, shared.pk), meeting_data()).status_code
        == 403
    )
    assert client.get(dialogue_url("meeting", case, hidden.pk)).status_code == 404
    assert client.post(dialogue_url("meetings", case), meeting_data()).status_code == 403
    assert MeetingRecord.objects.count() == 2


def test_sharing_a_record_later_tells_the_proposer_once_and_keeps_the_history(
    client, case, office_user, mailoutbox, run_jobs
):
    kept = record(case, by=office_user, summary="第一稿")
    client.force_login(office_user)

    edited = client.post(
        dialogue_url("meeting_edit", case, kept.pk),
        {**meeting_data(summary="確定稿"), "is_shared_with_proposer": "on"},
    )
    client.post(
        dialogue_url("meeting_edit", case, kept.pk),
        {**meeting_data(summary="確定稿（誤字修正）"), "is_shared_with_proposer": "on"},
    )
    run_jobs()

    assert edited.url == dialogue_url("meeting", case, kept.pk)
    assert len(mailoutbox) == 1
    kept.refresh_from_db()
    assert kept.is_shared_with_proposer and kept.summary == "確定稿（誤字修正）"
    assert kept.history.count() == 3
