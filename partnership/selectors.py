"""Reads of the agreement and the monitoring of one case. Who may open the case at all is
decided before, by proposals' selectors (visible_proposals, staff_case_pages); these read
within a case already allowed, and the proposer's reads leave out what is the city's only."""

from django.db.models import QuerySet

from proposals.models import Indicator

from .models import Agreement, ImprovementAction, MonitoringReport


def agreement_of(case) -> Agreement | None:
    return Agreement.objects.filter(proposal_id=case.pk).select_related("signed_by").first()


def case_indicators(case) -> QuerySet[Indicator]:
    """The indicators of the case's shared goals, in the goals' order."""
    return Indicator.objects.filter(goal__proposal_id=case.pk).select_related("goal")


def case_reports(case, *, shared_only=False) -> QuerySet[MonitoringReport]:
    """The monitoring reports with their results; the proposer reads the shared ones only."""
    reports = case.monitoring_reports.select_related("created_by").prefetch_related(
        "results__indicator"
    )
    return reports.filter(is_shared=True) if shared_only else reports


def case_actions(case) -> QuerySet[ImprovementAction]:
    return case.improvement_actions.select_related("report")
