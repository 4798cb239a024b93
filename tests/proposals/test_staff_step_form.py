"""The office's step form on the case page (issue 5 §4): the fields each step asks for, the
adoption with its reasons and details, and every refusal shown beside its field."""

import pytest

from proposals.models import Opportunity, PPPMethod, Proposal
from proposals.workflow import A
from tests.proposals.helpers import case_url, messages_of, snapshot
from tests.scenarios import VALID, case_at, step_form, submitted_case

pytestmark = pytest.mark.django_db

S = Proposal.Status


def test_adoption_form_asks_for_both_reasons_the_method_and_the_opportunity(
    client, planning_case, office_user
):
    client.force_login(office_user)

    response = client.get(case_url("staff_step", planning_case, A.ADOPT))

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

    response = client.get(case_url("staff_step", case, A.TO_PLANNING))

    assert list(response.context["form"].fields) == ["reason", "seen_status"]
    assert not response.context["is_decision"]


def test_office_adopts_with_reasons_and_details_and_returns_to_the_case(
    client, planning_case, office_user, mailoutbox
):
    client.force_login(office_user)

    response = client.post(
        case_url("staff_step", planning_case, A.ADOPT),
        step_form(
            A.ADOPT,
            S.PLANNING,
            opportunity=Opportunity.DIRECT,
            direct_reason="特許技術を用いるため。",
            ppp_method=PPPMethod.PARTNERSHIP_AGREEMENT,
        ),
        follow=True,
    )

    assert response.redirect_chain[-1][0] == case_url("staff_case", planning_case)
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
    assert len(messages_of(response)) == 1
    page = response.content.decode()
    assert "特許技術を用いるため。" in page  # the timeline shows what the step recorded


def test_a_direct_reason_is_recorded_with_a_direct_agreement_only(
    client, planning_case, office_user
):
    client.force_login(office_user)

    client.post(
        case_url("staff_step", planning_case, A.ADOPT),
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
    before = snapshot(planning_case)

    response = client.post(
        case_url("staff_step", planning_case, A.ADOPT),
        step_form(A.ADOPT, S.PLANNING, **changes),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [field]
    assert snapshot(planning_case) == before
    page = response.content.decode()
    assert 'class="error-summary"' in page and f'href="#id_{field}' in page


def test_the_direct_reason_refusal_comes_from_the_workflow_check(
    client, planning_case, office_user
):
    client.force_login(office_user)

    response = client.post(
        case_url("staff_step", planning_case, A.ADOPT),
        step_form(A.ADOPT, S.PLANNING, opportunity=Opportunity.DIRECT, direct_reason=""),
    )

    assert response.context["form"].errors.as_data()["direct_reason"][0].code == (
        "direct_reason_required"
    )


def test_every_refusal_of_an_adoption_shows_at_once(client, planning_case, office_user):
    client.force_login(office_user)

    response = client.post(
        case_url("staff_step", planning_case, A.ADOPT),
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

    assert client.get(case_url("staff_step", case, A.ADOPT)).status_code == 403
    assert (
        client.post(
            case_url("staff_step", case, A.ADOPT), step_form(A.ADOPT, S.CONSULTING)
        ).status_code
        == 403
    )


@pytest.mark.parametrize("step", [A.SUBMIT, A.WITHDRAW, "explode"])
def test_the_proposers_steps_and_unknown_ones_have_no_staff_form(client, office_user, step):
    case = submitted_case()
    client.force_login(office_user)

    assert client.get(case_url("staff_step", case, step)).status_code == 404
