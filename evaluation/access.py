"""The round a page opens, or 404 (DESIGN §5): the office's pages of a round look it up here.

A round the person may not see does not exist for them (404). Which rounds a person sees is
the selectors'.
"""

from django.shortcuts import get_object_or_404

from .models import Round
from .selectors import office_rounds


def office_round(user, pk) -> Round:
    """A round as the office's management and results pages open it (selectors.office_rounds)."""
    return get_object_or_404(office_rounds(user), pk=pk)
