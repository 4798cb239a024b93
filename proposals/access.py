"""The case a person may open, or 404 (DESIGN §5): every page of a case looks it up here.

A case the person may not see does not exist for them (404); a case they see but a step or a
page that is not theirs answers 403. Which cases a person sees is the selectors'; who may do
what, the permissions' and the workflow's.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Proposal
from .permissions import is_proposer
from .selectors import staff_case_pages, visible_proposals


def visible_case(user, pk) -> Proposal:
    """A case as the proposer's pages open it (the city's side reads them too)."""
    return get_object_or_404(
        visible_proposals(user).select_related("created_by", "preferred_department", "open_call"),
        pk=pk,
    )


def proposers_case(user, pk) -> Proposal:
    """A case the user sees and proposes; the office reads cases but does not act for a business."""
    case = visible_case(user, pk)
    if not is_proposer(user, case):
        raise PermissionDenied
    return case


def staff_case(user, pk) -> Proposal:
    """A case as the city's pages open it: the office's every submitted case, a department's
    assigned ones, never a draft (selectors.staff_case_pages)."""
    return get_object_or_404(staff_case_pages(user), pk=pk)
