"""The read log of a case (閲覧記録, DESIGN §5): who of the city's side read its confidential
content, when, and what.

What is logged, and how often:
- one row per page view of the city's side (office, departments, evaluators) that shows a
  case's confidential content, naming what the page showed (its kind, and a label such as a
  meeting record's date): the case page, an earlier version, the dialogue, the meeting records,
  the agreement, the monitoring, the evaluation pages. A view logs once, whatever templates it
  includes; a form shown again with its errors is a second view;
- one row per file download, by anyone (the proposer's own downloads included);
- the proposer's reads of their own case's pages are not logged.
The office reads a case's log on /staff/cases/<pk>/read-log/ and exports it as CSV.
"""

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import pgettext

from .models import AccessLog
from .permissions import is_proposer

FILE_KINDS = (AccessLog.Kind.FILE, AccessLog.Kind.MESSAGE_FILE)


def log_access(user, case, kind: str, label: str = "") -> None:
    """Record a read by the city's side (staff, evaluators); file downloads by anyone."""
    if kind not in FILE_KINDS and is_proposer(user, case):
        return
    AccessLog.objects.create(user=user, proposal=case, kind=kind, object_label=label[:255])


def case_read_log(case) -> QuerySet[AccessLog]:
    """A case's read log, newest first, with the readers (one query however long)."""
    return AccessLog.objects.filter(proposal=case).select_related("user").order_by("-at", "-pk")


def reader_name(user) -> str:
    return user.get_full_name() or user.email


def read_log_header() -> list[str]:
    """The columns of the log, in the reader's language (the page's table has the same)."""
    return [
        pgettext("read log", "Read at"),
        pgettext("read log", "Reader"),
        pgettext("read log", "E-mail address"),
        pgettext("read log", "What was read"),
        pgettext("read log", "Object"),
    ]


def read_log_rows(entries):
    """The log's rows as the CSV export writes them: local time, who, what, which object."""
    for entry in entries:
        yield [
            timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
            reader_name(entry.user),
            entry.user.email,
            entry.get_kind_display(),
            entry.object_label,
        ]
