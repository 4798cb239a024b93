"""Stage 4 (改善): a case in operation with its shared goal and indicator, its monitoring
reports and improvement actions, written by the city's side (proposals.services.save_goal,
partnership.monitoring)."""

import datetime

from django.utils import timezone

from partnership import monitoring, selectors
from proposals.models import Proposal
from proposals.services import save_goal

from .cases import case_at

S = Proposal.Status
TODAY = timezone.localdate


def with_goal(case, *, by, description="予約の利便性向上", **indicator):
    """A shared goal on the citizens' viewpoint with one indicator (原則2); the goal."""
    return save_goal(
        case=case,
        by=by,
        viewpoint="citizens",
        description=description,
        indicators=[{"name": "オンライン予約率", "target": "80", "unit": "%", **indicator}],
    )


def operating_case(*, office, departments=(), **kwargs):
    """A case in operation (the agreement signed) with its shared goal and indicator."""
    case = case_at(S.OPERATING, office=office, departments=departments, **kwargs)
    with_goal(case, by=office)
    return case


def monitoring_report(case, *, by, indicator=None, value="62", public=True, note="", **changes):
    """A report on the last 90 days with the result of `indicator` (the case's only one unless
    given), shared with the proposer; the result published on the case's public page or not."""
    indicator = indicator or selectors.case_indicators(case).get()
    fields = {
        "period_start": TODAY() - datetime.timedelta(days=90),
        "period_end": TODAY(),
        "summary": "予約システムを運用した。",
        "assessment": "",
        "is_shared": True,
        "results": [{"indicator": indicator, "value": value, "note": note, "is_public": public}],
        **changes,
    }
    return monitoring.save_monitoring_report(case=case, by=by, **fields)
