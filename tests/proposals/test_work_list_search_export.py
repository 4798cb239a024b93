"""The staff work list's search, sort, CSV export and print view (issue 13 §3).

A keyword finds a case by its reference number (受付番号, typed half- or full-width, with or
without the hyphen), its title (件名) or its organisation (事業者, by name or reading, in either
kana); the export is the filtered list with the ticked columns, as Excel in Japan opens it; the
print view is the whole filtered list. Department staff search, export and print only their
own department's cases.
"""

import csv
import io
import re
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import timezone

from proposals.exports import COLUMNS
from proposals.models import Proposal
from proposals.services import assign_department
from tests.factories.accounts import (
    DepartmentFactory,
    MemberFactory,
    OrganizationFactory,
    UserFactory,
)
from tests.factories.evaluation import EvaluatorFactory
from tests.proposals.helpers import LIST, act, login_redirect
from tests.scenarios import adoption_round, case_at, days_ago, submitted_case

pytestmark = pytest.mark.django_db

S = Proposal.Status
CASES = reverse("proposals:staff_cases")
EXPORT = reverse("proposals:staff_cases_export")
PRINT = reverse("proposals:staff_cases_print")
BOM = b"\xef\xbb\xbf"


def found(client, q) -> set:
    response = client.get(CASES, {"q": q})
    assert response.status_code == 200
    return {row["case"] for row in response.context["rows"]}


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    assert response.content.startswith(BOM)
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def green(db):
    """A case of an organisation registered as the form stores it (NFKC, reading in katakana),
    its title typed in full-width letters (titles are kept as typed)."""
    organization = OrganizationFactory(
        name="株式会社みしまグリーン", name_kana="カブシキガイシャミシマグリーン"
    )
    return submitted_case(organization=organization, title="ＡＩ活用の窓口案内")


@pytest.fixture
def other(db):
    return submitted_case(title="公園の清掃ボランティア")


# Search --------------------------------------------------------------------------------------


def test_office_finds_a_case_by_its_reference_number_however_it_is_typed(
    client, office_user, green, other
):
    client.force_login(office_user)
    era, serial = re.fullmatch(r"R(\d+)-(\d+)", green.reference).groups()
    full_width = green.reference.translate(
        str.maketrans("R0123456789-", "Ｒ０１２３４５６７８９－")
    )

    for typed in (
        green.reference,
        green.reference.lower(),
        full_width,
        f"R{era}{serial}",  # without the hyphen
        f"R{era}ー{serial}",  # a long-vowel mark typed for the hyphen
        f"R{era}-{int(serial)}",  # without the zeros
    ):
        assert found(client, typed) == {green}, typed


def test_office_finds_a_case_by_title_in_half_or_full_width(client, office_user, green, other):
    client.force_login(office_user)

    assert found(client, "AI活用") == {green}
    assert found(client, "ａｉ") == {green}
    assert found(client, "清掃") == {other}


def test_office_finds_a_case_by_organisation_name_or_reading_in_either_kana(
    client, office_user, green, other
):
    client.force_login(office_user)

    for typed in (
        "みしまグリーン",
        "ミシマグリーン",
        "ｸﾞﾘｰﾝ",
        "みしまぐりーん",
        "ガイシャミシマグリーン",
    ):
        assert found(client, typed) == {green}, typed


def test_several_words_must_all_match_and_a_stranger_word_finds_nothing(
    client, office_user, green, other
):
    client.force_login(office_user)

    assert found(client, "グリーン　窓口") == {green}  # a full-width space between words
    assert found(client, "グリーン 清掃") == set()
    assert found(client, "存在しない言葉") == set()


def test_hostile_input_is_searched_as_text(client, office_user, green):
    client.force_login(office_user)

    for typed in ("%", "_", "' OR 1=1 --", "<script>alert(1)</script>", "R8-%"):
        response = client.get(CASES, {"q": typed})
        assert response.status_code == 200
        assert [row["case"] for row in response.context["rows"]] == []
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_keyword_too_long_is_refused_with_a_message_and_lists_nothing(client, office_user, green):
    client.force_login(office_user)

    response = client.get(CASES, {"q": "あ" * 101})

    assert response.context["rows"] == []
    assert 'class="errorlist"' in response.content.decode()


def test_department_staff_search_finds_only_their_cases(
    client, office_user, department, department_user
):
    mine = case_at(S.CONSULTING, office=office_user, departments=[department], title="共通語 自課")
    theirs = case_at(
        S.CONSULTING,
        office=office_user,
        departments=[DepartmentFactory(code="toshi")],
        title="共通語 他課 LEAK-OTHER",
    )
    client.force_login(department_user)

    assert found(client, "共通語") == {mine}
    assert found(client, theirs.reference) == set()
    assert "LEAK-OTHER" not in client.get(CASES, {"q": "共通語"}).content.decode()


# Sort ----------------------------------------------------------------------------------------


def test_office_sorts_the_list_by_reference_title_received_date_and_status(client, office_user):
    with days_ago(3):
        first = submitted_case(title="い 二番目の件名")
    second = submitted_case(title="あ 一番目の件名")
    third = case_at(S.CONSULTING, office=office_user, title="う 三番目の件名")
    client.force_login(office_user)

    def order(sort):
        response = client.get(CASES, {"sort": sort})
        return [row["case"] for row in response.context["rows"]]

    assert order("reference") == [first, second, third]
    assert order("title") == [second, first, third]
    assert order("received") == [third, second, first]
    assert order("received_oldest") == [first, second, third]
    assert order("status")[-1] == third  # received before consulting
    assert order("bogus") == []


# CSV export ----------------------------------------------------------------------------------


def test_export_has_a_bom_and_only_the_ticked_columns_of_the_filtered_list(
    client, office_user, green, other
):
    client.force_login(office_user)

    response = client.get(EXPORT, {"q": "グリーン", "columns": ["reference", "organization"]})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows_of(response) == [
        [str(COLUMNS["reference"].label), str(COLUMNS["organization"].label)],
        [green.reference, "株式会社みしまグリーン"],
    ]


def test_export_neutralises_cells_that_a_spreadsheet_would_run_as_formulas(client, office_user):
    titles = ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1:A2)"]
    for title in titles:
        submitted_case(title=title)
    client.force_login(office_user)

    response = client.get(EXPORT, {"columns": ["title"], "sort": "reference"})

    cells = [row[0] for row in rows_of(response)[1:]]
    assert cells == ["'" + title for title in titles]


def test_export_has_a_japanese_file_name(client, office_user, green):
    client.force_login(office_user)

    response = client.get(EXPORT, {"columns": ["reference"]})

    today = timezone.localdate().strftime("%Y%m%d")
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="cases-{today}.csv"')
    local = unquote(re.search(r"filename\*=UTF-8''(\S+)", disposition).group(1))
    assert local == f"案件一覧_{today}.csv"


def test_export_without_a_ticked_column_says_so_and_downloads_nothing(client, office_user, green):
    client.force_login(office_user)

    response = client.get(EXPORT, {"q": "グリーン"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert response.context["export_form"].errors["columns"][0]
    assert [row["case"] for row in response.context["rows"]] == [green]


def test_department_staff_export_only_their_own_cases(
    client, office_user, department, department_user
):
    mine = case_at(S.CONSULTING, office=office_user, departments=[department])
    case_at(
        S.CONSULTING,
        office=office_user,
        departments=[DepartmentFactory(code="toshi")],
        title="LEAK-OTHER 他課の案件",
    )
    submitted_case(title="LEAK-UNASSIGNED 未割当の案件")
    client.force_login(department_user)

    everything = client.get(EXPORT, {"columns": list(COLUMNS)})
    by_other = client.get(EXPORT, {"columns": ["title"], "department": "toshi"})

    assert [row[0] for row in rows_of(everything)[1:]] == [mine.reference]
    assert b"LEAK-" not in everything.content
    assert [row[0] for row in rows_of(by_other)[1:]] == [mine.title]  # no such condition here


def test_the_list_page_offers_the_export_with_the_conditions_and_the_print_view(
    client, office_user, green
):
    client.force_login(office_user)

    page = client.get(CASES, {"q": "グリーン", "status": "received", "page": "1"}).content.decode()

    form = re.search(rf'<form class="export-form"[^>]*action="{EXPORT}".*?</form>', page, re.S)
    assert form is not None
    assert '<input type="hidden" name="q" value="グリーン">' in form.group(0)
    assert '<input type="hidden" name="status" value="received">' in form.group(0)
    assert 'name="page"' not in form.group(0)
    assert 'type="checkbox" name="columns" value="reference"' in form.group(0)
    assert f'href="{PRINT}?q=' in page


# Print view ----------------------------------------------------------------------------------


def test_print_view_lists_every_filtered_case_and_says_the_conditions(
    client, office_user, green, other, monkeypatch
):
    monkeypatch.setattr("proposals.views.worklist.CASES_PER_PAGE", 1)
    client.force_login(office_user)

    everything = client.get(PRINT)
    filtered = client.get(PRINT, {"q": "グリーン"})

    assert everything.status_code == 200
    assert {row["case"] for row in everything.context["rows"]} == {green, other}
    assert [row["case"] for row in filtered.context["rows"]] == [green]
    page = filtered.content.decode()
    assert f'<span class="ref">{green.reference}</span>' in page
    assert "グリーン" in page and other.title not in page
    assert 'class="container cases-print"' in page


def test_department_staff_print_only_their_own_cases(
    client, office_user, department, department_user
):
    mine = case_at(S.CONSULTING, office=office_user, departments=[department])
    case_at(
        S.CONSULTING,
        office=office_user,
        departments=[DepartmentFactory(code="toshi")],
        title="LEAK-OTHER 他課の案件",
    )
    client.force_login(department_user)

    response = client.get(PRINT)

    assert [row["case"] for row in response.context["rows"]] == [mine]
    assert "LEAK-OTHER" not in response.content.decode()


# Queries -------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 20])
@pytest.mark.parametrize("url", [EXPORT, PRINT], ids=["export", "print"])
def test_export_and_print_need_the_same_number_of_queries_for_1_or_20_cases(
    client, office_user, department, count, url, django_assert_num_queries
):
    for _ in range(count):
        case = submitted_case()
        assign_department(case=case, department=department, by=office_user)
    client.force_login(office_user)
    data = {"columns": list(COLUMNS), "q": "公共"}
    client.get(url, data)

    # session, user, groups, permissions (2), the cases, their departments
    with django_assert_num_queries(7):
        response = client.get(url, data)

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 20])
def test_searching_the_list_needs_the_same_number_of_queries_for_1_or_20_cases(
    client, office_user, count, django_assert_num_queries
):
    for _ in range(count):
        submitted_case()
    client.force_login(office_user)
    client.get(CASES, {"q": "公共"})

    # session, user, groups, permissions (2), count, the page of cases, their departments,
    # the department condition's choices
    with django_assert_num_queries(9):
        response = client.get(CASES, {"q": "公共", "sort": "title"})

    assert len(response.context["rows"]) == count


# Who may use them ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", [EXPORT, PRINT], ids=["export", "print"])
@pytest.mark.parametrize("who", ["member", "plain_user", "evaluator"])
def test_export_and_print_do_not_exist_for_a_business_an_evaluator_or_anyone_else(
    client, office_user, url, who
):
    case = submitted_case(title="LEAK-CASE 事業者の案件")
    make = {"member": MemberFactory, "plain_user": UserFactory, "evaluator": EvaluatorFactory}
    person = make[who]() if who != "member" else MemberFactory(organization=case.organization)
    if who == "evaluator":
        adoption_round(office=office_user, evaluators=[person])
    client.force_login(person)

    response = client.get(url, {"columns": ["title"]})

    assert response.status_code == 404
    assert b"LEAK-CASE" not in response.content


@pytest.mark.parametrize("url", [EXPORT, PRINT], ids=["export", "print"])
def test_anonymous_visitor_is_sent_to_sign_in_for_export_and_print(client, url):
    assert login_redirect(client.get(url, {"columns": ["title"]}))


# The admin's export action -------------------------------------------------------------------


def test_office_exports_the_selected_cases_from_the_admin_list(client, office_user, green, other):
    client.force_login(office_user)

    response = act(client, "export_cases_csv", [green])

    rows = rows_of(response)
    assert rows[0] == [str(column.label) for column in COLUMNS.values()]
    assert [row[0] for row in rows[1:]] == [green.reference]
    assert "filename*=UTF-8''" in response["Content-Disposition"]


def test_department_staff_cannot_run_the_admin_export(
    client, office_user, department, department_user
):
    case = case_at(S.CONSULTING, office=office_user, departments=[department])
    client.force_login(department_user)

    response = act(client, "export_cases_csv", [case])

    assert response.status_code == 302
    assert response["Location"] == reverse("proposals:staff_home")
    assert not response.content.startswith(BOM)
    assert client.get(reverse(LIST)).status_code == 302


def test_print_view_names_the_unassigned_condition_in_words(client, office_user, green):
    client.force_login(office_user)

    response = client.get(PRINT, {"department": "none", "open": "on", "turn": "city"})

    assert [row["case"] for row in response.context["rows"]] == [green]
    shown = {str(c["label"]): str(c["value"]) for c in response.context["conditions"]}
    assert shown == {
        str(response.context["filter"].form.fields["department"].label): "未割当",
        str(response.context["filter"].form.fields["open"].label): "はい",
        str(response.context["filter"].form.fields["turn"].label): str(
            response.context["filter"].form.fields["turn"].choices[1][1]
        ),
    }
