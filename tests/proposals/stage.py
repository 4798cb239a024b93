"""Stage 3 cases for the tests: an adopted case with its open call, applications, a direct
agreement's case. Reached through the real services (the agreement's: tests/partnership)."""

import datetime

from django.utils import timezone

from proposals import calls
from proposals.models import Opportunity, PPPMethod, Proposal
from proposals.services import create_application, update_proposal
from proposals.workflow import A, transition
from tests.factories.accounts import MemberFactory
from tests.proposals.cases import VALID, case_at

S = Proposal.Status
TODAY = timezone.localdate

COMPLETE_CONTENT = {
    "background": "予約が窓口と電話に限られている。",
    "body": "当社の予約システムを導入し運営する。",
    "effect_citizens": "24時間予約できる。",
    "effect_financial": "窓口業務の削減。",
    "effect_growth": "職員の業務改善。",
    "effect_region": "施設の稼働率向上。",
    "roles": "当社：運営。市：データ提供。",
    "schedule": "令和8年度から。",
    "cost_bearing": Proposal.CostBearing.NONE,
    "know_how": "応募者独自の運用ノウハウ。",
}


def call_fields(**changes) -> dict:
    return {
        "title": "公共施設予約システムの運営事業者の公募",
        "summary": "施設予約のオンライン化を実施する事業者を募集します。",
        "conditions": "市内に事業所を有すること。",
        "starts_on": TODAY() - datetime.timedelta(days=1),
        "ends_on": TODAY() + datetime.timedelta(days=30),
        "contact": "政策企画課 共創推進室",
        **changes,
    }


def adopted_case(*, office, opportunity=Opportunity.OPEN_CALL, departments=(), **kwargs):
    """A case adopted with the given opportunity (an open call unless told)."""
    case = case_at(S.PLANNING, office=office, departments=departments, **kwargs)
    details = {**VALID[A.ADOPT], "opportunity": opportunity}
    if opportunity == Opportunity.DIRECT:
        details["direct_reason"] = "提案者の独自技術によるため。"
    return transition(case, A.ADOPT, by=office, **details)


def published_call(*, office, case=None, **changes):
    case = case or adopted_case(office=office)
    call = calls.save_call(case=case, by=office, **call_fields(**changes))
    return calls.publish_call(call=call, by=office)


def applicant(**kwargs):
    return MemberFactory(**kwargs)


def application(call, *, member=None, submit=True, title="予約システム運営の応募"):
    member = member or applicant()
    draft = create_application(
        call=call,
        by=member,
        title=title,
        outline="当社の予約システムで運営します。",
        contact_name="応募 太郎",
        contact_phone="",
        contact_email="apply@biz.example.jp",
    )
    draft = update_proposal(proposal=draft, by=member, **COMPLETE_CONTENT)
    if submit:
        draft = transition(draft, A.APPLY, by=member)
    draft.refresh_from_db()
    return draft


def direct_agreement_case(*, office, departments=()):
    """Adopted for a direct agreement: the agreement is written and signed from `adopted`."""
    return adopted_case(office=office, opportunity=Opportunity.DIRECT, departments=departments)


PPP = PPPMethod
