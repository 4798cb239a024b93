"""Who holds which object permission on a proposal: the only calls to assign_perm."""

from guardian.shortcuts import assign_perm

from accounts import roles

ORGANIZATION_PERMISSIONS = ("view_proposal", "change_proposal")


def grant_organization(proposal) -> None:
    """Every member of the proposing organisation sees and edits the case (DESIGN §5)."""
    group = proposal.organization.group
    for permission in ORGANIZATION_PERMISSIONS:
        assign_perm(f"proposals.{permission}", group, proposal)


def is_proposer(user, proposal) -> bool:
    """A member of the organisation that proposes this case."""
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return membership is not None and membership.organization_id == proposal.organization_id


def is_office(user, proposal=None) -> bool:
    return roles.is_office(user)
