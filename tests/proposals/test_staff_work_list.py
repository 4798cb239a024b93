"""The city's work list (issue 5 §4): the cases each of the city's staff sees, its columns,
filters and unread markers, and its queries.

Staff pages exist for the office and department staff only: anyone else signed in gets 404
(a business learns nothing of them).
"""

import re

import pytest
from django.urls import reverse

from dialogue.services import mark_read
from proposals.models import Proposal
from proposals.services import assign_department
from proposals.states import Stage
from proposals.views import worklist as worklist_views
from tests.factories.accounts import DepartmentFactory, MemberFactory, UserFactory
from tests.factories.dialogue import send
from tests.factories.proposals import ProposalFactory
from tests.proposals.helpers import login_redirect
from tests.scenarios import case_at, submitted_case, submitted_days_ago

pytestmark = pytest.mark.django_db

S = Proposal.Status


def row_of(page: str, case) -> str:
    """The table row of a case, found by its reference number (kept unbroken in a span)."""
    pattern = rf'<tr[^>]*>\s*<td[^>]*><span class="ref">{case.reference}</span></td>.*?</tr>'
    return re.search(pattern, page, re.S).group(0)


def test_office_sees_every_submitted_case_and_no_draft(client, office_user, department):
    mine = case_at(S.CONSULTING, office=office_user, departments=[department])
    other = submitted_case()
    draft = ProposalFactory(title="下書きの案件")
    client.force_login(office_user)

    response = client.get(reverse("proposals:staff_cases"))

    assert response.status_code == 200
    assert {row["case"] for row in response.context["rows"]} == {mine, other}
    assert draft.title not in response.content.decode()


def test_department_staff_see_their_departments_cases_and_nothing_else(
    client, office_user, department, department_user
):
    mine = case_at(S.PLANNING, office=office_user, departments=[department])
    other = case_at(S.CONSULTING, office=office_user, departments=[DepartmentFactory(code="toshi")])
    unassigned = submitted_case()
    client.force_login(department_user)

    response = client.get(reverse("proposals:staff_cases"))

    assert [row["case"] for row in response.context["rows"]] == [mine]
    page = response.content.decode()
    assert other.title not in page and unassigned.title not in page
    assert department.name in page


@pytest.mark.parametrize("who", ["member", "plain_user"])
def test_work_list_does_not_exist_for_a_business_or_anyone_else(client, who):
    submitted_case()
    client.force_login(MemberFactory() if who == "member" else UserFactory())

    assert client.get(reverse("proposals:staff_cases")).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in_for_the_work_list(client):
    assert login_redirect(client.get(reverse("proposals:staff_cases")))


def test_work_list_shows_reference_organisation_stage_status_departments_and_deadline(
    client, office_user, department
):
    case = case_at(S.PLANNING, office=office_user, departments=[department])
    received = submitted_case()
    client.force_login(office_user)

    response = client.get(reverse("proposals:staff_cases"))

    page = response.content.decode()
    row = row_of(page, case)
    for text in (
        case.title,
        case.organization.name,
        department.name,
        str(Stage.PLANNING.label),
    ):
        assert text in row
    assert 'class="status status-planning"' in row
    assert received.first_response_due_on.isoformat() in page
    stages = {row["case"]: str(row["stage"]) for row in response.context["rows"]}
    assert stages == {case: Stage.PLANNING.label, received: Stage.IDEA.label}


def test_overdue_case_is_marked_in_text_and_found_by_the_filter(client, office_user):
    late = submitted_days_ago(60, title="期限切れの案件")
    on_time = submitted_case(title="期限内の案件")
    client.force_login(office_user)

    listing = client.get(reverse("proposals:staff_cases")).content.decode()
    overdue_only = client.get(reverse("proposals:staff_cases"), {"overdue": "on"})

    late_row = row_of(listing, late)
    on_time_row = row_of(listing, on_time)
    assert 'class="overdue"' in late_row and 'class="overdue"' not in on_time_row
    assert [row["case"] for row in overdue_only.context["rows"]] == [late]
    # The nearest deadline comes first.
    assert listing.index(late.reference) < listing.index(on_time.reference)


def test_stage_and_status_filters_are_kept_in_the_url_and_its_page_links(
    client, office_user, monkeypatch
):
    monkeypatch.setattr(worklist_views, "CASES_PER_PAGE", 1)
    consulting = [case_at(S.CONSULTING, office=office_user) for _ in range(2)]
    planning = case_at(S.PLANNING, office=office_user)
    client.force_login(office_user)

    idea = client.get(reverse("proposals:staff_cases"), {"stage": "idea"})
    in_planning = client.get(reverse("proposals:staff_cases"), {"status": S.PLANNING})

    assert idea.context["result_count"] == 2
    assert {row["case"] for row in idea.context["rows"]} <= set(consulting)
    assert 'href="?stage=idea&amp;page=2"' in idea.content.decode()
    assert '<option value="idea" selected>' in idea.content.decode()
    assert [row["case"] for row in in_planning.context["rows"]] == [planning]


def test_an_unknown_filter_value_shows_no_case_and_says_why(client, office_user):
    submitted_case()
    client.force_login(office_user)

    response = client.get(reverse("proposals:staff_cases"), {"stage": "nonsense"})

    assert response.context["rows"] == []
    assert 'class="errorlist"' in response.content.decode()


def test_unread_marker_shows_a_proposer_message_the_viewer_has_not_read(
    client, office_user, department, department_user
):
    case = case_at(S.CONSULTING, office=office_user, departments=[department])
    quiet = case_at(S.CONSULTING, office=office_user, departments=[department])
    client.force_login(department_user)
    url = reverse("proposals:staff_cases")

    send(case, body="試行の日程について相談です。")
    unread = {row["case"]: row["case"].has_unread for row in client.get(url).context["rows"]}
    mark_read(user=department_user, case=case)
    after_reading = client.get(url)
    office_view = {row["case"]: row["case"].has_unread for row in _rows_for(client, office_user)}

    assert unread == {case: True, quiet: False}
    assert not any(row["case"].has_unread for row in after_reading.context["rows"])
    assert "badge new" not in after_reading.content.decode()
    assert office_view[case] is True  # read marks are per person


def _rows_for(client, user):
    client.force_login(user)
    return client.get(reverse("proposals:staff_cases")).context["rows"]


def test_a_message_after_the_last_read_is_new_again(
    client, office_user, department, department_user
):
    case = case_at(S.CONSULTING, office=office_user, departments=[department])
    send(case, body="一通目")
    mark_read(user=department_user, case=case)
    send(case, body="二通目")
    client.force_login(department_user)

    response = client.get(reverse("proposals:staff_cases"))

    assert [row["case"].has_unread for row in response.context["rows"]] == [True]
    assert 'class="badge new"' in response.content.decode()


@pytest.mark.parametrize("count", [1, 50])
@pytest.mark.parametrize("viewer", ["office", "department"])
def test_work_list_needs_the_same_number_of_queries_for_1_or_50_cases(
    client, office_user, department, department_user, viewer, count, django_assert_num_queries
):
    for number in range(count):
        case = submitted_case()
        assign_department(case=case, department=department, by=office_user)
        if number % 2:
            send(case, body="ご確認ください。")
    ProposalFactory()  # a draft, never listed
    user = office_user if viewer == "office" else department_user
    client.force_login(user)
    url = reverse("proposals:staff_cases")
    client.get(url)

    # session, user, groups, permissions (2), count, the page of cases, their departments;
    # the office: and the departments of the department condition; department staff: and
    # their own department, named in the page's lead
    with django_assert_num_queries(9):
        response = client.get(url)

    assert len(response.context["rows"]) == count
