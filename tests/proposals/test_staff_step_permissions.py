"""Every step of the city, allowed and refused per role, through the step page and through
the workflow; from a status it does not leave; the proposer's withdrawal."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from proposals.models import Proposal
from proposals.workflow import STAFF_STEPS, TRANSITIONS, A, transition
from tests.proposals.helpers import ROLES, case_url, login_redirect, people, sign_in, snapshot
from tests.scenarios import VALID, case_at, signed, step_form

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
    before = snapshot(case)
    client.force_login(office_user)
    url = case_url("staff_step", case, step)

    assert client.get(url).status_code == 404
    assert client.post(url, step_form(step, case.status)).status_code == 404
    assert snapshot(case) == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("step", PAGE_STEPS)
def test_each_step_through_the_page_is_taken_by_the_office_only(
    client, office_user, department, step, role
):
    case = case_at(SOURCE_OF[step], office=office_user, departments=[department])
    user = people(case, department)[role]
    sign_in(client, user)
    before = snapshot(case)
    url = case_url("staff_step", case, step)

    shown = client.get(url)
    taken = client.post(url, step_form(step, case.status))

    expected = _expected_page_status(role)
    if expected == "login":
        assert login_redirect(shown) and login_redirect(taken)
    elif expected == 302:
        assert shown.status_code == 200
        assert taken.status_code == 302 and taken.url == case_url("staff_case", case)
    else:
        assert (shown.status_code, taken.status_code) == (expected, expected)
    case.refresh_from_db()
    if role == "office":
        assert case.status == TRANSITIONS[step].target
        record = case.transitions.last()
        assert (record.step, record.actor, record.source) == (step, user, SOURCE_OF[step])
    else:
        assert snapshot(case) == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("step", CITY_STEPS)
def test_each_step_through_the_workflow_is_taken_by_the_office_only(
    office_user, department, step, role
):
    case = case_at(SOURCE_OF[step], office=office_user, departments=[department])
    user = people(case, department)[role] or AnonymousUser()
    before = snapshot(case)

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
        assert snapshot(case) == before


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
    before = snapshot(case)

    with pytest.raises(ValidationError) as refusal:
        transition(case, step, by=office_user, **VALID[step])
    client.force_login(office_user)
    response = client.post(case_url("staff_step", case, step), step_form(step, case.status))

    assert refusal.value.code == "wrong_status"
    assert response.status_code == (404 if step in STAGE_STEPS else 403)
    assert snapshot(case) == before


@pytest.mark.parametrize("role", ROLES)
def test_withdrawal_is_the_proposers_step_only(office_user, department, role):
    case = case_at(S.PLANNING, office=office_user, departments=[department])
    user = people(case, department)[role] or AnonymousUser()
    before = snapshot(case)

    if role == "proposer_member":
        assert transition(case, A.WITHDRAW, by=user, reason="体制変更").status == S.WITHDRAWN
    else:
        with pytest.raises(PermissionDenied):
            transition(case, A.WITHDRAW, by=user, reason="体制変更")
        assert snapshot(case) == before
