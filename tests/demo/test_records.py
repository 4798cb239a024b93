"""The city's public-records duties in the demo (issue 12): accepted terms on every submission,
a disclosure request with its redacted export, a disposal waiting for approval, and the formal
documents as PDFs."""

import io
import zipfile

import pytest

from accounts.models import User
from disclosure.models import DisclosureRequest, Ground, Mark, ThirdPartyOpinion
from disclosure.services import export_case_file
from documents.models import IssuedDocument, Kind
from proposals.models import Proposal
from retention.models import DisposalCandidate, RecordClass
from terms.models import Acceptance
from terms.models import Kind as TermsKind
from terms.services import required_versions
from tests.pdf_text import pdf_text

Context = Acceptance.Context

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.fixture(autouse=True)
def _demo_files(demo, settings):
    """The files the demo stored, where it stored them."""
    settings.MEDIA_ROOT = demo.media


POWER = "公共施設の電力使用量の見える化とデマンド監視"


def test_every_submission_and_application_accepted_the_terms_in_force_and_gave_the_pledge():
    for case in Proposal.objects.exclude(status=Proposal.Status.DRAFT):
        context = Context.APPLICATION if case.open_call_id else Context.SUBMISSION
        accepted = Acceptance.objects.filter(proposal=case, context=context)
        assert {acceptance.terms for acceptance in accepted} == set(required_versions(context)), (
            case.reference
        )
        assert {acceptance.user for acceptance in accepted} == {case.created_by}
        assert TermsKind.PLEDGE in {acceptance.terms.kind for acceptance in accepted}


def test_the_disclosure_request_marks_the_know_how_the_cost_and_a_file_and_the_proposer_objected():
    case = Proposal.objects.get(title=POWER)
    [request] = DisclosureRequest.objects.filter(cases=case)
    marks = Mark.objects.filter(request=request, case=case)
    assert {(mark.section, mark.marked_by) for mark in marks if mark.section} >= {
        ("know-how", Mark.By.PROPOSER),
        ("cost", Mark.By.OFFICE),
    }
    assert [mark.attachment.original_name for mark in marks if mark.attachment] == [
        "設置費用の内訳.xlsx"
    ]
    opinion = ThirdPartyOpinion.objects.get(request=request, case=case)
    assert opinion.answer == ThirdPartyOpinion.Answer.OBJECT
    assert opinion.requested_at < opinion.answered_at
    assert opinion.message.proposal_id == case.pk  # asked through the dialogue


def test_the_demo_s_redacted_export_holds_neither_the_know_how_nor_the_cost_nor_the_withheld_file():
    case = Proposal.objects.get(title=POWER)
    request = DisclosureRequest.objects.get(cases=case)
    office = User.objects.get(email="office@example.jp")

    def archive(redacted):
        content = export_case_file(request=request, case=case, by=office, redacted=redacted)
        with zipfile.ZipFile(io.BytesIO(content)) as opened:
            return {name: opened.read(name) for name in opened.namelist()}

    full, redacted = archive(False), archive(True)
    [full_pdf] = [name for name in full if name.endswith("/content.pdf")]
    [redacted_pdf] = [name for name in redacted if name.endswith("/content.pdf")]
    full_text, redacted_text = pdf_text(full[full_pdf]), pdf_text(redacted[redacted_pdf])
    secret = case.know_how[:20].replace(" ", "")
    cost = case.cost_detail[:20].replace(" ", "")
    assert secret in full_text and cost in full_text
    assert secret not in redacted_text and cost not in redacted_text
    assert str(Ground.CORPORATE.label).replace(" ", "") in redacted_text
    assert any(name.endswith("設置費用の内訳.xlsx") for name in full)
    assert not any(name.endswith("設置費用の内訳.xlsx") for name in redacted)
    assert any(name.endswith("提案書_電力見える化.pdf") for name in redacted)


def test_an_idle_account_waits_for_the_office_s_approval_of_its_disposal():
    idle = User.objects.get(email="biz-idle@example.jp")
    candidate = DisposalCandidate.objects.get(user=idle)
    assert candidate.record_class == RecordClass.INACTIVE_ACCOUNT
    assert candidate.status == DisposalCandidate.Status.PENDING
    assert idle.is_active  # nothing is disposed of before the approval


def test_every_submission_and_decision_has_its_numbered_document(run_jobs):
    run_jobs()
    for case in Proposal.objects.exclude(status=Proposal.Status.DRAFT):
        receipt = IssuedDocument.objects.get(proposal=case, kind=Kind.RECEIPT)
        assert receipt.number and receipt.file, case.reference
    notices = IssuedDocument.objects.filter(kind=Kind.DECISION)
    assert notices.exists()
    notice = notices.first()
    with notice.file.open("rb") as handle:
        text = pdf_text(handle.read())
    assert notice.number.replace(" ", "") in text
    assert notice.proposal.reference in text
