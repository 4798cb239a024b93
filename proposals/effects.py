"""What a workflow step records besides the status (workflow.TRANSITIONS names them): the
reference number, the first version and, on a theme, the first shared goals on submission,
the deadlines the city's response meets, the adoption's choice. Each returns the fields it
changed on the case."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from cocreation_list.selectors import theme_goals
from municipality.selectors import city
from terms import services as terms

from . import checks, deadlines
from .fiscal import fiscal_year, reference_number
from .models import (
    Indicator,
    Opportunity,
    Proposal,
    ProposalVersion,
    ReferenceCounter,
    SharedGoal,
)

# The details the ADOPT step records on the case (checks.check_adoption_details).
ADOPTION_FIELDS = ("ppp_method", "opportunity", "direct_reason")


def take_reference(case: Proposal, on) -> list[str]:
    """The next number of the fiscal year, under a row lock: unique and without gaps."""
    year = fiscal_year(on)
    try:
        with transaction.atomic():
            ReferenceCounter.objects.get_or_create(fiscal_year=year)
    except IntegrityError:  # another submission created this year's counter at the same moment
        pass
    counter = ReferenceCounter.objects.select_for_update().get(fiscal_year=year)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    case.fiscal_year, case.serial = year, counter.last_serial
    case.reference = reference_number(year, counter.last_serial, city().reference_prefix)
    return ["reference", "fiscal_year", "serial"]


def _received(case: Proposal, by) -> list[str]:
    """Numbered, dated and versioned as the proposer sent it."""
    now = timezone.now()
    changed = take_reference(case, timezone.localdate(now))
    case.submitted_at = now
    case.version = 1
    ProposalVersion.objects.create(
        proposal=case, number=1, content=case.content(), created_by=by, created_at=now
    )
    return [*changed, "submitted_at", "version"]


def _accepted(case: Proposal, by, details) -> None:
    """The terms and the pledge accepted with the submission, kept with the case."""
    terms.accept(
        by=by,
        context=checks.terms_context(case),
        accepted=details.get("accepted"),
        organization=case.organization,
        proposal=case,
    )


def _theme_goals(case: Proposal, by) -> None:
    """A proposal on a theme starts with the theme's goals and indicators as the case's own
    shared goals (共創指針 原則2: goals shared before the dialogue), under discussion; the
    dialogue then refines the case's copy (services.save_goal), never the theme's. Copied on
    submission, where the dialogue and the case's goals start, so the case gets the theme's
    goals as they are when the city first sees it."""
    if case.theme_id is None or case.goals.exists():
        return
    for goal, indicators in theme_goals(case.theme):
        # One by one, not bulk_create: the history keeps each row, as for any goal. The
        # theme's fields have the same rules as the case's (cocreation_list.models).
        shared = SharedGoal.objects.create(
            proposal=case, viewpoint=goal.viewpoint, description=goal.description, updated_by=by
        )
        for indicator in indicators:
            Indicator.objects.create(
                goal=shared,
                name=indicator.name,
                unit=indicator.unit,
                baseline=indicator.baseline,
                target=indicator.target,
                target_on=indicator.target_on,
            )


def on_submit(case: Proposal, by, details) -> list[str]:
    """A proposal: received, with its theme's goals, and the city's first response is due
    (deadlines.py)."""
    _accepted(case, by, details)
    changed = _received(case, by) + deadlines.on_received(case, case.submitted_at)
    _theme_goals(case, by)
    return changed


def on_apply(case: Proposal, by, details) -> list[str]:
    """An application: received like a proposal; the selection's own deadline replaces the
    first-response deadline."""
    _accepted(case, by, details)
    return _received(case, by)


def on_city_response(case: Proposal, by, details) -> list[str]:
    """Starting the dialogue or deciding answers the proposer: the first deadline is met."""
    return deadlines.on_city_response(case)


def on_adopt(case: Proposal, by, details) -> list[str]:
    """採択: the PPP method and the opportunity of other businesses, kept on the case (the
    step's log keeps them too); a direct agreement's reason only with a direct agreement."""
    case.ppp_method = details["ppp_method"]
    case.opportunity = details["opportunity"]
    direct = details["opportunity"] == Opportunity.DIRECT
    case.direct_reason = details.get("direct_reason", "") if direct else ""
    return [*ADOPTION_FIELDS, *on_city_response(case, by, details)]
