"""evaluation.services: evaluators assigned to a round (the round's grant, the account's
flag) and removed, and the refusals of either."""

import pytest
from django.core.exceptions import ValidationError
from guardian.shortcuts import get_perms

from evaluation import services
from tests.evaluation.helpers import codes
from tests.factories.accounts import MemberFactory
from tests.factories.evaluation import EvaluatorFactory
from tests.scenarios import adoption_round, declare_none, selection_round, submit_sheet

pytestmark = pytest.mark.django_db


def test_assigning_an_evaluator_grants_the_round_and_marks_the_account(office_user):
    round = adoption_round(office=office_user, evaluators=0, opened=False)
    evaluator = EvaluatorFactory()

    assignment = services.assign_evaluator(round=round, evaluator=evaluator, by=office_user)

    evaluator.refresh_from_db()
    assert assignment.round == round
    assert evaluator.is_evaluator
    assert get_perms(evaluator, round) == ["view_round"]


def test_a_member_of_a_candidates_organisation_cannot_be_an_evaluator(office_user):
    round = selection_round(office=office_user, evaluators=0, opened=False)
    applicant = round.candidates.filter(is_original_proposer=False).first().proposal
    member = MemberFactory(organization=applicant.organization)

    with pytest.raises(ValidationError) as refusal:
        services.assign_evaluator(round=round, evaluator=member, by=office_user)

    assert codes(refusal.value) == {"candidate_member"}
    assert not round.assignments.exists()
    assert get_perms(member, round) == []


def test_the_same_evaluator_is_not_assigned_twice(office_user):
    round = adoption_round(office=office_user, evaluators=1, opened=False)
    evaluator = round.assignments.get().evaluator

    with pytest.raises(ValidationError) as refusal:
        services.assign_evaluator(round=round, evaluator=evaluator, by=office_user)

    assert codes(refusal.value) == {"already_assigned"}


def test_evaluators_cannot_change_after_the_scoring_is_closed(office_user):
    round = adoption_round(office=office_user, evaluators=1)
    services.close_round(round=round, by=office_user)

    with pytest.raises(ValidationError) as refusal:
        services.assign_evaluator(round=round, evaluator=EvaluatorFactory(), by=office_user)

    assert codes(refusal.value) == {"round_closed"}


def test_removing_an_evaluator_revokes_the_round_and_clears_the_flag(office_user):
    round = adoption_round(office=office_user, evaluators=1, opened=False)
    assignment = round.assignments.get()
    evaluator = assignment.evaluator

    services.remove_evaluator(assignment=assignment, by=office_user)

    evaluator.refresh_from_db()
    assert not round.assignments.exists()
    assert get_perms(evaluator, round) == []
    assert not evaluator.is_evaluator


def test_an_evaluator_with_a_submitted_sheet_is_not_removed(office_user):
    round = adoption_round(office=office_user, evaluators=1)
    assignment = round.assignments.get()
    declare_none(assignment)
    submit_sheet(assignment, round.candidates.get())

    with pytest.raises(ValidationError) as refusal:
        services.remove_evaluator(assignment=assignment, by=office_user)

    assert codes(refusal.value) == {"has_submitted_sheets"}
    assert round.assignments.count() == 1
