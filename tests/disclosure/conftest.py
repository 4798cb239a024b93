import datetime

import pytest
from django.utils import timezone

from disclosure.services import record_request
from tests.factories.proposals import attach, pdf_bytes
from tests.scenarios import adopted_case

SECRET_BODY = "独自の需要予測アルゴリズムで予約の偏りを平準化する"
KNOW_HOW = "過去十年の利用実績から学習した配分モデル"


@pytest.fixture
def case(office_user, department):
    case = adopted_case(office=office_user, departments=[department])
    case.body, case.know_how = SECRET_BODY, KNOW_HOW
    case.save(update_fields=["body", "know_how"])
    return case


@pytest.fixture
def disclosure(case, office_user):
    today = timezone.localdate()
    return record_request(
        by=office_user,
        received_on=today,
        requester="市民A: 公共施設予約に関する提案書一式",
        cases=[case],
        decision_due_on=today + datetime.timedelta(days=14),
    )


@pytest.fixture
def files(case):
    """Two files of the case: a plan to be disclosed, a cost sheet to be withheld."""
    return (
        attach(case, name="事業計画.pdf", content=pdf_bytes("PLAN-OPEN")),
        attach(case, name="原価内訳.pdf", content=pdf_bytes("COST-SECRET")),
    )
