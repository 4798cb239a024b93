"""The workflow of a case: one table of steps and one function that takes them (DESIGN §4).

Every status change goes through transition(); no other code writes `status`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import deadlines, notifications
from .fiscal import fiscal_year, reference_number
from .models import (
    Opportunity,
    PPPMethod,
    Proposal,
    ProposalTransition,
    ProposalVersion,
    ReferenceCounter,
)
from .permissions import is_office, is_proposer, works_on

S, A = Proposal.Status, ProposalTransition.Action

K = Proposal.Kind
# Withdrawal is possible until an agreement is signed (DESIGN §4).
BEFORE_AGREEMENT = (S.RECEIVED, S.CONSULTING, S.PLANNING, S.ADOPTED, S.SELECTING, S.SELECTED)
# A case in one of these states is over: no deadline runs, nothing more happens.
CLOSED = (S.DECLINED, S.NOT_ADOPTED, S.NOT_SELECTED, S.WITHDRAWN, S.COMPLETED)
# A proposal (theme-based or free) goes through the idea and planning stages; an application
# to an open call enters directly at the selection (stage 3).
PROPOSALS = (K.THEME, K.FREE)
ALL_KINDS = (K.THEME, K.FREE, K.APPLICATION)
# The proposer changes a draft in place, and a submitted case by new versions, until the
# agreement fixes roles (共創指針 原則4); a withdrawn case is closed.
EDITABLE = (S.DRAFT, *BEFORE_AGREEMENT)

# Stages of the guidelines (提案・発想, 計画・検討, 事業具体化, 改善), derived from the status.
STAGES = {
    S.RECEIVED: "idea",
    S.CONSULTING: "idea",
    S.PLANNING: "planning",
    S.ADOPTED: "realization",
    S.SELECTING: "realization",
    S.SELECTED: "realization",
    S.AGREED: "realization",
    S.OPERATING: "improvement",
    S.COMPLETED: "improvement",
}


def statuses_of_stage(stage: str) -> list[str]:
    return [status for status, name in STAGES.items() if name == stage]


STAGE_LABELS = {
    "idea": gettext_lazy("Idea"),
    "planning": gettext_lazy("Planning"),
    "realization": gettext_lazy("Realization"),
    "improvement": gettext_lazy("Improvement"),
}

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


def submit_action(case: Proposal) -> str:
    """The step that submits this draft: an application applies, a proposal is submitted."""
    return A.APPLY if case.kind == K.APPLICATION else A.SUBMIT


def stage_of(case: Proposal) -> str | None:
    return STAGES.get(case.status)


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
    if case.kind == Proposal.Kind.THEME and not case.theme.is_accepting(timezone.localdate()):
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


def check_application_submittable(case: Proposal) -> None:
    """An application: complete, and still one the organisation may make (check_may_apply)."""
    check_complete(case)
    check_may_apply(call=case.open_call, organization=case.organization, application=case)


def _take_reference(case: Proposal, on) -> None:
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
    case.reference = reference_number(year, counter.last_serial)


def _on_submit(case: Proposal, by, details) -> list[str]:
    now = timezone.now()
    _take_reference(case, timezone.localdate(now))
    case.submitted_at = now
    case.version = 1
    ProposalVersion.objects.create(
        proposal=case, number=1, content=case.content(), created_by=by, created_at=now
    )
    return [
        "reference",
        "fiscal_year",
        "serial",
        "submitted_at",
        "version",
    ] + deadlines.on_received(case, now)


def _on_apply(case: Proposal, by, details) -> list[str]:
    """An application is numbered and versioned like a proposal; the selection's own deadline
    replaces the first-response deadline."""
    now = timezone.now()
    _take_reference(case, timezone.localdate(now))
    case.submitted_at = now
    case.version = 1
    ProposalVersion.objects.create(
        proposal=case, number=1, content=case.content(), created_by=by, created_at=now
    )
    return ["reference", "fiscal_year", "serial", "submitted_at", "version"]


def adoption_details(case: Proposal) -> dict:
    """What the adoption recorded (PPP method, opportunity…), or {} before an adoption."""
    for step in reversed(list(case.transitions.all())):
        if step.action == A.ADOPT:
            return step.details or {}
    return {}


def check_agreement_signed(case: Proposal) -> None:
    agreement = getattr(case, "agreement", None)
    if agreement is None or agreement.signed_on is None:
        raise ValidationError(
            _("Record the agreement and its signing date first."), code="agreement_required"
        )


def check_agreement_ready(case: Proposal) -> None:
    """協定: signed, with its term and a role and risk table; after a selection when the
    adoption chose an open call (原則3: the chance of other businesses comes first)."""
    if case.status == S.SELECTING and (
        case.kind == K.APPLICATION
        or adoption_details(case).get("opportunity") == Opportunity.OPEN_CALL
    ):
        raise ValidationError(
            _("This case goes through the selection first: decide the selection round."),
            code="selection_required",
        )
    check_agreement_signed(case)
    if not case.agreement.items.exists():
        raise ValidationError(
            _("The agreement needs its role and risk table (at least one item)."),
            code="role_risk_table_required",
        )


def _on_city_response(case: Proposal, by, details) -> list[str]:
    """Starting the dialogue or deciding answers the proposer: the first deadline is met."""
    return deadlines.on_city_response(case)


def check_adoption_details(case: Proposal, details: dict) -> None:
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


@dataclass(frozen=True)
class Step:
    sources: tuple[str, ...]
    target: str
    who: Callable[..., bool]
    reason: bool = False  # internal reason required
    public_reason: bool = False  # published with the decision (説明責任)
    check: Callable[[Proposal], None] | None = None  # the case must be ready
    needs: Callable[[Proposal, dict], None] | None = None  # the details it must record
    effect: Callable[[Proposal, object, dict], list[str]] | None = None  # what else it records
    kinds: tuple[str, ...] = ALL_KINDS  # the kinds of case the step exists for

    def applies_to(self, case: Proposal) -> bool:
        return case.status in self.sources and case.kind in self.kinds


TRANSITIONS: dict[str, Step] = {
    A.SUBMIT: Step(
        (S.DRAFT,),
        S.RECEIVED,
        is_proposer,
        check=check_submittable,
        effect=_on_submit,
        kinds=PROPOSALS,
    ),
    A.APPLY: Step(
        (S.DRAFT,),
        S.SELECTING,
        is_proposer,
        check=check_application_submittable,
        effect=_on_apply,
        kinds=(K.APPLICATION,),
    ),
    A.START_DIALOGUE: Step(
        (S.RECEIVED,), S.CONSULTING, is_office, effect=_on_city_response, kinds=PROPOSALS
    ),
    A.DECLINE: Step(
        (S.RECEIVED, S.CONSULTING),
        S.DECLINED,
        is_office,
        reason=True,
        public_reason=True,
        effect=_on_city_response,
        kinds=PROPOSALS,
    ),
    A.TO_PLANNING: Step(
        (S.CONSULTING,),
        S.PLANNING,
        is_office,
        reason=True,
        effect=_on_city_response,
        kinds=PROPOSALS,
    ),
    A.ADOPT: Step(
        (S.PLANNING,),
        S.ADOPTED,
        is_office,
        reason=True,
        public_reason=True,
        needs=check_adoption_details,
        effect=_on_city_response,
        kinds=PROPOSALS,
    ),
    A.NOT_ADOPT: Step(
        (S.PLANNING,),
        S.NOT_ADOPTED,
        is_office,
        reason=True,
        public_reason=True,
        effect=_on_city_response,
        kinds=PROPOSALS,
    ),
    A.START_SELECTION: Step((S.ADOPTED,), S.SELECTING, is_office, reason=True, kinds=PROPOSALS),
    # The result of a selection round (evaluation.services takes these for every candidate).
    A.SELECT: Step((S.SELECTING,), S.SELECTED, is_office, reason=True, public_reason=True),
    A.NOT_SELECT: Step((S.SELECTING,), S.NOT_SELECTED, is_office, reason=True, public_reason=True),
    # Signing the agreement (services.sign_agreement takes both steps): 原則4.
    A.AGREE: Step((S.SELECTING, S.SELECTED), S.AGREED, is_office, check=check_agreement_ready),
    A.START_OPERATION: Step((S.AGREED,), S.OPERATING, is_office, check=check_agreement_signed),
    A.COMPLETE: Step((S.OPERATING,), S.COMPLETED, is_office, reason=True, public_reason=True),
    A.WITHDRAW: Step(BEFORE_AGREEMENT, S.WITHDRAWN, is_proposer, reason=True),
}
# Steps taken through their own pages, never through the generic step form: the selection
# round's decision (evaluation.services) and the signing of the agreement (agreements.py).
TAKEN_ELSEWHERE = (A.SELECT, A.NOT_SELECT, A.AGREE)
# The steps that decide on a case (採否 and the like): each has a public reason.
DECISIONS = tuple(action for action, step in TRANSITIONS.items() if step.public_reason)


def available_actions(case: Proposal, user) -> list[str]:
    """The steps this user may take on this case now; views show these and nothing else."""
    return [
        action
        for action, step in TRANSITIONS.items()
        if step.applies_to(case) and step.who(user, case)
    ]


def overtaken(case: Proposal, user, action: str, seen_status: str) -> bool:
    """The user could take this step in the status they saw, and someone has moved the case since.

    A view asked for a step no longer possible tells this user that they were overtaken, rather
    than that they may not act.
    """
    step = TRANSITIONS.get(action)
    return (
        step is not None
        and seen_status != case.status
        and seen_status in step.sources
        and case.kind in step.kinds
        and step.who(user, case)
    )


def may_plan(case: Proposal, user) -> bool:
    """Shared goals are kept by the city's side of an open case (services.save_goal checks it)."""
    return case.status not in CLOSED and not case.is_draft and works_on(user, case)


def is_editable(case: Proposal) -> bool:
    """The content may still change (in place for a draft, by a new version after submission)."""
    return case.status in EDITABLE


def may_edit(case: Proposal, user) -> bool:
    """The proposer edits, revises and adds files while the case is open; nobody else does."""
    return is_editable(case) and is_proposer(user, case)


def may_delete(case: Proposal, user) -> bool:
    """Only a draft is deleted (or loses a file); a submitted case stays on record."""
    return case.status == S.DRAFT and is_proposer(user, case)


# What the proposer should do next, as the dashboard shows it.
NEXT_STEPS = {
    "complete": gettext_lazy("Some sections are still empty"),
    "submit": gettext_lazy("Please submit"),
    "theme_closed": gettext_lazy("The theme has closed; a free proposal is still possible"),
    "call_closed": gettext_lazy("The open call is not accepting applications now"),
    "wait": gettext_lazy("Please wait for the city to contact you"),
    "none": gettext_lazy("Nothing to do"),
}


def next_step(case: Proposal, user) -> str:
    """A key of NEXT_STEPS for this user and case; reads only the case and its theme."""
    actions = available_actions(case, user)
    if A.APPLY in actions:
        if missing_sections(case):
            return "complete"
        if not case.open_call.is_accepting(timezone.localdate()):
            return "call_closed"
        return "submit"
    if A.SUBMIT in actions:
        if missing_sections(case):
            return "complete"
        if case.kind == Proposal.Kind.THEME and not case.theme.is_accepting(timezone.localdate()):
            return "theme_closed"
        return "submit"
    if case.status in BEFORE_AGREEMENT and is_proposer(user, case):
        return "wait"
    return "none"


@transaction.atomic
def transition(case, action, *, by, seen_status=None, reason="", public_reason="", **details):
    """Take one step, log it, notify after commit. A refusal changes nothing."""
    step = TRANSITIONS[action]
    case = Proposal.objects.select_for_update().get(pk=case.pk)
    if not step.who(by, case):
        raise PermissionDenied
    if seen_status is not None and case.status != seen_status:  # two people at once
        raise ValidationError(
            _("Someone else has just updated this case. Reload the page."), code="stale"
        )
    if not step.applies_to(case):
        raise ValidationError(
            _("This action is not possible in the current status."), code="wrong_status"
        )
    if step.reason and not reason.strip():
        raise ValidationError(_("Enter the reason for this step."), code="reason_required")
    if step.public_reason and not public_reason.strip():
        raise ValidationError(_("Enter the reason to be published."), code="public_reason_required")
    if step.check is not None:
        step.check(case)
    if step.needs is not None:
        step.needs(case, details)
    changed = step.effect(case, by, details) if step.effect is not None else []
    ProposalTransition.objects.create(
        proposal=case,
        action=action,
        source=case.status,
        target=step.target,
        actor=by,
        reason=reason.strip(),
        public_reason=public_reason.strip(),
        details=details,
    )
    case.status = step.target
    changed = {*changed, *deadlines.on_status_change(case)}
    case.save(update_fields=["status", "updated_at", *changed])
    notifications.notify_transition(case.pk, action)  # queued in this transaction (outbox)
    return case
