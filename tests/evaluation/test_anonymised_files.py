"""Files given to the evaluators of an anonymised round carry no document metadata (issue 12,
item 7): the PDF's information dictionary and XMP, the Office file's docProps. Checked by
reading the bytes the evaluator receives."""

import io
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from tests.factories.proposals import attach, ooxml_bytes
from tests.scenarios import declare_none, selection_round

pytestmark = pytest.mark.django_db

BUSINESS = "Hitoku Trading Co."
XMP = (
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
    f"<dc:creator><rdf:Seq><rdf:li>{BUSINESS}</rdf:li></rdf:Seq></dc:creator>"
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


def pdf_naming_its_author() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": BUSINESS, "/Title": f"{BUSINESS} proposal"})
    xmp = DecodedStreamObject()
    xmp.set_data(XMP.encode())
    xmp[NameObject("/Type")] = NameObject("/Metadata")
    xmp[NameObject("/Subtype")] = NameObject("/XML")
    writer._root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_naming_its_author() -> bytes:
    buffer = io.BytesIO(ooxml_bytes("docx"))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "docProps/core.xml",
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:creator>{BUSINESS}</dc:creator><cp:lastModifiedBy>{BUSINESS}"
            "</cp:lastModifiedBy></cp:coreProperties>",
        )
        archive.writestr(
            "docProps/app.xml",
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'extended-properties"><Company>{BUSINESS}</Company></Properties>',
        )
    return buffer.getvalue()


def served(client, round, name, content):
    """The bytes the round's first evaluator downloads of a candidate's file."""
    candidate = round.candidates.order_by("pk").first()
    stored = attach(candidate.proposal, name=name, content=content)
    assignment = declare_none(round.assignments.order_by("pk").first())
    client.force_login(assignment.evaluator)
    response = client.get(
        reverse("evaluation:candidate_file", args=[round.pk, candidate.pk, stored.pk])
    )
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_an_anonymised_candidates_pdf_reaches_the_evaluator_without_author_nor_xmp(
    client, office_user
):
    round = selection_round(office=office_user, applications=1)
    original = pdf_naming_its_author()
    assert BUSINESS.encode() in original

    content = served(client, round, "提案書.pdf", original)

    assert BUSINESS.encode() not in content
    reader = PdfReader(io.BytesIO(content))
    assert not (reader.metadata or {}).get("/Author")
    assert "/Metadata" not in reader.trailer["/Root"]
    assert len(reader.pages) == 1


def test_an_anonymised_candidates_word_file_reaches_the_evaluator_without_doc_props(
    client, office_user
):
    round = selection_round(office=office_user, applications=1)

    content = served(client, round, "提案書.docx", docx_naming_its_author())

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    assert all(BUSINESS.encode() not in part for part in parts.values())
    assert "word/document.xml" in parts  # the document itself is intact
    assert "提案書".encode() in parts["word/document.xml"]


def test_a_named_round_serves_the_file_as_the_business_sent_it(client, office_user):
    round = selection_round(office=office_user, applications=1, anonymised=False)
    original = pdf_naming_its_author()

    assert served(client, round, "提案書.pdf", original) == original
