"""The display label of a case's status and kind, for lists.

`case.get_status_display()` hashes every choice of the field, and a lazy label is translated to
be hashed: fourteen translations per cell, hundreds on a list. These read the one label.
"""

from .models import Proposal
from .states import Status


def status_label(status: str) -> str:
    """As case.get_status_display()."""
    try:
        return str(Status(status).label)
    except ValueError:
        return status


def kind_label(kind: str) -> str:
    """As case.get_kind_display()."""
    try:
        return str(Proposal.Kind(kind).label)
    except ValueError:
        return kind
