"""集計: the results of an evaluation round — weighted totals, means, ranking, pass or fail,
ties and the spread of the scores.

The rules, in plain words (the results page states them too):

1. Criterion i has maximum points m_i and weight w_i. An evaluator's total for a candidate is
   Σ w_i × s_i, with s_i the points on that evaluator's SUBMITTED score sheet for it; a sheet
   still being written counts for nothing. The highest possible total is Σ w_i × m_i.
2. The evaluators counted for a candidate are those who submitted a sheet for it. An evaluator
   who declared a conflict of interest with the candidate is "blocked (conflict)" and never
   counted; one without a submitted sheet is "missing". The candidate's mean is the arithmetic
   mean of the counted evaluators' totals; with nobody counted there is no mean and no rank.
3. 提案者加点: in a selection (stage 3) the criteria set's bonus for the original proposer is
   added to the original proposer's mean; an adoption review (stage 2) has no bonus.
   Final total = mean + bonus.
4. A candidate passes when its final total is at least the pass mark (equal passes).
5. Candidates are ranked by final total, highest first. Equal final totals are ordered by the
   mean total on the criteria other than price (共創指針: quality, not price alone); when that
   is equal too, the candidates share the rank and the tie is flagged for the office to settle
   in its recorded decision.
6. For each candidate and criterion: the counted evaluators' points, their minimum, maximum,
   mean and population standard deviation. A score is flagged as an outlier when it differs
   from the mean of the OTHER counted evaluators' points on that criterion by more than 30% of
   the criterion's maximum points (it needs at least two counted evaluators).

Every comparison is made on exact fractions; figures are shown rounded half up to 2 decimals,
so two totals shown alike may still rank apart (the page says so).

`round_results(round)` reads everything in a fixed number of queries, whatever the number of
candidates, evaluators and criteria.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import floor, isqrt

from . import rounds
from .models import (
    Candidate,
    ConflictDeclaration,
    Criterion,
    EvaluatorAssignment,
    Round,
    Score,
    ScoreSheet,
)

# An evaluator's state for one candidate.
COUNTED = "counted"
MISSING = "missing"
BLOCKED = "blocked"

# 30% of the criterion's maximum points: the distance from the others' mean that flags a score.
OUTLIER_SHARE = Fraction(3, 10)
CENT = Decimal("0.01")


def half_up(value: Fraction | Decimal | int | None) -> Decimal | None:
    """`value` rounded half up (away from zero) to 2 decimals, exactly (no float on the way)."""
    if value is None:
        return None
    exact = Fraction(value)
    cents = floor(abs(exact) * 100 + Fraction(1, 2))
    return (Decimal(cents) * CENT).copy_sign(Decimal(-1 if exact < 0 else 1))


def _sqrt_half_up(value: Fraction) -> Decimal:
    """√value rounded half up to 2 decimals, exactly: k = ⌊100·√v⌋, then k+1 when
    100·√v ≥ k + ½, i.e. 10⁴·v ≥ (k + ½)²."""
    scaled = value * 10_000
    cents = isqrt(floor(scaled))
    if scaled >= (Fraction(cents) + Fraction(1, 2)) ** 2:
        cents += 1
    return Decimal(cents) * CENT


@dataclass(frozen=True)
class ScoreCell:
    """One evaluator's points on one criterion for one candidate (None unless counted)."""

    assignment_pk: int
    number: int  # 委員1, 委員2… in assignment order
    state: str  # COUNTED, MISSING or BLOCKED
    points: int | None
    is_outlier: bool


@dataclass(frozen=True)
class CriterionSpread:
    """The spread of the counted evaluators' points on one criterion for one candidate."""

    criterion: Criterion
    scores: dict[int, int]  # assignment pk → points
    mean: Decimal | None
    minimum: int | None
    maximum: int | None
    stdev: Decimal | None  # population standard deviation
    outliers: frozenset[int]  # assignment pks
    cells: tuple[ScoreCell, ...]  # every evaluator, in assignment order


@dataclass(frozen=True)
class EvaluatorTotal:
    """One evaluator's weighted total for one candidate (None unless counted)."""

    assignment_pk: int
    number: int
    state: str
    total: Decimal | None


@dataclass(frozen=True)
class CandidateResult:
    candidate: Candidate
    label: str
    name: str  # the organisation's name: office eyes only
    is_original_proposer: bool
    counted: int
    missing: int
    blocked: int
    evaluator_totals: dict[int, Decimal | None]  # assignment pk → weighted total
    evaluator_states: dict[int, str]  # assignment pk → COUNTED, MISSING or BLOCKED
    mean: Decimal | None  # shown rounded; ranking uses exact_total
    non_price_mean: Decimal | None
    bonus: Decimal
    total: Decimal | None
    rank: int | None
    tied: bool  # shares its rank: the office settles it in the decision
    passed: bool | None
    spreads: list[CriterionSpread]
    totals: tuple[EvaluatorTotal, ...]  # every evaluator, in assignment order
    exact_mean: Fraction | None
    exact_total: Fraction | None


@dataclass(frozen=True)
class RoundResults:
    round: Round
    criteria: list[Criterion]
    max_total: Decimal
    pass_mark: Decimal
    bonus: Decimal  # the proposer bonus of this round: 0 in an adoption review
    candidates: list[CandidateResult]  # rank order, the unranked last
    evaluators: list[EvaluatorAssignment]  # assignment order: evaluator n is evaluators[n-1]
    has_unresolved_tie: bool  # the stated rule leaves candidates sharing a rank

    @property
    def is_selection(self) -> bool:
        return self.round.kind == Round.Kind.SELECTION

    @property
    def is_provisional(self) -> bool:
        """Scoring not closed yet: sheets may still come in or be reopened."""
        return rounds.results_are_provisional(self.round)


def weighted_points(criterion: Criterion, points: int) -> Fraction:
    """Rule 1 for one criterion: w_i × s_i, exactly."""
    return Fraction(criterion.weight) * points


def weighted_total(criteria, points: dict[int, int]) -> Fraction:
    """Rule 1: Σ w_i × s_i over the criteria, a criterion without points counting 0 (one sheet:
    the confirmation before submitting shows what the ranking will count)."""
    return sum((weighted_points(c, points.get(c.pk, 0)) for c in criteria), Fraction(0))


def max_total(criteria) -> Fraction:
    """The highest possible total: Σ w_i × m_i."""
    return weighted_total(criteria, {c.pk: c.max_points for c in criteria})


def _mean(values) -> Fraction | None:
    values = list(values)
    return sum(values, Fraction(0)) / len(values) if values else None


def _spread(criterion, scores: dict[int, int], states: dict[int, str], numbers: dict[int, int]):
    points = list(scores.values())
    mean = _mean(points)
    outliers = set()
    if len(points) >= 2:
        limit = OUTLIER_SHARE * criterion.max_points
        total = sum(points)
        for pk, own in scores.items():
            others = Fraction(total - own, len(points) - 1)
            if abs(own - others) > limit:
                outliers.add(pk)
    variance = _mean((p - mean) ** 2 for p in points) if points else None
    cells = tuple(
        ScoreCell(
            assignment_pk=pk,
            number=number,
            state=states[pk],
            points=scores.get(pk),
            is_outlier=pk in outliers,
        )
        for pk, number in numbers.items()
    )
    return CriterionSpread(
        criterion=criterion,
        scores=scores,
        mean=half_up(mean),
        minimum=min(points) if points else None,
        maximum=max(points) if points else None,
        stdev=None if variance is None else _sqrt_half_up(variance),
        outliers=frozenset(outliers),
        cells=cells,
    )


def _label_order(candidate):
    return (len(candidate.label), candidate.label)  # A … Z, then AA …


def round_results(round: Round) -> RoundResults:
    """The round's aggregation under the rules of this module's docstring."""
    criteria_set = round.criteria_set
    criteria = list(
        Criterion.objects.filter(criteria_set_id=round.criteria_set_id).order_by("order", "pk")
    )
    candidates = sorted(
        Candidate.objects.filter(round=round).select_related("proposal__organization"),
        key=_label_order,
    )
    evaluators = list(
        EvaluatorAssignment.objects.filter(round=round)
        .select_related("evaluator")
        .order_by("assigned_at", "pk")
    )
    conflicts = set(
        ConflictDeclaration.objects.filter(assignment__round=round, has_conflict=True).values_list(
            "assignment_id", "candidate_id"
        )
    )
    submitted = set(
        ScoreSheet.objects.filter(assignment__round=round, submitted_at__isnull=False).values_list(
            "assignment_id", "candidate_id"
        )
    )
    points = defaultdict(dict)  # (assignment pk, candidate pk) → {criterion pk: points}
    for assignment_pk, candidate_pk, criterion_pk, value in Score.objects.filter(
        sheet__assignment__round=round, sheet__submitted_at__isnull=False
    ).values_list("sheet__assignment_id", "sheet__candidate_id", "criterion_id", "points"):
        points[(assignment_pk, candidate_pk)][criterion_pk] = value

    is_selection = round.kind == Round.Kind.SELECTION
    proposer_bonus = half_up(criteria_set.proposer_bonus if is_selection else 0)
    numbers = {assignment.pk: number for number, assignment in enumerate(evaluators, start=1)}

    results = []
    for candidate in candidates:
        states = {}
        for assignment in evaluators:
            key = (assignment.pk, candidate.pk)
            if key in conflicts:  # a declared conflict blocks, whatever else was saved
                states[assignment.pk] = BLOCKED
            elif key in submitted:
                states[assignment.pk] = COUNTED
            else:
                states[assignment.pk] = MISSING
        counted = [pk for pk, state in states.items() if state == COUNTED]
        exact_totals, non_price_totals = {}, {}
        for pk in counted:
            sheet = points[(pk, candidate.pk)]
            weighted = [(c, weighted_points(c, sheet.get(c.pk, 0))) for c in criteria]
            exact_totals[pk] = weighted_total(criteria, sheet)
            non_price_totals[pk] = sum(
                (w for c, w in weighted if c.group != Criterion.Group.PRICE), Fraction(0)
            )
        exact_mean = _mean(exact_totals.values())
        bonus = proposer_bonus if candidate.is_original_proposer else Decimal("0.00")
        exact_total = None if exact_mean is None else exact_mean + Fraction(bonus)
        spreads = [
            _spread(
                criterion,
                {
                    pk: points[(pk, candidate.pk)][criterion.pk]
                    for pk in counted
                    if criterion.pk in points[(pk, candidate.pk)]
                },
                states,
                numbers,
            )
            for criterion in criteria
        ]
        evaluator_totals = {pk: half_up(exact_totals.get(pk)) for pk in states}
        results.append(
            {
                "candidate": candidate,
                "label": candidate.label,
                "name": candidate.proposal.organization.name,
                "is_original_proposer": candidate.is_original_proposer,
                "counted": len(counted),
                "missing": sum(1 for s in states.values() if s == MISSING),
                "blocked": sum(1 for s in states.values() if s == BLOCKED),
                "evaluator_totals": evaluator_totals,
                "evaluator_states": states,
                "mean": half_up(exact_mean),
                "non_price_mean": half_up(_mean(non_price_totals.values())),
                "bonus": bonus,
                "total": half_up(exact_total),
                "passed": None if exact_total is None else exact_total >= criteria_set.pass_mark,
                "spreads": spreads,
                "totals": tuple(
                    EvaluatorTotal(pk, numbers[pk], states[pk], evaluator_totals[pk])
                    for pk in states
                ),
                "exact_mean": exact_mean,
                "exact_total": exact_total,
                "_order": None
                if exact_total is None
                else (exact_total, _mean(non_price_totals.values())),
            }
        )

    ranked = sorted(
        (r for r in results if r["_order"] is not None),
        key=lambda r: (-r["_order"][0], -r["_order"][1], _label_order(r["candidate"])),
    )
    unranked = [r for r in results if r["_order"] is None]
    for position, result in enumerate(ranked):
        same = [other for other in ranked if other["_order"] == result["_order"]]
        result["rank"] = position + 1 if same[0] is result else same[0]["rank"]
        result["tied"] = len(same) > 1
    for result in unranked:
        result["rank"], result["tied"] = None, False

    ordered = [
        CandidateResult(**{k: v for k, v in r.items() if k != "_order"}) for r in ranked + unranked
    ]
    return RoundResults(
        round=round,
        criteria=criteria,
        max_total=half_up(max_total(criteria)),
        pass_mark=half_up(criteria_set.pass_mark),
        bonus=proposer_bonus,
        candidates=ordered,
        evaluators=evaluators,
        has_unresolved_tie=any(r.tied for r in ordered),
    )
