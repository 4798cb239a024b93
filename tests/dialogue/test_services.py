"""The rules of the dialogue, as services apply them: who writes what, deadlines, files."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from dialogue.models import MeetingRecord, Message, MessageAttachment, Side
from dialogue.services import mark_read, record_meeting, update_meeting
from proposals.models import ReadMark
from tests.factories.accounts import DepartmentFactory, DepartmentUserFactory, MemberFactory
from tests.factories.dialogue import pdf_upload, record, send
from tests.factories.proposals import ProposalFactory, png_bytes, upload
from tests.files import files_on_disk
from tests.scenarios import withdraw

pytestmark = pytest.mark.django_db

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
# Friday before Golden Week: 5/4, 5/5 and the substitute holiday 5/6 are not business days.
FRIDAY_BEFORE_GOLDEN_WEEK = datetime.datetime(2026, 5, 1, 10, 0, tzinfo=TOKYO)


def _at(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment)


# Deadlines -------------------------------------------------------------------------------------


def test_proposer_message_sets_the_reply_deadline_in_business_days_and_city_reply_clears_it(
    case, department_user, monkeypatch, settings
):
    settings.KYOSO_REPLY_DAYS = 5
    _at(monkeypatch, FRIDAY_BEFORE_GOLDEN_WEEK)

    send(case)
    case.refresh_from_db()

    assert case.reply_due_on == datetime.date(2026, 5, 13)
    assert case.next_due_on == min(case.reply_due_on, case.first_response_due_on)
    assert case.last_proposer_message_at == FRIDAY_BEFORE_GOLDEN_WEEK

    reply_at = FRIDAY_BEFORE_GOLDEN_WEEK + datetime.timedelta(days=6)
    _at(monkeypatch, reply_at)
    send(case, by=department_user, body="ご連絡ありがとうございます。")
    case.refresh_from_db()

    assert case.reply_due_on is None
    assert case.first_responded_at == reply_at
    assert case.last_city_message_at == reply_at


def test_a_second_proposer_message_keeps_the_first_deadline(case, monkeypatch):
    _at(monkeypatch, FRIDAY_BEFORE_GOLDEN_WEEK)
    send(case)
    _at(monkeypatch, FRIDAY_BEFORE_GOLDEN_WEEK + datetime.timedelta(days=5))
    send(case, body="追記です。")
    case.refresh_from_db()

    assert case.reply_due_on == datetime.date(2026, 5, 13)


def test_internal_note_changes_no_deadline_and_no_date_the_proposer_sees(case, department_user):
    send(case)
    case.refresh_from_db()
    before = {
        name: getattr(case, name)
        for name in (
            "reply_due_on",
            "next_due_on",
            "first_responded_at",
            "last_city_message_at",
            "last_proposer_message_at",
            "updated_at",
        )
    }

    note = send(case, by=department_user, body="予算の見込みを財政課に確認中。", internal=True)
    case.refresh_from_db()

    assert (note.is_internal, note.side) == (True, Side.CITY)
    assert {name: getattr(case, name) for name in before} == before
    assert case.reply_due_on is not None


# Who writes what -------------------------------------------------------------------------------


def test_proposer_cannot_write_an_internal_note(case, proposer):
    with pytest.raises(PermissionDenied):
        send(case, by=proposer, internal=True)

    assert not Message.objects.exists()


@pytest.mark.parametrize("who", ["unassigned_department", "other_member"])
def test_people_outside_the_case_cannot_write(case, who):
    outsider = {
        "unassigned_department": lambda: DepartmentUserFactory(
            department=DepartmentFactory(code="toshi")
        ),
        "other_member": MemberFactory,
    }[who]()

    with pytest.raises(PermissionDenied):
        send(case, by=outsider)

    assert not Message.objects.exists()


def test_office_and_department_in_charge_write_messages_and_notes(
    case, office_user, department_user
):
    sent = [
        send(case, by=office_user, body="窓口から連絡します。"),
        send(case, by=department_user, body="担当課です。"),
        send(case, by=office_user, body="内部メモ", internal=True),
    ]

    assert [(m.side, m.is_internal) for m in sent] == [
        (Side.CITY, False),
        (Side.CITY, False),
        (Side.CITY, True),
    ]


def test_proposer_cannot_write_on_a_closed_case_but_the_city_still_can(case, proposer, office_user):
    withdraw(case, by=proposer)

    with pytest.raises(ValidationError) as refusal:
        send(case, by=proposer)
    note = send(case, by=office_user, body="取下げを受け付けました。", internal=True)

    assert refusal.value.code == "closed"
    assert list(Message.objects.all()) == [note]


def test_nobody_writes_on_a_draft(office_user):
    draft = ProposalFactory()

    for by in (draft.created_by, office_user):
        with pytest.raises(ValidationError) as refusal:
            send(draft, by=by)
        assert refusal.value.code == "draft"
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("", "blank"),
        ("  \n ", "blank"),
        ("あ" * 10001, "max_length"),
        ("a\x00b", "null_characters_not_allowed"),
    ],
)
def test_a_message_without_text_too_long_or_with_nul_is_refused(case, body, code):
    with pytest.raises(ValidationError) as refusal:
        send(case, body=body)

    assert [error.code for error in refusal.value.error_dict["body"]] == [code]
    assert not Message.objects.exists()


def test_line_breaks_are_kept_as_one_character(case):
    message = send(case, body="一行目\r\n二行目\r三行目")

    assert message.body == "一行目\n二行目\n三行目"


# Files -----------------------------------------------------------------------------------------


def test_message_with_files_keeps_each_under_a_random_name(case, settings):
    message = send(case, files=[pdf_upload("見積書.pdf"), upload("写真.png", png_bytes())])

    stored = list(message.attachments.order_by("pk"))
    assert [(f.original_name, f.content_type) for f in stored] == [
        ("見積書.pdf", "application/pdf"),
        ("写真.png", "image/png"),
    ]
    assert all("見積書" not in f.file.name and "写真" not in f.file.name for f in stored)
    assert len(files_on_disk(settings)) == 2


def test_one_bad_file_refuses_the_whole_message_and_stores_nothing(case, settings):
    with pytest.raises(ValidationError) as refusal:
        send(case, files=[pdf_upload("見積書.pdf"), upload("画像.pdf", png_bytes())])

    assert [e.code for e in refusal.value.error_dict["files"]] == ["file_content_mismatch"]
    assert not Message.objects.exists() and not MessageAttachment.objects.exists()
    assert files_on_disk(settings) == []


def test_a_failure_after_the_files_are_stored_removes_them(case, settings, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr("dialogue.services._record_on_case", broken)

    with pytest.raises(RuntimeError):
        send(case, files=[pdf_upload()])

    assert not Message.objects.exists() and not MessageAttachment.objects.exists()
    assert files_on_disk(settings) == []


def test_more_than_five_files_are_refused(case):
    with pytest.raises(ValidationError) as refusal:
        send(case, files=[pdf_upload(f"{n}.pdf") for n in range(6)])

    assert [e.code for e in refusal.value.error_dict["files"]] == ["too_many_files"]


def test_the_dialogue_files_of_a_case_have_a_total_limit(case, settings):
    size = len(pdf_upload().read())
    settings.KYOSO_MAX_PROPOSAL_BYTES = size * 2 + 10
    send(case, files=[pdf_upload("1.pdf"), pdf_upload("2.pdf")])

    with pytest.raises(ValidationError) as refusal:
        send(case, files=[pdf_upload("3.pdf")])

    assert [e.code for e in refusal.value.error_dict["files"]] == ["dialogue_files_too_large"]
    assert Message.objects.count() == 1 and MessageAttachment.objects.count() == 2


# Read marks ------------------------------------------------------------------------------------


def test_mark_read_returns_the_previous_reading_and_keeps_one_row(case, proposer, monkeypatch):
    first = FRIDAY_BEFORE_GOLDEN_WEEK
    _at(monkeypatch, first)
    assert mark_read(user=proposer, case=case) is None
    _at(monkeypatch, first + datetime.timedelta(hours=1))

    assert mark_read(user=proposer, case=case) == first
    assert list(ReadMark.objects.values_list("user", "read_at")) == [
        (proposer.pk, first + datetime.timedelta(hours=1))
    ]


# Meeting records -------------------------------------------------------------------------------


def test_only_the_city_side_records_meetings(case, proposer):
    with pytest.raises(PermissionDenied):
        record(case, by=proposer, shared=True)

    assert not MeetingRecord.objects.exists()


def test_a_meeting_in_the_future_is_refused(case, department_user):
    with pytest.raises(ValidationError) as refusal:
        record(case, by=department_user, held_on=timezone.localdate() + datetime.timedelta(days=1))

    assert [e.code for e in refusal.value.error_dict["held_on"]] == ["held_in_future"]
    assert not MeetingRecord.objects.exists()


def test_a_corrected_record_keeps_its_history(case, department_user, office_user):
    kept = record(case, by=department_user, summary="第一稿")

    changed = update_meeting(meeting=kept, by=office_user, summary="修正稿", next_steps="")

    assert (changed.summary, changed.updated_by, changed.created_by) == (
        "修正稿",
        office_user,
        department_user,
    )
    assert changed.is_changed
    assert [h.summary for h in changed.history.order_by("history_date")] == ["第一稿", "修正稿"]


def test_update_meeting_refuses_unknown_fields(case, department_user):
    kept = record(case, by=department_user)

    with pytest.raises(ValueError):
        update_meeting(meeting=kept, by=department_user, proposal=ProposalFactory())


def test_record_meeting_refuses_a_draft(office_user):
    draft = ProposalFactory()

    with pytest.raises(ValidationError) as refusal:
        record_meeting(
            case=draft,
            by=office_user,
            kind="dialogue",
            held_on=timezone.localdate(),
            form="online",
            city_attendees="a",
            business_attendees="b",
            summary="c",
        )

    assert refusal.value.code == "draft"
