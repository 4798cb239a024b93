"""The statistics page (実施状況): counts per fiscal year, in a fixed number of queries.

Aggregate numbers only: every submitted case counts, published or not, and nothing of any case
is shown but counts and medians (DESIGN §5).
"""

import datetime
import statistics as stats
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreation_list.models import Field
from proposals.fiscal import fiscal_year, reiwa
from proposals.models import Proposal, ProposalTransition
from proposals.workflow import A

K = Proposal.Kind
# The decisions counted, in the order of the guidelines' stages.
DECISION_COUNTS = (
    (A.DECLINE, _("Not taken forward")),
    (A.ADOPT, _("Adopted")),
    (A.NOT_ADOPT, _("Not adopted")),
    (A.SELECT, _("Selected as the implementer")),
    (A.NOT_SELECT, _("Not selected")),
    (A.COMPLETE, _("Completed")),
)
# Calendar days from receipt to each of these steps.
MEDIAN_STEPS = (
    (A.START_DIALOGUE, _("Start of the dialogue")),
    (A.DECLINE, _("Not taken forward")),
    (A.TO_PLANNING, _("Move on to planning")),
    (A.ADOPT, _("Adoption")),
    (A.NOT_ADOPT, _("Non-adoption")),
    (A.SELECT, _("Selection of the implementer")),
)
INTENTS = (
    (Proposal.Intent.CONSULTATION, _("Consultations")),
    (Proposal.Intent.PROPOSAL, _("Proposals")),
)
KINDS = (
    (K.THEME, _("Theme-based proposals")),
    (K.FREE, _("Free proposals")),
    (K.APPLICATION, _("Applications to open calls")),
)


@dataclass
class Row:
    label: str
    value: int | float | None
    count: int | None = None  # for a median: how many steps it is computed from
    code: str = ""  # the stable code of the row (kind, intent, field, step): the API's key


@dataclass
class Statistics:
    year: int
    reiwa: int
    years: list[int]
    received_total: int = 0
    by_intent: list[Row] = field(default_factory=list)
    by_kind: list[Row] = field(default_factory=list)
    by_field: list[Row] = field(default_factory=list)
    decisions: list[Row] = field(default_factory=list)
    adoption_rate: Decimal | None = None
    adopted: int = 0
    not_adopted: int = 0
    medians: list[Row] = field(default_factory=list)


def fiscal_year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """From 1 April of the year to 1 April of the next, in the local time (Asia/Tokyo)."""
    zone = timezone.get_current_timezone()
    return (
        datetime.datetime(year, 4, 1, tzinfo=zone),
        datetime.datetime(year + 1, 4, 1, tzinfo=zone),
    )


def available_years(today: datetime.date | None = None) -> list[int]:
    """The fiscal years with received cases, up to the current one, newest first (one query)."""
    current = fiscal_year(today or timezone.localdate())
    first = Proposal.objects.aggregate(first=Min("fiscal_year"))["first"] or current
    first = min(first, current)
    return list(range(current, first - 1, -1))


def _median(values: list[int]) -> float | None:
    return stats.median(values) if values else None


def year_statistics(year: int, *, years: list[int] | None = None) -> Statistics:
    """Counts of one fiscal year: cases received (by intent, type and field), the decisions
    taken in the year, the adoption rate and the median days from receipt to each step."""
    result = Statistics(year=year, reiwa=reiwa(year), years=years or [])
    received = Proposal.objects.filter(fiscal_year=year, submitted_at__isnull=False)

    # 1. Received, by type and intent (applications are counted by type only).
    counts = {
        (row["kind"], row["intent"]): row["n"]
        for row in received.values("kind", "intent").annotate(n=Count("pk")).order_by()
    }
    result.received_total = sum(counts.values())
    result.by_kind = [
        Row(label, sum(n for (kind, _intent), n in counts.items() if kind == code), code=code)
        for code, label in KINDS
    ]
    result.by_intent = [
        Row(
            label,
            sum(
                n
                for (kind, intent), n in counts.items()
                if intent == code and kind != K.APPLICATION
            ),
            code=code,
        )
        for code, label in INTENTS
    ]

    # 2. Theme-based and free proposals by field (a theme in two fields counts in both).
    fields = Field.objects.annotate(
        free=Count(
            "proposals",
            filter=Q(
                proposals__kind=K.FREE,
                proposals__fiscal_year=year,
                proposals__submitted_at__isnull=False,
            ),
            distinct=True,
        ),
        themed=Count(
            "themes__proposals",
            filter=Q(
                themes__proposals__kind=K.THEME,
                themes__proposals__fiscal_year=year,
                themes__proposals__submitted_at__isnull=False,
            ),
            distinct=True,
        ),
    ).order_by("sort_order", "name")
    result.by_field = [Row(item.name, item.free + item.themed, code=item.code) for item in fields]

    # 3. Decisions taken in the year.
    start, end = fiscal_year_bounds(year)
    steps = ProposalTransition.objects.filter(
        created_at__gte=start, created_at__lt=end, proposal__submitted_at__isnull=False
    )
    decided = dict(
        steps.filter(step__in=[code for code, _label in DECISION_COUNTS])
        .values_list("step")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result.decisions = [
        Row(label, decided.get(code, 0), code=code) for code, label in DECISION_COUNTS
    ]
    result.adopted, result.not_adopted = decided.get(A.ADOPT, 0), decided.get(A.NOT_ADOPT, 0)
    if result.adopted + result.not_adopted:
        result.adoption_rate = (
            Decimal(100 * result.adopted) / Decimal(result.adopted + result.not_adopted)
        ).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    # 4. Calendar days from receipt to each step taken in the year.
    days: dict[str, list[int]] = {code: [] for code, _label in MEDIAN_STEPS}
    for step, at, received_at in steps.filter(step__in=list(days)).values_list(
        "step", "created_at", "proposal__submitted_at"
    ):
        days[step].append((timezone.localdate(at) - timezone.localdate(received_at)).days)
    result.medians = [
        Row(label, _median(days[code]), len(days[code]), code=code) for code, label in MEDIAN_STEPS
    ]
    return result
