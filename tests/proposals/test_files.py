"""Attachments: the type from the content, the size limits, and no half-stored upload."""

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError

from proposals.models import ProposalAttachment
from tests.factories.proposals import (
    ProposalFactory,
    attach,
    jpeg_bytes,
    ooxml_bytes,
    pdf_bytes,
    png_bytes,
    zip_bytes,
)
from tests.files import files_on_disk as _files_on_disk

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return ProposalFactory()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("提案書.pdf", pdf_bytes(), "application/pdf"),
        ("構想図.png", png_bytes(), "image/png"),
        ("現地写真.jpg", jpeg_bytes(), "image/jpeg"),
        ("現地写真.JPEG", jpeg_bytes(), "image/jpeg"),
        (
            "提案書.docx",
            ooxml_bytes("docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "費用.xlsx",
            ooxml_bytes("xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "説明資料.pptx",
            ooxml_bytes("pptx"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
    ],
)
def test_office_documents_pdf_and_images_are_accepted_and_stored_privately(
    case, settings, name, content, content_type
):
    stored = attach(case, name=name, content=content)

    assert (stored.original_name, stored.size, stored.content_type) == (
        name,
        len(content),
        content_type,
    )
    on_disk = _files_on_disk(settings)
    assert len(on_disk) == 1 and on_disk[0].read_bytes() == content
    # A random name: nothing about the file can be guessed from its path.
    assert name.split(".")[0] not in stored.file.name
    assert stored.file.name.startswith("proposals/")


def _refused(case, settings, name, content):
    with pytest.raises(ValidationError) as refusal:
        attach(case, name=name, content=content)
    assert not ProposalAttachment.objects.exists()
    assert _files_on_disk(settings) == []
    return refusal.value.code


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_stored(case, settings):
    settings.KYOSO_MAX_FILE_BYTES = 100

    assert _refused(case, settings, "大きな資料.pdf", pdf_bytes()) == "file_too_large"


def test_files_over_the_proposals_total_are_refused_and_the_first_ones_stay(case, settings):
    settings.KYOSO_MAX_PROPOSAL_BYTES = len(pdf_bytes()) * 2 - 1
    first = attach(case, name="一つ目.pdf")

    with pytest.raises(ValidationError) as refusal:
        attach(case, name="二つ目.pdf")

    assert refusal.value.code == "proposal_files_too_large"
    assert list(ProposalAttachment.objects.all()) == [first]
    assert len(_files_on_disk(settings)) == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64),
        ("page.html", b"<!doctype html><script>alert(1)</script>"),
        ("archive.zip", zip_bytes()),
        ("no-extension", pdf_bytes()),
    ],
)
def test_a_type_not_accepted_is_refused_and_nothing_is_stored(case, settings, name, content):
    assert _refused(case, settings, name, content) == "file_type_not_allowed"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("画像.pdf", png_bytes()),
        ("実は画像.docx", png_bytes()),
        ("zip.docx", zip_bytes()),
        ("表計算.docx", ooxml_bytes("xlsx")),
        ("空.pdf", b""),
    ],
)
def test_content_that_does_not_match_the_name_is_refused(case, settings, name, content):
    assert _refused(case, settings, name, content) == "file_content_mismatch"


def test_a_failure_of_the_database_write_removes_the_stored_file(case, settings, monkeypatch):
    def disk_full(self, *args, **kwargs):
        raise DatabaseError("could not extend file")

    monkeypatch.setattr(ProposalAttachment, "save", disk_full)

    with pytest.raises(DatabaseError):
        attach(case)

    assert _files_on_disk(settings) == []
    assert not ProposalAttachment.objects.exists()


def test_a_case_deleted_meanwhile_takes_no_file(case, settings):
    """A colleague deletes the draft while the upload is on its way."""
    stale = ProposalFactory._meta.model.objects.get(pk=case.pk)
    case.delete()

    with pytest.raises(ProposalFactory._meta.model.DoesNotExist):
        attach(stale)

    assert _files_on_disk(settings) == []
