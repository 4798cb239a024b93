"""The office reads the dialogue in the admin; messages and records are written on the pages."""

import pytest
from django.urls import reverse

from tests.factories.dialogue import pdf_upload, record, send

pytestmark = pytest.mark.django_db


def test_office_reads_messages_notes_and_records_with_files_through_the_checked_view(
    client, case, office_user, department_user
):
    note = send(case, by=department_user, body="内部メモ", internal=True, files=[pdf_upload()])
    stored = note.attachments.get()
    kept = record(case, by=department_user)
    client.force_login(office_user)

    pages = [
        client.get(reverse("admin:dialogue_message_changelist")),
        client.get(reverse("admin:dialogue_message_change", args=[note.pk])),
        client.get(reverse("admin:dialogue_meetingrecord_changelist")),
        client.get(reverse("admin:dialogue_meetingrecord_change", args=[kept.pk])),
        client.get(reverse("admin:dialogue_meetingrecord_history", args=[kept.pk])),
    ]

    assert [page.status_code for page in pages] == [200] * 5
    message_page = pages[1].content.decode()
    assert reverse("dialogue:message_file", args=[case.pk, stored.pk]) in message_page
    assert stored.file.name not in message_page  # the storage path never appears
    assert 'name="body"' not in message_page  # read-only


def test_office_cannot_add_change_or_delete_dialogue_rows_in_the_admin(
    client, case, office_user, department_user
):
    message = send(case)
    kept = record(case, by=department_user)
    client.force_login(office_user)

    responses = [
        client.get(reverse("admin:dialogue_message_add")),
        client.get(reverse("admin:dialogue_message_delete", args=[message.pk])),
        client.post(reverse("admin:dialogue_message_change", args=[message.pk]), {"body": "x"}),
        client.get(reverse("admin:dialogue_meetingrecord_add")),
        client.get(reverse("admin:dialogue_meetingrecord_delete", args=[kept.pk])),
    ]

    assert [r.status_code for r in responses] == [403] * 5
    message.refresh_from_db()
    assert message.body != "x"


def test_department_staff_do_not_read_the_dialogue_in_the_admin(client, case, department_user):
    send(case)
    client.force_login(department_user)

    response = client.get(reverse("admin:dialogue_message_changelist"))

    # The admin is the office's: department staff are sent to their staff home (issue 13).
    assert response.status_code == 302
    assert response["Location"] == reverse("proposals:staff_home")
