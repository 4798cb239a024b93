"""Triage on the staff case page (issue 13 §2): the office puts departments in charge and takes
them off, takes every workflow step and reads the whole history there, never in the admin;
the two response deadlines are named and listed by date.

Who may triage: the office. Department staff of the case get 403 (they see the case, not
this tool); anyone else 404, as on every staff page; an anonymous visitor signs in first.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from proposals.models import DepartmentAssignment, Proposal
from proposals.services import assign_department, unassign_department
from proposals.workflow import TRANSITIONS, A, Where, available_steps, transition
from tests.factories.accounts import DepartmentFactory, DepartmentUserFactory, VerifiedUserFactory
from tests.factories.dialogue import send
from tests.proposals.helpers import case_url, login_redirect, messages_of, people, sign_in
from tests.scenarios import case_at, submitted_case

pytestmark = pytest.mark.django_db

S = Proposal.Status


def _ja(message, **values):
    """A message as the office reads it (the Japanese catalogue once merged)."""
    with translation.override("ja"):
        return gettext(message) % values if values else gettext(message)


def _in_charge(case):
    return set(
        DepartmentAssignment.objects.filter(proposal=case).values_list("department", flat=True)
    )


# The office triages a new case ---------------------------------------------------------------


def test_office_puts_a_department_in_charge_from_the_case_page_and_its_staff_then_see_the_case(
    client, office_user, department, department_user
):
    case = submitted_case()
    client.force_login(department_user)
    assert client.get(case_url("staff_case", case)).status_code == 404
    client.force_login(office_user)

    page = client.get(case_url("staff_case", case)).content.decode()
    assert f'action="{case_url("staff_assign", case)}"' in page
    response = client.post(case_url("staff_assign", case), {"department": department.pk})

    assert response.status_code == 302
    assert response.url == case_url("staff_case", case) + "#in-charge"
    assert _in_charge(case) == {department.pk}
    assert any(department.name in message for message in messages_of(response))
    client.force_login(department_user)
    assert client.get(case_url("staff_case", case)).status_code == 200
    work_list = client.get(reverse("proposals:staff_cases"))
    assert case.title in work_list.content.decode()


def test_office_takes_a_department_off_and_its_staff_no_longer_see_the_case(
    client, office_user, department, department_user
):
    case = submitted_case()
    assign_department(case=case, department=department, by=office_user)
    client.force_login(office_user)

    page = client.get(case_url("staff_case", case)).content.decode()
    assert f'action="{case_url("staff_unassign", case)}"' in page
    response = client.post(case_url("staff_unassign", case), {"department": department.pk})

    assert response.status_code == 302
    assert _in_charge(case) == set()
    client.force_login(department_user)
    assert client.get(case_url("staff_case", case)).status_code == 404
    assert case.title not in client.get(reverse("proposals:staff_cases")).content.decode()


def test_office_triages_a_new_case_assigning_then_starting_the_dialogue_without_the_admin(
    client, office_user, department
):
    case = submitted_case()
    client.force_login(office_user)

    client.post(case_url("staff_assign", case), {"department": department.pk})
    page = client.get(case_url("staff_case", case)).content.decode()
    assert case_url("staff_step", case, A.START_DIALOGUE) in page
    client.post(case_url("staff_step", case, A.START_DIALOGUE), {"seen_status": S.RECEIVED})

    case.refresh_from_db()
    assert case.status == S.CONSULTING
    response = client.get(case_url("staff_case", case))
    kinds = [event["kind"] for event in response.context["timeline"]]
    assert kinds[-2:] == ["assigned", "transition"]
    assigned = response.context["timeline"][-2]
    assert (assigned["department"], assigned["actor"]) == (department, office_user)


def test_history_shows_a_department_put_in_charge_and_taken_off_with_who_did_it(
    client, office_user, department
):
    case = submitted_case()
    client.force_login(office_user)
    client.post(case_url("staff_assign", case), {"department": department.pk})
    client.post(case_url("staff_unassign", case), {"department": department.pk})

    response = client.get(case_url("staff_case", case))

    events = [e for e in response.context["timeline"] if e["kind"] in ("assigned", "unassigned")]
    assert [(e["kind"], e["department"], e["actor"]) for e in events] == [
        ("assigned", department, office_user),
        ("unassigned", department, office_user),
    ]
    timeline = response.content.decode().split('id="timeline"')[1]
    assert timeline.count(department.name) == 2


# Refusals --------------------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["staff_assign", "staff_unassign"])
def test_department_staff_in_charge_may_not_triage_403_and_nothing_changes(
    client, office_user, department, department_user, url_name
):
    case = submitted_case()
    assign_department(case=case, department=department, by=office_user)
    other = DepartmentFactory(code="toshi")
    client.force_login(department_user)

    response = client.post(case_url(url_name, case), {"department": other.pk})
    page = client.get(case_url("staff_case", case)).content.decode()

    assert response.status_code == 403
    assert _in_charge(case) == {department.pk}
    assert case_url("staff_assign", case) not in page
    assert case_url("staff_unassign", case) not in page


@pytest.mark.parametrize(
    "who", ["unassigned_department", "proposer_member", "other_member", "evaluator"]
)
@pytest.mark.parametrize("url_name", ["staff_assign", "staff_unassign"])
def test_triage_does_not_exist_for_anyone_outside_the_case_404(
    client, office_user, department, who, url_name
):
    case = submitted_case()
    assign_department(case=case, department=department, by=office_user)
    user = VerifiedUserFactory() if who == "evaluator" else people(case, department)[who]
    sign_in(client, user)

    response = client.post(case_url(url_name, case), {"department": department.pk})

    assert response.status_code == 404
    assert _in_charge(case) == {department.pk}


@pytest.mark.parametrize("url_name", ["staff_assign", "staff_unassign"])
def test_anonymous_visitor_is_sent_to_sign_in(client, office_user, department, url_name):
    case = submitted_case()

    response = client.post(case_url(url_name, case), {"department": department.pk})

    assert login_redirect(response)
    assert _in_charge(case) == set()


def test_triage_answers_a_get_with_405(client, office_user):
    case = submitted_case()
    client.force_login(office_user)

    assert client.get(case_url("staff_assign", case)).status_code == 405


@pytest.mark.parametrize("bogus", ["999999", "環境政策課", "", "-1", "1 OR 1=1"])
def test_a_bogus_department_gets_a_japanese_error_beside_the_field_and_nothing_changes(
    client, office_user, bogus
):
    case = submitted_case()
    client.force_login(office_user)

    response = client.post(case_url("staff_assign", case), {"department": bogus})

    assert response.status_code == 200
    errors = response.context["assign_form"].errors.as_data()["department"]
    code = "required" if bogus == "" else "invalid_choice"
    assert [error.code for error in errors] == [code]
    page = response.content.decode()
    with translation.override("ja"):
        message = str(response.context["assign_form"].fields["department"].error_messages[code])
    assert message in page
    assert _in_charge(case) == set()
    assert not DepartmentAssignment.history.filter(proposal_id=case.pk).exists()


def test_a_department_already_in_charge_cannot_be_put_in_charge_twice(
    client, office_user, department
):
    case = submitted_case()
    assign_department(case=case, department=department, by=office_user)
    client.force_login(office_user)

    response = client.post(case_url("staff_assign", case), {"department": department.pk})

    assert response.status_code == 200
    assert response.context["assign_form"].has_error("department", "invalid_choice")
    assert DepartmentAssignment.objects.filter(proposal=case).count() == 1


def test_taking_off_a_department_not_in_charge_is_refused_in_words(client, office_user, department):
    case = submitted_case()
    client.force_login(office_user)

    response = client.post(case_url("staff_unassign", case), {"department": department.pk})

    assert response.status_code == 200
    assert response.context["unassign_form"].has_error("department", "invalid_choice")
    message = _ja("That department is not in charge of this case. Reload the case to see who is.")
    assert message in response.content.decode()


def test_a_closed_case_offers_no_assignment(client, office_user):
    case = case_at(S.DECLINED, office=office_user)
    client.force_login(office_user)

    page = client.get(case_url("staff_case", case)).content.decode()
    response = client.post(case_url("staff_assign", case), {"department": DepartmentFactory().pk})

    assert case_url("staff_assign", case) not in page
    assert response.status_code == 200
    assert response.context["assign_form"].non_field_errors() == [_ja("This case is closed.")]
    assert _in_charge(case) == set()


# Every step the office takes is reachable from the case page ----------------------------------


@pytest.mark.parametrize(
    "status", [S.RECEIVED, S.CONSULTING, S.PLANNING, S.ADOPTED, S.SELECTING, S.AGREED, S.OPERATING]
)
def test_every_step_the_office_may_take_now_has_its_way_from_the_case_page(
    client, office_user, status
):
    case = case_at(status, office=office_user)
    client.force_login(office_user)

    page = client.get(case_url("staff_case", case)).content.decode()

    steps = available_steps(case, office_user)
    assert steps, status
    for step in steps:
        where = TRANSITIONS[step].where
        if step == A.AGREE and case.goes_through_selection and status != S.SELECTED:
            continue  # an open call is signed after its round decides (check_selection_decided)
        if where == Where.STAFF:
            assert case_url("staff_step", case, step) in page, step
        elif where == Where.ROUND:
            assert reverse("evaluation:case_rounds", args=[case.pk]) in page, step
        elif where == Where.AGREEMENT:
            assert reverse("partnership:staff_agreement", args=[case.pk]) in page, step


# Deadlines: named, nearest first ---------------------------------------------------------------


def test_the_two_deadlines_are_named_and_listed_by_date(client, office_user):
    case = submitted_case()
    # The reply falls due before the first response's date: the first listed is the reply.
    Proposal.objects.filter(pk=case.pk).update(
        first_response_due_on=datetime.date(2026, 5, 20), reply_due_on=datetime.date(2026, 5, 15)
    )
    client.force_login(office_user)

    response = client.get(case_url("staff_case", case))

    rows = response.context["deadlines"]
    assert [row["kind"] for row in rows] == ["reply", "first_response"]
    assert [row["due_on"] for row in rows] == [
        datetime.date(2026, 5, 15),
        datetime.date(2026, 5, 20),
    ]
    page = response.content.decode()
    first = escape(_ja("Deadline for the first response"))
    reply = escape(_ja("Deadline for replying to the proposer's message"))
    assert page.index(reply) < page.index(first)


def test_a_case_without_a_deadline_says_so_in_words(client, office_user):
    case = case_at(S.DECLINED, office=office_user)
    client.force_login(office_user)

    page = client.get(case_url("staff_case", case)).content.decode()

    assert _ja("No deadline") in page
    assert ">None<" not in page and ": None" not in page


def test_a_message_of_the_proposer_adds_the_reply_deadline(client, office_user):
    case = case_at(S.CONSULTING, office=office_user)
    send(case, by=case.created_by)
    client.force_login(office_user)

    response = client.get(case_url("staff_case", case))

    case.refresh_from_db()
    assert [(row["kind"], row["due_on"]) for row in response.context["deadlines"]] == sorted(
        [("first_response", case.first_response_due_on), ("reply", case.reply_due_on)],
        key=lambda row: row[1],
    )


# Queries: constant as departments and the history grow ----------------------------------------


@pytest.mark.parametrize("count", [1, 15])
def test_case_page_needs_the_same_queries_however_many_assignments_in_the_history(
    client, office_user, count, django_assert_num_queries
):
    case = submitted_case()
    departments = [DepartmentFactory(code=f"dept{number}") for number in range(count)]
    for department in departments:
        assign_department(case=case, department=department, by=office_user)
    for department in departments[: count // 2]:
        unassign_department(case=case, department=department, by=office_user)
    transition(case, A.START_DIALOGUE, by=office_user)
    DepartmentUserFactory(department=departments[-1])
    client.force_login(office_user)
    url = case_url("staff_case", case)
    client.get(url)

    # As test_staff_case_page's count, without goals: no indicators to read (the similar cases
    # and themes included, issue 15 §6).
    with django_assert_num_queries(19):
        response = client.get(url)

    events = [e for e in response.context["timeline"] if e["kind"] != "transition"]
    assert len(events) >= count + count // 2
