"""Stages 1 and 2 (提案・発想, 計画・検討): a submitted case, a case at any status of the office's
path, reached through the real steps (workflow.transition) and, past the selection, the real
signing of the agreement (agreements.py). Also what the city's step form sends (VALID)."""

import datetime
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone

from proposals.models import Opportunity, PPPMethod, Proposal
from proposals.services import assign_department
from proposals.workflow import A, transition
from tests.factories.proposals import ProposalFactory
from tests.factories.terms import accepted_terms

from .agreements import signed

S = Proposal.Status

# What each of the city's steps needs, as an office member fills it in.
VALID = {
    A.START_DIALOGUE: {},
    A.DECLINE: {"reason": "市の方針と合わないため。", "public_reason": "既存事業と重複するため。"},
    A.TO_PLANNING: {"reason": "担当課と協議し、計画段階へ進める。"},
    A.ADOPT: {
        "reason": "予算措置の見込みあり。",
        "public_reason": "市民の利便性向上が見込まれるため採択する。",
        "ppp_method": PPPMethod.OUTSOURCING,
        "opportunity": Opportunity.OPEN_CALL,
    },
    A.NOT_ADOPT: {"reason": "費用対効果が低い。", "public_reason": "効果の検証が困難なため。"},
    A.START_SELECTION: {"reason": "公募を開始する。"},
    A.SELECT: {
        "reason": "選定委員会の評価で最高点。",
        "public_reason": "評価の結果、最も優れた提案であったため選定した。",
    },
    A.NOT_SELECT: {
        "reason": "選定委員会の評価で次点。",
        "public_reason": "評価の結果、他の提案が上位であったため。",
    },
    A.AGREE: {},
    A.START_OPERATION: {},
    A.COMPLETE: {"reason": "事業期間の満了。", "public_reason": "目標を達成し終了した。"},
}
DIRECT_REASON = "提案者の独自技術によるため。"

# The office's path from receipt to the end, and the step that leaves each status on it.
PATH = (
    S.RECEIVED,
    S.CONSULTING,
    S.PLANNING,
    S.ADOPTED,
    S.SELECTING,
    S.SELECTED,
    S.AGREED,
    S.OPERATING,
    S.COMPLETED,
)
NEXT_STEP = {
    S.RECEIVED: A.START_DIALOGUE,
    S.CONSULTING: A.TO_PLANNING,
    S.PLANNING: A.ADOPT,
    S.ADOPTED: A.START_SELECTION,  # an adoption that chose an open call; else the signing
    S.SELECTING: A.SELECT,  # taken directly: a round's decision is rounds.decided_selection
    S.AGREED: A.START_OPERATION,
    S.OPERATING: A.COMPLETE,
}


@contextmanager
def days_ago(days):
    """Whatever runs inside happens `days` calendar days ago (the clock moved back, frozen)."""
    moment = timezone.now() - datetime.timedelta(days=days)
    with mock.patch.object(timezone, "now", lambda: moment):
        yield moment


def submit(case, by=None) -> Proposal:
    """The proposer's SUBMIT step (an application's is APPLY: calls.application)."""
    return transition(case, A.SUBMIT, by=by or case.created_by, accepted=accepted_terms())


def withdraw(case, by=None, reason="社内体制の見直しのため。") -> Proposal:
    """The proposer withdraws a submitted case through the workflow."""
    return transition(case, A.WITHDRAW, by=by or case.created_by, reason=reason)


def submitted_case(**kwargs) -> Proposal:
    """A complete proposal (factory) submitted by its proposer: `received`."""
    return submit(ProposalFactory(complete=True, **kwargs))


def adoption_details(opportunity=Opportunity.OPEN_CALL) -> dict:
    """The ADOPT step's form: an open call unless told; a direct agreement gives its reason."""
    details = {**VALID[A.ADOPT], "opportunity": opportunity}
    if opportunity == Opportunity.DIRECT:
        details["direct_reason"] = DIRECT_REASON
    return details


def advance(case, status, *, by, opportunity=Opportunity.OPEN_CALL) -> Proposal:
    """Take the office's steps from where the case is until it reaches `status`.

    The adoption chooses `opportunity`; an open call goes through the selection (SELECT
    taken directly), a direct agreement goes to its signing from `adopted`. The agreement is
    written and signed through the partnership services: its term starts tomorrow when the
    case is to wait as `agreed`, today otherwise (the signing then starts the operation)."""
    while case.status != status:
        if PATH.index(case.status) > PATH.index(status):
            raise ValueError(f"{case.reference} is past {status}: {case.status}")
        awaits_signing = case.status == S.SELECTED or (
            case.status == S.ADOPTED and not case.chose_open_call
        )
        if awaits_signing:
            case = signed(case, office=by, starts_later=status == S.AGREED)
        elif case.status == S.PLANNING:
            case = transition(case, A.ADOPT, by=by, **adoption_details(opportunity))
        else:
            step = NEXT_STEP[case.status]
            case = transition(case, step, by=by, **VALID[step])
    return case


# The statuses that end a case off the office's path: the status before, the step that ends it.
ENDINGS = {
    S.DECLINED: (S.CONSULTING, A.DECLINE),
    S.NOT_ADOPTED: (S.PLANNING, A.NOT_ADOPT),
    S.NOT_SELECTED: (S.SELECTING, A.NOT_SELECT),
    S.WITHDRAWN: (S.RECEIVED, A.WITHDRAW),
}


def case_at(
    status, *, office, departments=(), opportunity=Opportunity.OPEN_CALL, **kwargs
) -> Proposal:
    """A case at any status: a complete draft, or submitted with its departments in charge and
    brought to `status` by the office (a withdrawn one withdrawn by its proposer)."""
    if status == S.DRAFT:
        return ProposalFactory(complete=True, **kwargs)
    case = submitted_case(**kwargs)
    for department in departments:
        assign_department(case=case, department=department, by=office)
    before, ending = ENDINGS.get(status, (status, None))
    case = advance(case, before, by=office, opportunity=opportunity)
    if ending == A.WITHDRAW:
        case = withdraw(case)
    elif ending is not None:
        case = transition(case, ending, by=office, **VALID[ending])
    case.refresh_from_db()
    return case


def submitted_days_ago(days, **kwargs) -> Proposal:
    """A case received `days` calendar days ago: its first-response deadline may have passed."""
    with days_ago(days):
        return submitted_case(**kwargs)


def step_form(step, seen_status, **changes) -> dict:
    """The step form's POST data, as the staff page sends it."""
    return {**VALID[step], "seen_status": seen_status, **changes}
