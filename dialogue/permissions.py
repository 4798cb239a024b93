"""Who speaks for which side of a case in its dialogue (the grants themselves are proposals')."""

from proposals.permissions import is_proposer, works_on
from proposals.states import CLOSED

from .models import Side


def side_of(user, case) -> str | None:
    """Side.PROPOSER, Side.CITY or None (sees the case, takes no part in its dialogue).

    A member of the proposing organisation is the proposer even if they also hold a city role:
    they must never be shown the city's internal notes.
    """
    if is_proposer(user, case):
        return Side.PROPOSER
    if works_on(user, case):
        return Side.CITY
    return None


def may_post(side: str | None, case) -> bool:
    """The proposer writes while the case is open; the city also on a closed case (follow-ups)."""
    if side is None or case.is_draft:
        return False
    return side == Side.CITY or case.status not in CLOSED
