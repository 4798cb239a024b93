"""Uploads refuse active content (issue 12, item 7): PDFs with JavaScript, launch actions or
embedded files, files that are also HTML (polyglots), and Office files whose zip expands to an
excessive size or by an excessive ratio (a "zip bomb"). Every file goes through the real
service (services.add_attachment) and the real parsers."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from proposals.models import ProposalAttachment
from tests.factories.proposals import (
    ProposalFactory,
    attach,
    jpeg_bytes,
    ooxml_bytes,
    pdf_bytes,
    png_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return ProposalFactory()


def _pdf(*, open_action=None, javascript=None, attachment=None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if javascript:  # a document-level script, in the catalogue's /Names tree
        script = writer._add_object(
            DictionaryObject(
                {
                    NameObject("/S"): NameObject("/JavaScript"),
                    NameObject("/JS"): TextStringObject(javascript),
                }
            )
        )
        writer._root_object[NameObject("/Names")] = DictionaryObject(
            {
                NameObject("/JavaScript"): DictionaryObject(
                    {NameObject("/Names"): ArrayObject([TextStringObject("kyoso"), script])}
                )
            }
        )
    if open_action:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(open_action)
    if attachment:
        writer.add_attachment(*attachment)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


JS_OPEN_ACTION = {
    NameObject("/S"): NameObject("/JavaScript"),
    NameObject("/JS"): TextStringObject("app.alert('Kyoso');"),
}
LAUNCH_OPEN_ACTION = {
    NameObject("/S"): NameObject("/Launch"),
    NameObject("/F"): TextStringObject("calc.exe"),
}


def _refusal(case, name, content) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        attach(case, name=name, content=content)
    assert not ProposalAttachment.objects.filter(proposal=case).exists()
    return refused.value


# PDFs --------------------------------------------------------------------------------------


def test_a_pdf_that_runs_javascript_when_opened_is_refused(case):
    refusal = _refusal(case, "提案書.pdf", _pdf(open_action=JS_OPEN_ACTION))

    assert refusal.code == "pdf_active_content"
    assert "提案書.pdf" in refusal.messages[0]


def test_a_pdf_with_document_javascript_is_refused(case):
    assert _refusal(case, "a.pdf", _pdf(javascript="app.alert(1);")).code == "pdf_active_content"


def test_a_pdf_that_launches_a_program_is_refused(case):
    assert _refusal(case, "a.pdf", _pdf(open_action=LAUNCH_OPEN_ACTION)).code == (
        "pdf_active_content"
    )


def test_a_pdf_carrying_an_embedded_file_is_refused(case):
    content = _pdf(attachment=("setup.exe", b"MZ\x90\x00"))

    assert _refusal(case, "a.pdf", content).code == "pdf_active_content"


def test_a_pdf_hiding_the_javascript_name_in_hex_escapes_is_refused(case):
    content = _pdf(open_action=JS_OPEN_ACTION).replace(b"/JavaScript", b"/J#61vaScript")

    assert _refusal(case, "a.pdf", content).code == "pdf_active_content"


def test_a_plain_pdf_and_one_that_opens_on_its_first_page_are_accepted(case):
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.open_destination = writer.pages[0]  # /OpenAction without any script
    buffer = io.BytesIO()
    writer.write(buffer)

    attach(case, name="plain.pdf", content=pdf_bytes())
    attach(case, name="opens.pdf", content=buffer.getvalue())

    assert ProposalAttachment.objects.filter(proposal=case).count() == 2


# Polyglots ---------------------------------------------------------------------------------


def test_a_pdf_that_is_also_an_html_page_is_refused(case):
    content = pdf_bytes() + b"\n<html><body><script>alert(document.cookie)</script></body></html>"

    assert _refusal(case, "a.pdf", content).code == "file_polyglot"


def test_an_image_with_a_script_inside_is_refused(case):
    content = png_bytes() + b"<SCRIPT src=//evil.example/x.js></SCRIPT>"

    assert _refusal(case, "a.png", content).code == "file_polyglot"


def test_an_office_file_with_an_html_page_stored_uncompressed_is_refused(case):
    buffer = io.BytesIO(ooxml_bytes("docx"))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/page.html", "<!DOCTYPE html><html><script>x()</script></html>")

    assert _refusal(case, "a.docx", buffer.getvalue()).code == "file_polyglot"


def test_ordinary_images_and_office_files_pass_the_polyglot_check(case):
    for name, content in (
        ("a.png", png_bytes(64, 64)),
        ("b.jpg", jpeg_bytes()),
        ("c.docx", ooxml_bytes("docx")),
        ("d.xlsx", ooxml_bytes("xlsx")),
    ):
        attach(case, name=name, content=content)

    assert ProposalAttachment.objects.filter(proposal=case).count() == 4


# Zip bombs ---------------------------------------------------------------------------------


def _docx_expanding_to(size: int) -> bytes:
    """A Word file with one part of `size` zero bytes, written in chunks (as a bomb is)."""
    buffer = io.BytesIO(ooxml_bytes("docx"))
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("word/media/filler.bin", "w", force_zip64=True) as part,
    ):
        chunk = b"\x00" * (1024 * 1024)
        for _ in range(size // len(chunk)):
            part.write(chunk)
    return buffer.getvalue()


def test_a_small_docx_that_expands_to_300_mib_is_refused(case):
    content = _docx_expanding_to(300 * 1024 * 1024)
    assert len(content) < 400 * 1024  # what arrives is small

    refusal = _refusal(case, "提案書.docx", content)

    assert refusal.code == "archive_too_large"


def test_an_office_file_compressed_beyond_the_ratio_limit_is_refused(case, settings):
    settings.KYOSO_UPLOAD_MAX_EXPANDED_BYTES = 100 * 1024 * 1024
    settings.KYOSO_UPLOAD_MAX_RATIO = 100

    refusal = _refusal(case, "a.docx", _docx_expanding_to(4 * 1024 * 1024))

    assert refusal.code == "archive_ratio"


def test_the_archive_limits_come_from_the_settings(case, settings):
    settings.KYOSO_UPLOAD_MAX_EXPANDED_BYTES = 100 * 1024 * 1024
    settings.KYOSO_UPLOAD_MAX_RATIO = 10_000

    attach(case, name="a.docx", content=_docx_expanding_to(4 * 1024 * 1024))

    assert ProposalAttachment.objects.filter(proposal=case).count() == 1
