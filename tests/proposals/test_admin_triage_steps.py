"""Triage in the admin (issue 5 §3): workflow steps taken from the list for one case or
several, through the intermediate page and the workflow, case by case; a refused case is
reported and left exactly as it was.
"""

import pytest

from proposals.models import Opportunity, PPPMethod, Proposal
from proposals.workflow import A, transition
from tests.proposals.helpers import act, apply, consulting, planning, received, refusal_codes

pytestmark = pytest.mark.django_db

S = Proposal.Status


def test_the_step_page_offers_the_office_steps_possible_and_shows_each_status(client, office_user):
    case = received()
    client.force_login(office_user)

    page = act(client, "take_step", [case])

    assert page.status_code == 200
    choices = [value for value, _label in page.context["form"].fields["step"].choices]
    assert choices == [A.START_DIALOGUE, A.DECLINE]
    content = page.content.decode()
    assert f'name="seen_status_{case.pk}" value="received"' in content
    assert A.WITHDRAW not in choices  # the proposer's step
    assert 'name="ppp_method"' not in content  # asked for only when adoption is possible


def test_office_starts_the_dialogue_for_several_cases_at_once(client, office_user):
    cases = [received(), received()]
    client.force_login(office_user)

    done = apply(client, "take_step", cases, step=A.START_DIALOGUE)

    assert done.status_code == 302
    for case in cases:
        case.refresh_from_db()
        assert case.status == S.CONSULTING
        assert case.transitions.last().actor == office_user
        assert case.first_responded_at is not None


def test_office_moves_a_case_to_planning_with_its_reason(client, office_user):
    case = consulting(office_user)
    client.force_login(office_user)

    apply(client, "take_step", [case], step=A.TO_PLANNING, reason="目標を共有できた。")

    case.refresh_from_db()
    assert case.status == S.PLANNING
    assert case.transitions.last().reason == "目標を共有できた。"


def test_a_step_without_its_reason_is_refused_for_that_case_only(client, office_user):
    ready, wrong = consulting(office_user), received()
    client.force_login(office_user)

    done = apply(client, "take_step", [ready, wrong], step=A.TO_PLANNING)

    assert sorted(refusal_codes(done)) == ["reason_required", "wrong_status"]
    for case in (ready, wrong):
        status = case.status
        case.refresh_from_db()
        assert case.status == status


ADOPTION = {
    "reason": "予算措置済み。",
    "public_reason": "市民の利便性が高まるため採択します。",
    "ppp_method": PPPMethod.OUTSOURCING,
    "opportunity": Opportunity.OPEN_CALL,
}


@pytest.mark.parametrize(
    ("missing", "codes"),
    [
        ("ppp_method", "ppp_method_required"),
        ("opportunity", "opportunity_required"),
        ("public_reason", "public_reason_required"),
    ],
)
def test_adoption_without_what_it_needs_is_refused_and_nothing_changes(
    client, office_user, missing, codes
):
    case = planning(office_user)
    steps = case.transitions.count()
    client.force_login(office_user)

    done = apply(client, "take_step", [case], step=A.ADOPT, **{**ADOPTION, missing: ""})

    assert refusal_codes(done) == [codes]
    case.refresh_from_db()
    assert case.status == S.PLANNING
    assert case.transitions.count() == steps


def test_a_direct_agreement_needs_its_reason(client, office_user):
    case = planning(office_user)
    client.force_login(office_user)
    direct = {**ADOPTION, "opportunity": Opportunity.DIRECT}

    refused = apply(client, "take_step", [case], step=A.ADOPT, **direct)
    case.refresh_from_db()
    done = apply(
        client, "take_step", [case], step=A.ADOPT, direct_reason="特許技術のため。", **direct
    )

    assert refusal_codes(refused) == ["direct_reason_required"]
    assert refusal_codes(done) == [""]
    case.refresh_from_db()
    assert case.status == S.ADOPTED
    assert case.transitions.last().details == {
        "ppp_method": PPPMethod.OUTSOURCING,
        "opportunity": Opportunity.DIRECT,
        "direct_reason": "特許技術のため。",
    }


def test_office_adopts_with_the_ppp_method_and_the_opportunity(
    client, office_user, mailoutbox, run_jobs
):
    case = planning(office_user)
    client.force_login(office_user)

    page = act(client, "take_step", [case])
    done = apply(client, "take_step", [case], step=A.ADOPT, **ADOPTION)
    run_jobs()

    assert 'name="ppp_method"' in page.content.decode()
    assert refusal_codes(done) == [""]
    case.refresh_from_db()
    assert case.status == S.ADOPTED
    record = case.transitions.last()
    assert (record.step, record.public_reason) == (A.ADOPT, ADOPTION["public_reason"])
    assert record.details == {"ppp_method": "outsourcing", "opportunity": "open_call"}
    assert [mail.to for mail in mailoutbox] == [[case.contact_email, case.created_by.email]]


def test_a_step_on_a_case_someone_else_moved_meanwhile_is_refused_as_stale(client, office_user):
    case = received()
    seen = case.status  # what the intermediate page showed
    transition(case, A.START_DIALOGUE, by=office_user)  # a colleague, in the meantime
    client.force_login(office_user)

    done = apply(
        client,
        "take_step",
        [case],
        step=A.DECLINE,
        reason="対象外。",
        public_reason="市の事業の範囲外のため。",
        **{f"seen_status_{case.pk}": seen},
    )

    assert refusal_codes(done) == ["stale"]
    case.refresh_from_db()
    assert case.status == S.CONSULTING
    assert case.transitions.count() == 2
