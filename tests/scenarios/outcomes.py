"""Publication (説明責任): decisions published as the office publishes them
(outcomes.services.publish_decision)."""

from outcomes.services import publish_decision
from proposals.models import Proposal
from proposals.workflow import A

from .cases import case_at

S = Proposal.Status


def decision_of(case, step=None):
    """The case's latest step (of `step`), the one a publication publishes."""
    steps = case.transitions.filter(step=step) if step else case.transitions.all()
    return steps.order_by("-created_at", "-pk").first()


def published(case, *, office, step=A.ADOPT, discloses_proposer=False, **kwargs):
    """The case's decision (the adoption unless told) published by the office."""
    return publish_decision(
        transition=decision_of(case, step),
        by=office,
        discloses_proposer=discloses_proposer,
        **kwargs,
    )


def adopted_and_published(*, office, count=1, **kwargs):
    """`count` adopted cases, each decision published."""
    return [
        published(case_at(S.ADOPTED, office=office, **kwargs), office=office) for _ in range(count)
    ]
