"""The log of who read a case's confidential parts (DESIGN §5)."""

from .models import AccessLog
from .permissions import is_proposer


def log_access(user, case, kind: str, label: str = "") -> None:
    """Record a read by the city's side (staff, evaluators); file downloads by anyone."""
    if kind not in (AccessLog.Kind.FILE, AccessLog.Kind.MESSAGE_FILE) and is_proposer(user, case):
        return
    AccessLog.objects.create(user=user, proposal=case, kind=kind, object_label=label[:255])
