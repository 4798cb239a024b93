"""モニタリング (stage 4): reports against the shared-goal indicators and improvement actions.

The city's side of the case (the office and the departments in charge) writes while the case
is in operation; once completed, everything stays as it was (history by simple_history).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from proposals.models import Proposal
from proposals.permissions import works_on

from .models import ImprovementAction, IndicatorResult, MonitoringReport
from .selectors import case_indicators

S = Proposal.Status
REPORT_FIELDS = ("period_start", "period_end", "summary", "assessment", "is_shared")
RESULT_FIELDS = ("value", "note", "is_public")
ACTION_FIELDS = ("description", "owner_side", "owner_name", "due_on", "report")


def _operating(case: Proposal, by) -> Proposal:
    case = Proposal.objects.select_for_update().get(pk=case.pk)
    if not works_on(by, case):
        raise PermissionDenied
    if case.status != S.OPERATING:
        raise ValidationError(
            _("Monitoring is recorded while the case is in operation."), code="not_operating"
        )
    return case


@transaction.atomic
def save_monitoring_report(
    *, case: Proposal, by, report: MonitoringReport | None = None, results=(), **fields
) -> MonitoringReport:
    """Write a report, or change one, with its indicator results (replaced together).

    `results` holds dicts with the indicator and its value, note and is_public.
    """
    case = _operating(case, by)
    if report is None:
        report = MonitoringReport(proposal=case, created_by=by)
    elif report.proposal_id != case.pk:
        raise PermissionDenied
    for name, value in fields.items():
        if name not in REPORT_FIELDS:
            raise ValueError(name)
        setattr(report, name, value)
    report.full_clean()
    report.save()
    allowed = set(case_indicators(case).values_list("pk", flat=True))
    kept = []
    for values in results:
        indicator = values["indicator"]
        if indicator.pk not in allowed:
            raise PermissionDenied
        result, _created = IndicatorResult.objects.get_or_create(
            report=report,
            indicator=indicator,
            defaults={name: values.get(name, "") for name in ("value", "note")},
        )
        for name in RESULT_FIELDS:
            if name in values:
                setattr(result, name, values[name])
        result.full_clean()
        result.save()
        kept.append(result.pk)
    # Each deleted result keeps its history.
    for result in report.results.exclude(pk__in=kept):
        result.delete()
    return report


@transaction.atomic
def delete_monitoring_report(*, report: MonitoringReport, by) -> None:
    _operating(report.proposal, by)
    for result in report.results.all():  # one by one, so that history records each
        result.delete()
    report.delete()


@transaction.atomic
def save_improvement_action(
    *, case: Proposal, by, action: ImprovementAction | None = None, **fields
) -> ImprovementAction:
    """Add an improvement action with its owner and due date, or change one."""
    case = _operating(case, by)
    if action is None:
        action = ImprovementAction(proposal=case, created_by=by)
    elif action.proposal_id != case.pk:
        raise PermissionDenied
    for name, value in fields.items():
        if name not in ACTION_FIELDS:
            raise ValueError(name)
        setattr(action, name, value)
    if action.report_id is not None and action.report.proposal_id != case.pk:
        raise PermissionDenied
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def complete_improvement_action(*, action: ImprovementAction, done_on, by) -> ImprovementAction:
    """Mark an action done on a date (not before it was recorded)."""
    case = _operating(action.proposal, by)
    action = ImprovementAction.objects.select_for_update().get(pk=action.pk, proposal=case)
    if action.done_on is not None:
        raise ValidationError(_("This action is already marked done."), code="already_done")
    if done_on is None:
        raise ValidationError(_("Enter the date it was done."), code="done_on_required")
    if done_on > timezone.localdate():
        raise ValidationError(
            _("The date it was done cannot be in the future."), code="done_on_future"
        )
    if done_on < timezone.localdate(action.created_at):
        raise ValidationError(
            _("The date it was done cannot be before the action was recorded."),
            code="done_before_recorded",
        )
    action.done_on = done_on
    action.save(update_fields=["done_on"])
    return action


@transaction.atomic
def delete_improvement_action(*, action: ImprovementAction, by) -> None:
    _operating(action.proposal, by)
    action.delete()
