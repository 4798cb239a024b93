"""Reads of the public record: what anyone may see, and what the office may publish.

Public pages start here (DESIGN §5: published outcomes, not guardian); they read the published
snapshots and the rows the city marked public, never a case's confidential content.
"""

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
)

from evaluation import rounds
from evaluation.models import CriteriaSet, Criterion, Round
from partnership.models import IndicatorResult
from proposals.models import CallCommitteeMember, OpenCall, Proposal, ProposalTransition
from proposals.workflow import DECISIONS, A

from .models import PublishedDecision

# The decisions of a selection round: published once, on the original case, with the round.
SELECTION_DECISIONS = (A.SELECT, A.NOT_SELECT)


def published_outcomes() -> QuerySet[PublishedDecision]:
    """Every published decision, newest first; only the snapshot's own columns are public."""
    return PublishedDecision.objects.order_by("-decided_at", "-pk")


def latest_decision_per_case(
    decisions: QuerySet[PublishedDecision], matching: QuerySet[PublishedDecision] | None = None
) -> QuerySet[PublishedDecision]:
    """One entry per case (案件), newest first: the case's latest published decision (among
    ``decisions``), for every case with a decision in ``matching`` (a filter's result; None:
    every case), with ``decision_count``, the number of its published decisions. The latest
    ones are marked (PublishedDecision.is_latest) and read from their own index: no join and
    DISTINCT, no comparison of every decision with every other one."""
    same_case = PublishedDecision.objects.filter(proposal_id=OuterRef("proposal_id"))
    count = same_case.order_by().values("proposal_id").annotate(n=Count("pk")).values("n")
    latest = decisions.filter(is_latest=True)
    if matching is not None:
        latest = latest.filter(Exists(matching.filter(proposal_id=OuterRef("proposal_id"))))
    return latest.annotate(decision_count=Subquery(count, output_field=IntegerField()))


def case_timeline(publication: PublishedDecision) -> list[PublishedDecision]:
    """The published decisions of the publication's case, oldest first (採択 → 選定 → 完了)."""
    return list(
        PublishedDecision.objects.filter(proposal_id=publication.proposal_id)
        .only("pk", "proposal_id", "decision", "decided_at", "title")
        .order_by("decided_at", "pk")
    )


def public_indicator_results(proposal_id) -> QuerySet[IndicatorResult]:
    """The indicator results the city chose to publish (IndicatorResult.is_public), by period."""
    return (
        IndicatorResult.objects.filter(report__proposal_id=proposal_id, is_public=True)
        .select_related("indicator", "report")
        .order_by("-report__period_end", "indicator__pk", "pk")
    )


def call_criteria_set(call: OpenCall) -> CriteriaSet | None:
    """The criteria of the call's selection round, or the default set before a round exists;
    with the criteria in order."""
    criteria = Prefetch("criteria", queryset=Criterion.objects.order_by("order", "pk"))
    chosen = (
        Round.objects.filter(proposal_id=call.proposal_id, kind=Round.Kind.SELECTION)
        .order_by("-created_at", "-pk")
        .values("criteria_set_id")[:1]
    )
    found = CriteriaSet.objects.filter(pk__in=chosen).prefetch_related(criteria).first()
    if found is None:
        found = (
            CriteriaSet.objects.filter(is_default=True)
            .order_by("pk")
            .prefetch_related(criteria)
            .first()
        )
    return found


def decided_selection_round(transition: ProposalTransition) -> Round | None:
    """The decided selection round whose decision this step is: the round of this case (the
    original proposal's select / not select), or the round whose selected candidate this
    step selected (an application's select)."""
    if transition.step not in SELECTION_DECISIONS:
        return None
    decided = Round.objects.filter(
        kind=Round.Kind.SELECTION, status__in=rounds.DECIDED
    ).select_related("selected__proposal__organization", "proposal__organization")
    found = decided.filter(proposal_id=transition.proposal_id).order_by("-decided_at").first()
    if found is None and transition.step == A.SELECT:
        found = (
            decided.filter(selected__proposal_id=transition.proposal_id)
            .order_by("-decided_at")
            .first()
        )
    return found


def publishable_decisions(case: Proposal) -> list[ProposalTransition]:
    """The case's decisions with a public reason that are not published yet, oldest first.

    An application's selection is published with its round, on the original case.
    """
    steps = (
        case.transitions.filter(step__in=DECISIONS, publication__isnull=True)
        .exclude(public_reason="")
        .order_by("created_at", "pk")
    )
    if case.kind == Proposal.Kind.APPLICATION:
        steps = steps.exclude(step__in=SELECTION_DECISIONS)
    return list(steps)


def case_publications(case: Proposal) -> QuerySet[PublishedDecision]:
    return PublishedDecision.objects.filter(proposal=case).order_by("-decided_at", "-pk")


def with_selection_result(calls: QuerySet[OpenCall]) -> QuerySet[OpenCall]:
    """The calls with ``selection_result_id``: the published result of the call's selection (on
    the original case, with its round), or None while it is not published; the committee is
    public from then on (共創指針 原則3). A subquery: no extra query per page."""
    result = PublishedDecision.objects.filter(
        proposal_id=OuterRef("proposal_id"), round__isnull=False
    ).order_by("-decided_at", "-pk")
    return calls.annotate(selection_result_id=Subquery(result.values("pk")[:1]))


def result_committee(publication: PublishedDecision) -> list:
    """The selection committee of a published selection result's open call; [] for any other
    decision, or a case without a call."""
    if publication.round_id is None:
        return []
    return list(
        CallCommitteeMember.objects.filter(call__proposal_id=publication.proposal_id).only(
            "pk", "call_id", "name", "role", "affiliation", "sort_order"
        )
    )
