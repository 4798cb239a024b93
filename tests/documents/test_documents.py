"""Formal documents: a receipt slip on submission and a decision notice for each decision,
numbered without gaps per series and fiscal year, as PDF with the Japanese fonts embedded;
downloaded by the proposer's members and the office only, linked from no public page."""

import datetime
import io
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from documents.models import DocumentCounter, DocumentSeries, IssuedDocument, Kind
from documents.services import ISSUED_AFTER, take_number
from mishima_kyoso.common.pdf import era_date
from proposals.fiscal import fiscal_year
from proposals.models import Proposal
from proposals.workflow import A, transition
from tests.factories.accounts import DepartmentFactory, MemberFactory
from tests.factories.evaluation import EvaluatorFactory
from tests.factories.proposals import ProposalFactory
from tests.pdf_text import pdf_text
from tests.proposals.helpers import people
from tests.scenarios import case_at, submit

S = Proposal.Status


def _pdf(document) -> PdfReader:
    document.refresh_from_db()
    with document.file.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def _fonts(reader: PdfReader) -> list:
    """Every font of every page, descendants of composite (CJK) fonts included."""
    found = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            found.append(font)
            for descendant in font.get("/DescendantFonts", []):
                found.append(descendant.get_object())
    return found


def _text(reader: PdfReader) -> str:
    return pdf_text(reader.stream.getvalue())


@pytest.mark.django_db
def test_receipt_slip_is_a_pdf_with_embedded_fonts_the_reference_the_number_and_the_era_date(
    run_jobs,
):
    case = submit(ProposalFactory(complete=True))
    run_jobs()

    receipt = case.issued_documents.get()
    reader = _pdf(receipt)
    text = _text(reader)
    year = fiscal_year(timezone.localdate())
    assert (receipt.kind, receipt.serial, receipt.fiscal_year) == (Kind.RECEIPT, 1, year)
    assert receipt.number == "三共創受第1号"
    assert case.reference in text
    assert receipt.number in text
    assert era_date(timezone.localdate(receipt.issued_at)) in text
    described = [font for font in _fonts(reader) if "/FontDescriptor" in font]
    assert described, "no font with a descriptor"
    for font in described:
        descriptor = font["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
    assert receipt.size == len(receipt.file.open("rb").read()) and receipt.size > 0


@pytest.mark.django_db
def test_each_decision_issues_a_notice_in_the_decision_series(office_user, run_jobs):
    adopted = case_at(S.ADOPTED, office=office_user)
    declined = case_at(S.DECLINED, office=office_user)
    not_adopted = case_at(S.NOT_ADOPTED, office=office_user)
    run_jobs()

    notices = IssuedDocument.objects.filter(kind=Kind.DECISION).order_by("serial")
    assert [(n.proposal, n.transition.step) for n in notices] == [
        (adopted, A.ADOPT),
        (declined, A.DECLINE),
        (not_adopted, A.NOT_ADOPT),
    ]
    assert [n.number for n in notices] == ["三共創第1号", "三共創第2号", "三共創第3号"]
    text = _text(_pdf(notices[0]))
    assert adopted.reference in text and "三共創第1号" in text
    assert adopted.transitions.get(step=A.ADOPT).public_reason in text
    # Steps that decide nothing issue nothing (the dialogue, planning).
    assert not IssuedDocument.objects.filter(
        transition__step__in=(A.START_DIALOGUE, A.TO_PLANNING)
    ).exists()


@pytest.mark.django_db
def test_a_refused_step_takes_no_document_number(office_user):
    case = case_at(S.PLANNING, office=office_user)

    with pytest.raises(ValidationError):
        transition(case, A.ADOPT, by=office_user, reason="予算措置済み", public_reason="")

    assert not IssuedDocument.objects.filter(kind=Kind.DECISION).exists()
    assert not DocumentCounter.objects.filter(series__kind=Kind.DECISION).exists()


@pytest.mark.django_db
def test_numbers_restart_each_fiscal_year_and_each_series_counts_alone():
    receipts = DocumentSeries.objects.get(kind=Kind.RECEIPT)
    decisions = DocumentSeries.objects.get(kind=Kind.DECISION)

    taken = [
        take_number(receipts, datetime.date(2027, 3, 31)),
        take_number(receipts, datetime.date(2027, 3, 31)),
        take_number(decisions, datetime.date(2027, 3, 31)),
        take_number(receipts, datetime.date(2027, 4, 1)),
    ]

    assert taken == [(2026, 1), (2026, 2), (2026, 1), (2027, 1)]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Concurrent numbering needs PostgreSQL's row locks; SQLite locks the whole file.",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_document_numbers_stay_gapless_when_many_steps_take_them_at_once():
    series = DocumentSeries.objects.get(kind=Kind.RECEIPT)
    today = timezone.localdate()
    start = threading.Barrier(8)
    taken, errors = [], []

    def take():
        try:
            start.wait(timeout=30)
            with transaction.atomic():
                taken.append(take_number(series, today)[1])
        except Exception as error:  # reported below
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(taken) == list(range(1, 9))


# Who may download them ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("proposer_member", 200),
        ("office", 200),
        ("other_member", 404),
        ("assigned_department", 404),
        ("unassigned_department", 404),
        ("evaluator", 404),
        ("anonymous", 404),
    ],
)
def test_receipt_is_downloaded_by_the_proposer_and_the_office_only(
    client, office_user, run_jobs, role, status
):
    department = DepartmentFactory()
    case = case_at(S.RECEIVED, office=office_user, departments=[department])
    run_jobs()
    users = {**people(case, department), "evaluator": EvaluatorFactory()}
    if users[role] is not None:
        client.force_login(users[role])
    receipt = case.issued_documents.get()

    response = client.get(reverse("documents:download", args=[receipt.public_id]))

    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_proposer_and_office_find_the_link_on_their_case_pages_and_a_department_does_not(
    client, office_user, run_jobs
):
    department = DepartmentFactory()
    case = case_at(S.RECEIVED, office=office_user, departments=[department])
    run_jobs()
    url = reverse("documents:download", args=[case.issued_documents.get().public_id])
    users = people(case, department)

    pages = {}
    for role, page in (
        ("proposer_member", reverse("proposals:detail", args=[case.pk])),
        ("office", reverse("proposals:staff_case", args=[case.pk])),
        ("assigned_department", reverse("proposals:staff_case", args=[case.pk])),
    ):
        client.force_login(users[role])
        pages[role] = client.get(page).content.decode()

    assert url in pages["proposer_member"]
    assert url in pages["office"]
    assert url not in pages["assigned_department"]
    assert 'id="formal-documents"' not in pages["assigned_department"]


@pytest.mark.django_db
def test_no_public_page_links_to_a_formal_document(client, office_user, run_jobs):
    case = case_at(S.ADOPTED, office=office_user)
    run_jobs()
    assert case.issued_documents.count() == 2

    for page in (
        reverse("home"),
        reverse("cocreation_list:theme_list"),
        reverse("terms:document", args=["proposal_terms"]),
        reverse("proposals:detail", args=[case.pk]),  # anonymous: the sign-in page
    ):
        response = client.get(page, follow=True)
        assert response.status_code == 200
        assert "/documents/" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("cases", [1, 4])
def test_download_takes_the_same_queries_however_many_documents_exist(
    client, office_user, run_jobs, cases, django_assert_num_queries
):
    issued = [submit(ProposalFactory(complete=True)) for _ in range(cases)]
    run_jobs()
    member = MemberFactory(organization=issued[0].organization)
    client.force_login(member)
    url = reverse("documents:download", args=[issued[0].issued_documents.get().public_id])
    client.get(url)  # warm the session and the membership

    with django_assert_num_queries(6):
        response = client.get(url)

    assert response.status_code == 200


def test_every_deciding_step_but_completion_issues_a_notice():
    assert {step for step, kind in ISSUED_AFTER.items() if kind == Kind.DECISION} == {
        A.DECLINE,
        A.ADOPT,
        A.NOT_ADOPT,
        A.SELECT,
        A.NOT_SELECT,
    }
