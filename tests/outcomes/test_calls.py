"""/calls/ and /calls/<number>/: the published open calls (公募) and their criteria.

Only what the office wrote on the call is public; nothing of the original proposal.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation.models import CriteriaSet, Criterion, Round
from proposals.models import OpenCall
from proposals.workflow import A, transition
from tests.scenarios import VALID

from .data import (
    SECRET_FILE,
    SECRET_ORGANIZATION,
    SECRET_OUTLINE,
    SECRET_REASON,
    SECRETS,
    confidential_case,
    secret_call,
)

pytestmark = pytest.mark.django_db
CALLS = reverse("outcomes:calls")


def _day(offset):
    return timezone.localdate() + datetime.timedelta(days=offset)


def test_visitor_sees_a_published_call_and_nothing_of_the_original_proposal(client, office_user):
    call = secret_call(office=office_user)

    for url in (CALLS, call.get_absolute_url()):
        html = client.get(url).content.decode()
        assert call.title in html, url
        for secret in (
            *SECRETS.values(),
            SECRET_FILE,
            SECRET_REASON,
            SECRET_ORGANIZATION,
            SECRET_OUTLINE,
            call.proposal.title,
        ):
            assert secret not in html, (url, secret)


def test_visitor_sees_the_period_days_left_conditions_contact_and_apply_button(client, office_user):
    call = secret_call(office=office_user, starts_on=_day(-3), ends_on=_day(10))

    response = client.get(call.get_absolute_url())
    html = response.content.decode()

    assert response.context["days_left"] == 10
    assert call.conditions in html
    assert call.contact in html
    assert f'datetime="{call.ends_on:%Y-%m-%d}"' in html
    assert f'href="{reverse("proposals:create_application", args=[call.number])}"' in html


def test_visitor_gets_no_apply_button_once_the_call_has_closed(client, office_user):
    call = secret_call(office=office_user, starts_on=_day(-30), ends_on=_day(-1))

    response = client.get(call.get_absolute_url())

    assert response.context["is_accepting"] is False
    assert (
        reverse("proposals:create_application", args=[call.number]) not in response.content.decode()
    )
    assert [row["call"] for row in client.get(CALLS).context["closed"]] == [call]


def test_visitor_finds_no_draft_call(client, office_user):
    draft = secret_call(office=office_user)
    OpenCall.objects.filter(pk=draft.pk).update(status=OpenCall.Status.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.title not in client.get(CALLS).content.decode()


def test_visitor_sees_the_default_criteria_before_a_round_exists(client, office_user):
    call = secret_call(office=office_user)
    default = CriteriaSet.objects.get(is_default=True)

    response = client.get(call.get_absolute_url())
    html = response.content.decode()

    assert response.context["criteria_set"] == default
    assert [c.name for c in response.context["criteria"]] == [
        c.name for c in default.criteria.order_by("order", "pk")
    ]
    for criterion in default.criteria.all():
        assert criterion.name in html


def test_visitor_sees_the_criteria_of_the_selection_round_with_pass_mark_and_bonus(
    client, office_user
):
    case = confidential_case(office=office_user)
    transition(case, A.START_SELECTION, by=office_user, **VALID[A.START_SELECTION])
    call = secret_call(office=office_user, case=case)
    chosen = CriteriaSet.objects.create(
        name="選定基準", pass_mark=Decimal("70"), proposer_bonus=Decimal("3")
    )
    Criterion.objects.create(
        criteria_set=chosen,
        group="quality",
        name="サービスの質",
        max_points=40,
        weight=Decimal("1.5"),
        order=1,
    )
    Criterion.objects.create(
        criteria_set=chosen, group="locality", name="地域貢献", max_points=20, order=2
    )
    Round.objects.create(
        proposal=case,
        kind=Round.Kind.SELECTION,
        title="SECRET-ROUND-内部の題名",
        criteria_set=chosen,
        scoring_due_on=timezone.localdate() + datetime.timedelta(days=30),
        created_by=office_user,
    )

    response = client.get(call.get_absolute_url())
    html = response.content.decode()

    assert response.context["criteria_set"] == chosen
    assert response.context["weighted_maximum"] == Decimal("80")
    assert "サービスの質" in html and "地域貢献" in html
    assert "1.5" in html
    assert "70" in html and "3" in html
    assert "SECRET" not in html


@pytest.mark.parametrize("count", [1, 20])
def test_visitor_gets_the_calls_in_constant_queries(
    client, office_user, count, django_assert_num_queries
):
    for _ in range(count):
        secret_call(office=office_user)
    client.get(CALLS)

    with django_assert_num_queries(1):
        response = client.get(CALLS)

    assert len(response.context["accepting"]) == count


@pytest.mark.parametrize("count", [1, 20])
def test_visitor_gets_a_call_in_constant_queries(
    client, office_user, count, django_assert_num_queries
):
    call = secret_call(office=office_user)
    chosen = CriteriaSet.objects.create(name="多項目", pass_mark=Decimal("60"))
    for order in range(count):
        Criterion.objects.create(
            criteria_set=chosen, group="quality", name=f"項目{order}", max_points=10, order=order
        )
    Round.objects.create(
        proposal=call.proposal,
        kind=Round.Kind.SELECTION,
        title="選定",
        criteria_set=chosen,
        scoring_due_on=timezone.localdate(),
        created_by=office_user,
    )
    client.get(call.get_absolute_url())

    # +1: the public soundings that led to the call (soundings' {% linked_soundings %});
    # +1: the answered questions on the call (proposals.selectors.public_call_questions).
    with django_assert_num_queries(5):
        response = client.get(call.get_absolute_url())

    assert len(response.context["criteria"]) == count
