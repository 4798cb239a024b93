"""Reads that encode who sees which proposal: every list, page and file starts here."""

from django.db.models import QuerySet
from guardian.shortcuts import get_objects_for_user

from .models import Proposal


def visible_proposals(user) -> QuerySet[Proposal]:
    """Every case this user may open; unseen ones do not exist for them (404)."""
    cases = Proposal.objects.select_related("organization", "theme", "field")
    if not (user.is_authenticated and user.is_active):
        return cases.none()
    if user.has_perm("proposals.view_all_proposals"):  # 共創推進室, model level
        return cases
    return get_objects_for_user(
        user, "proposals.view_proposal", klass=cases, accept_global_perms=False
    )


def organization_proposals(user) -> QuerySet[Proposal]:
    """The dashboard: the cases of the user's own organisation, newest activity first."""
    membership = getattr(user, "membership", None)
    if membership is None:
        return Proposal.objects.none()
    return (
        visible_proposals(user)
        .filter(organization_id=membership.organization_id)
        .order_by("-updated_at", "-pk")
    )
