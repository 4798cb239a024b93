import io
import struct
import zipfile
import zlib

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from mishima_kyoso.common import sample_documents
from proposals.models import Proposal
from proposals.permissions import grant_organization

from .accounts import OrganizationFactory
from .cocreation_list import ThemeFactory, field


class ProposalFactory(factory.django.DjangoModelFactory):
    """A draft, theme-based proposal of a new organisation; grants made as the app makes them.

    Submitted states are reached through the workflow (tests/scenarios: submit, case_at…),
    never set by hand.
    """

    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    kind = Proposal.Kind.THEME
    theme = factory.SubFactory(ThemeFactory)
    organization = factory.SubFactory(OrganizationFactory)
    created_by = factory.LazyAttribute(
        lambda o: (
            o.organization.memberships.first().user
            if o.organization.memberships.exists()
            else _first_member(o.organization)
        )
    )
    title = factory.Sequence(lambda n: f"公共施設予約のオンライン化 {n}")
    outline = "施設の空き状況をオンラインで確認・予約できる仕組みを提案します。"
    contact_name = "担当 花子"
    contact_email = "contact@biz.example.jp"

    class Params:
        free = factory.Trait(kind=Proposal.Kind.FREE, theme=None, field=factory.LazyFunction(field))
        complete = factory.Trait(
            intent=Proposal.Intent.PROPOSAL,
            background="予約が窓口と電話に限られ、利用者の負担が大きい。",
            body="オンライン予約システムを当社の負担で構築し、運用する。",
            effect_citizens="24時間予約できる。",
            effect_financial="窓口業務の削減。",
            effect_growth="市内IT企業の実績になる。",
            effect_region="施設の稼働率が上がる。",
            roles="当社：構築と運用。市：施設データの提供。",
            schedule="令和8年度に試行、令和9年度に本格運用。",
            cost_bearing=Proposal.CostBearing.NONE,
            know_how="予約枠の最適化アルゴリズム（当社独自）。",
        )

    @factory.post_generation
    def grants(proposal, create, extracted, **kwargs):
        if create:
            grant_organization(proposal)


def _first_member(organization):
    from accounts.services import add_member

    from .accounts import UserFactory

    user = UserFactory()
    add_member(organization=organization, user=user)
    return user


def attach(case, name="提案概要.pdf", content=None, by=None):
    """A file added as the proposer adds it (services.add_attachment, with its checks)."""
    from proposals.services import add_attachment

    return add_attachment(
        case=case,
        by=by or case.created_by,
        uploaded=upload(name, pdf_bytes() if content is None else content),
    )


# Small real files, built here so that the tests need no binary fixtures --------------------


def upload(name, content):
    return SimpleUploadedFile(name, content)


def pdf_bytes(text="Kyoso") -> bytes:
    """A one-page PDF 1.4 with a correct cross-reference table (the demo's writer)."""
    return sample_documents.pdf(text)


def png_bytes(width=2, height=2) -> bytes:
    """An RGB PNG of the given size, in the city's blue."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    rows = b"".join(b"\x00" + b"\x1e\x50\xa2" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    """A baseline JPEG of one grey 8×8 block: one DC and one AC Huffman code, both '0'."""
    quantisation = b"\xff\xdb\x00\x43\x00" + b"\x01" * 64
    frame = b"\xff\xc0\x00\x0b\x08\x00\x08\x00\x08\x01\x01\x11\x00"
    dc_table = b"\xff\xc4\x00\x14\x00" + b"\x01" + b"\x00" * 15 + b"\x00"
    ac_table = b"\xff\xc4\x00\x14\x10" + b"\x01" + b"\x00" * 15 + b"\x00"
    scan = b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"
    # DC difference category 0 ('0'), then end of block ('0'), padded with ones.
    return b"\xff\xd8" + quantisation + frame + dc_table + ac_table + scan + b"\x3f" + b"\xff\xd9"


OOXML = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>提案書</w:t></w:r></w:p></w:body></w:document>",
    ),
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheets><sheet name="費用" sheetId="1"/></sheets></workbook>',
    ),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
    ),
}


def ooxml_bytes(kind="docx") -> bytes:
    """A Word, Excel or PowerPoint file as Office writes its skeleton: a zip of XML parts."""
    part, content_type, xml = OOXML[kind]
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="' + part + '" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr(part, '<?xml version="1.0" encoding="UTF-8"?>' + xml)
    return buffer.getvalue()


def zip_bytes() -> bytes:
    """A plain zip archive (not an Office file)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "zip")
    return buffer.getvalue()
