"""Stage 3 (事業具体化), the open call (公募): an adopted case with its opportunity, its call
written and published by the office (proposals.calls), applications through the intake
(create_application, then APPLY), and a case selecting its implementer."""

import datetime

from django.utils import timezone

from proposals import calls
from proposals.models import Opportunity, Proposal
from proposals.services import create_application, update_proposal
from proposals.workflow import A, transition
from tests.factories.accounts import MemberFactory
from tests.factories.proposals import attach
from tests.factories.terms import APPLICATION, accepted_terms

from .cases import VALID, case_at, days_ago

S = Proposal.Status
TODAY = timezone.localdate

# What an applicant writes in the sections of a full proposal.
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
    """The call form as the office fills it in: accepting from yesterday for 30 days."""
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
    return case_at(
        S.ADOPTED, office=office, opportunity=opportunity, departments=departments, **kwargs
    )


def direct_agreement_case(*, office, departments=(), **kwargs):
    """Adopted for a direct agreement: the agreement is written and signed from `adopted`."""
    return adopted_case(
        office=office, opportunity=Opportunity.DIRECT, departments=departments, **kwargs
    )


def draft_call(*, office, case=None, **changes):
    """The office's draft of the open call of an adopted case (a new one unless given)."""
    case = case or adopted_case(office=office)
    return calls.save_call(case=case, by=office, **call_fields(**changes))


def published_call(*, office, case=None, **changes):
    """The call published: numbered, accepting applications. A period that is over already
    was published on its first day (the office publishes before a call ends)."""
    call = draft_call(office=office, case=case, **changes)
    if call.ends_on >= TODAY():
        return calls.publish_call(call=call, by=office)
    with days_ago((TODAY() - call.starts_on).days):
        return calls.publish_call(call=call, by=office)


def applicant(**kwargs):
    """A member of another business, who may apply to a call."""
    return MemberFactory(**kwargs)


def application(call, *, member=None, submit=True, files=(), **content):
    """An application through the intake: the draft, its sections, its files; then APPLY
    (unless `submit` is false: the draft)."""
    member = member or applicant()
    draft = create_application(
        call=call,
        by=member,
        **{
            "title": "予約システム運営の応募",
            "outline": "当社の予約システムで運営します。",
            "contact_name": "応募 太郎",
            "contact_phone": "",
            "contact_email": "apply@biz.example.jp",
            **{k: v for k, v in content.items() if k not in COMPLETE_CONTENT},
        },
    )
    sections = {**COMPLETE_CONTENT, **{k: v for k, v in content.items() if k in COMPLETE_CONTENT}}
    draft = update_proposal(case=draft, by=member, **sections)
    for name in files:
        attach(draft, name=name, by=member)
    if submit:
        draft = transition(draft, A.APPLY, by=member, accepted=accepted_terms(APPLICATION))
    draft.refresh_from_db()
    return draft


def start_selection(case, *, office, **changes):
    """公募開始: the call of an adopted case published, then START_SELECTION. (case, call)."""
    call = published_call(office=office, case=case, **changes)
    case = transition(case, A.START_SELECTION, by=office, **VALID[A.START_SELECTION])
    return case, call


def selecting_case(*, office, applications=2, departments=(), **kwargs):
    """A case selecting its implementer, with its published call and `applications`
    applications of other businesses. (case, [applications])."""
    case, call = start_selection(
        adopted_case(office=office, departments=departments, **kwargs), office=office
    )
    return case, [application(call) for _ in range(applications)]
