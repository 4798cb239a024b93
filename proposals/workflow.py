"""The workflow of a case: one table of steps and one function that takes them (DESIGN §4).

Every status change goes through transition(); no other code writes `status`. The table
says, for each step: from which statuses, to which, who takes it, where (which page), what
it requires (reasons, checks from checks.py, the details it records) and what else it
records (effects.py). Pages and forms read it; they never compare statuses themselves.

Checks from the apps above. The workflow imports none of the apps built on proposals (DESIGN
§6); when a step must wait for one of their records (AGREE for a signed agreement with its
role and risk table), that app adds its check with require(step, check) from its
AppConfig.ready(). The checks are kept in REQUIRED, a module-level registry filled once while
Django starts and only read afterwards; transition() runs them after the step's own check,
in the order they were added, each raising a coded ValidationError as checks.py does.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import checks, deadlines, effects, notifications, states
from .models import Proposal, ProposalTransition
from .permissions import is_office, is_proposer

S, A, K = states.Status, ProposalTransition.Steps, Proposal.Kind
PROPOSALS = (K.THEME, K.FREE)  # an application enters directly at the selection (段階3)
ALL_KINDS = (K.THEME, K.FREE, K.APPLICATION)


class Where(StrEnum):
    """The page where a step is taken."""

    PROPOSER = "proposer"  # the proposer's case pages (submit, withdraw)
    STAFF = "staff"  # the city's step form, and the admin's action on the case list
    ROUND = "round"  # a selection round's decision (evaluation.services)
    AGREEMENT = "agreement"  # the agreement's signing (the agreement's own page)


@dataclass(frozen=True)
class Step:
    sources: tuple[str, ...]
    target: str
    who: Callable[..., bool]
    where: str = Where.STAFF
    reason: bool = False  # internal reason required
    public_reason: bool = False  # published with the decision (説明責任)
    check: Callable[[Proposal], None] | None = None  # the case must be ready (checks.py)
    fields: tuple[str, ...] = ()  # the details the step's form asks and the step records
    needs: Callable[[Proposal, dict], None] | None = None  # those details are valid
    effect: Callable[[Proposal, object, dict], list[str]] | None = None  # effects.py
    kinds: tuple[str, ...] = ALL_KINDS  # the kinds of case the step exists for
    when: Callable[[Proposal], bool] | None = None  # and only for such cases (no query)

    def applies_to(self, case: Proposal) -> bool:
        return (
            case.status in self.sources
            and case.kind in self.kinds
            and (self.when is None or self.when(case))
        )


_responds = effects.on_city_response
TRANSITIONS: dict[str, Step] = {
    # 提案・発想 (idea)
    A.SUBMIT: Step(
        (S.DRAFT,),
        S.RECEIVED,
        is_proposer,
        Where.PROPOSER,
        check=checks.check_submittable,
        needs=checks.check_terms_accepted,  # terms, privacy notice, pledge (terms app)
        effect=effects.on_submit,
        kinds=PROPOSALS,
    ),
    A.START_DIALOGUE: Step(
        (S.RECEIVED,), S.CONSULTING, is_office, effect=_responds, kinds=PROPOSALS
    ),
    A.DECLINE: Step(
        (S.RECEIVED, S.CONSULTING),
        S.DECLINED,
        is_office,
        reason=True,
        public_reason=True,
        effect=_responds,
        kinds=PROPOSALS,
    ),
    # 計画・検討 (planning)
    A.TO_PLANNING: Step(
        (S.CONSULTING,), S.PLANNING, is_office, reason=True, effect=_responds, kinds=PROPOSALS
    ),
    A.ADOPT: Step(
        (S.PLANNING,),
        S.ADOPTED,
        is_office,
        reason=True,
        public_reason=True,
        fields=effects.ADOPTION_FIELDS,
        needs=checks.check_adoption_details,
        effect=effects.on_adopt,
        kinds=PROPOSALS,
    ),
    A.NOT_ADOPT: Step(
        (S.PLANNING,),
        S.NOT_ADOPTED,
        is_office,
        reason=True,
        public_reason=True,
        effect=_responds,
        kinds=PROPOSALS,
    ),
    # 事業具体化 (realization): an open call and its selection, or a direct agreement
    A.START_SELECTION: Step(
        (S.ADOPTED,),
        S.SELECTING,
        is_office,
        reason=True,
        kinds=PROPOSALS,
        when=lambda case: case.chose_open_call,  # a direct agreement is signed from `adopted`
    ),
    A.APPLY: Step(
        (S.DRAFT,),
        S.SELECTING,
        is_proposer,
        Where.PROPOSER,
        check=checks.check_application_submittable,
        needs=checks.check_terms_accepted,
        effect=effects.on_apply,
        kinds=(K.APPLICATION,),
    ),
    A.SELECT: Step(
        (S.SELECTING,), S.SELECTED, is_office, Where.ROUND, reason=True, public_reason=True
    ),
    A.NOT_SELECT: Step(
        (S.SELECTING,), S.NOT_SELECTED, is_office, Where.ROUND, reason=True, public_reason=True
    ),
    A.AGREE: Step(
        states.AGREEMENT_DRAFTING,  # a direct agreement, or the one selected
        S.AGREED,
        is_office,
        Where.AGREEMENT,
        check=checks.check_selection_decided,  # and the agreement's own (require())
    ),
    # 改善 (improvement)
    A.START_OPERATION: Step((S.AGREED,), S.OPERATING, is_office),  # agreement signed (require())
    A.COMPLETE: Step((S.OPERATING,), S.COMPLETED, is_office, reason=True, public_reason=True),
    # Any time before the agreement
    A.WITHDRAW: Step(
        states.BEFORE_AGREEMENT, S.WITHDRAWN, is_proposer, Where.PROPOSER, reason=True
    ),
}
# Steps the city takes on the generic step form; the others have pages of their own.
STAFF_STEPS = tuple(step for step, rule in TRANSITIONS.items() if rule.where == Where.STAFF)
PROPOSER_STEPS = tuple(step for step, rule in TRANSITIONS.items() if rule.where == Where.PROPOSER)
# The steps that decide on a case (採否 and the like): each has a public reason.
DECISIONS = tuple(step for step, rule in TRANSITIONS.items() if rule.public_reason)
# The codes of transition()'s refusals that mean someone (or a second click) took a step first.
OVERTAKEN = ("stale", "wrong_status")
# The field of a step's form that a refusal of transition() is about, by its code.
REFUSAL_FIELDS = {"reason_required": "reason", "public_reason_required": "public_reason"}


# The checks the apps above add to a step (see the module's docstring): step → checks.
REQUIRED: dict[str, tuple[Callable[[Proposal], None], ...]] = {}


def require(step: str, check: Callable[[Proposal], None]) -> None:
    """Make a step run `check(case)` too, after its own check: for an app above proposals,
    called once from its AppConfig.ready(). Adding the same check twice keeps one."""
    if step not in TRANSITIONS:
        raise KeyError(step)
    added = REQUIRED.get(step, ())
    if check not in added:
        REQUIRED[step] = (*added, check)


# What the apps above do once a step is taken (the documents app issues a receipt or a
# decision notice): step → hooks, added with after(step, hook) from AppConfig.ready() and run
# as hook(case, record) inside the step's transaction, so a refusal or a rollback undoes them.
AFTER: dict[str, tuple[Callable[[Proposal, ProposalTransition], None], ...]] = {}


def after(step: str, hook: Callable[[Proposal, ProposalTransition], None]) -> None:
    """Run `hook(case, record)` after each `step`, in its transaction; added once."""
    if step not in TRANSITIONS:
        raise KeyError(step)
    added = AFTER.get(step, ())
    if hook not in added:
        AFTER[step] = (*added, hook)


def submit_step(case: Proposal) -> str:
    """The step that submits this draft: an application applies, a proposal is submitted."""
    return A.APPLY if case.kind == K.APPLICATION else A.SUBMIT


def available_steps(case: Proposal, user) -> list[str]:
    """The steps this user may take on this case now; views show these and nothing else."""
    return [
        step for step, rule in TRANSITIONS.items() if rule.applies_to(case) and rule.who(user, case)
    ]


def overtaken(case: Proposal, user, step: str, seen_status: str) -> bool:
    """The user could take this step in the status they saw, and someone has moved the case
    since: a view tells them they were overtaken rather than that they may not act."""
    rule = TRANSITIONS.get(step)
    return (
        rule is not None
        and seen_status != case.status
        and seen_status in rule.sources
        and case.kind in rule.kinds
        and rule.who(user, case)
    )


@transaction.atomic
def transition(case, step, *, by, seen_status=None, reason="", public_reason="", **details):
    """Take one step, log it, queue its mails. A refusal changes nothing."""
    rule = TRANSITIONS[step]
    case = Proposal.objects.select_for_update().get(pk=case.pk)
    if not rule.who(by, case):
        raise PermissionDenied
    if seen_status is not None and case.status != seen_status:  # two people at once
        raise ValidationError(
            _("Someone else has just updated this case. Reload the page."), code="stale"
        )
    if not rule.applies_to(case):
        raise ValidationError(
            _("This step is not possible in the current status."), code="wrong_status"
        )
    if rule.reason and not reason.strip():
        raise ValidationError(_("Enter the reason for this step."), code="reason_required")
    if rule.public_reason and not public_reason.strip():
        raise ValidationError(_("Enter the reason to be published."), code="public_reason_required")
    if rule.check is not None:
        rule.check(case)
    for check in REQUIRED.get(step, ()):
        check(case)
    if rule.needs is not None:
        rule.needs(case, details)
    changed = rule.effect(case, by, details) if rule.effect is not None else []
    record = ProposalTransition.objects.create(
        proposal=case,
        step=step,
        source=case.status,
        target=rule.target,
        actor=by,
        reason=reason.strip(),
        public_reason=public_reason.strip(),
        details=details,
    )
    case.status = rule.target
    changed = {*changed, *deadlines.on_status_change(case)}
    case.save(update_fields=["status", "updated_at", *changed])
    notifications.notify_transition(case.pk, step)  # queued in this transaction (outbox)
    for hook in AFTER.get(step, ()):
        hook(case, record)
    return case
