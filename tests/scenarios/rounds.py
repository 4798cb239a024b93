"""Evaluation (評価・選定): adoption reviews and selections as the office runs them
(evaluation.services): the round created on a case, its evaluators assigned, its scoring
opened; declarations and score sheets as the evaluators make them; the hand-checked selection,
scored, closed and decided."""

import datetime
import random
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone

from evaluation import services
from evaluation.models import Criterion, Round
from proposals.models import Proposal
from proposals.workflow import A
from tests.factories.accounts import OrganizationFactory
from tests.factories.evaluation import CriteriaSetFactory, EvaluatorFactory, criteria_set
from tests.jobs import send_setup_mail

from .calls import adopted_case, applicant, application, selecting_case, start_selection
from .cases import VALID, case_at

S = Proposal.Status
G = Criterion.Group


def assign(round, evaluators, *, by):
    return [
        services.assign_evaluator(round=round, evaluator=evaluator, by=by)
        for evaluator in evaluators
    ]


def round_of(
    case,
    kind,
    *,
    office,
    evaluators=1,
    criteria=3,
    criteria_set=None,
    anonymised=True,
    opened=True,
    title=None,
    forget_mail=True,
) -> Round:
    """The office's round on `case`: created with its candidates, `evaluators` evaluators
    (a number, or the users) assigned, opened unless told (labels drawn at random); the
    setup mail sent and forgotten, so that a test reads only its own (unless `forget_mail`
    is false: a test that checks every mail sent)."""
    round = services.create_round(
        case=case,
        kind=kind,
        title=title
        or ("公共施設予約システム 事業者選定" if kind == Round.Kind.SELECTION else "採否審査"),
        criteria_set=criteria_set or CriteriaSetFactory(criteria=criteria),
        scoring_due_on=timezone.localdate() + datetime.timedelta(days=14),
        is_anonymised=anonymised,
        by=office,
    )
    people = (
        EvaluatorFactory.create_batch(evaluators) if isinstance(evaluators, int) else evaluators
    )
    assign(round, people, by=office)
    if opened:
        round = services.open_round(round=round, by=office)
    if forget_mail:
        send_setup_mail()
    return round


def selection_round(*, office, applications=2, departments=(), **options) -> Round:
    """A selection among a selecting case and its applications (options: round_of's)."""
    case, _applications = selecting_case(
        office=office, applications=applications, departments=departments
    )
    return round_of(case, Round.Kind.SELECTION, office=office, **{"evaluators": 2, **options})


def adoption_round(*, office, departments=(), **options) -> Round:
    """An adoption review of a case in planning (options: round_of's)."""
    case = case_at(S.PLANNING, office=office, departments=departments)
    return round_of(case, Round.Kind.ADOPTION_REVIEW, office=office, **options)


def declare(assignment, conflicts=(), note="取引関係がある。"):
    """The evaluator declares a conflict with the candidates in `conflicts`, none with the rest."""
    return services.declare_conflicts(
        assignment=assignment,
        declarations={
            candidate.pk: (candidate in conflicts, note if candidate in conflicts else "")
            for candidate in assignment.round.candidates.all()
        },
        by=assignment.evaluator,
    )


def declare_none(assignment):
    """The evaluator declares no conflict with any candidate."""
    return declare(assignment)


def full_points(round, value=None) -> dict:
    """Points on every criterion of the round: the maximum, or `value`."""
    return {
        criterion.pk: criterion.max_points if value is None else value
        for criterion in round.criteria_set.criteria.all()
    }


def score(assignment, candidate, value=None, *, comment="", submit=True):
    """The evaluator's sheet on a candidate (full points unless `value`), submitted or saved."""
    return services.save_sheet(
        assignment=assignment,
        candidate=candidate,
        points=full_points(assignment.round, value),
        comment=comment,
        submit=submit,
        by=assignment.evaluator,
    )


def submit_sheet(assignment, candidate, value=None):
    return score(assignment, candidate, value)


def closed_round(round, *, by):
    """Every evaluator declares no conflict and submits full points for every candidate (so
    every candidate passes), then the office closes the scoring."""
    for assignment in round.assignments.all():
        declare_none(assignment)
        for candidate in round.candidates.all():
            submit_sheet(assignment, candidate)
    return services.close_round(round=round, by=by)


# The hand-checked selection ------------------------------------------------------------------

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
HAND_CHECKED_EVALUATORS = ("評価 一郎", "評価 二郎")
PUBLIC_REASON = "総合評価の結果、最も優れた提案を選定した。"


@contextmanager
def labels_in_intake_order():
    """Open a round with its labels in the order of intake (A the original proposal, then the
    applications as they came) instead of drawn: the hand computation names them."""
    with mock.patch.object(random.SystemRandom, "shuffle", lambda self, items: None):
        yield


def hand_checked_selection(*, office, departments=()) -> Round:
    """The hand-checked sheet as a real selection, closed, not decided yet.

    The case of 株式会社A (the original proposer, A) selecting its implementer with the
    applications of 株式会社B (B) and 株式会社C (C); two evaluators (評価 一郎, 評価 二郎) who
    declared no conflict and submitted these sheets; 4 criteria:

    Criteria (max points × weight = highest weighted points):
      1 提案内容の品質 quality       20 × 2   = 40
      2 実現可能性     feasibility   20 × 1   = 20
      3 地域性         locality      20 × 1   = 20
      4 価格           price         20 × 0.5 = 10
                                    maximum total 90; pass mark 60; proposer bonus 5.

    Points (criteria 1, 2, 3, 4) and weighted totals 2·s1 + s2 + s3 + 0.5·s4:
      A  委員1: 15, 14, 12, 10 → 30 + 14 + 12 + 5   = 61.00
         委員2: 13, 12, 15,  9 → 26 + 12 + 15 + 4.5 = 57.50
         mean (61 + 57.5) / 2 = 59.25; bonus 5 → final 64.25 ≥ 60: pass
         (in an adoption review no bonus: 59.25 < 60: fail)
         non-price mean ((30+14+12) + (26+12+15)) / 2 = (56 + 53) / 2 = 54.50
      B  委員1: 16, 15, 10, 14 → 32 + 15 + 10 + 7   = 64.00
         委員2: 17, 13, 11, 15 → 34 + 13 + 11 + 7.5 = 65.50
         mean 64.75; no bonus → final 64.75: pass
      C  委員1: 12, 10,  9, 19 → 24 + 10 + 9 + 9.5  = 52.50
         委員2: 11,  9,  8, 20 → 22 + 9 + 8 + 10    = 49.00
         mean 50.75; final 50.75 < 60: fail

    Ranking: 1 B 64.75, 2 A 64.25, 3 C 50.75; no tie.
    Spread of A on 提案内容の品質: 15 and 13 → min 13, max 15, mean 14.00, population
    standard deviation √(((15−14)² + (13−14)²) / 2) = 1.00. No outlier anywhere: two
    evaluators never differ by more than 3 points, and the limit is 30% × 20 = 6.
    """
    original = adopted_case(
        office=office, departments=departments, organization=OrganizationFactory(name="株式会社A")
    )
    case, call = start_selection(original, office=office)
    for name in ("株式会社B", "株式会社C"):
        application(call, member=applicant(organization=OrganizationFactory(name=name)))
    evaluators = [EvaluatorFactory(full_name=name) for name in HAND_CHECKED_EVALUATORS]
    criteria = criteria_set(HAND_CHECKED_CRITERIA, pass_mark="60", bonus="5")
    with labels_in_intake_order():
        round = round_of(
            case, Round.Kind.SELECTION, office=office, evaluators=evaluators, criteria_set=criteria
        )
    first, second = round.assignments.order_by("pk")
    ordered = list(criteria.criteria.order_by("order", "pk"))
    for assignment, column in ((first, 0), (second, 1)):
        declare_none(assignment)
        for candidate in round.candidates.order_by("label"):
            points = HAND_CHECKED_POINTS[candidate.label][column]
            services.save_sheet(
                assignment=assignment,
                candidate=candidate,
                points={
                    criterion.pk: value for criterion, value in zip(ordered, points, strict=True)
                },
                submit=True,
                by=assignment.evaluator,
            )
    return services.close_round(round=round, by=office)


def decided_selection(
    *, office, select="B", reason=VALID[A.SELECT]["reason"], public_reason=PUBLIC_REASON
):
    """The hand-checked selection decided for the candidate labelled `select` (B 64.75 by
    default; A 64.25 with the bonus; C 50.75 fails and is refused): the selected case takes
    SELECT, every other NOT_SELECT (evaluation.services.decide_selection).
    Returns (round, original case, the original case's step)."""
    round = hand_checked_selection(office=office)
    round = services.decide_selection(
        round=round,
        selected=round.candidates.get(label=select),
        reason=reason,
        public_reason=public_reason,
        by=office,
    )
    original = Proposal.objects.get(pk=round.proposal_id)
    step = original.transitions.filter(step__in=(A.SELECT, A.NOT_SELECT)).get()
    return round, original, step
