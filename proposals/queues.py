"""The staff home's queue (issue 13 §1): which of a person's cases wait for whom, counted.

One home for what "new", "overdue", "waiting for the city" and "waiting for the business"
mean; the staff home counts them and the work list filters on them, so a count and the list it
links to always agree.

- new (新着): received and not yet taken up (the dialogue has not started);
- overdue (期限超過): a response deadline of the city has passed (deadlines.py);
- waiting for the city (市の対応待ち): the city owes a response, a first one after receipt or a
  reply to the proposer's message (deadlines.py keeps `next_due_on` for exactly that);
- waiting for the business (事業者の対応待ち): an open case where the city owes nothing and
  wrote last, so the next word is the proposer's.
"""

from collections import Counter

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts import roles
from accounts.models import Department

from .models import DepartmentAssignment, Proposal
from .selectors import staff_cases
from .states import CLOSED

S = Proposal.Status
# The queue's keys, in the order the staff home shows them.
QUEUES = ("new", "overdue", "city", "business")


def open_cases() -> Q:
    """A case still running: not closed (deadlines stop there too)."""
    return ~Q(status__in=CLOSED)


def is_new() -> Q:
    return Q(status=S.RECEIVED)


def is_overdue(today=None) -> Q:
    return Q(next_due_on__lt=today or timezone.localdate())


def waits_for_city() -> Q:
    """The city owes a response (deadlines.py sets next_due_on only while it does)."""
    return Q(next_due_on__isnull=False) & open_cases()


def waits_for_business() -> Q:
    """Nothing owed by the city, and the city's message is the latest of the dialogue."""
    return (
        Q(next_due_on__isnull=True)
        & open_cases()
        & Q(last_city_message_at__isnull=False)
        & (
            Q(last_proposer_message_at__isnull=True)
            | Q(last_city_message_at__gt=F("last_proposer_message_at"))
        )
    )


def queue_condition(key: str) -> Q:
    """The condition of one queue of QUEUES."""
    return {
        "new": is_new,
        "overdue": is_overdue,
        "city": waits_for_city,
        "business": waits_for_business,
    }[key]()


def staff_queue(user) -> dict:
    """{queue key: count, "open": count, "unassigned": count} of the person's cases, in one
    query whatever the number of cases. `unassigned` (no department yet) is the office's.

    Every queue is made of open cases (a closed case owes nothing: deadlines.py clears its
    `next_due_on`), so only those are counted, from their partial index (proposal_open_idx),
    however many closed cases pile up over the years."""
    cases = staff_cases(user).filter(open_cases()).order_by()
    has_department = Exists(DepartmentAssignment.objects.filter(proposal_id=OuterRef("pk")))
    counts = {key: Count("pk", filter=queue_condition(key)) for key in QUEUES}
    counts["open"] = Count("pk")
    counts["unassigned"] = Count("pk", filter=~Q(has_department))
    return cases.alias(has_department=has_department).aggregate(**counts)


def department_queue(user) -> list[Department]:
    """The office: every department in charge of an open case, with their number
    (`open_cases`). Department staff: their own department, even with none.

    Two queries whatever the number of cases: the open cases' departments, then the
    departments. The work grows with the open cases (read from their partial index,
    proposal_open_idx), never with the assignments of every closed case of every year."""
    office = roles.is_office(user)
    running = staff_cases(user).filter(open_cases()).order_by()
    counts = _open_cases_by_department(running)
    departments = Department.objects.order_by("sort_order", "name")
    if office:
        departments = departments.filter(pk__in=list(counts))
    else:
        departments = departments.filter(pk=getattr(user, "department_id", None))
    found = list(departments)
    for department in found:
        department.open_cases = counts.get(department.pk, 0)
    return found


def _open_cases_by_department(running: QuerySet[Proposal]) -> dict[int, int]:
    """{department id: number of the running cases it is in charge of}.

    On PostgreSQL each running case looks up its own departments through the assignment's
    (proposal, department) index: a join lets the planner hash every assignment ever made
    (a sequential scan of the whole table at 100,000 cases). SQLite, the embedded
    default for small offices, keeps the plain join."""
    if connection.vendor != "postgresql":
        return dict(
            running.filter(assignments__isnull=False)
            .values_list("assignments__department_id")
            .annotate(n=Count("pk"))
        )
    in_charge = ArraySubquery(
        DepartmentAssignment.objects.filter(proposal_id=OuterRef("pk")).values("department_id")
    )
    counts = Counter()
    for ids in running.annotate(in_charge=in_charge).values_list("in_charge", flat=True):
        counts.update(ids)
    return dict(counts)


def urgent_cases(cases: QuerySet[Proposal], *, limit: int = 10) -> QuerySet[Proposal]:
    """The open cases of a work list queryset whose city response is due soonest."""
    return cases.filter(waits_for_city())[:limit]
