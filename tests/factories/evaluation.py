"""Criteria sets, rounds, and rounds reached through the real services (evaluation.services).

`selection_round(...)` and `adoption_round(...)` build a round as the office builds it: the case
through the workflow, the open call and its applications, the evaluators assigned, the round
opened (labels drawn at random).
"""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from evaluation import services
from evaluation.models import CriteriaSet, Criterion, Round
from proposals.models import OpenCall, Proposal
from proposals.workflow import A, transition
from tests.jobs import send_setup_mail

from .accounts import OfficeUserFactory, UserFactory
from .proposals import ProposalFactory

S = Proposal.Status


class CriteriaSetFactory(factory.django.DjangoModelFactory):
    """A set with `criteria` criteria (3 unless told) of 10 points, weight 1; the pass mark is
    10 points (reachable by any set of one criterion or more)."""

    class Meta:
        model = CriteriaSet
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"評価基準 {n}")
    pass_mark = Decimal("10")
    proposer_bonus = Decimal("5")

    @factory.post_generation
    def criteria(criteria_set, create, count, **kwargs):
        if not create:
            return
        groups = [value for value, _label in Criterion.Group.choices]
        for index in range(3 if count is None else count):
            Criterion.objects.create(
                criteria_set=criteria_set,
                group=groups[index % len(groups)],
                name=f"評価項目{index + 1}",
                description=f"評価項目{index + 1}の説明",
                scale="10: 特に優れている / 0: 不十分",
                max_points=10,
                weight=Decimal("1"),
                order=index,
            )


class EvaluatorFactory(UserFactory):
    """An external evaluator's account (選定委員): a plain user."""

    full_name = factory.Sequence(lambda n: f"評価 委員{n}")


class RoundFactory(factory.django.DjangoModelFactory):
    """A draft round written directly (admin and selector tests); the services build real ones."""

    class Meta:
        model = Round

    proposal = factory.SubFactory(ProposalFactory)
    kind = Round.Kind.ADOPTION_REVIEW
    title = factory.Sequence(lambda n: f"採否審査 {n}")
    criteria_set = factory.SubFactory(CriteriaSetFactory)
    scoring_due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(14))
    created_by = factory.SubFactory(OfficeUserFactory)


# Cases, open calls and applications, through the workflow -----------------------------------


def case_in(status, *, office, **kwargs) -> Proposal:
    from tests.proposals.cases import case_at

    return case_at(status, office=office, **kwargs)


def publish_call(case, *, by) -> OpenCall:
    """公募: the office's open call on an adopted case, published and accepting today."""
    today = timezone.localdate()
    number = (
        OpenCall.objects.exclude(number=None)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
        or 0
    ) + 1
    return OpenCall.objects.create(
        proposal=case,
        title=f"{case.title} 事業者公募",
        summary="市が求める事業の内容。",
        conditions="市内に事業所を有すること。",
        starts_on=today - datetime.timedelta(days=7),
        ends_on=today + datetime.timedelta(days=7),
        status=OpenCall.Status.PUBLISHED,
        published_at=timezone.now(),
        number=number,
        created_by=by,
    )


def apply_to(call, **kwargs) -> Proposal:
    """An application of another business, submitted through the APPLY step."""
    application = ProposalFactory(
        kind=Proposal.Kind.APPLICATION, theme=None, open_call=call, complete=True, **kwargs
    )
    return transition(application, A.APPLY, by=application.created_by)


def selecting_case(*, office, applications=2, **kwargs) -> tuple[Proposal, list[Proposal]]:
    """A case selecting its implementer, with its open call and `applications` applications."""
    case = case_in(S.ADOPTED, office=office, **kwargs)
    call = publish_call(case, by=office)
    case = transition(case, A.START_SELECTION, by=office, reason="公募を開始する。")
    return case, [apply_to(call) for _ in range(applications)]


def assign(round, evaluators, *, by):
    return [
        services.assign_evaluator(round=round, evaluator=evaluator, by=by)
        for evaluator in evaluators
    ]


def selection_round(
    *,
    office,
    applications=2,
    evaluators=2,
    criteria=3,
    anonymised=True,
    opened=True,
    criteria_set=None,
) -> Round:
    """A selection among the case and its applications, with its evaluators, opened."""
    case, _applications = selecting_case(office=office, applications=applications)
    round = services.create_round(
        proposal=case,
        kind=Round.Kind.SELECTION,
        title="公共施設予約システム 事業者選定",
        criteria_set=criteria_set or CriteriaSetFactory(criteria=criteria),
        scoring_due_on=timezone.localdate() + datetime.timedelta(days=14),
        is_anonymised=anonymised,
        by=office,
    )
    assign(round, EvaluatorFactory.create_batch(evaluators), by=office)
    if opened:
        round = services.open_round(round=round, by=office)
    send_setup_mail()
    return round


def adoption_round(*, office, evaluators=1, criteria=3, opened=True) -> Round:
    """An adoption review of a case in planning, with its evaluators, opened."""
    case = case_in(S.PLANNING, office=office)
    round = services.create_round(
        proposal=case,
        kind=Round.Kind.ADOPTION_REVIEW,
        title="採否審査",
        criteria_set=CriteriaSetFactory(criteria=criteria),
        scoring_due_on=timezone.localdate() + datetime.timedelta(days=14),
        by=office,
    )
    assign(round, EvaluatorFactory.create_batch(evaluators), by=office)
    if opened:
        round = services.open_round(round=round, by=office)
    send_setup_mail()
    return round


def declare_none(assignment):
    """The evaluator declares no conflict with any candidate."""
    return services.declare_conflicts(
        assignment=assignment,
        declarations={c.pk: (False, "") for c in assignment.round.candidates.all()},
        by=assignment.evaluator,
    )


def full_points(round, value=None) -> dict:
    return {
        criterion.pk: criterion.max_points if value is None else value
        for criterion in round.criteria_set.criteria.all()
    }


def submit_sheet(assignment, candidate, value=None):
    return services.save_sheet(
        assignment=assignment,
        candidate=candidate,
        points=full_points(assignment.round, value),
        submit=True,
        by=assignment.evaluator,
    )
