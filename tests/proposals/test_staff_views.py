"""The city's staff pages (issue 5 §4): the work list, the case page and the step form.

Staff pages exist for the office and department staff only: anyone else signed in gets 404 on
every one of them (a business learns nothing of them), as for a case that is not theirs.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from dialogue.services import mark_read
from proposals.models import (
    AccessLog,
    Opportunity,
    PPPMethod,
    Proposal,
    ProposalTransition,
    ProposalVersion,
)
from proposals.services import assign_department, save_goal
from proposals.states import Stage
from proposals.views import staff as staff_views
from proposals.workflow import STAFF_STEPS, TRANSITIONS, A, transition
from tests.factories.accounts import (
    DepartmentFactory,
    DepartmentUserFactory,
    MemberFactory,
    OfficeUserFactory,
    UserFactory,
)
from tests.factories.dialogue import send
from tests.factories.proposals import ProposalFactory, attach
from tests.scenarios import (
    VALID,
    case_at,
    signed,
    step_form,
    submit,
    submitted_case,
    submitted_days_ago,
)

pytestmark = pytest.mark.django_db

S = Proposal.Status
CITY_STEPS = tuple(VALID)
# Where each step starts from (the first of its sources on the office's path).
SOURCE_OF = {
    A.START_DIALOGUE: S.RECEIVED,
    A.DECLINE: S.CONSULTING,
    A.TO_PLANNING: S.CONSULTING,
    A.ADOPT: S.PLANNING,
    A.NOT_ADOPT: S.PLANNING,
    A.START_SELECTION: S.ADOPTED,
    A.SELECT: S.SELECTING,
    A.NOT_SELECT: S.SELECTING,
    A.AGREE: S.SELECTED,
    A.START_OPERATION: S.AGREED,
    A.COMPLETE: S.OPERATING,
}
ROLES = (
    "office",
    "assigned_department",
    "unassigned_department",
    "proposer_member",
    "other_member",
    "anonymous",
)


def _people(case, department):
    return {
        "office": OfficeUserFactory(),
        "assigned_department": DepartmentUserFactory(department=department),
        "unassigned_department": DepartmentUserFactory(department=DepartmentFactory(code="toshi")),
        "proposer_member": MemberFactory(organization=case.organization),
        "other_member": MemberFactory(),
        "anonymous": None,
    }


def _sign_in(client, user):
    if user is not None:
        client.force_login(user)


def _staff_url(name, case, *args):
    return reverse(f"proposals:{name}", args=[case.pk, *args])


def _login_redirect(response):
    return response.status_code == 302 and response.url.startswith(reverse("account_login"))


def _snapshot(case):
    case.refresh_from_db()
    return {
        "status": case.status,
        "updated_at": case.updated_at,
        "steps": list(case.transitions.values_list("step", flat=True)),
    }


def _messages(response):
    return [str(message) for message in response.context["messages"]]


# The work list -------------------------------------------------------------------------------


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
    assert _login_redirect(client.get(reverse("proposals:staff_cases")))


def test_work_list_shows_reference_organisation_stage_status_departments_and_deadline(
    client, office_user, department
):
    case = case_at(S.PLANNING, office=office_user, departments=[department])
    received = submitted_case()
    client.force_login(office_user)

    response = client.get(reverse("proposals:staff_cases"))

    page = response.content.decode()
    row = re.search(rf"<tr[^>]*>\s*<td>{case.reference}</td>.*?</tr>", page, re.S).group(0)
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

    late_row = re.search(rf"<tr[^>]*>\s*<td>{late.reference}</td>.*?</tr>", listing, re.S).group(0)
    on_time_row = re.search(
        rf"<tr[^>]*>\s*<td>{on_time.reference}</td>.*?</tr>", listing, re.S
    ).group(0)
    assert 'class="overdue"' in late_row and 'class="overdue"' not in on_time_row
    assert [row["case"] for row in overdue_only.context["rows"]] == [late]
    # The nearest deadline comes first.
    assert listing.index(late.reference) < listing.index(on_time.reference)


def test_stage_and_status_filters_are_kept_in_the_url_and_its_page_links(
    client, office_user, monkeypatch
):
    monkeypatch.setattr(staff_views, "CASES_PER_PAGE", 1)
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
    # department staff: and their own department, named in the page's lead
    with django_assert_num_queries(8 if viewer == "office" else 9):
        response = client.get(url)

    assert len(response.context["rows"]) == count


# The case page -------------------------------------------------------------------------------


@pytest.fixture
def planning_case(office_user, department):
    """A case in planning with a file, a revision, a goal and its department in charge."""
    case = ProposalFactory(complete=True, know_how="LEAK-KNOWHOW 予約枠の最適化アルゴリズム")
    attach(case, name="提案概要.pdf")
    case = submit(case)
    assign_department(case=case, department=department, by=office_user)
    transition(case, A.START_DIALOGUE, by=office_user)
    transition(case, A.TO_PLANNING, by=office_user, reason="内部メモ：予算は来年度要求で対応する。")
    save_goal(
        case=case,
        by=office_user,
        viewpoint="citizens",
        description="施設予約の利便性を高める。",
        agreed_on=None,
        indicators=[{"name": "オンライン予約率", "unit": "%", "baseline": "0", "target": "60"}],
    )
    case.refresh_from_db()
    return case


def test_department_staff_read_the_whole_case_with_know_how_files_timeline_and_goals(
    client, planning_case, department, department_user
):
    client.force_login(department_user)

    response = client.get(_staff_url("staff_case", planning_case))

    assert response.status_code == 200
    page = response.content.decode()
    case = planning_case
    for text in (
        case.reference,
        case.title,
        case.organization.name,
        case.body,
        case.know_how,
        "提案概要.pdf",
        "内部メモ：予算は来年度要求で対応する。",
        "施設予約の利便性を高める。",
        "オンライン予約率",
        department.name,
        case.first_response_due_on.isoformat(),
    ):
        assert text in page
    file = case.attachments.get()
    assert reverse("proposals:attachment", args=[case.pk, file.pk]) in page
    assert reverse("proposals:version", args=[case.pk, 1]) in page
    assert reverse("dialogue:thread", args=[case.pk]) in page
    assert reverse("dialogue:meetings", args=[case.pk]) in page
    assert [event["kind"] for event in response.context["timeline"]] == [
        "upload",
        "version",
        "transition",
        "transition",
        "transition",
    ]
    # Department staff keep the goals but take no workflow step; the admin is the office's.
    assert response.context["may_plan"] is True
    assert response.context["steps"] == []
    assert response.context["admin_url"] is None
    assert reverse("proposals:goal_create", args=[case.pk]) in page


def test_office_gets_the_steps_open_now_and_a_link_to_the_admin(client, planning_case, office_user):
    client.force_login(office_user)

    response = client.get(_staff_url("staff_case", planning_case))

    page = response.content.decode()
    assert [step["code"] for step in response.context["steps"]] == [A.ADOPT, A.NOT_ADOPT]
    assert all(step["is_decision"] for step in response.context["steps"])
    for step in (A.ADOPT, A.NOT_ADOPT):
        assert _staff_url("staff_step", planning_case, step) in page
    assert reverse("admin:proposals_proposal_change", args=[planning_case.pk]) in page


def test_case_page_read_is_logged_as_a_confidential_read(client, planning_case, department_user):
    client.force_login(department_user)

    client.get(_staff_url("staff_case", planning_case))

    entry = AccessLog.objects.get()
    assert (entry.user, entry.proposal, entry.kind) == (
        department_user,
        planning_case,
        AccessLog.Kind.CONTENT,
    )


@pytest.mark.parametrize("who", ["unassigned_department", "proposer_member", "other_member"])
def test_case_page_does_not_exist_for_anyone_but_the_city_in_charge(
    client, planning_case, department, who
):
    _sign_in(client, _people(planning_case, department)[who])

    response = client.get(_staff_url("staff_case", planning_case))

    assert response.status_code == 404
    assert planning_case.know_how not in response.content.decode()
    assert not AccessLog.objects.exists()


def test_a_draft_has_no_staff_page(client, office_user):
    draft = ProposalFactory(complete=True)
    client.force_login(office_user)

    assert client.get(_staff_url("staff_case", draft)).status_code == 404


@pytest.mark.parametrize("count", [1, 50])
def test_case_page_needs_the_same_number_of_queries_for_1_or_50_steps_goals_files_versions(
    client, office_user, department, count, django_assert_num_queries
):
    case = ProposalFactory(complete=True)
    for number in range(count):
        attach(case, name=f"資料{number}.pdf")
    case = submit(case)
    assign_department(case=case, department=department, by=office_user)
    transition(case, A.START_DIALOGUE, by=office_user)
    # The log and the versions are history: rows as the workflow and revisions write them.
    ProposalTransition.objects.bulk_create(
        ProposalTransition(
            proposal=case,
            step=A.START_DIALOGUE,
            source=S.RECEIVED,
            target=S.CONSULTING,
            actor=office_user,
            reason=f"記録{number}",
        )
        for number in range(count - 1)
    )
    ProposalVersion.objects.bulk_create(
        ProposalVersion(
            proposal=case, number=number, content=case.content(), created_by=case.created_by
        )
        for number in range(2, count + 1)
    )
    for number in range(count):
        save_goal(
            case=case,
            by=office_user,
            viewpoint="region",
            description=f"地域の目標{number}",
            indicators=[{"name": "指標A", "target": "10"}, {"name": "指標B", "target": "20"}],
        )
    client.force_login(office_user)
    url = _staff_url("staff_case", case)
    client.get(url)

    # session, user, groups, permissions (2), the case, its departments, membership (the log),
    # the log entry, files, versions, steps, goals, indicators
    with django_assert_num_queries(14):
        response = client.get(url)

    assert len(response.context["attachments"]) == count
    assert len(response.context["goals"]) == count
    assert len(response.context["timeline"]) == 3 * count + 1


# The step form -------------------------------------------------------------------------------


def test_adoption_form_asks_for_both_reasons_the_method_and_the_opportunity(
    client, planning_case, office_user
):
    client.force_login(office_user)

    response = client.get(_staff_url("staff_step", planning_case, A.ADOPT))

    form = response.context["form"]
    assert list(form.fields) == [
        "reason",
        "public_reason",
        "ppp_method",
        "opportunity",
        "direct_reason",
        "seen_status",
    ]
    assert form["seen_status"].value() == S.PLANNING
    assert response.context["is_decision"]
    page = response.content.decode()
    assert 'name="seen_status" value="planning"' in page
    assert 'value="partnership_agreement"' in page and 'value="open_call"' in page


def test_a_step_without_a_decision_asks_for_no_public_reason(client, office_user):
    case = case_at(S.CONSULTING, office=office_user)
    client.force_login(office_user)

    response = client.get(_staff_url("staff_step", case, A.TO_PLANNING))

    assert list(response.context["form"].fields) == ["reason", "seen_status"]
    assert not response.context["is_decision"]


def test_office_adopts_with_reasons_and_details_and_returns_to_the_case(
    client, planning_case, office_user, mailoutbox
):
    client.force_login(office_user)

    response = client.post(
        _staff_url("staff_step", planning_case, A.ADOPT),
        step_form(
            A.ADOPT,
            S.PLANNING,
            opportunity=Opportunity.DIRECT,
            direct_reason="特許技術を用いるため。",
            ppp_method=PPPMethod.PARTNERSHIP_AGREEMENT,
        ),
        follow=True,
    )

    assert response.redirect_chain[-1][0] == _staff_url("staff_case", planning_case)
    planning_case.refresh_from_db()
    assert planning_case.status == S.ADOPTED
    record = planning_case.transitions.last()
    assert (record.step, record.actor, record.public_reason) == (
        A.ADOPT,
        office_user,
        VALID[A.ADOPT]["public_reason"],
    )
    assert record.details == {
        "ppp_method": "partnership_agreement",
        "opportunity": "direct",
        "direct_reason": "特許技術を用いるため。",
    }
    assert len(_messages(response)) == 1
    page = response.content.decode()
    assert "特許技術を用いるため。" in page  # the timeline shows what the step recorded


def test_a_direct_reason_is_recorded_with_a_direct_agreement_only(
    client, planning_case, office_user
):
    client.force_login(office_user)

    client.post(
        _staff_url("staff_step", planning_case, A.ADOPT),
        step_form(A.ADOPT, S.PLANNING, direct_reason="使われない理由"),
    )

    assert planning_case.transitions.last().details == {
        "ppp_method": PPPMethod.OUTSOURCING,
        "opportunity": Opportunity.OPEN_CALL,
    }


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"public_reason": "  "}, "public_reason"),
        ({"reason": ""}, "reason"),
        ({"ppp_method": ""}, "ppp_method"),
        ({"opportunity": "lottery"}, "opportunity"),
        ({"opportunity": Opportunity.DIRECT, "direct_reason": ""}, "direct_reason"),
    ],
)
def test_an_incomplete_adoption_is_refused_beside_the_field_and_nothing_changes(
    client, planning_case, office_user, changes, field
):
    client.force_login(office_user)
    before = _snapshot(planning_case)

    response = client.post(
        _staff_url("staff_step", planning_case, A.ADOPT),
        step_form(A.ADOPT, S.PLANNING, **changes),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [field]
    assert _snapshot(planning_case) == before
    page = response.content.decode()
    assert 'class="error-summary"' in page and f'href="#id_{field}' in page


def test_the_direct_reason_refusal_comes_from_the_workflow_check(
    client, planning_case, office_user
):
    client.force_login(office_user)

    response = client.post(
        _staff_url("staff_step", planning_case, A.ADOPT),
        step_form(A.ADOPT, S.PLANNING, opportunity=Opportunity.DIRECT, direct_reason=""),
    )

    assert response.context["form"].errors.as_data()["direct_reason"][0].code == (
        "direct_reason_required"
    )


def test_every_refusal_of_an_adoption_shows_at_once(client, planning_case, office_user):
    client.force_login(office_user)

    response = client.post(
        _staff_url("staff_step", planning_case, A.ADOPT),
        step_form(A.ADOPT, S.PLANNING, public_reason="", opportunity=Opportunity.DIRECT),
    )

    errors = response.context["form"].errors.as_data()
    assert {name: [error.code for error in errors[name]] for name in errors} == {
        "public_reason": ["required"],
        "direct_reason": ["direct_reason_required"],
    }
    planning_case.refresh_from_db()
    assert planning_case.status == S.PLANNING


def test_a_step_not_open_in_the_current_status_is_forbidden(client, office_user):
    case = case_at(S.CONSULTING, office=office_user)
    client.force_login(office_user)

    assert client.get(_staff_url("staff_step", case, A.ADOPT)).status_code == 403
    assert (
        client.post(
            _staff_url("staff_step", case, A.ADOPT), step_form(A.ADOPT, S.CONSULTING)
        ).status_code
        == 403
    )


@pytest.mark.parametrize("step", [A.SUBMIT, A.WITHDRAW, "explode"])
def test_the_proposers_steps_and_unknown_ones_have_no_staff_form(client, office_user, step):
    case = submitted_case()
    client.force_login(office_user)

    assert client.get(_staff_url("staff_step", case, step)).status_code == 404


# Every step allowed and refused, per role: through the page and through the workflow ---------


def _expected_page_status(role):
    return {
        "office": 302,
        "assigned_department": 403,  # sees the case; the steps are the office's
        "unassigned_department": 404,
        "proposer_member": 404,
        "other_member": 404,
        "anonymous": "login",
    }[role]


# SELECT/NOT_SELECT are the selection round's, AGREE/START_OPERATION the signing's (issue 6).
# Steps with pages of their own (a selection round's decision, the agreement's signing).
STAGE_STEPS = tuple(step for step in CITY_STEPS if step not in STAFF_STEPS)
PAGE_STEPS = tuple(step for step in CITY_STEPS if step in STAFF_STEPS)


@pytest.mark.parametrize("step", STAGE_STEPS)
def test_steps_taken_elsewhere_do_not_exist_on_the_step_page(client, office_user, step):
    case = case_at(SOURCE_OF[step], office=office_user)
    before = _snapshot(case)
    client.force_login(office_user)
    url = _staff_url("staff_step", case, step)

    assert client.get(url).status_code == 404
    assert client.post(url, step_form(step, case.status)).status_code == 404
    assert _snapshot(case) == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("step", PAGE_STEPS)
def test_each_step_through_the_page_is_taken_by_the_office_only(
    client, office_user, department, step, role
):
    case = case_at(SOURCE_OF[step], office=office_user, departments=[department])
    user = _people(case, department)[role]
    _sign_in(client, user)
    before = _snapshot(case)
    url = _staff_url("staff_step", case, step)

    shown = client.get(url)
    taken = client.post(url, step_form(step, case.status))

    expected = _expected_page_status(role)
    if expected == "login":
        assert _login_redirect(shown) and _login_redirect(taken)
    elif expected == 302:
        assert shown.status_code == 200
        assert taken.status_code == 302 and taken.url == _staff_url("staff_case", case)
    else:
        assert (shown.status_code, taken.status_code) == (expected, expected)
    case.refresh_from_db()
    if role == "office":
        assert case.status == TRANSITIONS[step].target
        record = case.transitions.last()
        assert (record.step, record.actor, record.source) == (step, user, SOURCE_OF[step])
    else:
        assert _snapshot(case) == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("step", CITY_STEPS)
def test_each_step_through_the_workflow_is_taken_by_the_office_only(
    office_user, department, step, role
):
    case = case_at(SOURCE_OF[step], office=office_user, departments=[department])
    user = _people(case, department)[role] or AnonymousUser()
    before = _snapshot(case)

    if role == "office":
        if step == A.AGREE:  # taken by the signing, with the agreement it checks
            case = signed(case, office=user, starts_later=True)
        else:
            case = transition(case, step, by=user, seen_status=case.status, **VALID[step])
        assert case.status == TRANSITIONS[step].target
        assert case.transitions.last().actor == user
    else:
        with pytest.raises(PermissionDenied):
            transition(case, step, by=user, seen_status=case.status, **VALID[step])
        assert _snapshot(case) == before


WRONG_STATUS = {
    step: next(
        status
        for status in (S.RECEIVED, S.OPERATING, S.COMPLETED)
        if status not in TRANSITIONS[step].sources
    )
    for step in CITY_STEPS
}


@pytest.mark.parametrize("step", CITY_STEPS)
def test_each_step_from_a_status_it_does_not_leave_is_refused_and_nothing_changes(
    client, office_user, step
):
    case = case_at(WRONG_STATUS[step], office=office_user)
    before = _snapshot(case)

    with pytest.raises(ValidationError) as refusal:
        transition(case, step, by=office_user, **VALID[step])
    client.force_login(office_user)
    response = client.post(_staff_url("staff_step", case, step), step_form(step, case.status))

    assert refusal.value.code == "wrong_status"
    assert response.status_code == (404 if step in STAGE_STEPS else 403)
    assert _snapshot(case) == before


@pytest.mark.parametrize("role", ROLES)
def test_withdrawal_is_the_proposers_step_only(office_user, department, role):
    case = case_at(S.PLANNING, office=office_user, departments=[department])
    user = _people(case, department)[role] or AnonymousUser()
    before = _snapshot(case)

    if role == "proposer_member":
        assert transition(case, A.WITHDRAW, by=user, reason="体制変更").status == S.WITHDRAWN
    else:
        with pytest.raises(PermissionDenied):
            transition(case, A.WITHDRAW, by=user, reason="体制変更")
        assert _snapshot(case) == before


# The proposer's page: shared goals read-only, nothing internal, a way to the staff page ----


def test_proposer_page_shows_the_goals_read_only_and_never_an_internal_reason(
    client, planning_case, office_user
):
    transition(planning_case, A.NOT_ADOPT, by=office_user, **VALID[A.NOT_ADOPT])
    client.force_login(planning_case.created_by)

    response = client.get(planning_case.get_absolute_url())

    page = response.content.decode()
    assert "内部メモ：予算は来年度要求で対応する。" not in page
    assert VALID[A.NOT_ADOPT]["reason"] not in page
    assert VALID[A.NOT_ADOPT]["public_reason"] in page
    assert not any(
        event.get("reason") for event in response.context["timeline"] if event["kind"] != "version"
    )
    goals = re.search(r'<section id="goals".*?</section>', page, re.S).group(0)
    assert "施設予約の利便性を高める。" in goals and "オンライン予約率" in goals
    assert 'class="badge discussing"' in goals
    assert "/staff/" not in page  # no edit link, no staff page link for the proposer


def test_proposer_page_marks_an_agreed_goal_with_its_date(client, planning_case, office_user):
    goal = planning_case.goals.get()
    save_goal(
        case=planning_case,
        by=office_user,
        goal=goal,
        viewpoint=goal.viewpoint,
        description=goal.description,
        agreed_on=timezone.localdate(),
        indicators=[{"name": "オンライン予約率", "target": "60", "unit": "%"}],
    )
    client.force_login(planning_case.created_by)

    page = client.get(planning_case.get_absolute_url()).content.decode()

    goals = re.search(r'<section id="goals".*?</section>', page, re.S).group(0)
    assert 'class="badge agreed"' in goals and 'class="badge discussing"' not in goals


def test_proposer_keeps_seeing_their_own_withdrawal_reason(client, office_user):
    case = case_at(S.CONSULTING, office=office_user)
    transition(case, A.WITHDRAW, by=case.created_by, reason="社内体制の見直しのため。")
    client.force_login(case.created_by)

    page = client.get(case.get_absolute_url()).content.decode()

    assert "社内体制の見直しのため。" in page


@pytest.mark.parametrize("who", ["office", "assigned_department"])
def test_city_staff_reading_the_proposers_page_get_a_link_to_the_staff_page(
    client, planning_case, department, who
):
    _sign_in(client, _people(planning_case, department)[who])

    page = client.get(planning_case.get_absolute_url()).content.decode()

    assert f'href="{_staff_url("staff_case", planning_case)}"' in page
