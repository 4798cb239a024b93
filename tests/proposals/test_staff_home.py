"""The staff home (issue 13 §1): the office and department staff land on their queue — new,
overdue, waiting for the city, waiting for the business, by department — counted, each count a
link into the work list filtered the same way; everyone lands where their work is; department
staff never land on an admin page.
"""

import re

import factory
import pytest
from django.urls import reverse

from proposals.models import Proposal
from proposals.queues import QUEUES
from proposals.services import assign_department
from tests.factories.accounts import (
    PASSWORD,
    DepartmentFactory,
    DepartmentUserFactory,
    MemberFactory,
    UserFactory,
    VerifiedMemberFactory,
    VerifiedOfficeUserFactory,
    VerifiedUserFactory,
    _verified_email,
)
from tests.factories.cocreation_list import ThemeFactory
from tests.factories.dialogue import send
from tests.factories.evaluation import EvaluatorFactory
from tests.proposals.helpers import login_redirect
from tests.scenarios import adoption_round, case_at, submitted_case, submitted_days_ago

pytestmark = pytest.mark.django_db

S = Proposal.Status
HOME = reverse("proposals:staff_home")
CASES = reverse("proposals:staff_cases")


def queue_world(office, department):
    """One case per kind of wait, all in `department`'s charge, and one of another department."""
    new = submitted_case(title="新着の案件")
    late = submitted_days_ago(60, title="期限切れの案件")
    their_turn = case_at(S.CONSULTING, office=office, title="事業者の番の案件")
    send(their_turn, by=office, body="資料をお送りください。")
    our_turn = case_at(S.CONSULTING, office=office, title="市の番の案件")
    send(our_turn, body="日程のご相談です。")
    quiet = case_at(S.PLANNING, office=office, title="計画中の案件")
    for case in (new, late, their_turn, our_turn, quiet):
        assign_department(case=case, department=department, by=office)
    other = case_at(
        S.CONSULTING,
        office=office,
        departments=[DepartmentFactory(name="都市計画課", code="toshi")],
        title="他課の案件 LEAK-OTHER",
    )
    send(other, body="他課への相談です。")
    return {
        "new": new,
        "late": late,
        "their_turn": their_turn,
        "our_turn": our_turn,
        "quiet": quiet,
        "other": other,
    }


def counts(response) -> dict:
    return {queue["key"]: queue["count"] for queue in response.context["queues"]}


def listed(client, url) -> set:
    return {row["case"] for row in client.get(url).context["rows"]}


# The queue ----------------------------------------------------------------------------------


def test_office_sees_every_queue_counted_and_each_count_lists_the_same_cases(
    client, office_user, department
):
    world = queue_world(office_user, department)
    client.force_login(office_user)

    response = client.get(HOME)

    assert response.status_code == 200
    assert counts(response) == {"new": 2, "overdue": 1, "city": 4, "business": 1}
    links = {queue["key"]: queue["url"] for queue in response.context["queues"]}
    assert listed(client, links["new"]) == {world["new"], world["late"]}
    assert listed(client, links["overdue"]) == {world["late"]}
    assert listed(client, links["city"]) == {
        world["new"],
        world["late"],
        world["our_turn"],
        world["other"],
    }
    assert listed(client, links["business"]) == {world["their_turn"]}


def test_office_sees_the_open_cases_of_each_department_and_the_unassigned_ones(
    client, office_user, department
):
    world = queue_world(office_user, department)
    unassigned = submitted_case(title="未割当の案件")
    client.force_login(office_user)

    response = client.get(HOME)

    by_department = {
        row["department"].code: row["count"] for row in response.context["departments"]
    }
    assert by_department == {"kankyo": 5, "toshi": 1}
    assert response.context["unassigned"]["count"] == 1
    kankyo = next(row for row in response.context["departments"] if row["count"] == 5)
    assert listed(client, kankyo["url"]) == {
        world[key] for key in ("new", "late", "their_turn", "our_turn", "quiet")
    }
    assert listed(client, response.context["unassigned"]["url"]) == {unassigned}
    page = response.content.decode()
    assert reverse("admin:index") in page  # the office keeps the admin


def test_department_staff_see_their_departments_queue_only(
    client, office_user, department, department_user
):
    world = queue_world(office_user, department)
    client.force_login(department_user)

    response = client.get(HOME)

    assert counts(response) == {"new": 2, "overdue": 1, "city": 3, "business": 1}
    assert [row["department"] for row in response.context["departments"]] == [department]
    assert response.context["unassigned"] is None
    page = response.content.decode()
    assert "LEAK-OTHER" not in page and "都市計画課" not in page
    assert 'href="/admin/"' not in page
    links = {queue["key"]: queue["url"] for queue in response.context["queues"]}
    assert world["other"] not in listed(client, links["city"])


def test_home_lists_the_responses_due_soonest_as_cards_with_unbroken_references(
    client, office_user, department
):
    world = queue_world(office_user, department)
    client.force_login(office_user)

    page = client.get(HOME).content.decode()

    assert f'<span class="ref">{world["late"].reference}</span>' in page
    assert page.index(world["late"].reference) < page.index(world["new"].reference)
    for table in re.findall(r"<table.*?</table>", page, re.S):
        assert 'class="' in table and "card-table" in table.split(">", 1)[0]
        assert not re.search(r"<td(?![^>]*data-label)[^>]*>", table)


@pytest.mark.parametrize("count", [1, 20])
@pytest.mark.parametrize("viewer", ["office", "department"])
def test_staff_home_needs_the_same_number_of_queries_for_1_or_20_cases(
    client, office_user, department, department_user, viewer, count, django_assert_num_queries
):
    for number in range(count):
        case = submitted_case()
        assign_department(case=case, department=department, by=office_user)
        if number % 2:
            send(case, body="ご確認ください。")
    user = office_user if viewer == "office" else department_user
    client.force_login(user)
    client.get(HOME)

    # session, user, groups, permissions (2), the queue's counts, the open cases' assignments
    # by department, the departments, the urgent cases, their departments; department staff:
    # and their own department
    with django_assert_num_queries(10 if viewer == "office" else 11):
        response = client.get(HOME)

    assert sum(counts(response).values()) >= count


# Who may open it ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["member", "plain_user", "evaluator"])
def test_staff_home_does_not_exist_for_a_business_an_evaluator_or_anyone_else(
    client, office_user, who
):
    submitted_case()
    make = {"member": MemberFactory, "plain_user": UserFactory, "evaluator": EvaluatorFactory}
    person = make[who]()
    if who == "evaluator":
        adoption_round(office=office_user, evaluators=[person])
    client.force_login(person)

    assert client.get(HOME).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in_for_the_staff_home(client):
    assert login_redirect(client.get(HOME))


# Where each role lands after signing in (through the real login page) -----------------------


class VerifiedDepartmentUserFactory(DepartmentUserFactory):
    verified_email = factory.PostGeneration(_verified_email)


def sign_in(client, email):
    return client.post(reverse("account_login"), {"login": email, "password": PASSWORD})


@pytest.mark.parametrize(
    ("make", "landing"),
    [
        (lambda: VerifiedOfficeUserFactory(email="someone@example.jp"), "proposals:staff_home"),
        (
            lambda: VerifiedDepartmentUserFactory(email="someone@example.jp"),
            "proposals:staff_home",
        ),
        (
            lambda: VerifiedUserFactory(email="someone@example.jp", is_staff=True),
            "admin:index",
        ),
        (lambda: VerifiedMemberFactory(email="someone@example.jp"), "proposals:dashboard"),
        (
            lambda: VerifiedUserFactory(email="someone@example.jp"),
            "accounts:organization_create",
        ),
    ],
    ids=["office", "department", "admin account", "business", "no organisation"],
)
def test_each_role_lands_where_its_work_is_after_signing_in(client, make, landing):
    make()

    response = sign_in(client, "someone@example.jp")

    assert response.status_code == 302
    assert response["Location"] == reverse(landing)
    assert client.get(response["Location"]).status_code == 200


def test_an_evaluator_lands_on_their_rounds_after_signing_in(client, office_user):
    evaluator = EvaluatorFactory(email="iin@example.jp")
    _verified_email(evaluator, True, None)
    adoption_round(office=office_user, evaluators=[evaluator])

    response = sign_in(client, "iin@example.jp")

    assert response["Location"] == reverse("evaluation:my_rounds")


@pytest.mark.parametrize("make", [VerifiedOfficeUserFactory, VerifiedDepartmentUserFactory])
def test_staff_opening_a_businesss_page_go_to_the_staff_home(client, make):
    client.force_login(make())

    response = client.get(reverse("proposals:dashboard"))

    assert response.status_code == 302
    assert response["Location"] == HOME


# Department staff and the admin -------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:index"),
        reverse("admin:app_list", args=["proposals"]),
        reverse("admin:proposals_proposal_changelist"),
        reverse("admin:accounts_department_changelist"),
        reverse("admin:dialogue_message_changelist"),
        reverse("admin:login"),
    ],
    ids=["index", "app", "cases", "departments", "dialogue", "login"],
)
def test_department_staff_never_land_on_an_admin_page(client, department_user, url):
    client.force_login(department_user)

    response = client.get(url, follow=True)

    assert response.redirect_chain[-1][0] == HOME
    assert response.status_code == 200
    assert response.templates[0].name == "proposals/staff/home.html"


def test_department_staff_still_prepare_their_own_themes_in_the_admin(
    client, department_user, department
):
    theme = ThemeFactory(draft=True, department=department, title="自課の下書きテーマ")
    client.force_login(department_user)

    listing = client.get(reverse("admin:cocreation_list_theme_changelist"))
    page = client.get(reverse("admin:cocreation_list_theme_change", args=[theme.pk]))

    assert listing.status_code == 200 and theme.title in listing.content.decode()
    assert page.status_code == 200
    home = client.get(HOME).content.decode()
    assert reverse("admin:cocreation_list_theme_changelist") in home


def test_the_office_still_uses_the_admin(client, office_user):
    client.force_login(office_user)

    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:proposals_proposal_changelist")).status_code == 200


def test_department_staff_without_a_department_are_no_city_staff(client):
    user = DepartmentUserFactory(department=None)
    client.force_login(user)

    assert client.get(HOME).status_code == 404


def test_queue_keys_are_the_four_of_the_issue():
    assert QUEUES == ("new", "overdue", "city", "business")
