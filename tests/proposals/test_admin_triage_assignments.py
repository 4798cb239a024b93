"""Triage in the admin (issue 5 §3): assigning departments to cases and removing them, through
the intermediate page and the services (assignments and their grants), case by case; a
refused case is reported and left as it was.
"""

import pytest
from django.core.exceptions import ValidationError

from proposals.models import DepartmentAssignment
from proposals.selectors import visible_proposals
from proposals.services import assign_department
from tests.factories.accounts import DepartmentFactory
from tests.factories.proposals import ProposalFactory
from tests.proposals.helpers import act, apply, received, refusal_codes
from tests.scenarios import withdraw

pytestmark = pytest.mark.django_db


def test_office_assigns_departments_through_the_intermediate_page_and_they_see_the_cases(
    client,
    office_user,
    department,
    department_user,
    mailoutbox,
    run_jobs,
):
    cases = [received(), received()]
    other = DepartmentFactory(name="デジタル推進課", code="digital")
    client.force_login(office_user)

    page = act(client, "assign_departments", cases)
    done = apply(client, "assign_departments", cases, departments=[department.pk, other.pk])
    run_jobs()

    assert page.status_code == 200
    content = page.content.decode()
    assert 'name="departments"' in content and department.name in content
    assert all(case.reference in content for case in cases)
    assert done.status_code == 302
    assert set(DepartmentAssignment.objects.values_list("proposal_id", "department_id")) == {
        (case.pk, dept.pk) for case in cases for dept in (department, other)
    }
    assert set(visible_proposals(department_user)) == set(cases)
    assert [mail.to for mail in mailoutbox] == [[department_user.email]] * 2
    assert refusal_codes(done) == ["", ""]  # one success message per department


def test_assigning_reports_a_refused_case_and_does_the_rest(client, office_user, department):
    already = received()
    assign_department(case=already, department=department, by=office_user)
    closed = withdraw(received())
    fresh = received()
    client.force_login(office_user)

    done = apply(
        client, "assign_departments", [already, closed, fresh], departments=[department.pk]
    )

    assert sorted(refusal_codes(done)) == ["", "already_assigned", "closed"]
    assert set(DepartmentAssignment.objects.values_list("proposal_id", flat=True)) == {
        already.pk,
        fresh.pk,
    }


def test_a_draft_gets_no_department_from_the_list_or_the_service(
    client, office_user, department, department_user
):
    draft = ProposalFactory()
    client.force_login(office_user)

    apply(client, "assign_departments", [draft], departments=[department.pk])
    with pytest.raises(ValidationError) as refusal:
        assign_department(case=draft, department=department, by=office_user)

    assert refusal.value.code == "draft"
    assert not DepartmentAssignment.objects.exists()
    assert list(visible_proposals(department_user)) == []


def test_the_assignment_page_asks_again_without_a_department(client, office_user):
    case = received()
    client.force_login(office_user)

    page = apply(client, "assign_departments", [case])

    assert page.status_code == 200
    assert page.context["form"].errors["departments"]
    assert 'aria-invalid="true"' in page.content.decode()
    assert not DepartmentAssignment.objects.exists()


def test_office_removes_a_department_and_its_staff_no_longer_see_the_case(
    client, office_user, department, department_user
):
    case = received()
    unassigned = received()
    assign_department(case=case, department=department, by=office_user)
    client.force_login(office_user)

    page = act(client, "unassign_department", [case, unassigned])
    done = apply(client, "unassign_department", [case, unassigned], department=department.pk)

    assert page.status_code == 200 and 'name="department"' in page.content.decode()
    assert done.status_code == 302
    assert sorted(refusal_codes(done)) == ["", "not_assigned"]
    assert not DepartmentAssignment.objects.exists()
    assert list(visible_proposals(department_user)) == []
