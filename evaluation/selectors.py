"""Reads that encode who sees which round: every evaluator and office page starts here."""

from django.db.models import F, Func, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from guardian.shortcuts import get_objects_for_user

from . import rounds
from .models import (
    Candidate,
    ConflictDeclaration,
    Criterion,
    EvaluatorAssignment,
    Round,
    RoundEvent,
    Score,
    ScoreSheet,
)
from .permissions import VIEW_ROUND, is_office


def _count(queryset) -> Coalesce:
    """The number of rows of a correlated queryset, as a subquery (0 when there are none).

    COUNT as a plain function, not an aggregate: no GROUP BY, one row whatever the filter.
    """
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted[:1], output_field=IntegerField()), 0)


def evaluator_rounds(user) -> QuerySet[Round]:
    """The rounds this user evaluates: granted to them (guardian, direct user permission, never
    through the office's model permission) and assigned; shown once its scoring has opened
    (rounds.has_opened), never while it is being prepared."""
    if not (user.is_authenticated and user.is_active):
        return Round.objects.none()
    granted = get_objects_for_user(
        user, VIEW_ROUND, klass=Round.objects.all(), accept_global_perms=False
    )
    return Round.objects.filter(
        pk__in=granted.values("pk"), assignments__evaluator=user, status__in=rounds.OPENED
    ).select_related("criteria_set")


def my_round_list(user) -> QuerySet[Round]:
    """The evaluator's list: each round with my declaration and my progress, in one query;
    none for anyone not signed in (their user has no row to compare with)."""
    if not (user.is_authenticated and user.is_active):
        return Round.objects.none()
    mine = EvaluatorAssignment.objects.filter(round=OuterRef("pk"), evaluator=user)
    return (
        evaluator_rounds(user)
        .annotate(
            declared_at=Subquery(mine.values("declared_at")[:1]),
            candidate_count=_count(Candidate.objects.filter(round=OuterRef("pk"))),
            conflict_count=_count(
                ConflictDeclaration.objects.filter(
                    assignment__round=OuterRef("pk"),
                    assignment__evaluator=user,
                    has_conflict=True,
                )
            ),
            submitted_count=_count(
                ScoreSheet.objects.filter(
                    assignment__round=OuterRef("pk"),
                    assignment__evaluator=user,
                    submitted_at__isnull=False,
                )
            ),
        )
        .order_by("scoring_due_on", "-pk")
    )


def assignment_of(user, round) -> EvaluatorAssignment | None:
    return EvaluatorAssignment.objects.filter(round=round, evaluator=user).first()


def round_criteria(round) -> list[Criterion]:
    return list(round.criteria_set.criteria.all())


def round_candidates(round, *, named: bool) -> QuerySet[Candidate]:
    """The candidates by label; with their organisation only where names may be shown."""
    candidates = round.candidates.order_by("label", "pk")
    if named:
        candidates = candidates.select_related("proposal__organization")
    return candidates


# The office ----------------------------------------------------------------------------------


def office_rounds(user) -> QuerySet[Round]:
    """Every round for the office, none for anyone else (their pages answer 404); with the
    case, the criteria set and the decision the management and results pages show."""
    if not is_office(user):
        return Round.objects.none()
    return Round.objects.select_related("proposal", "criteria_set", "created_by", "selected")


def case_round_list(case) -> QuerySet[Round]:
    return (
        case.evaluation_rounds.select_related("criteria_set")
        .annotate(
            candidate_count=_count(Candidate.objects.filter(round=OuterRef("pk"))),
            evaluator_count=_count(EvaluatorAssignment.objects.filter(round=OuterRef("pk"))),
        )
        .order_by("-created_at", "-pk")
    )


def round_assignments(round) -> QuerySet[EvaluatorAssignment]:
    """The evaluators with their declarations and sheets (progress), in three queries."""
    return round.assignments.select_related("evaluator").prefetch_related(
        Prefetch(
            "declarations",
            queryset=ConflictDeclaration.objects.select_related("candidate").order_by(
                "candidate__label"
            ),
        ),
        Prefetch(
            "sheets",
            queryset=ScoreSheet.objects.select_related("candidate").order_by("candidate__label"),
        ),
    )


def round_sheets(round) -> QuerySet[ScoreSheet]:
    """The round's score sheets with their evaluators and candidates (a sheet to reopen)."""
    return ScoreSheet.objects.filter(assignment__round=round).select_related(
        "assignment__evaluator", "candidate__proposal__organization"
    )


def submitted_comments(round) -> tuple[dict, dict]:
    """The comments of the submitted sheets: (assignment, candidate) → comment, and
    (assignment, candidate, criterion) → comment. Two queries, whatever the size."""
    sheets = {
        (assignment_pk, candidate_pk): comment
        for assignment_pk, candidate_pk, comment in ScoreSheet.objects.filter(
            assignment__round=round, submitted_at__isnull=False
        )
        .exclude(comment="")
        .values_list("assignment_id", "candidate_id", "comment")
    }
    scores = {
        (assignment_pk, candidate_pk, criterion_pk): comment
        for assignment_pk, candidate_pk, criterion_pk, comment in Score.objects.filter(
            sheet__assignment__round=round, sheet__submitted_at__isnull=False
        )
        .exclude(comment="")
        .values_list("sheet__assignment_id", "sheet__candidate_id", "criterion_id", "comment")
    }
    return sheets, scores


def round_events(round) -> QuerySet[RoundEvent]:
    return round.events.select_related("actor")
