"""提出: the final submission of an evaluator's score sheets, through a confirmation.

Saving a sheet (services.save_sheet) can be done again and again; submitting it locks it, and
only the office can reopen it. So the evaluator's pages never submit in one click: the
confirmation page shows every sheet about to be submitted — each criterion's points, its
maximum and weight, the weighted points and the weighted total, computed by the rules of
aggregation.py (exact fractions, the arithmetic the ranking uses) — and a fingerprint of what
it showed. The final POST submits those sheets only if they are still exactly what was shown
(`fingerprint`), in one transaction: a sheet changed since, or submitted meanwhile, refuses the
whole submission and nothing changes.
"""

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import rounds
from .aggregation import half_up, max_total, weighted_points, weighted_total
from .models import EvaluatorAssignment, ScoreSheet


@dataclass(frozen=True)
class ConfirmedScore:
    """One criterion of a sheet as the confirmation shows it."""

    criterion: object
    points: int
    weighted: Decimal  # w_i × s_i, rounded half up for display
    comment: str


@dataclass(frozen=True)
class SheetToSubmit:
    sheet: ScoreSheet
    candidate: object
    scores: tuple[ConfirmedScore, ...]
    total: Decimal  # Σ w_i × s_i, rounded half up for display
    max_total: Decimal
    comment: str


def _sheets(assignment, candidate=None, *, lock=False, named=False):
    sheets = ScoreSheet.objects.filter(assignment=assignment).select_related(
        "candidate__proposal__organization" if named else "candidate"
    )
    if candidate is not None:
        sheets = sheets.filter(candidate=candidate)
    if lock:
        sheets = sheets.select_for_update(of=("self",))
    return list(sheets.prefetch_related("scores").order_by("candidate__label", "pk"))


def _conflicts(assignment) -> set[int]:
    return set(
        assignment.declarations.filter(has_conflict=True).values_list("candidate_id", flat=True)
    )


def _ready(sheets, criteria, conflicts) -> list[ScoreSheet]:
    """Saved, complete (points on every criterion), not submitted, no declared conflict."""
    wanted = {criterion.pk for criterion in criteria}
    return [
        sheet
        for sheet in sheets
        if not sheet.is_submitted
        and sheet.candidate_id not in conflicts
        and wanted <= {score.criterion_id for score in sheet.scores.all()}
    ]


def sheets_to_submit(assignment, criteria, *, candidate=None, named=False) -> list[SheetToSubmit]:
    """The sheets the confirmation shows (one candidate's, or every ready one of the round),
    with their weighted totals; the candidates' organisations only when names may be shown.
    A fixed number of queries, whatever the number of candidates and criteria."""
    criteria = list(criteria)
    sheets = _sheets(assignment, candidate, named=named)
    ready = _ready(sheets, criteria, _conflicts(assignment))
    highest = half_up(max_total(criteria))
    shown = []
    for sheet in ready:
        scores = {score.criterion_id: score for score in sheet.scores.all()}
        points = {pk: score.points for pk, score in scores.items()}
        shown.append(
            SheetToSubmit(
                sheet=sheet,
                candidate=sheet.candidate,
                scores=tuple(
                    ConfirmedScore(
                        criterion=criterion,
                        points=scores[criterion.pk].points,
                        weighted=half_up(weighted_points(criterion, scores[criterion.pk].points)),
                        comment=scores[criterion.pk].comment,
                    )
                    for criterion in criteria
                ),
                total=half_up(weighted_total(criteria, points)),
                max_total=highest,
                comment=sheet.comment,
            )
        )
    return shown


def fingerprint(sheets) -> str:
    """What the confirmation showed, as a short digest: each sheet, its points and comments."""
    parts = []
    for sheet in sorted(sheets, key=lambda sheet: sheet.pk):
        scores = sorted(
            (score.criterion_id, score.points, score.comment) for score in sheet.scores.all()
        )
        parts.append(repr((sheet.pk, sheet.candidate_id, sheet.comment, scores)))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


@transaction.atomic
def submit_sheets(*, assignment, criteria, seen: str, candidate=None, by) -> list[ScoreSheet]:
    """Submit the sheets the confirmation showed (`seen`: their fingerprint), all or none."""
    if not by.is_authenticated or assignment.evaluator_id != by.pk:
        raise PermissionDenied
    assignment = EvaluatorAssignment.objects.select_for_update().get(pk=assignment.pk)
    if not rounds.may_score(assignment.round):
        raise ValidationError(_("Scoring of this round is not open."), code="round_not_open")
    if candidate is not None and candidate.round_id != assignment.round_id:
        raise PermissionDenied
    sheets = _sheets(assignment, candidate, lock=True)
    ready = _ready(sheets, criteria, _conflicts(assignment))
    if not ready:
        if sheets and all(sheet.is_submitted for sheet in sheets):
            raise ValidationError(
                _("This score sheet has already been submitted; nothing was changed."),
                code="already_submitted",
            )
        raise ValidationError(
            _("There is no complete score sheet to submit. Give points on every criterion first."),
            code="nothing_to_submit",
        )
    if fingerprint(ready) != seen:
        raise ValidationError(
            _(
                "Your score sheets have changed since this confirmation was shown (perhaps in "
                "another window), so nothing was submitted. Check the sheets below again, then "
                "submit."
            ),
            code="stale",
        )
    now = timezone.now()
    for sheet in ready:
        sheet.submitted_at = now
        sheet.save()
    return ready
