"""Cases with decisions and publications for the outcomes tests.

Cases reach their decisions through the real workflow (tests/proposals/cases.py); selection
rounds are laid down with the hand-checked sheet of the evaluation tests and decided as the
evaluation services decide them (the round's status, selected candidate and public reason).
"""

import datetime

from django.utils import timezone

from evaluation.models import EvaluatorAssignment, Round
from outcomes.services import publish_decision
from partnership.models import IndicatorResult, MonitoringReport
from proposals.models import Indicator, OpenCall, Proposal, SharedGoal
from proposals.workflow import A, transition
from tests.evaluation.results_data import hand_checked_round
from tests.factories.accounts import OrganizationFactory
from tests.factories.proposals import attach
from tests.proposals.cases import VALID, case_at, submitted_case

S = Proposal.Status

# Confidential content planted in a case: none of it may reach a public page or file.
SECRETS = {
    "know_how": "SECRET-KNOWHOW-予約枠最適化の独自手法",
    "body": "SECRET-BODY-当社負担でシステムを構築",
    "cost_detail": "SECRET-BUDGET-初期費用1200万円",
    "contact_email": "secret-contact@confidential.example.jp",
    "background": "SECRET-BACKGROUND-窓口の混雑",
}
SECRET_FILE = "SECRET-FILE-見積書.pdf"
SECRET_REASON = "SECRET-INTERNAL-REASON-予算の内部事情"
SECRET_ORGANIZATION = "株式会社SECRET-ORG"
SECRET_OUTLINE = "SECRET-OUTLINE-施設予約をオンライン化する提案"
PUBLIC_REASON = "市民の利便性が大きく向上するため採択する。"


def confidential_case(*, office, status=S.ADOPTED, consent=False, **kwargs) -> Proposal:
    """A case with distinctive confidential content, a file and an internal reason, brought
    to `status` by the office (the adoption's internal reason is secret, its public one not)."""
    case = submitted_case(
        organization=OrganizationFactory(name=SECRET_ORGANIZATION),
        outline=SECRET_OUTLINE,
        consent_to_publish=consent,
        **{**SECRETS, **kwargs},
    )
    attach(case, name=SECRET_FILE)
    for action in (A.START_DIALOGUE, A.TO_PLANNING):
        case = transition(case, action, by=office, **VALID[action])
    if status == S.ADOPTED:
        case = transition(
            case,
            A.ADOPT,
            by=office,
            **{**VALID[A.ADOPT], "reason": SECRET_REASON, "public_reason": PUBLIC_REASON},
        )
    case.refresh_from_db()
    return case


def decision_of(case, action=None):
    steps = case.transitions.filter(action=action) if action else case.transitions.all()
    return steps.order_by("-created_at", "-pk").first()


def published(case, *, office, action=A.ADOPT, discloses_proposer=False, **kwargs):
    return publish_decision(
        transition=decision_of(case, action),
        by=office,
        discloses_proposer=discloses_proposer,
        **kwargs,
    )


def adopted_and_published(*, office, count=1, **kwargs):
    """`count` adopted cases, each decision published."""
    return [
        published(case_at(S.ADOPTED, office=office, **kwargs), office=office) for _ in range(count)
    ]


def decided_selection(*, office, select="B"):
    """The hand-checked selection (B 64.75, A 64.25 with the bonus, C 50.75), decided for
    `select`; the original case A takes its step (select or not select) through the workflow.
    Returns (round, original case, the original case's step)."""
    original = case_at(S.SELECTING, office=office)
    round = hand_checked_round(office=office, proposal=original)
    selected = round.candidates.get(label=select)
    action = A.SELECT if select == "A" else A.NOT_SELECT
    transition(original, action, by=office, **VALID[action])
    round.status = Round.Status.DECIDED
    round.selected = selected
    round.decided_at = timezone.now()
    round.decision_reason = SECRET_REASON
    round.public_reason = "総合評価の結果、最も優れた提案を選定した。"
    round.save()
    return round, original, decision_of(original, action)


def evaluator_of(round):
    return EvaluatorAssignment.objects.filter(round=round).select_related("evaluator")[0].evaluator


def monitored(case, *, office, public=True, value="1200"):
    """A monitoring report with one indicator result, published or not."""
    goal = SharedGoal.objects.create(
        proposal=case,
        viewpoint=SharedGoal.Viewpoint.CITIZENS,
        description="SECRET-GOAL-目標の内部説明",
        updated_by=office,
    )
    indicator = Indicator.objects.create(
        goal=goal, name="オンライン予約件数", unit="件/月", baseline="0", target="1000"
    )
    report = MonitoringReport.objects.create(
        proposal=case,
        period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2026, 9, 30),
        summary="SECRET-REPORT-上期の運営状況",
        assessment="SECRET-ASSESSMENT-課題",
        created_by=office,
    )
    return IndicatorResult.objects.create(
        report=report, indicator=indicator, value=value, note="SECRET-NOTE", is_public=public
    )


def published_call(*, office, number, case=None, days=(-1, 20), **fields) -> OpenCall:
    """A published open call of an adopted case (numbered as publication numbers it)."""
    case = case or confidential_case(office=office)
    today = timezone.localdate()
    return OpenCall.objects.create(
        proposal=case,
        number=number,
        title=fields.pop("title", f"公共施設予約システムの運営事業者の公募 {number}"),
        summary=fields.pop("summary", "施設予約システムの運営を担う事業者を募集します。"),
        conditions=fields.pop("conditions", "市内に事業所を有すること。"),
        starts_on=today + datetime.timedelta(days=days[0]),
        ends_on=today + datetime.timedelta(days=days[1]),
        contact=fields.pop("contact", "政策企画課 共創推進室 055-000-0000"),
        status=OpenCall.Status.PUBLISHED,
        published_at=timezone.now(),
        created_by=office,
        **fields,
    )
