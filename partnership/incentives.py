"""Terms that reward good operation (インセンティブ), as rules tied to the shared-goal indicators
(共創指針 段階3: e.g. a fee linked to the indicators, or an extension on good results).

Rules, in words:
- The office states each rule: an indicator of the case's shared goals, a condition (at least
  or at most a threshold), and its effect (a fee adjustment in percent, an extension in
  months, or another effect in words).
- A rule is evaluated on the latest result of its indicator in the monitoring reports (the
  latest period): met, not met, or no data (no result yet, or a result that is not a number).
  The proposer's evaluation reads the reports shared with them only, as their monitoring page.
- The agreement's free-text terms stay as they were written, beside the rules.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.validators import nfkc
from proposals.models import Proposal

from . import permissions, selectors
from .models import Agreement, IncentiveRule, IndicatorResult

R = IncentiveRule
NUMBER = re.compile(r"[-+−]?\d+(?:\.\d+)?")
MAX_EXTENSION_MONTHS = 120


class Outcome(models.TextChoices):
    MET = "met", gettext_lazy("Target met")
    NOT_MET = "not_met", gettext_lazy("Not met")
    NO_DATA = "no_data", gettext_lazy("No data yet")


@dataclass(frozen=True)
class Evaluation:
    """One rule as the latest monitoring result answers it."""

    rule: IncentiveRule
    outcome: str
    result: IndicatorResult | None = None
    value: Decimal | None = None

    @property
    def outcome_label(self) -> str:
        return Outcome(self.outcome).label


def number_in(text: str) -> Decimal | None:
    """The number a result is written as (「48,500」, 「９８．０」, 「12%」); None without one."""
    found = NUMBER.search(nfkc(text or "").replace(",", "").replace(" ", ""))
    if found is None:
        return None
    try:
        return Decimal(found.group().replace("−", "-"))
    except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
        return None


def evaluate(rule: IncentiveRule, result: IndicatorResult | None) -> Evaluation:
    value = number_in(result.value) if result is not None else None
    if value is None:
        return Evaluation(rule=rule, outcome=Outcome.NO_DATA, result=result)
    met = (
        value >= rule.threshold
        if rule.comparison == R.Comparison.AT_LEAST
        else (value <= rule.threshold)
    )
    return Evaluation(
        rule=rule, outcome=Outcome.MET if met else Outcome.NOT_MET, result=result, value=value
    )


def evaluate_incentives(agreement: Agreement, *, shared_only: bool) -> list[Evaluation]:
    """Every rule of the agreement with its outcome, in two queries whatever their number."""
    rules = list(selectors.incentive_rules(agreement))
    latest = selectors.latest_results(
        agreement.proposal_id, {rule.indicator_id for rule in rules}, shared_only=shared_only
    )
    return [evaluate(rule, latest.get(rule.indicator_id)) for rule in rules]


# Writes ----------------------------------------------------------------------------------------


def _setting(case: Proposal, by) -> Agreement:
    case = Proposal.objects.select_for_update().get(pk=case.pk)
    agreement = Agreement.objects.filter(proposal=case).first()
    if not permissions.may_set_incentives(case, agreement, by):
        raise PermissionDenied
    return agreement


def _decimal(value, field, message) -> Decimal | None:
    """A number as the forms, the demo and the tests give it (Decimal, int or text)."""
    if value is None or isinstance(value, Decimal):
        return value
    try:
        return Decimal(nfkc(str(value)).replace(",", "").strip())
    except InvalidOperation:
        raise ValidationError({field: ValidationError(message, code="not_a_number")}) from None


def _check_effect(effect_kind, effect_value, effect_text) -> None:
    if effect_kind == R.Effect.FEE and (
        effect_value is None or effect_value == 0 or not -100 < effect_value <= 100
    ):
        raise ValidationError(
            {
                "effect_value": ValidationError(
                    _("Enter the fee adjustment in percent, between -99 and 100 (not 0)."),
                    code="fee_percent_required",
                )
            }
        )
    if effect_kind == R.Effect.EXTENSION and (
        effect_value is None
        or effect_value != effect_value.to_integral_value()
        or not 1 <= effect_value <= MAX_EXTENSION_MONTHS
    ):
        raise ValidationError(
            {
                "effect_value": ValidationError(
                    _("Enter the extension in whole months, from 1 to %(max)s.")
                    % {"max": MAX_EXTENSION_MONTHS},
                    code="extension_months_required",
                )
            }
        )
    if effect_kind == R.Effect.OTHER and not (effect_text or "").strip():
        raise ValidationError(
            {
                "effect_text": ValidationError(
                    _("Describe the effect in words."), code="effect_text_required"
                )
            }
        )


@transaction.atomic
def add_incentive_rule(
    *,
    case: Proposal,
    by,
    indicator,
    comparison,
    threshold,
    effect_kind,
    effect_value=None,
    effect_text="",
) -> IncentiveRule:
    """The office states a rule of the agreement on one of the case's indicators."""
    agreement = _setting(case, by)
    if indicator is None or not selectors.case_indicators(case).filter(pk=indicator.pk).exists():
        raise ValidationError(
            {
                "indicator": ValidationError(
                    _("Choose an indicator of this case's shared goals."),
                    code="indicator_not_of_case",
                )
            }
        )
    threshold = _decimal(threshold, "threshold", _("Enter the threshold as a number."))
    effect_value = (
        None
        if effect_kind == R.Effect.OTHER
        else _decimal(
            effect_value, "effect_value", _("Enter the amount of the effect as a number.")
        )
    )
    _check_effect(effect_kind, effect_value, effect_text)
    rule = IncentiveRule(
        agreement=agreement,
        indicator=indicator,
        comparison=comparison,
        threshold=threshold,
        effect_kind=effect_kind,
        effect_value=effect_value,
        effect_text=effect_text or "",
        created_by=by,
    )
    rule.full_clean()
    rule.save()
    return rule


@transaction.atomic
def delete_incentive_rule(*, rule: IncentiveRule, by) -> None:
    """A rule removed (its history keeps it)."""
    agreement = _setting(rule.agreement.proposal, by)
    if rule.agreement_id != agreement.pk:
        raise PermissionDenied
    rule.delete()
