"""The office's results of a round (集計結果): the ranking and the spread, the score sheet export
(CSV that Excel in Japan opens) and a printable page with signature lines.

Office only: anyone else — evaluators of the round included — gets a 404, so that a round's
existence does not leak. Each view of the scores and comments (page, print, export) is one
entry of the case's read log (proposals.audit).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from mishima_kyoso.common.spreadsheets import csv_response, safe_filename_part
from proposals.audit import log_access
from proposals.models import AccessLog

from .. import rounds
from ..access import office_round
from ..aggregation import BLOCKED, COUNTED, MISSING, RoundResults, round_results
from ..forms import NormalisationForm
from ..models import Round
from ..normalisation import NormalisedResults, normalise, set_normalisation
from ..selectors import submitted_comments


def _logged(request, round: Round, what: str) -> None:
    log_access(request.user, round.proposal, AccessLog.Kind.EVALUATION, f"{round.title} ({what})")


def _outliers(result) -> int:
    return sum(len(spread.outliers) for spread in result.spreads)


def _rows(results: RoundResults, normalised: NormalisedResults | None) -> list[dict]:
    """The ranking's rows: raw figures, the normalised ones when on (in their order), and the
    disagreement flags of today (the tie and the number of outlier scores)."""
    if normalised is None:
        return [
            {"result": r, "normalised": None, "outliers": _outliers(r)} for r in results.candidates
        ]
    return [
        {"result": item.result, "normalised": item, "outliers": _outliers(item.result)}
        for item in normalised.candidates
    ]


def _context(round: Round) -> dict:
    results = round_results(round)
    normalised = normalise(results)
    by_candidate = (
        {} if normalised is None else {n.result.candidate.pk: n for n in normalised.candidates}
    )
    return {
        "round": round,
        "proposal": round.proposal,
        "results": results,
        "normalised": normalised,
        "rows": _rows(results, normalised),
        "candidates": [
            {"result": r, "normalised": by_candidate.get(r.candidate.pk)}
            for r in results.candidates
        ],
        "evaluators": [
            {"number": number, "assignment": assignment}
            for number, assignment in enumerate(results.evaluators, start=1)
        ],
    }


def results(request, pk):
    """/staff/evaluation/rounds/<pk>/results/: the ranking and the spread of the scores."""
    round = office_round(request.user, pk)
    _logged(request, round, _("results"))
    form = NormalisationForm(initial={"method": round.score_normalisation})
    context = _context(round) | {"form": form, "may_normalise": not rounds.is_decided(round)}
    return render(request, "evaluation/results.html", context)


@require_POST
def normalisation(request, pk):
    """/staff/evaluation/rounds/<pk>/results/normalisation/: the office turns normalisation off
    or on (normalisation.set_normalisation), then sees the ranking again."""
    round = office_round(request.user, pk)
    form = NormalisationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how the totals are normalised."))
    else:
        try:
            set_normalisation(round=round, method=form.cleaned_data["method"], by=request.user)
        except ValidationError as refusal:
            for message in refusal.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The normalisation of the totals has been saved."))
    return redirect(reverse("evaluation:results", args=[round.pk]) + "#ranking-title")


def results_print(request, pk):
    """/staff/evaluation/rounds/<pk>/results/print/: the same tables, dated, with signatures."""
    round = office_round(request.user, pk)
    _logged(request, round, _("print"))
    context = _context(round) | {"printed_on": timezone.localdate()}
    return render(request, "evaluation/results_print.html", context)


# The score sheet export ----------------------------------------------------------------------


def _state_label(state: str) -> str:
    return {
        COUNTED: _("Counted"),
        MISSING: _("Missing"),
        BLOCKED: _("Blocked (conflict)"),
    }[state]


def _evaluator_label(number: int) -> str:
    return _("Evaluator %(number)s") % {"number": number}


def _pass_label(passed: bool | None) -> str:
    if passed is None:
        return _("Not ranked")
    return _("Pass") if passed else _("Fail")


def _yes(value: bool) -> str:
    return _("Yes") if value else ""


def _header() -> list[str]:
    return [
        pgettext("score sheet column", "Row"),
        _("Candidate"),
        _("Organisation"),
        _("Original proposer"),
        pgettext("evaluation results", "Evaluator"),
        _("Evaluator name"),
        _("Criterion"),
        _("Group"),
        _("Maximum points"),
        _("Weight"),
        _("Points"),
        _("Weighted points"),
        _("Status"),
        _("Outlier"),
        _("Counted evaluators"),
        _("Missing evaluators"),
        _("Blocked evaluators"),
        _("Mean"),
        _("Bonus"),
        _("Final total"),
        _("Rank"),
        _("Result"),
        _("Tie"),
        _("Normalisation"),
        _("Normalised total"),
        _("Normalised rank"),
        _("Comment"),
    ]


def _normalised_cells(normalised, item, total) -> list:
    """Normalisation, normalised total, normalised rank: the method's name even when off."""
    if normalised is None:
        return [Round.Normalisation.OFF.label, "", ""]
    rank = "" if item is None or item.rank is None else item.rank
    return [normalised.method_label, "" if total is None else total, rank]


def score_sheet_rows(round: Round, results: RoundResults, normalised=None):
    """The CSV's rows after the header: per candidate, one row per evaluator × criterion, one
    per evaluator with the weighted total (raw and normalised), and a summary row (mean, bonus,
    total, rank, pass, and the normalised total and rank when normalisation is on)."""
    sheet_comments, score_comments = submitted_comments(round)
    width = len(_header())
    by_candidate = {}
    if normalised is not None:
        by_candidate = {item.result.candidate.pk: item for item in normalised.candidates}
    for result in results.candidates:
        item = by_candidate.get(result.candidate.pk)
        normalised_totals = {} if item is None else item.evaluator_totals
        base = [result.label, result.name, _yes(result.is_original_proposer)]
        for number, assignment in enumerate(results.evaluators, start=1):
            state = result.evaluator_states[assignment.pk]
            who = [_evaluator_label(number), assignment.evaluator.get_full_name()]
            key = (assignment.pk, result.candidate.pk)
            for spread in result.spreads:
                criterion = spread.criterion
                points = spread.scores.get(assignment.pk)
                yield _padded(
                    [
                        pgettext("score sheet row", "Score"),
                        *base,
                        *who,
                        criterion.name,
                        criterion.get_group_display(),
                        criterion.max_points,
                        criterion.weight,
                        "" if points is None else points,
                        "" if points is None else criterion.weight * points,
                        _state_label(state),
                        _yes(assignment.pk in spread.outliers),
                    ],
                    width,
                    comment=score_comments.get((*key, criterion.pk), "")
                    if state == COUNTED
                    else "",
                )
            total = result.evaluator_totals[assignment.pk]
            yield _padded(
                [
                    pgettext("score sheet row", "Evaluator total"),
                    *base,
                    *who,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "" if total is None else total,
                    _state_label(state),
                    "",
                    *[""] * 9,  # the summary columns
                    *_normalised_cells(normalised, None, normalised_totals.get(assignment.pk)),
                ],
                width,
                comment=sheet_comments.get(key, "") if state == COUNTED else "",
            )
        yield _padded(
            [
                pgettext("score sheet row", "Summary"),
                *base,
                *[""] * 10,
                result.counted,
                result.missing,
                result.blocked,
                "" if result.mean is None else result.mean,
                result.bonus,
                "" if result.total is None else result.total,
                "" if result.rank is None else result.rank,
                _pass_label(result.passed),
                _yes(result.tied),
                *_normalised_cells(normalised, item, None if item is None else item.total),
            ],
            width,
        )


def _padded(cells: list, width: int, *, comment: str = "") -> list:
    return [*cells, *[""] * (width - 1 - len(cells)), comment]


def _filename(round: Round) -> str:
    title = safe_filename_part(round.title)
    return f"{_('Evaluation results')}_{title}_{timezone.localdate():%Y%m%d}.csv"


def results_csv(request, pk):
    """/staff/evaluation/rounds/<pk>/results.csv: UTF-8 with a BOM and CRLF, so that Excel in
    Japan opens it; every cell that could run as a formula starts with an apostrophe."""
    round = office_round(request.user, pk)
    _logged(request, round, _("CSV export"))
    results = round_results(round)
    response = csv_response(
        _header(),
        score_sheet_rows(round, results, normalise(results)),
        filename=f"evaluation-results-{round.pk}.csv",
        local_filename=_filename(round),
    )
    response["Cache-Control"] = "no-store"
    return response
