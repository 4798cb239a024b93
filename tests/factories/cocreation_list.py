import datetime

import factory
from django.utils import timezone

from cocreation_list.models import (
    Field,
    Theme,
    ThemeGoal,
    ThemeIndicator,
    ThemeQuestion,
    Viewpoint,
)

from .accounts import DepartmentFactory


def field(code="environment"):
    """The fields are seeded by a migration; tests use those rows."""
    return Field.objects.get(code=code)


class ThemeFactory(factory.django.DjangoModelFactory):
    """A public, accepting theme by default; `draft=True` or `closed=True` for the others."""

    class Meta:
        model = Theme
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"公共施設予約のオンライン化 {n}")
    background = "市内の公共施設の予約は窓口と電話に限られています。"
    wanted = "オンラインで空き状況の確認と予約ができる仕組みの提案を求めます。"
    business_role = "システムの構築と運用。"
    city_offer = "施設の利用データ、広報紙での周知。"
    department = factory.SubFactory(DepartmentFactory)
    accepts_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    status = Theme.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(status=Theme.Status.DRAFT, published_at=None)
        closed = factory.Trait(
            status=Theme.Status.CLOSED, closed_at=factory.LazyFunction(timezone.now)
        )
        year_round = factory.Trait(is_year_round=True, accepts_until=None)

    @factory.post_generation
    def fields(theme, create, extracted, **kwargs):
        if create:
            theme.fields.set(extracted if extracted is not None else [field()])


class ThemeQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThemeQuestion

    theme = factory.SubFactory(ThemeFactory)
    question = "提案は複数の事業者の共同でも可能ですか。"
    answer = "可能です。代表となる事業者を決めてください。"


class ThemeGoalFactory(factory.django.DjangoModelFactory):
    """A goal of a theme on one viewpoint (one per viewpoint and theme)."""

    class Meta:
        model = ThemeGoal

    theme = factory.SubFactory(ThemeFactory)
    viewpoint = Viewpoint.CITIZENS
    description = "施設の予約を、いつでもどこからでもできるようにする。"


class ThemeIndicatorFactory(factory.django.DjangoModelFactory):
    """An indicator of a theme's goal: give the theme and the viewpoint of that goal."""

    class Meta:
        model = ThemeIndicator

    theme = factory.SubFactory(ThemeFactory)
    viewpoint = Viewpoint.CITIZENS
    name = factory.Sequence(lambda n: f"オンライン予約の割合 {n}")
    unit = "%"
    baseline = "0"
    target = "60"
