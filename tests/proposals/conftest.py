"""Fixtures of the proposals tests: a proposer, their complete draft and their signed-in client;
a case in planning as the city's staff pages show it. Helpers are in helpers.py beside this."""

import pytest

from proposals.services import assign_department, save_goal
from proposals.workflow import A, transition
from tests.factories.accounts import MemberFactory
from tests.factories.proposals import ProposalFactory, attach
from tests.scenarios import submit

pytest.register_assert_rewrite("tests.proposals.helpers")


@pytest.fixture
def proposer(db):
    return MemberFactory(email="proposer@biz.example.jp")


@pytest.fixture
def draft(proposer):
    return ProposalFactory(
        organization=proposer.membership.organization, created_by=proposer, complete=True
    )


@pytest.fixture
def signed_in(client, proposer):
    client.force_login(proposer)
    return client


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
