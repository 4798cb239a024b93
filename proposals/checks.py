"""The guards of the workflow and of the proposer's work: is the case ready for this step, may
this person change it? Each check raises a coded ValidationError (STYLE §6); each predicate
answers without a query beyond the case (and its theme or call).

workflow.py names, for each step, which checks it runs; views and services ask the same
functions, so a page never offers what the step would refuse.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from terms import services as terms

from . import states
from .models import Opportunity, PPPMethod, Proposal
from .permissions import is_proposer, works_on

S, K = states.Status, Proposal.Kind

# Submitting (段階1) -----------------------------------------------------------------------------

CONSULTATION_REQUIRED = ("title", "outline", "contact_name", "contact_email")
PROPOSAL_REQUIRED = CONSULTATION_REQUIRED + (
    "background",
    "body",
    "effect_citizens",
    "effect_financial",
    "effect_growth",
    "effect_region",
    "roles",
    "schedule",
    "cost_bearing",
)


def missing_sections(case: Proposal) -> list[str]:
    """The sections still empty for what the proposer submits (a consultation needs little)."""
    required = (
        PROPOSAL_REQUIRED
        if case.intent == Proposal.Intent.PROPOSAL or case.kind == K.APPLICATION
        else CONSULTATION_REQUIRED
    )
    return [name for name in required if not str(getattr(case, name) or "").strip()]


def check_complete(case: Proposal) -> None:
    """Every section its intent needs is filled in; the error names each missing section."""
    missing = missing_sections(case)
    if missing:
        raise ValidationError(
            {
                name: ValidationError(_("This section is needed to submit."), code="required")
                for name in missing
            }
        )


def check_submittable(case: Proposal) -> None:
    check_complete(case)
    if case.kind == K.THEME and not case.theme.is_accepting(timezone.localdate()):
        raise ValidationError(
            _(
                "This theme is not accepting proposals now. "
                "You can start a free proposal in the same field."
            ),
            code="theme_closed",
        )


def check_may_apply(*, call, organization, application=None) -> None:
    """Whether this organisation may apply to this open call now: the call accepts
    applications, the organisation is not the original proposer (whose proposal is already a
    candidate), and it has no other application to the call (withdrawn ones aside). The intake
    asks before it creates the draft; the APPLY step asks again on submission."""
    if not call.is_accepting(timezone.localdate()):
        raise ValidationError(
            _("This open call is not accepting applications now."), code="call_closed"
        )
    if call.proposal.organization_id == organization.pk:
        raise ValidationError(
            _("Your own proposal is already a candidate in this selection."),
            code="original_proposer",
        )
    others = Proposal.objects.filter(open_call=call, organization=organization).exclude(
        status=S.WITHDRAWN
    )
    if application is not None:
        others = others.exclude(pk=application.pk)
    if others.exists():
        raise ValidationError(
            _(
                "Your organisation has already applied to this open call. Continue with the "
                "application on your dashboard."
            ),
            code="already_applied",
        )


def terms_context(case: Proposal) -> str:
    """The occasion on which the proposer accepts the terms: a submission or an application."""
    return terms.Context.APPLICATION if case.kind == K.APPLICATION else terms.Context.SUBMISSION


def check_terms_accepted(case: Proposal, details: dict) -> None:
    """The proposer accepts the current proposal terms and privacy notice and gives the
    eligibility pledge with each submission and application: `accepted` holds the ids of the
    versions the page showed (terms.services.check_accepted)."""
    terms.check_accepted(terms_context(case), details.get("accepted"))


def check_application_submittable(case: Proposal) -> None:
    """An application: complete, and still one the organisation may make (check_may_apply)."""
    check_complete(case)
    check_may_apply(call=case.open_call, organization=case.organization, application=case)


# Adopting (段階2) ------------------------------------------------------------------------------


def check_adoption_details(case: Proposal | None, details: dict) -> None:
    """採択: the PPP method and how other businesses get their chance (共創指針 段階2)."""
    errors = {}
    if details.get("ppp_method") not in PPPMethod.values:
        errors["ppp_method"] = ValidationError(
            _("Choose the public-private partnership method."), code="ppp_method_required"
        )
    if details.get("opportunity") not in Opportunity.values:
        errors["opportunity"] = ValidationError(
            _("Choose how other businesses get the chance to take part."),
            code="opportunity_required",
        )
    elif (
        details["opportunity"] == Opportunity.DIRECT
        and not str(details.get("direct_reason", "")).strip()
    ):
        errors["direct_reason"] = ValidationError(
            _("Enter why the city agrees directly with this proposer, without an open call."),
            code="direct_reason_required",
        )
    if errors:
        raise ValidationError(errors)


# Selecting and agreeing (段階3) -----------------------------------------------------------------


def awaits_selection(case: Proposal) -> bool:
    """The case's implementer is still to be chosen by a selection round (原則3)."""
    return case.goes_through_selection and case.status in (S.ADOPTED, S.SELECTING)


def check_selection_decided(case: Proposal) -> None:
    """The AGREE step's own check: after the selection when the adoption chose an open call
    (原則3: the chance of other businesses comes first). What the agreement itself needs is
    the partnership app's check, added to the step (workflow.require)."""
    if awaits_selection(case):
        raise ValidationError(
            _("This case goes through the selection first: decide the selection round."),
            code="selection_required",
        )


# Who may change what -----------------------------------------------------------------------------


def may_plan(case: Proposal, user) -> bool:
    """Shared goals are kept by the city's side of an open case (services.save_goal checks it)."""
    return case.status not in states.CLOSED and not case.is_draft and works_on(user, case)


def is_editable(case: Proposal) -> bool:
    """The content may still change (in place for a draft, by a new version after submission)."""
    return case.status in states.EDITABLE


def may_edit(case: Proposal, user) -> bool:
    """The proposer edits, revises and adds files while the case is open; nobody else does."""
    return is_editable(case) and is_proposer(user, case)


def may_delete(case: Proposal, user) -> bool:
    """Only a draft is deleted (or loses a file); a submitted case stays on record."""
    return case.is_draft and is_proposer(user, case)
