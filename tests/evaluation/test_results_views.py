"""The office's results pages: the ranking and spread, the CSV export, the printable page."""

import csv
import io
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation.models import Round
from tests.factories.accounts import DepartmentUserFactory, MemberFactory, UserFactory
from tests.factories.evaluation import criteria_set
from tests.scenarios import hand_checked_selection

from .results_data import (
    G,
    candidate,
    conflict,
    evaluation_round,
    evaluator,
    grown_round,
    sheet,
)

pytestmark = pytest.mark.django_db

PAGES = ("evaluation:results", "evaluation:results_csv", "evaluation:results_print")


@pytest.fixture
def selection(office_user, department):
    """The hand-checked sheet as the selection of a real case in stage 3, its department in
    charge assigned; A is the original proposal."""
    return hand_checked_selection(office=office_user, departments=[department])


# Who may see -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_office_opens_every_results_page(client, office_user, selection, name):
    client.force_login(office_user)

    response = client.get(reverse(name, args=[selection.pk]))

    assert response.status_code == 200


def _users(selection, department_user):
    """Every role but the office, with what could leak existing."""
    other_round = evaluation_round(office=selection.created_by, criteria_set=selection.criteria_set)
    member_of_another = MemberFactory()
    proposer = MemberFactory(organization=selection.proposal.organization)
    return {
        "business of another organisation": member_of_another,
        "the proposer": proposer,
        "department staff assigned to the case": department_user,
        "department staff not assigned": DepartmentUserFactory(),
        "evaluator of this round": selection.assignments.first().evaluator,
        "evaluator of another round": evaluator(other_round, office=selection.created_by).evaluator,
        "plain user": UserFactory(),
    }


@pytest.mark.parametrize("name", PAGES)
def test_everyone_but_the_office_is_refused_with_a_404(client, selection, department_user, name):
    url = reverse(name, args=[selection.pk])
    assert client.get(url).status_code == 404  # anonymous

    for role, user in _users(selection, department_user).items():
        client.force_login(user)
        response = client.get(url)
        assert (role, response.status_code) == (role, 404)
        assert "株式会社B".encode() not in response.content
        client.logout()


def test_office_gets_a_404_for_a_round_that_does_not_exist(client, office_user):
    client.force_login(office_user)

    response = client.get(reverse("evaluation:results", args=[999_999]))

    assert response.status_code == 404


# The results page --------------------------------------------------------------------------


def test_office_sees_the_ranking_of_the_hand_checked_sheet(client, office_user, selection):
    client.force_login(office_user)

    response = client.get(reverse("evaluation:results", args=[selection.pk]))

    results = response.context["results"]
    assert [(r.label, r.total, r.rank) for r in results.candidates] == [
        ("B", pytest.approx(64.75), 1),
        ("A", pytest.approx(64.25), 2),
        ("C", pytest.approx(50.75), 3),
    ]
    page = response.content.decode()
    for figure in ("64.75", "59.25", "64.25", "50.75", "61.00", "57.50", "65.50", "49.00"):
        assert figure in page
    assert "株式会社B" in page and "株式会社C" in page  # the office sees names
    assert "評価 一郎" in page and "評価 二郎" in page  # in the evaluators' legend
    assert "<caption" in page and 'scope="col"' in page and 'scope="row"' in page
    assert reverse("evaluation:results_csv", args=[selection.pk]) in page
    assert reverse("evaluation:results_print", args=[selection.pk]) in page
    assert 'class="notice results-provisional"' not in page  # scoring closed
    assert 'class="notice-error results-tie"' not in page


def test_office_is_told_the_figures_are_provisional_while_scoring_is_open(
    client, office_user, selection
):
    Round.objects.filter(pk=selection.pk).update(status=Round.Status.OPEN)
    client.force_login(office_user)

    response = client.get(reverse("evaluation:results", args=[selection.pk]))

    assert 'class="notice results-provisional"' in response.content.decode()


def test_office_sees_a_tie_flagged_and_an_outlier_marked_in_text(client, office_user):
    """A and B: 10 + 10 = 20 from every evaluator → tied. On C's 品質: 8, 8, 2. 委員3: |2 − 8|
    = 6 > 30% × 10 = 3 → outlier; 委員1 and 委員2: |8 − (8 + 2) / 2| = 3, not more → not."""
    criteria = criteria_set(
        [(G.QUALITY, "品質", 10, "1"), (G.PRICE, "価格", 10, "1")], pass_mark="10", bonus="0"
    )
    round = evaluation_round(office=office_user, criteria_set=criteria)
    a, b, c = (candidate(round, label) for label in "ABC")
    people = [evaluator(round, office=office_user, minutes=n) for n in (1, 2, 3)]
    for person in people:
        sheet(person, a, [10, 10])
        sheet(person, b, [10, 10])
    sheet(people[0], c, [8, 5])
    sheet(people[1], c, [8, 5])
    sheet(people[2], c, [2, 5])
    client.force_login(office_user)

    response = client.get(reverse("evaluation:results", args=[round.pk]))

    page = response.content.decode()
    assert 'class="notice-error results-tie"' in page
    assert page.count('class="result-tie"') == 2
    assert page.count('class="outlier-flag"') == 1


def test_office_sees_blocked_and_missing_evaluators_named_as_such(client, office_user):
    criteria = criteria_set([(G.QUALITY, "品質", 10, "1")], pass_mark="5", bonus="0")
    round = evaluation_round(office=office_user, criteria_set=criteria)
    a = candidate(round, "A")
    first, second, third = (evaluator(round, office=office_user, minutes=n) for n in (1, 2, 3))
    sheet(first, a, [7])
    sheet(second, a, [3], submitted=False)
    conflict(third, a)
    client.force_login(office_user)

    response = client.get(reverse("evaluation:results", args=[round.pk]))

    result = response.context["results"].candidates[0]
    assert (result.counted, result.missing, result.blocked) == (1, 1, 1)
    page = response.content.decode()
    assert [cell.state for cell in result.spreads[0].cells] == ["counted", "missing", "blocked"]
    assert page.count('<span class="empty">') >= 4  # missing and blocked: in a cell and a total


# Query counts ------------------------------------------------------------------------------

SIZES = [
    {"candidates": 1, "evaluators": 1, "criteria": 3},
    {"candidates": 5, "evaluators": 1, "criteria": 3},
    {"candidates": 1, "evaluators": 4, "criteria": 3},
    {"candidates": 1, "evaluators": 1, "criteria": 8},
    {"candidates": 5, "evaluators": 4, "criteria": 8},
]
# session, user, groups, round, then aggregation.py's six (criteria set joined to the round),
# and the read log's two (the reader's membership, the entry: proposals.audit)
PAGE_QUERIES = 12
# the same and the two comment queries of the export
CSV_QUERIES = 14


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", ["evaluation:results", "evaluation:results_print"])
def test_office_results_page_takes_constant_queries(
    client, office_user, size, name, django_assert_num_queries
):
    round = grown_round(office=office_user, **size)
    client.force_login(office_user)
    url = reverse(name, args=[round.pk])
    client.get(url)  # warm the caches

    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(url)

    assert len(response.context["results"].candidates) == size["candidates"]


@pytest.mark.parametrize("size", SIZES)
def test_office_csv_export_takes_constant_queries(
    client, office_user, size, django_assert_num_queries
):
    round = grown_round(office=office_user, **size)
    client.force_login(office_user)
    url = reverse("evaluation:results_csv", args=[round.pk])
    client.get(url)

    with django_assert_num_queries(CSV_QUERIES):
        response = client.get(url)

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    per_candidate = size["evaluators"] * (size["criteria"] + 1) + 1
    assert len(rows) == 1 + size["candidates"] * per_candidate


# The CSV export ----------------------------------------------------------------------------


def _csv(client, round):
    response = client.get(reverse("evaluation:results_csv", args=[round.pk]))
    assert response.status_code == 200
    return response


def test_office_exports_a_csv_that_excel_in_japan_opens(client, office_user, selection):
    client.force_login(office_user)

    response = _csv(client, selection)

    body = response.content
    assert body.startswith("\ufeff".encode())  # the BOM: Excel reads UTF-8
    text = body.decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    # RFC 6266 / 5987: an ASCII name for old clients, the Japanese one (percent-encoded).
    name = f"評価結果_公共施設予約システム 事業者選定_{timezone.localdate():%Y%m%d}.csv"
    assert response["Content-Disposition"] == (
        f'attachment; filename="evaluation-results-{selection.pk}.csv"; '
        f"filename*=UTF-8''{quote(name, safe='')}"
    )


def test_office_csv_holds_every_score_and_the_summaries(client, office_user, selection):
    """3 candidates × 2 evaluators × (4 criteria + 1 total row) + 3 summaries = 33 rows."""
    client.force_login(office_user)

    rows = list(csv.reader(io.StringIO(_csv(client, selection).content.decode("utf-8-sig"))))

    header, body = rows[0], rows[1:]
    assert len(header) == 27 and len({len(row) for row in rows}) == 1
    assert len(body) == 33
    column = {name: index for index, name in enumerate(header)}
    summaries = [row for row in body if row[0] == body[-1][0]]
    assert [
        (row[1], row[2], row[column[header[17]]], row[column[header[18]]], row[19], row[20])
        for row in summaries
    ] == [
        ("B", "株式会社B", "64.75", "0.00", "64.75", "1"),
        ("A", selection.proposal.organization.name, "59.25", "5.00", "64.25", "2"),
        ("C", "株式会社C", "50.75", "0.00", "50.75", "3"),
    ]
    first_score = body[0]
    # candidate B, evaluator 1, 提案内容の品質: 16 points × weight 2 = 32
    assert (first_score[1], first_score[6], first_score[10], first_score[11]) == (
        "B",
        "提案内容の品質",
        "16",
        "32.00",
    )


def test_office_csv_neutralises_cells_that_look_like_formulas(client, office_user):
    criteria = criteria_set([(G.QUALITY, "=1+1", 10, "1")], pass_mark="5", bonus="0")
    round = evaluation_round(office=office_user, criteria_set=criteria)
    a = candidate(round, "A", organization_name='=HYPERLINK("http://evil.example","x")')
    person = evaluator(round, office=office_user, name="@SUM(A1)")
    sheet(person, a, [7], comment="+cmd|' /C calc'!A0")
    a.sheets.get().scores.update(comment="-2+3")
    client.force_login(office_user)

    text = _csv(client, round).content.decode("utf-8-sig")

    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert '\'=HYPERLINK("http://evil.example","x")' in cells
    assert "'@SUM(A1)" in cells
    assert "'+cmd|' /C calc'!A0" in cells
    assert "'-2+3" in cells
    assert "'=1+1" in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


def test_office_csv_leaves_out_the_comments_of_unsubmitted_sheets(client, office_user):
    criteria = criteria_set([(G.QUALITY, "品質", 10, "1")], pass_mark="5", bonus="0")
    round = evaluation_round(office=office_user, criteria_set=criteria)
    a = candidate(round, "A")
    person = evaluator(round, office=office_user)
    sheet(person, a, [7], submitted=False, comment="書きかけの所見")
    client.force_login(office_user)

    text = _csv(client, round).content.decode("utf-8-sig")

    assert "書きかけの所見" not in text


def test_office_prints_the_results_with_the_date_and_signature_lines(
    client, office_user, selection
):
    client.force_login(office_user)

    response = client.get(reverse("evaluation:results_print", args=[selection.pk]))

    page = response.content.decode()
    assert "<time datetime=" in page
    assert 'class="signature-table"' in page
    assert page.count('<th scope="row">') >= 2
    assert "64.75" in page
