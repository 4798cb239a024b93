"""Criteria sets, evaluators and draft rounds: single rows (and a set with its criteria).

Rounds as the office runs them (a case through the workflow, its candidates, evaluators,
scoring) are scenarios: tests/scenarios/rounds.py.
"""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from evaluation.models import CriteriaSet, Criterion, Round

from .accounts import OfficeUserFactory, UserFactory
from .proposals import ProposalFactory


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


def criteria_set(
    criteria,
    *,
    pass_mark="60",  # noqa: S107 — a pass mark, not a password
    bonus="5",
    name="テスト評価基準",
) -> CriteriaSet:
    """A criteria set as the office writes it in the admin; `criteria`: (group, name, max
    points, weight) in order."""
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
