"""Bad input on the dialogue pages: text and files refused beside their field with nothing
saved or mailed, text kept as written and shown escaped, meeting dates, a closed case, a
post without its CSRF token."""

import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from dialogue.models import MeetingRecord, Message, MessageAttachment
from tests.factories.dialogue import pdf_upload, record
from tests.factories.proposals import pdf_bytes, png_bytes, upload
from tests.files import files_on_disk
from tests.scenarios import withdraw

from .conftest import dialogue_url, meeting_data

pytestmark = pytest.mark.django_db


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def _errors(response):
    return {
        name: [error.code for error in errors]
        for name, errors in response.context["form"].errors.as_data().items()
    }


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

    response = client.post(dialogue_url("thread", case), {"body": body})

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

    client.post(dialogue_url("thread", case), {"body": '<script>alert("x")</script><b>太字</b>'})
    html = client.get(dialogue_url("thread", case)).content.decode()

    assert Message.objects.get().body == '<script>alert("x")</script><b>太字</b>'
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;太字&lt;/b&gt;" in html
    assert "<script>alert" not in html


def test_emoji_and_line_breaks_are_kept_as_written(client, case, proposer):
    body = "よろしくお願いします🙇‍♂️👍🏻\r\n𠮷野家の件も。"
    client.force_login(proposer)

    client.post(dialogue_url("thread", case), {"body": body})
    html = client.get(dialogue_url("thread", case)).content.decode()

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
        dialogue_url("thread", case), {"body": "添付します。", "files": [upload(name, content)]}
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

    response = client.post(dialogue_url("thread", case), {"body": "この内容は誰宛てか。"})

    assert _errors(response) == {"visibility": ["required"]}
    assert not Message.objects.exists() and mailoutbox == []


def test_proposer_cannot_make_a_note_internal_by_adding_the_field(client, case, proposer):
    client.force_login(proposer)

    client.post(dialogue_url("thread", case), {"body": "内部扱いにして", "visibility": "internal"})

    assert list(Message.objects.values_list("side", "is_internal")) == [("proposer", False)]


def test_a_meeting_record_with_a_future_date_or_missing_fields_is_refused(
    client, case, department_user
):
    client.force_login(department_user)
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)

    future = client.post(dialogue_url("meetings", case), meeting_data(held_on=tomorrow.isoformat()))
    empty = client.post(dialogue_url("meetings", case), {})

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

    client.post(dialogue_url("meetings", case), meeting_data(held_on="２０２６年４月１５日"))

    assert MeetingRecord.objects.get().held_on.isoformat() == "2026-04-15"


def test_closed_case_shows_no_form_to_the_proposer_and_refuses_a_post(client, case, proposer):
    withdraw(case, by=proposer)
    client.force_login(proposer)

    page = client.get(dialogue_url("thread", case))
    posted = client.post(dialogue_url("thread", case), {"body": "まだ送れますか"})

    assert page.context["form"] is None
    assert 'class="notice"' in page.content.decode()
    assert posted.status_code == 302 and posted.url == dialogue_url("thread", case)
    assert _messages(posted)
    assert not Message.objects.exists()


def test_post_without_csrf_token_is_refused_and_nothing_changes(case, proposer, department_user):
    kept = record(case, by=department_user, summary="原文")
    proposer_client = Client(enforce_csrf_checks=True)
    proposer_client.force_login(proposer)
    city_client = Client(enforce_csrf_checks=True)
    city_client.force_login(department_user)

    responses = [
        proposer_client.post(
            dialogue_url("thread", case), {"body": "CSRF", "files": [pdf_upload()]}
        ),
        city_client.post(dialogue_url("thread", case), {"body": "CSRF", "visibility": "internal"}),
        city_client.post(dialogue_url("meetings", case), meeting_data()),
        city_client.post(
            dialogue_url("meeting_edit", case, kept.pk), meeting_data(summary="改ざん")
        ),
    ]

    assert [r.status_code for r in responses] == [403] * 4
    assert not Message.objects.exists() and MeetingRecord.objects.count() == 1
    kept.refresh_from_db()
    assert kept.summary == "原文"
