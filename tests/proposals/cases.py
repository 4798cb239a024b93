"""Cases at every status of the workflow, reached through the real steps (workflow.transition).

Shared by the staff page, goal, concurrency and access-log tests.
"""

import datetime

from django.utils import timezone

from proposals.models import Opportunity, PPPMethod, Proposal
from proposals.services import assign_department
from proposals.workflow import A, transition
from tests.factories.proposals import ProposalFactory, submit
from tests.partnership.cases import signed_agreement

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
CITY_STEPS = tuple(VALID)

# The office's path from receipt to the end; a status is reached by the steps before it.
PATH = (
    A.START_DIALOGUE,
    A.TO_PLANNING,
    A.ADOPT,
    A.START_SELECTION,
    A.SELECT,
    A.AGREE,
    A.START_OPERATION,
    A.COMPLETE,
)
STEPS_TO = {
    S.RECEIVED: 0,
    S.CONSULTING: 1,
    S.PLANNING: 2,
    S.ADOPTED: 3,
    S.SELECTING: 4,
    S.SELECTED: 5,
    S.AGREED: 6,
    S.OPERATING: 7,
    S.COMPLETED: 8,
}
# Where each step starts from (the first of its sources on the path).
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


def submitted_case(**kwargs) -> Proposal:
    return submit(ProposalFactory(complete=True, **kwargs))


def advance(case, status, *, by) -> Proposal:
    """Take the office's steps from receipt until the case reaches `status`; a selected case
    gets its signed agreement, so that the AGREE step can be taken (the partnership app adds
    that check to the step when it is ready)."""
    for action in PATH[: STEPS_TO[status]]:
        case = transition(case, action, by=by, **VALID[action])
        if action == A.SELECT:
            signed_agreement(case, by=by)
    return case


def case_at(status, *, office, departments=(), **kwargs) -> Proposal:
    """A submitted case with its departments in charge, brought to `status` by the office."""
    case = submitted_case(**kwargs)
    for department in departments:
        assign_department(proposal=case, department=department, by=office)
    case = advance(case, status, by=office)
    case.refresh_from_db()
    return case


def submitted_days_ago(days, monkeypatch, **kwargs) -> Proposal:
    """A case received `days` calendar days ago: its first-response deadline may have passed."""
    moment = timezone.now() - datetime.timedelta(days=days)
    with monkeypatch.context() as patched:
        patched.setattr(timezone, "now", lambda: moment)
        case = submitted_case(**kwargs)
    return case


def step_form(action, seen_status, **changes) -> dict:
    """The step form's POST data, as the staff page sends it."""
    return {**VALID[action], "seen_status": seen_status, **changes}
