"""Reads of the acceptances (the office's view of a case)."""

from .models import Acceptance


def case_acceptances(case) -> list[Acceptance]:
    """Which version of each document was accepted with the case, when and by whom."""
    return list(
        Acceptance.objects.filter(proposal=case)
        .select_related("terms", "user")
        .order_by("accepted_at", "terms__kind")
    )
