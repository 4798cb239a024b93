"""Rounds with score sheets laid straight with the ORM, for the aggregation's own tests.

The states a user reaches are built through the services in tests/scenarios (the hand-checked
selection among them: rounds.hand_checked_selection). Here the data is laid down exactly as a
test's hand computation says, including states the services would refuse (a sheet next to a
declared conflict, three candidates in an adoption review, a round of any size in one go), so
that the aggregation's own guards are checked.
"""

import datetime

from django.utils import timezone

from evaluation.models import (
    Candidate,
    ConflictDeclaration,
    Criterion,
    EvaluatorAssignment,
    Round,
    Score,
    ScoreSheet,
)
from tests.factories.accounts import OrganizationFactory, UserFactory
from tests.factories.evaluation import criteria_set
from tests.factories.proposals import ProposalFactory
from tests.scenarios import HAND_CHECKED_CRITERIA, HAND_CHECKED_POINTS

G = Criterion.Group


def evaluation_round(
    *, office, criteria_set, kind=Round.Kind.SELECTION, status=Round.Status.CLOSED, case=None
) -> Round:
    return Round.objects.create(
        proposal=case or ProposalFactory(),
        kind=kind,
        title="公共施設予約システム 事業者選定",
        criteria_set=criteria_set,
        scoring_due_on=timezone.localdate() + datetime.timedelta(days=14),
        status=status,
        created_by=office,
    )


def candidate(round, label, *, case=None, organization_name=None, original=False):
    if case is None:
        organization = OrganizationFactory(
            **({"name": organization_name} if organization_name else {})
        )
        case = ProposalFactory(organization=organization)
    return Candidate.objects.create(
        round=round, proposal=case, label=label, is_original_proposer=original
    )


def evaluator(round, *, office, name=None, user=None, minutes=0) -> EvaluatorAssignment:
    """An evaluator of `round`; `minutes` after the round's creation, for assignment order."""
    user = user or UserFactory(is_evaluator=True, **({"full_name": name} if name else {}))
    return EvaluatorAssignment.objects.create(
        round=round,
        evaluator=user,
        assigned_by=office,
        assigned_at=round.created_at + datetime.timedelta(minutes=minutes),
        declared_at=timezone.now(),
    )


def sheet(assignment, candidate, points, *, submitted=True, comment="") -> ScoreSheet:
    """A score sheet with `points` on the round's criteria in their order (None: no score)."""
    result = ScoreSheet.objects.create(
        assignment=assignment,
        candidate=candidate,
        comment=comment,
        submitted_at=timezone.now() if submitted else None,
    )
    criteria = Criterion.objects.filter(criteria_set_id=assignment.round.criteria_set_id).order_by(
        "order", "pk"
    )
    Score.objects.bulk_create(
        Score(sheet=result, criterion=criterion, points=value)
        for criterion, value in zip(criteria, points, strict=True)
        if value is not None
    )
    return result


def conflict(assignment, candidate, *, note="当該事業者の顧問を務めている。"):
    return ConflictDeclaration.objects.create(
        assignment=assignment, candidate=candidate, has_conflict=True, note=note
    )


# The hand-checked sheet ----------------------------------------------------------------------


def hand_checked_round(*, office, kind=Round.Kind.SELECTION, case=None):
    """The hand-checked sheet laid down directly, of any kind (an adoption review with three
    candidates too): 3 candidates (A the original proposer), 2 evaluators, 4 criteria. Every
    number is worked out in the docstring of tests/scenarios/rounds.py hand_checked_selection,
    the same sheet as a real selection: B 64.75, A 59.25 + 5 = 64.25, C 50.75."""
    case = case or ProposalFactory(organization=OrganizationFactory(name="株式会社A"))
    criteria = criteria_set(HAND_CHECKED_CRITERIA, pass_mark="60", bonus="5")
    result = evaluation_round(office=office, criteria_set=criteria, kind=kind, case=case)
    a = candidate(result, "A", case=case, original=True)
    b = candidate(result, "B", organization_name="株式会社B")
    c = candidate(result, "C", organization_name="株式会社C")
    first = evaluator(result, office=office, name="評価 一郎", minutes=1)
    second = evaluator(result, office=office, name="評価 二郎", minutes=2)
    for item in (a, b, c):
        mine, theirs = HAND_CHECKED_POINTS[item.label]
        sheet(first, item, mine)
        sheet(second, item, theirs)
    return result


def grown_round(*, office, candidates, evaluators, criteria, status=Round.Status.CLOSED):
    """A round of any size, for query counts: every evaluator scores every candidate, except
    that evaluator 2 declared a conflict with candidate B."""
    sheet_criteria = criteria_set(
        [(G.QUALITY, f"項目{n}", 10, "1.5") for n in range(criteria)], pass_mark="10"
    )
    round = evaluation_round(office=office, criteria_set=sheet_criteria, status=status)
    people = [evaluator(round, office=office, minutes=n) for n in range(evaluators)]
    for index in range(candidates):
        item = candidate(round, chr(ord("A") + index), original=index == 0)
        for number, person in enumerate(people):
            if number == 1 and index == 1:
                conflict(person, item)
            else:
                sheet(
                    person,
                    item,
                    [(index + number + n) % 11 for n in range(criteria)],
                    comment=f"委員{number + 1}の所見",
                )
    return Round.objects.get(pk=round.pk)  # nothing cached
