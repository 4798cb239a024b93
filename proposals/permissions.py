"""Who holds which object permission on a proposal: the only calls to assign_perm."""

from guardian.shortcuts import assign_perm, remove_perm

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


def grant_department(proposal, department) -> None:
    """A department in charge sees the case: its group gets the object permission."""
    assign_perm("proposals.view_proposal", department.group, proposal)


def revoke_department(proposal, department) -> None:
    remove_perm("proposals.view_proposal", department.group, proposal)


def is_assigned_staff(user, proposal) -> bool:
    """Department staff of a department in charge of this case."""
    if not roles.is_department_staff(user):
        return False
    return user.department_id in {a.department_id for a in proposal.assignments.all()}


def works_on(user, proposal) -> bool:
    """The city's side of the case: the office, or a department in charge."""
    return is_office(user) or is_assigned_staff(user, proposal)
