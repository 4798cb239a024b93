"""Shared goals (目標共有, 共創指針 原則2): kept by the city's side in charge, read by the proposer.

Office and assigned department staff add, change and delete goals; the indicators of a goal
are replaced all or nothing. Unassigned staff and businesses do not reach the goal pages (404);
a case seen but closed keeps its goals as they are (403).
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from proposals.models import Indicator, Proposal, SharedGoal
from proposals.services import delete_goal, save_goal
from proposals.workflow import A, transition
from tests.factories.accounts import DepartmentFactory, DepartmentUserFactory, MemberFactory
from tests.factories.proposals import ProposalFactory
from tests.scenarios import VALID, case_at

pytestmark = pytest.mark.django_db

S = Proposal.Status


@pytest.fixture
def case(office_user, department):
    return case_at(S.PLANNING, office=office_user, departments=[department])


@pytest.fixture
def goal(case, office_user):
    return save_goal(
        case=case,
        by=office_user,
        viewpoint=SharedGoal.Viewpoint.FINANCIAL,
        description="窓口業務の費用を削減する。",
        indicators=[
            {"name": "窓口対応件数", "unit": "件/月", "baseline": "1200", "target": "600"},
            {"name": "運営費", "unit": "千円", "baseline": "5000", "target": "4000"},
        ],
    )


def _url(name, case, *args):
    return reverse(f"proposals:{name}", args=[case.pk, *args])


def _rows(*rows):
    """The indicator rows of the goal form; the rows not given are left empty."""
    data = {}
    for number, row in enumerate(rows):
        data.update({f"indicator-{number}-{name}": value for name, value in row.items()})
    return data


def _goal_form(**changes):
    return {
        "viewpoint": "citizens",
        "description": "予約の手間を減らし、利用者の満足度を高める。",
        "agreed_on": "",
        **_rows(
            {"name": "オンライン予約率", "unit": "%", "baseline": "0", "target": "60"},
            {"name": "利用者満足度", "target": "4.0", "target_on": "2028-03-31"},
        ),
        **changes,
    }


def _indicators(goal):
    return list(goal.indicators.order_by("pk").values_list("name", "target"))


# Adding, changing, deleting -----------------------------------------------------------------


@pytest.mark.parametrize("who", ["office", "assigned_department"])
def test_city_staff_in_charge_add_a_goal_with_its_indicators(
    client, case, office_user, department_user, who
):
    user = office_user if who == "office" else department_user
    client.force_login(user)

    form_page = client.get(_url("goal_create", case))
    response = client.post(_url("goal_create", case), _goal_form())

    assert form_page.status_code == 200 and len(form_page.context["editor"].rows) == 5
    assert response.status_code == 302
    assert response.url == _url("staff_case", case) + "#goals"
    goal = case.goals.get()
    assert (goal.viewpoint, goal.agreed_on, goal.updated_by) == ("citizens", None, user)
    assert _indicators(goal) == [("オンライン予約率", "60"), ("利用者満足度", "4.0")]
    assert goal.indicators.get(name="利用者満足度").target_on == datetime.date(2028, 3, 31)


@pytest.mark.parametrize("who", ["office", "assigned_department"])
def test_city_staff_in_charge_change_a_goal_and_its_indicators_are_replaced(
    client, case, goal, office_user, department_user, who
):
    client.force_login(office_user if who == "office" else department_user)

    form_page = client.get(_url("goal_edit", case, goal.pk))
    response = client.post(
        _url("goal_edit", case, goal.pk),
        {
            "viewpoint": "financial",
            "description": "運営費を二割削減する。",
            "agreed_on": "２０２６／７／１",  # typed with a Japanese input method
            **_rows({"name": "運営費", "unit": "千円", "target": "4000"}),
        },
    )

    rows = form_page.context["editor"].rows
    assert [row.initial.get("name") for row in rows[:3]] == ["窓口対応件数", "運営費", None]
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.description, goal.agreed_on) == (
        "運営費を二割削減する。",
        datetime.date(2026, 7, 1),
    )
    assert _indicators(goal) == [("運営費", "4000")]
    assert Indicator.objects.count() == 1


@pytest.mark.parametrize("who", ["office", "assigned_department"])
def test_city_staff_in_charge_delete_a_goal_after_confirmation(
    client, case, goal, office_user, department_user, who
):
    client.force_login(office_user if who == "office" else department_user)

    confirm = client.get(_url("goal_delete", case, goal.pk))
    response = client.post(_url("goal_delete", case, goal.pk))

    assert confirm.status_code == 200 and "窓口対応件数" in confirm.content.decode()
    assert response.status_code == 302
    assert not SharedGoal.objects.exists() and not Indicator.objects.exists()
    assert SharedGoal.history.filter(history_type="-").count() == 1  # the record is kept


# Refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["unassigned_department", "proposer_member", "other_member"])
def test_goal_pages_do_not_exist_for_anyone_but_the_city_in_charge(client, case, goal, who):
    user = {
        "unassigned_department": lambda: DepartmentUserFactory(
            department=DepartmentFactory(code="toshi")
        ),
        "proposer_member": lambda: case.created_by,
        "other_member": MemberFactory,
    }[who]()
    client.force_login(user)

    answers = [
        client.get(_url("goal_create", case)).status_code,
        client.post(_url("goal_create", case), _goal_form()).status_code,
        client.get(_url("goal_edit", case, goal.pk)).status_code,
        client.post(_url("goal_edit", case, goal.pk), _goal_form()).status_code,
        client.post(_url("goal_delete", case, goal.pk)).status_code,
    ]

    assert answers == [404] * 5
    assert SharedGoal.objects.get() == goal and len(_indicators(goal)) == 2


@pytest.mark.parametrize("who", ["unassigned_department", "proposer_member"])
def test_the_services_refuse_goals_to_anyone_but_the_city_in_charge(case, goal, who):
    user = (
        DepartmentUserFactory(department=DepartmentFactory(code="toshi"))
        if who == "unassigned_department"
        else case.created_by
    )

    with pytest.raises(PermissionDenied):
        save_goal(case=case, by=user, viewpoint="region", description="地域の目標")
    with pytest.raises(PermissionDenied):
        delete_goal(goal=goal, by=user)

    assert SharedGoal.objects.get() == goal


def test_goals_of_a_closed_case_stay_as_they_are(client, case, goal, office_user):
    transition(case, A.NOT_ADOPT, by=office_user, **VALID[A.NOT_ADOPT])
    client.force_login(office_user)

    page = client.get(_url("staff_case", case))
    answers = [
        client.get(_url("goal_create", case)).status_code,
        client.post(_url("goal_edit", case, goal.pk), _goal_form()).status_code,
        client.post(_url("goal_delete", case, goal.pk)).status_code,
    ]

    assert page.context["may_plan"] is False
    assert _url("goal_edit", case, goal.pk) not in page.content.decode()
    assert answers == [403] * 3
    with pytest.raises(ValidationError) as refusal:
        save_goal(case=case, by=office_user, viewpoint="region", description="地域の目標")
    assert refusal.value.code == "closed"


def test_a_goal_of_another_case_is_not_found_through_this_one(client, case, office_user):
    other = case_at(S.PLANNING, office=office_user)
    foreign = save_goal(case=other, by=office_user, viewpoint="growth", description="他案件")
    client.force_login(office_user)

    assert client.get(_url("goal_edit", case, foreign.pk)).status_code == 404
    assert client.post(_url("goal_delete", case, foreign.pk)).status_code == 404
    assert SharedGoal.objects.filter(pk=foreign.pk).exists()


def test_a_draft_takes_no_goal(office_user):
    draft = ProposalFactory()

    with pytest.raises(ValidationError) as refusal:
        save_goal(case=draft, by=office_user, viewpoint="region", description="地域の目標")

    assert refusal.value.code == "draft"


# All or nothing ------------------------------------------------------------------------------


def test_an_invalid_indicator_saves_nothing_and_keeps_the_old_ones(case, goal, office_user):
    with pytest.raises(ValidationError):
        save_goal(
            case=case,
            by=office_user,
            goal=goal,
            viewpoint=goal.viewpoint,
            description="変更後の目標",
            indicators=[{"name": "運営費", "target": "4000"}, {"name": "目標値なし", "target": ""}],
        )

    goal.refresh_from_db()
    assert goal.description == "窓口業務の費用を削減する。"
    assert _indicators(goal) == [("窓口対応件数", "600"), ("運営費", "4000")]


def test_an_invalid_new_goal_leaves_no_goal_behind(case, office_user):
    with pytest.raises(ValidationError):
        save_goal(
            case=case,
            by=office_user,
            viewpoint="citizens",
            description="新しい目標",
            indicators=[{"name": "x" * 201, "target": "1"}],
        )

    assert not SharedGoal.objects.exists() and not Indicator.objects.exists()


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ({"name": "利用率", "target": ""}, "target"),
        ({"name": "", "unit": "%", "target": "60"}, "name"),
        ({"name": "利用率", "target": "60", "target_on": "来年"}, "target_on"),
    ],
)
def test_an_incomplete_indicator_row_is_shown_beside_its_field_and_nothing_changes(
    client, case, goal, office_user, row, field
):
    client.force_login(office_user)

    response = client.post(
        _url("goal_edit", case, goal.pk),
        {"viewpoint": "financial", "description": "変更後の目標", **_rows({}, row)},
    )

    assert response.status_code == 200
    editor = response.context["editor"]
    assert [list(r.errors) for r in editor.rows[:2]] == [[], [field]]
    page = response.content.decode()
    assert f'href="#id_indicator-1-{field}"' in page
    goal.refresh_from_db()
    assert goal.description == "窓口業務の費用を削減する。"
    assert _indicators(goal) == [("窓口対応件数", "600"), ("運営費", "4000")]


def test_a_goal_without_viewpoint_or_description_is_refused_beside_the_fields(
    client, case, office_user
):
    client.force_login(office_user)

    response = client.post(_url("goal_create", case), _goal_form(viewpoint="", description=" "))

    assert set(response.context["editor"].form.errors) == {"viewpoint", "description"}
    assert not SharedGoal.objects.exists()


def test_editing_never_drops_indicators_beyond_the_five_rows(client, case, office_user):
    goal = save_goal(
        case=case,
        by=office_user,
        viewpoint="growth",
        description="市内企業の成長",
        indicators=[{"name": f"指標{n}", "target": str(n)} for n in range(7)],
    )
    client.force_login(office_user)

    response = client.get(_url("goal_edit", case, goal.pk))

    assert len(response.context["editor"].rows) == 7


# What the proposer sees ---------------------------------------------------------------------


def test_proposer_reads_the_goals_and_their_indicators_without_a_way_to_change_them(
    client, case, goal
):
    client.force_login(case.created_by)

    response = client.get(case.get_absolute_url())

    page = response.content.decode()
    assert response.context["goals"] == [goal]
    for text in ("窓口業務の費用を削減する。", "窓口対応件数", "1200", "600", "件/月"):
        assert text in page
    assert _url("goal_edit", case, goal.pk) not in page
    assert _url("goal_create", case) not in page
