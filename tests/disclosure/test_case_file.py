"""The case file for a disclosure review: a ZIP with the content's PDF and the files, in full
or with the non-disclosable parts blacked out and their ground shown (情報公開請求)."""

import io
import zipfile

import pytest
from pypdf import PdfReader

from disclosure.casefile import withheld_label
from disclosure.models import Event, Ground, Mark
from disclosure.services import export_case_file, set_marks
from tests.factories.proposals import pdf_bytes
from tests.pdf_text import pdf_text

from .conftest import KNOW_HOW, SECRET_BODY

pytestmark = pytest.mark.django_db


def opened(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def content_pdf(archive: dict[str, bytes]) -> str:
    [name] = [name for name in archive if name.endswith("/content.pdf")]
    return pdf_text(archive[name])


def test_the_disclosure_version_blacks_out_a_marked_section_with_its_ground_and_the_full_one_keeps_it(  # noqa: E501
    disclosure, case, office_user
):
    set_marks(
        request=disclosure,
        case=case,
        by=office_user,
        sections={"content": Ground.CORPORATE},
        files={},
    )

    full = content_pdf(
        opened(export_case_file(request=disclosure, case=case, by=office_user, redacted=False))
    )
    redacted = content_pdf(
        opened(export_case_file(request=disclosure, case=case, by=office_user, redacted=True))
    )

    assert SECRET_BODY in full
    assert SECRET_BODY not in redacted
    assert withheld_label(Ground.CORPORATE).replace(" ", "") in redacted
    assert case.outline.replace(" ", "") in redacted  # what is not marked is disclosed


def test_the_proposers_know_how_is_withheld_from_the_start_of_a_request(
    disclosure, case, office_user
):
    [mark] = Mark.objects.filter(request=disclosure, case=case)

    redacted = content_pdf(
        opened(export_case_file(request=disclosure, case=case, by=office_user, redacted=True))
    )

    assert (mark.section, mark.marked_by, mark.ground) == (
        "know-how",
        Mark.By.PROPOSER,
        Ground.CORPORATE,
    )
    assert KNOW_HOW not in redacted
    assert KNOW_HOW in content_pdf(
        opened(export_case_file(request=disclosure, case=case, by=office_user, redacted=False))
    )


def test_a_withheld_file_is_replaced_by_a_notice_page_and_the_others_are_byte_equal(
    disclosure, case, office_user, files
):
    plan, cost = files
    set_marks(
        request=disclosure,
        case=case,
        by=office_user,
        sections={},
        files={cost.pk: Ground.CORPORATE},
    )

    full = opened(export_case_file(request=disclosure, case=case, by=office_user, redacted=False))
    redacted = opened(
        export_case_file(request=disclosure, case=case, by=office_user, redacted=True)
    )

    folder = case.reference
    assert full[f"{folder}/files/01_事業計画.pdf"] == pdf_bytes("PLAN-OPEN")
    assert full[f"{folder}/files/02_原価内訳.pdf"] == pdf_bytes("COST-SECRET")
    assert redacted[f"{folder}/files/01_事業計画.pdf"] == pdf_bytes("PLAN-OPEN")
    assert f"{folder}/files/02_原価内訳.pdf" not in redacted
    assert not any(b"COST-SECRET" in content for content in redacted.values())
    notice = PdfReader(io.BytesIO(redacted[f"{folder}/files/02_withheld.pdf"]))
    assert len(notice.pages) == 1
    assert withheld_label(Ground.CORPORATE).replace(" ", "") in pdf_text(
        redacted[f"{folder}/files/02_withheld.pdf"]
    )


def test_every_download_of_a_case_file_is_in_the_requests_history(disclosure, case, office_user):
    export_case_file(request=disclosure, case=case, by=office_user, redacted=True)
    export_case_file(request=disclosure, case=case, by=office_user, redacted=False)

    exports = Event.objects.filter(request=disclosure, action=Event.Action.EXPORT)
    assert [event.details["version"] for event in exports] == ["disclosure", "full"]
    assert {event.actor for event in exports} == {office_user}
