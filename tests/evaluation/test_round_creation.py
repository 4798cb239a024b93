"""evaluation.services: a round created on a case with its candidates, refreshed while a
draft, refused by role, status or an undecided round of its kind; criteria sets copied and
in use. A refusal leaves nothing half-saved.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from evaluation import services
from evaluation.models import Round, RoundEvent
from proposals.models import Proposal
from tests.evaluation.helpers import codes
from tests.factories.evaluation import CriteriaSetFactory
from tests.scenarios import (
    adoption_round,
    application,
    case_at,
    closed_round,
    selecting_case,
    selection_round,
)

pytestmark = pytest.mark.django_db
S = Proposal.Status
R = Round.Status


def new_round(case, kind, *, by, **kwargs):
    return services.create_round(
        case=case,
        kind=kind,
        title="審査",
        criteria_set=kwargs.pop("criteria_set", None) or CriteriaSetFactory(),
        scoring_due_on=timezone.localdate() + datetime.timedelta(days=10),
        by=by,
        **kwargs,
    )


# create_round ---------------------------------------------------------------------------------


def test_office_creates_an_adoption_review_with_the_case_as_its_only_candidate(office_user):
    case = case_at(S.PLANNING, office=office_user)

    round = new_round(case, Round.Kind.ADOPTION_REVIEW, by=office_user)

    assert round.status == R.DRAFT
    assert [(c.proposal, c.is_original_proposer) for c in round.candidates.all()] == [(case, True)]
    assert list(round.events.values_list("kind", flat=True)) == [RoundEvent.Kind.CREATED]


def test_office_creates_a_selection_with_the_case_and_every_application_still_selecting(
    office_user,
):
    case, applications = selecting_case(office=office_user, applications=3)
    withdrawn = applications[2]
    from proposals.workflow import A, transition

    transition(withdrawn, A.WITHDRAW, by=withdrawn.created_by, reason="辞退します。")

    round = new_round(case, Round.Kind.SELECTION, by=office_user)

    candidates = {c.proposal_id: c.is_original_proposer for c in round.candidates.all()}
    assert candidates == {case.pk: True, applications[0].pk: False, applications[1].pk: False}


def test_round_creation_is_refused_to_anyone_but_the_office(department_user, office_user):
    case = case_at(S.PLANNING, office=office_user)

    with pytest.raises(PermissionDenied):
        new_round(case, Round.Kind.ADOPTION_REVIEW, by=department_user)

    assert not Round.objects.exists()


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (S.CONSULTING, Round.Kind.ADOPTION_REVIEW),
        (S.ADOPTED, Round.Kind.ADOPTION_REVIEW),
        (S.PLANNING, Round.Kind.SELECTION),
    ],
)
def test_round_creation_is_refused_when_the_case_is_in_the_wrong_status(office_user, status, kind):
    case = case_at(status, office=office_user)

    with pytest.raises(ValidationError) as refusal:
        new_round(case, kind, by=office_user)

    assert codes(refusal.value) == {"wrong_status"}
    assert not Round.objects.exists()


def test_a_second_undecided_round_of_the_same_kind_is_refused(office_user):
    case = case_at(S.PLANNING, office=office_user)
    new_round(case, Round.Kind.ADOPTION_REVIEW, by=office_user)

    with pytest.raises(ValidationError) as refusal:
        new_round(case, Round.Kind.ADOPTION_REVIEW, by=office_user)

    assert codes(refusal.value) == {"round_exists"}
    assert Round.objects.count() == 1


def test_after_a_decision_a_new_round_of_the_same_kind_may_be_created(office_user):
    round = closed_round(adoption_round(office=office_user), by=office_user)
    services.decide_adoption(
        round=round, adopt=False, reason="理由", public_reason="公表理由", by=office_user
    )

    with pytest.raises(ValidationError) as refusal:  # the case is not in planning any more
        new_round(round.proposal, Round.Kind.ADOPTION_REVIEW, by=office_user)

    assert codes(refusal.value) == {"wrong_status"}


def test_office_refreshes_the_candidates_of_a_draft_with_a_late_application(office_user):
    case, applications = selecting_case(office=office_user, applications=1)
    round = new_round(case, Round.Kind.SELECTION, by=office_user)
    late = application(case.call)

    services.refresh_candidates(round=round, by=office_user)

    assert set(round.candidates.values_list("proposal_id", flat=True)) == {
        case.pk,
        applications[0].pk,
        late.pk,
    }
    assert sorted(round.candidates.values_list("label", flat=True)) == ["A", "B", "C"]


def test_refreshing_the_candidates_of_an_open_round_is_refused(office_user):
    round = selection_round(office=office_user, evaluators=1)

    with pytest.raises(ValidationError) as refusal:
        services.refresh_candidates(round=round, by=office_user)

    assert codes(refusal.value) == {"not_draft"}


# Criteria sets --------------------------------------------------------------------------------


def test_office_copies_a_criteria_set_with_its_criteria(office_user):
    original = CriteriaSetFactory(criteria=4)

    copy = services.copy_criteria_set(criteria_set=original, by=office_user)

    assert copy.pk != original.pk and not copy.is_default
    assert list(copy.criteria.values_list("name", "max_points")) == list(
        original.criteria.values_list("name", "max_points")
    )


def test_a_criteria_set_is_in_use_once_a_round_scored_with_it_opened(office_user):
    round = adoption_round(office=office_user, opened=False)

    assert not services.is_in_use(round.criteria_set)
    services.open_round(round=round, by=office_user)
    assert services.is_in_use(round.criteria_set)
