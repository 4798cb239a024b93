import factory

from proposals.models import Proposal
from proposals.permissions import grant_organization

from .accounts import OrganizationFactory
from .cocreation_list import ThemeFactory, field


class ProposalFactory(factory.django.DjangoModelFactory):
    """A draft, theme-based proposal of a new organisation; grants made as the app makes them.

    Submitted states are reached through the workflow (`submit(...)` below), not set by hand.
    """

    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    kind = Proposal.Kind.THEME
    theme = factory.SubFactory(ThemeFactory)
    organization = factory.SubFactory(OrganizationFactory)
    created_by = factory.LazyAttribute(
        lambda o: (
            o.organization.memberships.first().user
            if o.organization.memberships.exists()
            else _first_member(o.organization)
        )
    )
    title = factory.Sequence(lambda n: f"公共施設予約のオンライン化 {n}")
    outline = "施設の空き状況をオンラインで確認・予約できる仕組みを提案します。"
    contact_name = "担当 花子"
    contact_email = "contact@biz.example.jp"

    class Params:
        free = factory.Trait(kind=Proposal.Kind.FREE, theme=None, field=factory.LazyFunction(field))
        complete = factory.Trait(
            intent=Proposal.Intent.PROPOSAL,
            background="予約が窓口と電話に限られ、利用者の負担が大きい。",
            body="オンライン予約システムを当社の負担で構築し、運用する。",
            effect_citizens="24時間予約できる。",
            effect_financial="窓口業務の削減。",
            effect_growth="市内IT企業の実績になる。",
            effect_region="施設の稼働率が上がる。",
            roles="当社：構築と運用。市：施設データの提供。",
            schedule="令和8年度に試行、令和9年度に本格運用。",
            cost_bearing=Proposal.CostBearing.NONE,
            know_how="予約枠の最適化アルゴリズム（当社独自）。",
        )

    @factory.post_generation
    def grants(proposal, create, extracted, **kwargs):
        if create:
            grant_organization(proposal)


def _first_member(organization):
    from accounts.services import add_member

    from .accounts import UserFactory

    user = UserFactory()
    add_member(organization=organization, user=user)
    return user


def submit(proposal, by=None):
    """Take the proposal through the real workflow step."""
    from proposals.workflow import A, transition

    return transition(proposal, A.SUBMIT, by=by or proposal.created_by)
