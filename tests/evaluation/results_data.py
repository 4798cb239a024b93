"""Rounds with score sheets, built straight with the ORM for the aggregation and results tests.

The evaluation services are tested elsewhere; here the data is laid down exactly as a test's
hand computation says, including states the services would refuse (a sheet next to a declared
conflict), so the aggregation's own guards are checked.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from evaluation.models import (
    Candidate,
    ConflictDeclaration,
    CriteriaSet,
    Criterion,
    EvaluatorAssignment,
    Round,
    Score,
    ScoreSheet,
)
from tests.factories.accounts import OrganizationFactory, UserFactory
from tests.factories.proposals import ProposalFactory

G = Criterion.Group


def criteria_set(
    criteria,
    *,
    pass_mark="60",  # noqa: S107 — a pass mark, not a password
    bonus="5",
    name="テスト評価基準",
) -> CriteriaSet:
    """`criteria`: (group, name, max points, weight) in order."""
    result = CriteriaSet.objects.create(
        name=name, pass_mark=Decimal(pass_mark), proposer_bonus=Decimal(bonus)
    )
    for order, (group, title, max_points, weight) in enumerate(criteria, start=1):
        Criterion.objects.create(
            criteria_set=result,
            group=group,
            name=title,
            max_points=max_points,
            weight=Decimal(str(weight)),
            order=order,
        )
    return result


def evaluation_round(
    *, office, criteria_set, kind=Round.Kind.SELECTION, status=Round.Status.CLOSED, proposal=None
) -> Round:
    return Round.objects.create(
        proposal=proposal or ProposalFactory(),
        kind=kind,
        title="公共施設予約システム 事業者選定",
        criteria_set=criteria_set,
        scoring_due_on=timezone.localdate() + datetime.timedelta(days=14),
        status=status,
        created_by=office,
    )


def candidate(round, label, *, proposal=None, organization_name=None, original=False):
    if proposal is None:
        organization = OrganizationFactory(
            **({"name": organization_name} if organization_name else {})
        )
        proposal = ProposalFactory(organization=organization)
    return Candidate.objects.create(
        round=round, proposal=proposal, label=label, is_original_proposer=original
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

HAND_CHECKED_CRITERIA = [
    # group, name, max points, weight
    (G.QUALITY, "提案内容の品質", 20, "2"),
    (G.FEASIBILITY, "実現可能性", 20, "1"),
    (G.LOCALITY, "地域性", 20, "1"),
    (G.PRICE, "価格", 20, "0.5"),
]
HAND_CHECKED_POINTS = {
    # candidate: (evaluator 1's points, evaluator 2's points) on the four criteria
    "A": ((15, 14, 12, 10), (13, 12, 15, 9)),
    "B": ((16, 15, 10, 14), (17, 13, 11, 15)),
    "C": ((12, 10, 9, 19), (11, 9, 8, 20)),
}


def hand_checked_round(*, office, kind=Round.Kind.SELECTION, proposal=None):
    """The hand-checked sheet: 3 candidates (A the original proposer), 2 evaluators, 4 criteria.

    Criteria (max points × weight = highest weighted points):
      1 提案内容の品質 quality       20 × 2   = 40
      2 実現可能性     feasibility   20 × 1   = 20
      3 地域性         locality      20 × 1   = 20
      4 価格           price         20 × 0.5 = 10
                                    maximum total 90; pass mark 60; proposer bonus 5.

    Points (criteria 1, 2, 3, 4) and weighted totals 2·s1 + s2 + s3 + 0.5·s4:
      A (original proposer, 株式会社A)
        委員1: 15, 14, 12, 10 → 30 + 14 + 12 + 5   = 61.00
        委員2: 13, 12, 15,  9 → 26 + 12 + 15 + 4.5 = 57.50
        mean (61 + 57.5) / 2 = 59.25; bonus 5 → final 64.25 ≥ 60: pass
        (in an adoption review no bonus: 59.25 < 60: fail)
        non-price mean ((30+14+12) + (26+12+15)) / 2 = (56 + 53) / 2 = 54.50
      B (株式会社B)
        委員1: 16, 15, 10, 14 → 32 + 15 + 10 + 7   = 64.00
        委員2: 17, 13, 11, 15 → 34 + 13 + 11 + 7.5 = 65.50
        mean 64.75; no bonus → final 64.75: pass
      C (株式会社C)
        委員1: 12, 10,  9, 19 → 24 + 10 + 9 + 9.5  = 52.50
        委員2: 11,  9,  8, 20 → 22 + 9 + 8 + 10    = 49.00
        mean 50.75; final 50.75 < 60: fail

    Ranking: 1 B 64.75, 2 A 64.25, 3 C 50.75; no tie.
    Spread of A on 提案内容の品質: 15 and 13 → min 13, max 15, mean 14.00, population
    standard deviation √(((15−14)² + (13−14)²) / 2) = 1.00. No outlier anywhere: two
    evaluators never differ by more than 3 points, and the limit is 30% × 20 = 6.
    """
    proposal = proposal or ProposalFactory(organization=OrganizationFactory(name="株式会社A"))
    criteria = criteria_set(HAND_CHECKED_CRITERIA, pass_mark="60", bonus="5")
    result = evaluation_round(office=office, criteria_set=criteria, kind=kind, proposal=proposal)
    a = candidate(result, "A", proposal=proposal, original=True)
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
