"""正規化: per-evaluator normalisation of the weighted totals, beside the raw ranking.

Some evaluators score harshly, some generously, some use the whole range and some a narrow
band. When every evaluator scores every candidate, a harsh evaluator lowers every candidate
alike and the raw ranking is fair; when an evaluator is blocked by a conflict of interest or
has not submitted a sheet, the candidates they did not score escape their harshness (or miss
their generosity), and an evaluator with a wide spread weighs more than one with a narrow
spread. The office may therefore turn on one of two normalisations for a round
(`Round.score_normalisation`, off by default). The rules, in plain words (the results page
states them too):

1. The data are the raw weighted totals x(e, c) of aggregation.py rule 1: one per evaluator e
   and candidate c that the evaluator is COUNTED for (a submitted sheet and no declared
   conflict). Blocked and missing pairs are left out, exactly as in the raw ranking.
2. Evaluator e's own scale: m(e) = the mean of their N(e) totals and s(e) = the POPULATION
   standard deviation of them (statistics.pstdev: divide by N(e), not N(e) − 1).
3. The common scale of the round, over all N = Σ N(e) counted totals:
   M = the mean of all the raw totals (every counted total weighs the same), and the spread S:
   - z-score: S = the population standard deviation of all the raw totals (pstdev over the N
     totals) — the round's overall mean and spread;
   - rescaling: S = the pooled within-evaluator standard deviation √(Σ N(e)·s(e)² / N), i.e.
     the population standard deviation of every total's distance from its own evaluator's
     mean. Unlike the z-score's S it leaves out how far the evaluators' means lie apart, which
     is the very difference the normalisation removes.
4. Normalised total: z(e, c) = (x(e, c) − m(e)) / s(e) and t(e, c) = M + S × z(e, c). Under
   either method each evaluator's normalised totals have mean M and population standard
   deviation S. An evaluator with s(e) = 0 (one candidate scored, or the same total for
   everyone) carries no information on order: z = 0 and every t(e, c) = M, the common mean.
5. A candidate's normalised mean is the mean of its t(e, c) over its counted evaluators; the
   proposer bonus of aggregation.py rule 3 is added after normalisation (it is in points of
   the same scale). Normalised final total = normalised mean + bonus.
6. Pass or fail stays on the raw final total: the pass mark is a number of raw points.
7. The candidates are ranked by normalised final total, highest first; equal figures (to 2
   decimals) share the rank and are listed in raw order. Candidates nobody is counted for
   have no rank.

Both methods are linear in z, so without a bonus they give the same order; they differ in the
spread of the figures (and so in how much the bonus weighs). The arithmetic is in Decimal
with 28 significant digits (statistics.mean / pstdev on Decimal values, the square roots
correctly rounded); figures are shown rounded half up to 2 decimals and the normalised rank
uses the figures as shown.

Everything here is computed from `aggregation.round_results()`: no query of its own. Only the
office's results pages (and the exports) show it; evaluators never see another's totals.
"""

from dataclasses import dataclass
from decimal import Decimal, localcontext
from statistics import mean, pstdev

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import rounds
from .aggregation import COUNTED, CandidateResult, RoundResults, half_up
from .models import Round, RoundEvent
from .permissions import is_office

Method = Round.Normalisation
PRECISION = 28


@dataclass(frozen=True)
class EvaluatorScale:
    """Rule 2 for one evaluator with at least one counted total."""

    assignment_pk: int
    number: int  # 委員1, 委員2… as on the rest of the page
    count: int
    mean: Decimal  # shown rounded
    stdev: Decimal  # population standard deviation, shown rounded

    @property
    def is_flat(self) -> bool:
        """s(e) = 0: every normalised total of this evaluator is the common mean."""
        return self.stdev == 0


@dataclass(frozen=True)
class NormalisedTotal:
    assignment_pk: int
    number: int
    total: Decimal | None  # None unless the evaluator is counted for the candidate


@dataclass(frozen=True)
class NormalisedCandidate:
    result: CandidateResult  # the raw figures, raw rank and flags of aggregation.py
    totals: tuple[NormalisedTotal, ...]  # every evaluator, in assignment order
    mean: Decimal | None
    total: Decimal | None  # normalised mean + bonus
    rank: int | None
    tied: bool

    @property
    def evaluator_totals(self) -> dict[int, Decimal | None]:
        return {item.assignment_pk: item.total for item in self.totals}


@dataclass(frozen=True)
class NormalisedResults:
    method: str
    common_mean: Decimal | None  # M, shown rounded
    common_stdev: Decimal | None  # S, shown rounded
    scales: tuple[EvaluatorScale, ...]
    candidates: list[NormalisedCandidate]  # normalised rank order, the unranked last

    @property
    def is_z_score(self) -> bool:
        return self.method == Method.Z_SCORE

    @property
    def method_label(self) -> str:
        return Method(self.method).label

    @property
    def order_changed(self) -> bool:
        """The normalised order differs from the raw one (among the ranked candidates)."""
        return any(
            item.result.rank is not None and item.rank != item.result.rank
            for item in self.candidates
        )


def _counted_totals(results: RoundResults) -> dict[int, dict[int, Decimal]]:
    """assignment pk → {candidate pk: raw weighted total}. The raw totals are exact: points are
    whole numbers and weights have 2 decimals, so aggregation's 2-decimal figure is the total."""
    totals = {assignment.pk: {} for assignment in results.evaluators}
    for result in results.candidates:
        for pk, state in result.evaluator_states.items():
            if state == COUNTED:
                totals[pk][result.candidate.pk] = result.evaluator_totals[pk]
    return {pk: values for pk, values in totals.items() if values}


def _common_scale(method: str, own: dict[int, dict[int, Decimal]], means: dict[int, Decimal]):
    """Rule 3: (M, S) of the round under `method`."""
    everything = [x for values in own.values() for x in values.values()]
    common_mean = mean(everything)
    if method == Method.Z_SCORE:
        return common_mean, pstdev(everything)
    distances = [x - means[pk] for pk, values in own.items() for x in values.values()]
    return common_mean, pstdev(distances, Decimal(0))  # their mean is 0 by construction


def normalise(results: RoundResults) -> NormalisedResults | None:
    """The round's normalised ranking under the rules of this module's docstring, or None when
    the round's normalisation is off."""
    method = results.round.score_normalisation
    if method not in (Method.Z_SCORE, Method.RESCALE):
        return None
    numbers = {assignment.pk: n for n, assignment in enumerate(results.evaluators, start=1)}
    with localcontext() as context:
        context.prec = PRECISION
        own = _counted_totals(results)
        means = {pk: mean(values.values()) for pk, values in own.items()}
        stdevs = {pk: pstdev(values.values()) for pk, values in own.items()}
        common_mean, common_stdev = _common_scale(method, own, means) if own else (None, None)

        def normalised(pk, x):
            if stdevs[pk] == 0:
                return common_mean  # rule 4: no spread, no information on order
            return common_mean + common_stdev * (x - means[pk]) / stdevs[pk]

        rows = []
        for position, result in enumerate(results.candidates):
            exact = {
                pk: normalised(pk, values[result.candidate.pk])
                for pk, values in own.items()
                if result.candidate.pk in values
            }
            candidate_mean = mean(exact.values()) if exact else None
            total = None if candidate_mean is None else candidate_mean + result.bonus
            rows.append(
                {
                    "result": result,
                    "totals": tuple(
                        NormalisedTotal(pk, numbers[pk], half_up(exact.get(pk))) for pk in numbers
                    ),
                    "mean": half_up(candidate_mean),
                    "total": half_up(total),
                    "_position": position,  # the raw order: ties are listed in it
                }
            )
    candidates = _ranked(rows)
    scales = tuple(
        EvaluatorScale(
            assignment_pk=pk,
            number=numbers[pk],
            count=len(own[pk]),
            mean=half_up(means[pk]),
            stdev=half_up(stdevs[pk]),
        )
        for pk in numbers
        if pk in own
    )
    return NormalisedResults(
        method=method,
        common_mean=half_up(common_mean),
        common_stdev=half_up(common_stdev),
        scales=scales,
        candidates=candidates,
    )


def _ranked(rows: list[dict]) -> list[NormalisedCandidate]:
    """Rule 7: by the normalised final total as shown, highest first; equal figures share the
    rank, in raw order; the unranked last."""
    ranked = sorted(
        (row for row in rows if row["total"] is not None),
        key=lambda row: (-row["total"], row["_position"]),
    )
    unranked = [row for row in rows if row["total"] is None]
    ordered = []
    for row in ranked:
        same = [position for position, other in enumerate(ranked) if other["total"] == row["total"]]
        ordered.append(
            NormalisedCandidate(
                result=row["result"],
                totals=row["totals"],
                mean=row["mean"],
                total=row["total"],
                rank=same[0] + 1,
                tied=len(same) > 1,
            )
        )
    for row in unranked:
        ordered.append(
            NormalisedCandidate(
                result=row["result"],
                totals=row["totals"],
                mean=None,
                total=None,
                rank=None,
                tied=False,
            )
        )
    return ordered


# The office's setting --------------------------------------------------------------------------
# (a write of the evaluation app, kept beside its rules rather than in services.py)


@transaction.atomic
def set_normalisation(*, round, method, by) -> Round:
    """The office turns normalisation off or on for a round until it is decided; the change is
    in the round's history and its log. Choosing the current method changes nothing."""
    if not is_office(by):
        raise PermissionDenied
    if method not in Method.values:
        raise ValidationError(_("Choose how the totals are normalised."), code="wrong_method")
    round = Round.objects.select_for_update().get(pk=round.pk)
    if rounds.is_decided(round):
        raise ValidationError(
            _("This round has been decided: its results are kept as they were decided."),
            code="decided",
        )
    if round.score_normalisation == method:
        return round
    round.score_normalisation = method
    round.save(update_fields=["score_normalisation"])
    RoundEvent.objects.create(
        round=round,
        kind=RoundEvent.Kind.NORMALISATION_CHANGED,
        actor=by,
        subject=str(Method(method).label)[:255],
    )
    return round
