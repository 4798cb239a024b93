"""Reads of the agreement and the monitoring of one case. Who may open the case at all is
decided before, by proposals' selectors (visible_proposals, staff_case_pages); these read
within a case already allowed, and the proposer's reads leave out what is the city's only."""

from django.db.models import QuerySet

from proposals.models import Indicator

from .models import (
    Agreement,
    AgreementChange,
    ImprovementAction,
    IncentiveRule,
    IndicatorResult,
    MonitoringReport,
)


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


def agreement_changes(agreement) -> QuerySet[AgreementChange]:
    """The changes of the agreement in the order they take effect, with who signed them."""
    return AgreementChange.objects.filter(agreement_id=agreement.pk).select_related(
        "document", "city_signed_by", "business_signed_by"
    )


def incentive_rules(agreement) -> QuerySet[IncentiveRule]:
    return IncentiveRule.objects.filter(agreement_id=agreement.pk).select_related("indicator__goal")


def latest_results(case_id, indicator_ids, *, shared_only=False) -> dict[int, IndicatorResult]:
    """The latest result of each indicator in the case's monitoring reports (the latest period
    first), one query; the proposer's reading counts the reports shared with them only."""
    results = IndicatorResult.objects.filter(
        report__proposal_id=case_id, indicator_id__in=list(indicator_ids)
    ).select_related("report")
    if shared_only:
        results = results.filter(report__is_shared=True)
    latest = {}
    for result in results.order_by("-report__period_end", "-report__pk"):
        latest.setdefault(result.indicator_id, result)
    return latest
