"""Cases with planted confidential content, for the outcomes tests: none of it may reach a
public page or file. Built from the scenarios (tests/scenarios), through the real services."""

from evaluation.models import EvaluatorAssignment
from proposals.models import Proposal
from proposals.workflow import A, transition
from tests.factories.accounts import OrganizationFactory
from tests.factories.proposals import attach
from tests.scenarios import advance, monitoring_report, published_call, submitted_case, with_goal
from tests.scenarios.cases import adoption_details

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
    to `status` (planning or adopted) by the office; the adoption's internal reason is secret,
    its public one not."""
    case = submitted_case(
        organization=OrganizationFactory(name=SECRET_ORGANIZATION),
        outline=SECRET_OUTLINE,
        consent_to_publish=consent,
        **{**SECRETS, **kwargs},
    )
    attach(case, name=SECRET_FILE)
    case = advance(case, S.PLANNING, by=office)
    if status == S.ADOPTED:
        details = {**adoption_details(), "reason": SECRET_REASON, "public_reason": PUBLIC_REASON}
        case = transition(case, A.ADOPT, by=office, **details)
    case.refresh_from_db()
    return case


def secret_call(*, office, case=None, **changes):
    """The published open call of a confidential case: only what the office wrote is public."""
    return published_call(office=office, case=case or confidential_case(office=office), **changes)


def evaluator_of(round):
    return EvaluatorAssignment.objects.filter(round=round).select_related("evaluator")[0].evaluator


def monitored(case, *, office, public=True, value="1200"):
    """A monitoring report with one indicator result, published or not, with secrets in what
    stays internal; the case is taken on to operation first (monitoring is written while the
    service runs)."""
    case.refresh_from_db()
    if case.status != S.OPERATING:
        case = advance(case, S.OPERATING, by=office)
    goal = with_goal(
        case,
        by=office,
        description="SECRET-GOAL-目標の内部説明",
        name="オンライン予約件数",
        unit="件/月",
        baseline="0",
        target="1000",
    )
    report = monitoring_report(
        case,
        by=office,
        indicator=goal.indicators.get(),
        value=value,
        public=public,
        note="SECRET-NOTE",
        summary="SECRET-REPORT-上期の運営状況",
        assessment="SECRET-ASSESSMENT-課題",
    )
    return report.results.get()
