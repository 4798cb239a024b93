"""The city's case page (issue 5 §4) and what the proposer's page shows of the same case.

The staff page is the office's and the departments' in charge: anyone else gets 404, as for
a case that is not theirs. The proposer's page shows the shared goals read-only, nothing
internal, and the city's staff reading it a way to the staff page.
"""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from proposals.models import AccessLog, Proposal, ProposalTransition, ProposalVersion
from proposals.services import assign_department, save_goal
from proposals.workflow import A, transition
from tests.factories.proposals import ProposalFactory, attach
from tests.proposals.helpers import case_url, people, sign_in
from tests.scenarios import VALID, case_at, submit

pytestmark = pytest.mark.django_db

S = Proposal.Status


def test_department_staff_read_the_whole_case_with_know_how_files_timeline_and_goals(
    client, planning_case, department, department_user
):
    client.force_login(department_user)

    response = client.get(case_url("staff_case", planning_case))

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
        "assigned",  # the department put in charge (issue 13 §2)
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

    response = client.get(case_url("staff_case", planning_case))

    page = response.content.decode()
    assert [step["code"] for step in response.context["steps"]] == [A.ADOPT, A.NOT_ADOPT]
    assert all(step["is_decision"] for step in response.context["steps"])
    for step in (A.ADOPT, A.NOT_ADOPT):
        assert case_url("staff_step", planning_case, step) in page
    assert reverse("admin:proposals_proposal_change", args=[planning_case.pk]) in page


def test_case_page_read_is_logged_as_a_confidential_read(client, planning_case, department_user):
    client.force_login(department_user)

    client.get(case_url("staff_case", planning_case))

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
    sign_in(client, people(planning_case, department)[who])

    response = client.get(case_url("staff_case", planning_case))

    assert response.status_code == 404
    assert planning_case.know_how not in response.content.decode()
    assert not AccessLog.objects.exists()


def test_a_draft_has_no_staff_page(client, office_user):
    draft = ProposalFactory(complete=True)
    client.force_login(office_user)

    assert client.get(case_url("staff_case", draft)).status_code == 404


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
    url = case_url("staff_case", case)
    client.get(url)

    # session, user, groups, permissions (2), the case, its departments, membership (the log),
    # the log entry, files, versions, steps, goals, indicators, the formal documents, the terms
    # accepted; for the office's triage, the departments it may put in charge and the history
    # of the assignments (issue 13 §2); the similar cases and the similar themes (issue 15 §6)
    with django_assert_num_queries(20):
        response = client.get(url)

    assert len(response.context["attachments"]) == count
    assert len(response.context["goals"]) == count
    # files, versions, steps, the submission, and the department put in charge (issue 13 §2)
    assert len(response.context["timeline"]) == 3 * count + 2


# The proposer's page: shared goals read-only, nothing internal, a way to the staff page ------


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
    sign_in(client, people(planning_case, department)[who])

    page = client.get(planning_case.get_absolute_url()).content.decode()

    assert f'href="{case_url("staff_case", planning_case)}"' in page
