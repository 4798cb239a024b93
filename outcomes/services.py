"""Writes of the public record: publishing a decision and withdrawing a publication.

共創指針 原則3 and 説明責任: the city publishes its decisions with their public reasons; a
proposer's name and outline only with consent or by the city's choice once it publishes.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from evaluation.aggregation import round_results
from proposals.models import Proposal, ProposalTransition
from proposals.permissions import is_office
from proposals.workflow import DECISIONS, A

from .models import PublicationPolicy, PublishedDecision
from .selectors import SELECTION_DECISIONS, decided_selection_round

CENT = Decimal("0.01")


def _total(value) -> str:
    """A total as the public reads it: two decimals, or empty when there is none."""
    if value is None:
        return ""
    return str(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP))


def candidate_rows(round, *, shows_names: bool) -> list[dict]:
    """The candidates' totals of a decided selection, in ranking order, as the snapshot keeps
    them: named only when the city chooses so, else by their labels A, B, C…"""
    rows = []
    for result in round_results(round).candidates:
        rows.append(
            {
                "label": result.label,
                "name": result.name if shows_names else "",
                "total": _total(result.total),
                "rank": result.rank,
                "passed": result.passed,
                "selected": result.candidate.pk == round.selected_id,
            }
        )
    return rows


def check_policy(*, policy, case, decision, discloses_proposer, title) -> str:
    """The title the publication carries, or a refusal when publishing would break the city's
    publication policy (PublicationPolicy) or the proposer's consent (共創指針 原則3)."""
    if not policy.publishes(decision):
        raise ValidationError(
            _("The city's publication policy does not publish this kind of decision."),
            code="policy_not_published",
        )
    if discloses_proposer and not case.consent_to_publish:
        raise ValidationError(
            {
                "discloses_proposer": ValidationError(
                    _(
                        "The proposer has not consented to publishing their name and outline. "
                        "Publish the decision without them."
                    ),
                    code="no_consent",
                )
            }
        )
    title = title.strip()
    if title:
        return title
    if not policy.uses_own_title(decision, consented=case.consent_to_publish):
        raise ValidationError(
            {
                "title": ValidationError(
                    _(
                        "Enter a neutral public title: the publication policy does not publish "
                        "the proposer's own title for this case."
                    ),
                    code="neutral_title_required",
                )
            }
        )
    return case.title


@transaction.atomic
def publish_decision(
    *, transition, by, discloses_proposer, shows_candidate_names=False, title=""
) -> PublishedDecision:
    """Publish one decision as a snapshot; once per decision (and once per selection round).

    For a selection the snapshot goes on the original case (the round's proposal), with the
    selected business and each candidate's total from the round's results. The city's
    publication policy decides which decisions are published and under which title (`title`:
    the office's neutral public title; empty: the case's own title where the policy allows);
    the proposer's name and outline only with their consent.
    """
    if not is_office(by):
        raise PermissionDenied
    record = ProposalTransition.objects.select_for_update().get(pk=transition.pk)
    if record.step not in DECISIONS or not record.public_reason.strip():
        raise ValidationError(
            _("Only a decision with a reason to be published can be published."),
            code="not_a_decision",
        )
    if PublishedDecision.objects.filter(transition=record).exists():
        raise ValidationError(
            _("This decision has already been published."), code="already_published"
        )
    round = decided_selection_round(record)
    case = Proposal.objects.select_related("organization").get(pk=record.proposal_id)
    if round is not None:
        if PublishedDecision.objects.filter(round=round).exists():
            raise ValidationError(
                _("The result of this selection has already been published."),
                code="already_published",
            )
        case = round.proposal
    elif case.kind == Proposal.Kind.APPLICATION and record.step in SELECTION_DECISIONS:
        raise ValidationError(
            _("A selection is published with its decided round, on the original proposal."),
            code="published_with_selection",
        )
    decision = A.SELECT if round is not None else record.step
    public_title = check_policy(
        policy=PublicationPolicy.current(),
        case=case,
        decision=decision,
        discloses_proposer=bool(discloses_proposer),
        title=title,
    )
    publication = PublishedDecision(
        proposal=case,
        transition=record,
        round=round,
        # A selection round's result is published as the selection, whichever candidate's
        # step records it.
        decision=decision,
        decided_at=(round and round.decided_at) or record.created_at,
        public_reason=record.public_reason,
        ppp_method=case.ppp_method,
        opportunity=case.opportunity,
        title=public_title,
        discloses_proposer=bool(discloses_proposer),
        # 共創指針 原則3: the proposer's name and outline only with their consent.
        proposer_name=case.organization.name if discloses_proposer else "",
        outline=case.outline if discloses_proposer else "",
        shows_candidate_names=bool(shows_candidate_names) and round is not None,
        published_by=by,
    )
    if round is not None:
        if round.public_reason.strip():
            publication.public_reason = round.public_reason
        if round.selected_id is not None:
            publication.selected_party = round.selected.proposal.organization.name
        publication.candidates = candidate_rows(
            round, shows_names=publication.shows_candidate_names
        )
    elif record.step == A.SELECT:
        publication.selected_party = case.organization.name
    publication.full_clean(exclude=["published_by"])
    publication.save()
    return publication


@transaction.atomic
def withdraw_publication(*, publication, by) -> None:
    """Take a publication off the public record; the history keeps who did it and when."""
    if not is_office(by):
        raise PermissionDenied
    publication._history_user = by  # django-simple-history records the deletion by this user
    publication.delete()
