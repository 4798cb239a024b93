"""evaluation.services: an evaluator's declaration of conflicts of interest, for every
candidate, once, their own, in an open round; logged."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from evaluation import services
from evaluation.models import ConflictDeclaration, RoundEvent
from tests.evaluation.helpers import codes
from tests.scenarios import adoption_round, declare_none, selection_round

pytestmark = pytest.mark.django_db


def test_evaluator_declares_a_conflict_which_is_recorded_in_the_log(office_user):
    round = selection_round(office=office_user, applications=1, evaluators=1)
    assignment = round.assignments.get()
    a, b = round.candidates.order_by("label")

    services.declare_conflicts(
        assignment=assignment,
        declarations={a.pk: (True, "元勤務先"), b.pk: (False, "")},
        by=assignment.evaluator,
    )

    assignment.refresh_from_db()
    assert assignment.declared_at is not None
    assert list(
        assignment.declarations.order_by("candidate__label").values_list("has_conflict", "note")
    ) == [(True, "元勤務先"), (False, "")]
    event = round.events.get(kind=RoundEvent.Kind.CONFLICT_DECLARED)
    assert event.subject == f"{assignment.evaluator.get_full_name()} / {a.label}"
    assert event.reason == "元勤務先"


def test_a_declaration_must_answer_for_every_candidate(office_user):
    round = selection_round(office=office_user, applications=1, evaluators=1)
    assignment = round.assignments.get()
    first = round.candidates.first()

    with pytest.raises(ValidationError) as refusal:
        services.declare_conflicts(
            assignment=assignment,
            declarations={first.pk: (False, "")},
            by=assignment.evaluator,
        )

    assert codes(refusal.value) == {"incomplete_declaration"}
    assert not ConflictDeclaration.objects.exists()


def test_a_declaration_is_final(office_user):
    round = adoption_round(office=office_user)
    assignment = round.assignments.get()
    declare_none(assignment)

    with pytest.raises(ValidationError) as refusal:
        declare_none(assignment)

    assert codes(refusal.value) == {"already_declared"}
    assert ConflictDeclaration.objects.count() == 1


def test_nobody_declares_for_another_evaluator(office_user):
    round = adoption_round(office=office_user, evaluators=2)
    mine, other = round.assignments.all()

    with pytest.raises(PermissionDenied):
        services.declare_conflicts(
            assignment=other,
            declarations={round.candidates.get().pk: (False, "")},
            by=mine.evaluator,
        )


def test_declaring_before_the_round_opens_is_refused(office_user):
    round = adoption_round(office=office_user, opened=False)

    with pytest.raises(ValidationError) as refusal:
        declare_none(round.assignments.get())

    assert codes(refusal.value) == {"round_not_open"}
