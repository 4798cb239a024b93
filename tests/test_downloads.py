"""Every download, byte for byte and by name (DESIGN §5: files only through a checking view).

For each download view: the bytes served are exactly the bytes stored (and uploaded), under
exactly the name the reader must see — the Japanese name per RFC 5987, or the neutral 資料N of
an anonymised round — and a role that may not have the file gets 404 (it does not exist for
them). The exports (CSV) are compared with the exact text a re-user or the office must get,
with what must not appear in them existing.
"""

from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from cocreation_list.models import ThemeAttachment
from evaluation import services as evaluation
from mishima_kyoso.common.documents import without_metadata
from partnership.selectors import agreement_of
from proposals.models import Proposal
from tests.factories.accounts import DepartmentFactory, DepartmentUserFactory, MemberFactory
from tests.factories.cocreation_list import ThemeFactory
from tests.factories.dialogue import send
from tests.factories.proposals import attach, ooxml_bytes, pdf_bytes, upload
from tests.scenarios import (
    adoption_round,
    agreement_document,
    case_at,
    declare,
    declare_none,
    operating_case,
    published,
    score,
    selection_round,
    submitted_case,
)

pytestmark = pytest.mark.django_db

S = Proposal.Status
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def served(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def stored_bytes(row) -> bytes:
    with row.file.open("rb") as handle:
        return handle.read()


def as_attachment(name: str) -> str:
    """The Content-Disposition of a download named `name` (RFC 6266; RFC 5987 when not ASCII)."""
    return "attachment; filename*=utf-8''" + quote(name)


def download(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def outsiders():
    """Signed-in people who must not learn that a case's file exists: a member of another
    business, staff of a department not in charge."""
    return {
        "other_member": MemberFactory(),
        "unassigned_department": DepartmentUserFactory(department=DepartmentFactory(code="toshi")),
    }


# A proposal's files --------------------------------------------------------------------------


def test_a_proposal_file_is_served_exactly_as_stored_under_its_japanese_name(client):
    case = submitted_case()
    content = pdf_bytes("見積書")
    stored = attach(case, name="見積書 第2版.pdf", content=content)
    url = reverse("proposals:attachment", args=[case.pk, stored.pk])

    response = download(client, case.created_by, url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == as_attachment("見積書 第2版.pdf")
    assert served(response) == stored_bytes(stored) == content
    for person in outsiders().values():
        assert download(client, person, url).status_code == 404


# Dialogue files --------------------------------------------------------------------------------


def test_a_message_file_is_served_exactly_as_stored_and_an_internal_notes_file_to_the_city_only(
    client, office_user, department, department_user
):
    case = case_at(S.CONSULTING, office=office_user, departments=[department])
    content = ooxml_bytes("xlsx")
    answer = send(case, by=department_user, files=[upload("費用の内訳（案）.xlsx", content)])
    note = send(case, by=office_user, internal=True, files=[upload("内部メモ.pdf", pdf_bytes())])
    shared, internal = answer.attachments.get(), note.attachments.get()
    shared_url = reverse("dialogue:message_file", args=[case.pk, shared.pk])
    internal_url = reverse("dialogue:message_file", args=[case.pk, internal.pk])

    response = download(client, case.created_by, shared_url)
    city = download(client, department_user, internal_url)

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == as_attachment("費用の内訳（案）.xlsx")
    assert served(response) == stored_bytes(shared) == content
    assert city["Content-Disposition"] == as_attachment("内部メモ.pdf")
    assert served(city) == stored_bytes(internal) == pdf_bytes()
    assert download(client, case.created_by, internal_url).status_code == 404
    for person in outsiders().values():
        assert download(client, person, shared_url).status_code == 404


# Agreement documents ---------------------------------------------------------------------------


def test_an_agreement_document_is_served_exactly_as_stored_to_the_proposer_and_the_city(
    client, office_user, department, department_user
):
    proposer = MemberFactory()
    case = operating_case(
        office=office_user,
        departments=[department],
        organization=proposer.membership.organization,
        created_by=proposer,
    )
    content = pdf_bytes("協定書")
    document = agreement_document(
        agreement_of(case), office=office_user, name="協定書（署名済）.pdf", content=content
    )
    url = reverse("partnership:agreement_document", args=[case.pk, document.pk])

    for reader in (proposer, department_user, office_user):
        response = download(client, reader, url)
        assert response.status_code == 200
        assert response["Content-Disposition"] == as_attachment("協定書（署名済）.pdf")
        assert served(response) == stored_bytes(document) == content
    for person in outsiders().values():
        assert download(client, person, url).status_code == 404


# A candidate's files, to an evaluator -------------------------------------------------------------


# Two files whose names say who wrote them (made once: a zip carries the time it was made).
CANDIDATE_FILES = {
    "株式会社ひみつ商事_提案書.pdf": pdf_bytes("提案"),
    "ひみつ見積.xlsx": ooxml_bytes("xlsx"),
}


@pytest.fixture
def candidate_files(office_user):
    """Builds a selection with one application carrying CANDIDATE_FILES, anonymised or not:
    (round, the application's candidate, its files in upload order)."""

    def build(anonymised):
        round = selection_round(office=office_user, applications=1, anonymised=anonymised)
        candidate = round.candidates.get(is_original_proposer=False)
        stored = [
            attach(candidate.proposal, name=name, content=content)
            for name, content in CANDIDATE_FILES.items()
        ]
        return round, candidate, stored

    return build


def _candidate_file_url(round, candidate, stored):
    return reverse("evaluation:candidate_file", args=[round.pk, candidate.pk, stored.pk])


def test_an_anonymised_candidates_files_are_served_exactly_as_資料1_and_資料2(
    client, office_user, candidate_files
):
    round, candidate, (proposal_file, estimate) = candidate_files(anonymised=True)
    evaluator = declare_none(round.assignments.first()).evaluator

    first = download(client, evaluator, _candidate_file_url(round, candidate, proposal_file))
    second = download(client, evaluator, _candidate_file_url(round, candidate, estimate))

    assert (first.status_code, second.status_code) == (200, 200)
    assert first["Content-Disposition"] == as_attachment("資料1.pdf")
    assert second["Content-Disposition"] == as_attachment("資料2.xlsx")
    assert (first["Content-Type"], second["Content-Type"]) == ("application/pdf", XLSX)
    # The stored files as sent, served without their document metadata (名前を伏せた審査).
    assert stored_bytes(proposal_file) == CANDIDATE_FILES[proposal_file.original_name]
    assert stored_bytes(estimate) == CANDIDATE_FILES[estimate.original_name]
    assert served(first) == without_metadata(stored_bytes(proposal_file), "pdf")
    assert served(second) == without_metadata(stored_bytes(estimate), "xlsx")


def test_a_named_rounds_candidate_file_keeps_its_name_and_nobody_else_gets_it(
    client, office_user, candidate_files
):
    round, candidate, (proposal_file, _estimate) = candidate_files(anonymised=False)
    evaluator, conflicted = (a.evaluator for a in round.assignments.order_by("pk"))
    declare_none(round.assignments.get(evaluator=evaluator))
    declare(round.assignments.get(evaluator=conflicted), conflicts=[candidate])
    elsewhere = declare_none(adoption_round(office=office_user).assignments.get()).evaluator
    url = _candidate_file_url(round, candidate, proposal_file)

    response = download(client, evaluator, url)

    assert response["Content-Disposition"] == as_attachment("株式会社ひみつ商事_提案書.pdf")
    assert served(response) == stored_bytes(proposal_file)
    assert download(client, conflicted, url).status_code == 403  # their round: refused, seen
    for person in (elsewhere, office_user, candidate.proposal.created_by):
        assert download(client, person, url).status_code == 404


# Theme documents (public) ------------------------------------------------------------------------


def test_a_public_themes_document_is_served_exactly_as_stored_and_a_drafts_to_nobody(
    client, office_user
):
    content = pdf_bytes("募集要項")
    theme, draft = ThemeFactory(), ThemeFactory(draft=True)
    public = ThemeAttachment.objects.create(
        theme=theme, title="募集要項", file=ContentFile(content, name="募集要項 2026.pdf")
    )
    hidden = ThemeAttachment.objects.create(
        theme=draft, title="下書き", file=ContentFile(pdf_bytes(), name="下書き.pdf")
    )

    response = download(client, None, public.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Disposition"] == as_attachment("募集要項 2026.pdf")
    assert served(response) == stored_bytes(public) == content
    assert download(client, office_user, hidden.get_absolute_url()).status_code == 404
    other_theme = reverse("cocreation_list:attachment", args=[ThemeFactory().number, public.pk])
    assert download(client, None, other_theme).status_code == 404


# Exports ---------------------------------------------------------------------------------------


def test_the_themes_csv_is_exactly_the_public_themes_with_its_file_name(client):
    theme = ThemeFactory(title="ごみ減量", contact="環境政策課 055-000-0000")
    ThemeFactory(draft=True, title="下書きのテーマ")  # never exported
    published_at = timezone.localtime(theme.published_at).isoformat()

    response = download(client, None, reverse("cocreation_list:themes_csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="themes.csv"'
    assert (
        response.content
        == (
            "\ufeffnumber,title,status,call_state,fields,department,is_year_round,accepts_from,"
            "accepts_until,published_at,background,wanted,business_role,city_offer,conditions,"
            "contact,url\r\n"
            f"{theme.number},ごみ減量,published,accepting,環境,{theme.department.name},false,,"
            f"{theme.accepts_until.isoformat()},{published_at},"
            "市内の公共施設の予約は窓口と電話に限られています。,"
            "オンラインで空き状況の確認と予約ができる仕組みの提案を求めます。,"
            "システムの構築と運用。,施設の利用データ、広報紙での周知。,,環境政策課 055-000-0000,"
            f"http://testserver/themes/{theme.number}/\r\n"
        ).encode()
    )


def test_the_results_csv_is_exactly_the_published_decisions_with_its_file_name(client, office_user):
    case = case_at(
        S.ADOPTED, office=office_user, title="施設予約のオンライン化", consent_to_publish=True
    )
    case_at(S.ADOPTED, office=office_user, title="未公表の採択")  # decided, not published
    publication = published(case, office=office_user, discloses_proposer=True)
    decided_on = timezone.localdate(publication.decided_at)
    fiscal_year = decided_on.year if decided_on.month >= 4 else decided_on.year - 1
    published_at = timezone.localtime(publication.published_at).isoformat()

    response = download(client, None, reverse("outcomes:results_csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="results.csv"'
    assert (
        response.content
        == (
            "\ufeffid,fiscal_year,title,decision,decision_label,decided_on,public_reason,ppp_method,"
            "ppp_method_label,opportunity,opportunity_label,proposer_name,outline,selected_party,"
            "candidates,published_at,url\r\n"
            f"{publication.pk},{fiscal_year},施設予約のオンライン化,adopt,採択,{decided_on},"
            "市民の利便性向上が見込まれるため採択する。,outsourcing,業務委託,open_call,公募,"
            f"{case.organization.name},施設の空き状況をオンラインで確認・予約できる仕組みを提案します。"
            f",,,{published_at},http://testserver/results/{publication.pk}/\r\n"
        ).encode()
    )


def test_the_score_sheet_csv_is_exactly_the_sheet_under_its_japanese_name_for_the_office_only(
    client, office_user, department_user
):
    """One candidate, one evaluator, one criterion (citizens' viewpoint, 10 points, weight 1,
    pass mark 10): 7 points → weighted 7.00; adoption review: no bonus; 7.00 < 10: fail."""
    round = adoption_round(office=office_user, criteria=1)
    assignment = declare_none(round.assignments.get())
    candidate = round.candidates.get()
    score(assignment, candidate, 7, comment="良い")
    evaluation.close_round(round=round, by=office_user)
    organization = candidate.proposal.organization.name
    evaluator = assignment.evaluator.get_full_name()
    url = reverse("evaluation:results_csv", args=[round.pk])
    name = f"評価結果_採否審査_{timezone.localdate():%Y%m%d}.csv"

    response = download(client, office_user, url)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="evaluation-results-{round.pk}.csv"; '
        f"filename*=UTF-8''{quote(name)}"
    )
    padding = "," * 13
    off = "," * 11 + "なし（素点の合計のみ）,,,"  # normalisation off: said on the totals' rows
    assert response.content.decode() == (
        "\ufeff行の種類,候補,事業者,提案者,委員,委員氏名,評価項目,区分,配点,重み,得点,加重得点,"
        "状態,外れ値,集計対象の委員数,未提出の委員数,除外された委員数,平均,加点,合計点,順位,"
        "結果,同点,正規化,正規化後の合計,正規化後の順位,コメント\r\n"
        f"採点,A,{organization},はい,委員1,{evaluator},評価項目1,市民・利用者,10,1.00,7,7.00,"
        f"集計対象,{padding}\r\n"
        f"委員別合計,A,{organization},はい,委員1,{evaluator},,,,,,7.00,集計対象{off}良い\r\n"
        f"集計,A,{organization},はい,,,,,,,,,,,1,0,0,7.00,0.00,7.00,1,不合格,,なし（素点の合計のみ）,,,\r\n"
    )
    for person in (assignment.evaluator, department_user, candidate.proposal.created_by):
        assert download(client, person, url).status_code == 404
