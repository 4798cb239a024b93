"""Who holds which object permission on a proposal: the only calls to assign_perm."""

from guardian.shortcuts import assign_perm, remove_perm

from accounts import roles

ORGANIZATION_PERMISSIONS = ("view_proposal", "change_proposal")


def grant_organization(case) -> None:
    """Every member of the proposing organisation sees and edits the case (DESIGN §5)."""
    group = case.organization.group
    for permission in ORGANIZATION_PERMISSIONS:
        assign_perm(f"proposals.{permission}", group, case)


def is_proposer(user, case) -> bool:
    """A member of the organisation that proposes this case."""
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return membership is not None and membership.organization_id == case.organization_id


def is_office(user, case=None) -> bool:
    return roles.is_office(user)


def grant_department(case, department) -> None:
    """A department in charge sees the case: its group gets the object permission."""
    assign_perm("proposals.view_proposal", department.group, case)


def revoke_department(case, department) -> None:
    remove_perm("proposals.view_proposal", department.group, case)


def is_assigned_staff(user, case) -> bool:
    """Department staff of a department in charge of this case."""
    if not roles.is_department_staff(user):
        return False
    return user.department_id in {a.department_id for a in case.assignments.all()}


def works_on(user, case) -> bool:
    """The city's side of the case: the office, or a department in charge."""
    return is_office(user) or is_assigned_staff(user, case)
