"""A proposal's files: uploaded, checked, downloaded with their Japanese names, removed from
a draft, kept on record once the case is submitted."""

import re
from urllib.parse import quote

import pytest

from proposals.models import ProposalAttachment
from tests.factories.proposals import attach, pdf_bytes, png_bytes, upload
from tests.files import files_on_disk
from tests.proposals.helpers import case_url, form_errors
from tests.scenarios import submit

pytestmark = pytest.mark.django_db


def test_proposer_uploads_a_file_and_downloads_it_with_its_japanese_name(signed_in, draft):
    content = pdf_bytes("kyoso")

    response = signed_in.post(
        case_url("upload", draft), {"file": upload("提案書 第1版.pdf", content)}
    )
    stored = draft.attachments.get()
    download = signed_in.get(case_url("attachment", draft, stored.pk))

    assert response.url == case_url("detail", draft) + "#attachments"
    assert (stored.original_name, stored.content_type, stored.size) == (
        "提案書 第1版.pdf",
        "application/pdf",
        len(content),
    )
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"] == (
        "attachment; filename*=utf-8''" + quote("提案書 第1版.pdf")
    )
    assert "no-store" in download["Cache-Control"]
    assert b"".join(download.streaming_content) == content


def test_office_downloads_a_file_of_a_submitted_case_and_never_of_a_draft(
    client, office_user, draft
):
    stored = attach(draft, name="見積書.pdf")
    client.force_login(office_user)
    assert client.get(case_url("attachment", draft, stored.pk)).status_code == 404

    submit(draft)
    response = client.get(case_url("attachment", draft, stored.pk))

    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''" + quote("見積書.pdf")
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_refused_upload_shows_the_error_beside_the_field_and_keeps_nothing(
    signed_in, draft, settings
):
    response = signed_in.post(case_url("upload", draft), {"file": upload("画像.pdf", png_bytes())})

    assert response.status_code == 200
    assert form_errors(response, "upload_form") == {"file": ["file_content_mismatch"]}
    page = response.content.decode()
    file_input = re.search(r'<input[^>]*name="file"[^>]*>', page).group(0)
    assert 'aria-describedby="id_file_helptext id_file_error"' in file_input
    assert 'aria-invalid="true"' in file_input
    assert '<ul class="errorlist" id="id_file_error">' in page
    assert not ProposalAttachment.objects.exists()
    assert files_on_disk(settings) == []


def test_proposer_removes_a_file_of_a_draft_after_confirmation(
    signed_in, draft, settings, run_jobs
):
    stored = attach(draft)

    shown = signed_in.get(case_url("attachment_delete", draft, stored.pk))
    response = signed_in.post(case_url("attachment_delete", draft, stored.pk))
    run_jobs()

    assert shown.status_code == 200
    assert response.url == case_url("detail", draft) + "#attachments"
    assert not ProposalAttachment.objects.exists()
    assert files_on_disk(settings) == []


def test_files_of_a_submitted_case_stay_on_record(signed_in, draft, settings):
    stored = attach(draft)
    case = submit(draft)

    response = signed_in.post(case_url("attachment_delete", case, stored.pk))

    assert response.url == case.get_absolute_url()
    assert ProposalAttachment.objects.filter(pk=stored.pk).exists()
    assert len(files_on_disk(settings)) == 1
