"""Who may do what in the evaluation app: the only calls to assign_perm / remove_perm here.

An evaluator holds a direct object permission on each of their rounds (DESIGN §5: "an evaluator
on their rounds"); the office manages every round through its model permissions and role.
"""

from guardian.shortcuts import assign_perm, remove_perm

from accounts import roles

VIEW_ROUND = "evaluation.view_round"


def grant_evaluator(round, user) -> None:
    """The evaluator sees this round's pages (and nothing of any other round)."""
    assign_perm(VIEW_ROUND, user, round)


def revoke_evaluator(round, user) -> None:
    remove_perm(VIEW_ROUND, user, round)


def is_office(user) -> bool:
    """共創推進室: creates, runs and decides rounds."""
    return roles.is_office(user)


def is_candidate_member(user, round) -> bool:
    """A member of the organisation of one of the round's candidates (never its evaluator)."""
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    if membership is None:
        return False
    return round.candidates.filter(proposal__organization_id=membership.organization_id).exists()
