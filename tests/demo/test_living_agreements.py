"""The living agreement in the demo (issue 15 item 4): the after-school classes' contract has
a signed extension and incentive rules on its indicators, one met in the monitoring report,
and both sides read them on their agreement pages."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from partnership import changes, incentives
from partnership.models import Agreement, AgreementChange

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

AFTERSCHOOL = "湧水の水辺と里山で遊ぶ「放課後しぜん教室」"


def _agreement():
    return Agreement.objects.select_related("proposal").get(proposal__title=AFTERSCHOOL)


def test_the_demo_agreement_has_a_signed_extension_that_moves_its_end():
    agreement = _agreement()
    [change] = AgreementChange.objects.filter(agreement=agreement)

    terms = changes.current_terms(agreement)

    assert change.kind == AgreementChange.Kind.EXTENSION and change.is_signed
    assert change.document is not None and change.reason.strip()
    assert change.business_signed_by.membership.organization == agreement.proposal.organization
    assert terms.ends_on == change.ends_on > agreement.ends_on
    # Signed on the day the story tells (dated back with the rest of the case).
    assert timezone.localdate(change.city_signed_at) == change.effective_on
    assert timezone.localdate(change.business_signed_at) == change.effective_on


def test_the_demo_incentive_rules_are_met_not_met_and_without_data():
    agreement = _agreement()

    outcomes = {
        evaluation.rule.indicator.name: evaluation.outcome
        for evaluation in incentives.evaluate_incentives(agreement, shared_only=True)
    }

    assert outcomes == {
        "1回あたりの委託費": "met",
        "教室の延べ参加者": "not_met",
        "保護者アンケートで「満足」と答えた割合": "no_data",
    }


@pytest.mark.parametrize(
    "email, url_name",
    [("biz-b@example.jp", "partnership:agreement"), (None, "partnership:staff_agreement")],
)
def test_both_sides_read_the_current_terms_and_the_rules(client, email, url_name):
    agreement = _agreement()
    user = User.objects.get(email=email) if email else User.objects.get(email="office@example.jp")
    client.force_login(user)

    page = client.get(reverse(url_name, args=[agreement.proposal.pk]))

    assert page.status_code == 200
    assert page.context["terms"].ends_on > agreement.ends_on
    assert "met" in [evaluation.outcome for evaluation in page.context["evaluations"]]
