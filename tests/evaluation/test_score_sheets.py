"""evaluation.services: score sheets saved and submitted by their evaluator, every refusal
(range, declaration, conflict, lock, another's sheet or round, a closed round), and the
office reopening a submitted sheet with a reason."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from evaluation import services
from evaluation.models import RoundEvent, Score, ScoreSheet
from mishima_kyoso.common.ids import encode_id
from tests.evaluation.helpers import codes
from tests.scenarios import adoption_round, declare_none, full_points, selection_round, submit_sheet

pytestmark = pytest.mark.django_db


def test_evaluator_saves_partial_scores_then_submits_a_complete_sheet(office_user):
    round = adoption_round(office=office_user, criteria=3)
    assignment = round.assignments.get()
    candidate = round.candidates.get()
    first, second, third = round.criteria_set.criteria.all()
    declare_none(assignment)

    sheet = services.save_sheet(
        assignment=assignment,
        candidate=candidate,
        points={first.pk: 7, second.pk: None, third.pk: None},
        comments={first.pk: "具体的"},
        comment="途中",
        by=assignment.evaluator,
    )
    assert not sheet.is_submitted
    assert list(sheet.scores.values_list("criterion_id", "points", "comment")) == [
        (first.pk, 7, "具体的")
    ]

    sheet = services.save_sheet(
        assignment=assignment,
        candidate=candidate,
        points={first.pk: 8, second.pk: 5, third.pk: 0},
        comment="総評",
        submit=True,
        by=assignment.evaluator,
    )

    assert sheet.is_submitted
    assert sheet.comment == "総評"
    assert sorted(sheet.scores.values_list("points", flat=True)) == [0, 5, 8]
    # Every change of a score is kept (simple_history).
    assert Score.history.filter(criterion_id=first.pk).count() == 2


def test_submitting_an_incomplete_sheet_is_refused_and_nothing_is_saved(office_user):
    round = adoption_round(office=office_user, criteria=3)
    assignment = round.assignments.get()
    first, second, third = round.criteria_set.criteria.all()
    declare_none(assignment)

    with pytest.raises(ValidationError) as refusal:
        services.save_sheet(
            assignment=assignment,
            candidate=round.candidates.get(),
            points={first.pk: 8, second.pk: None, third.pk: None},
            submit=True,
            by=assignment.evaluator,
        )

    assert codes(refusal.value) == {"incomplete"}
    assert set(refusal.value.error_dict) == {f"points_{second.pk}", f"points_{third.pk}"}
    assert not Score.objects.exists()
    assert not ScoreSheet.objects.filter(submitted_at__isnull=False).exists()


@pytest.mark.parametrize("value", [-1, 11])
def test_points_outside_zero_to_the_maximum_are_refused(office_user, value):
    round = adoption_round(office=office_user, criteria=1)
    assignment = round.assignments.get()
    criterion = round.criteria_set.criteria.get()
    declare_none(assignment)

    with pytest.raises(ValidationError) as refusal:
        services.save_sheet(
            assignment=assignment,
            candidate=round.candidates.get(),
            points={criterion.pk: value},
            by=assignment.evaluator,
        )

    assert codes(refusal.value) == {"out_of_range"}
    assert not Score.objects.exists()


def test_scoring_before_declaring_is_refused(office_user):
    round = adoption_round(office=office_user)
    assignment = round.assignments.get()

    with pytest.raises(ValidationError) as refusal:
        submit_sheet(assignment, round.candidates.get())

    assert codes(refusal.value) == {"declare_first"}
    assert not ScoreSheet.objects.exists()


def test_a_declared_conflict_blocks_scoring_that_candidate_only(office_user):
    round = selection_round(office=office_user, applications=1, evaluators=1)
    assignment = round.assignments.get()
    a, b = round.candidates.order_by("label")
    services.declare_conflicts(
        assignment=assignment,
        declarations={a.pk: (True, "取引関係"), b.pk: (False, "")},
        by=assignment.evaluator,
    )

    with pytest.raises(ValidationError) as refusal:
        submit_sheet(assignment, a)

    assert codes(refusal.value) == {"conflict"}
    assert not ScoreSheet.objects.filter(candidate=a).exists()
    assert submit_sheet(assignment, b).is_submitted


def test_a_submitted_sheet_is_locked(office_user):
    round = adoption_round(office=office_user)
    assignment = round.assignments.get()
    candidate = round.candidates.get()
    declare_none(assignment)
    submit_sheet(assignment, candidate, value=5)

    with pytest.raises(ValidationError) as refusal:
        submit_sheet(assignment, candidate, value=9)

    assert codes(refusal.value) == {"submitted"}
    assert set(Score.objects.values_list("points", flat=True)) == {5}


def test_nobody_scores_on_another_evaluators_sheet(office_user):
    round = adoption_round(office=office_user, evaluators=2)
    mine, other = round.assignments.all()
    declare_none(other)

    with pytest.raises(PermissionDenied):
        services.save_sheet(
            assignment=other,
            candidate=round.candidates.get(),
            points=full_points(round),
            by=mine.evaluator,
        )


def test_scoring_a_candidate_of_another_round_is_refused(office_user):
    round = adoption_round(office=office_user)
    elsewhere = adoption_round(office=office_user)
    assignment = round.assignments.get()
    declare_none(assignment)

    with pytest.raises(PermissionDenied):
        submit_sheet(assignment, elsewhere.candidates.get())


def test_scoring_after_the_round_closed_is_refused(office_user):
    round = adoption_round(office=office_user)
    assignment = round.assignments.get()
    declare_none(assignment)
    services.close_round(round=round, by=office_user)

    with pytest.raises(ValidationError) as refusal:
        submit_sheet(assignment, round.candidates.get())

    assert codes(refusal.value) == {"round_not_open"}


# Reopening a sheet ----------------------------------------------------------------------------


def test_office_reopens_a_submitted_sheet_with_a_reason_logged_and_mailed(
    office_user, mailoutbox, run_jobs
):
    round = adoption_round(office=office_user)
    assignment = round.assignments.get()
    candidate = round.candidates.get()
    declare_none(assignment)
    sheet = submit_sheet(assignment, candidate)

    services.reopen_sheet(sheet=sheet, reason="記入漏れの確認のため", by=office_user)
    run_jobs()

    sheet.refresh_from_db()
    assert not sheet.is_submitted
    event = round.events.get(kind=RoundEvent.Kind.SHEET_REOPENED)
    assert (event.reason, event.actor) == ("記入漏れの確認のため", office_user)
    assert [message.to for message in mailoutbox] == [[assignment.evaluator.email]]
    assert (
        f"/evaluation/rounds/{encode_id(round.pk)}/candidates/{encode_id(candidate.pk)}/"
        in mailoutbox[0].body
    )
    # The evaluator can change it again.
    assert submit_sheet(assignment, candidate, value=1).is_submitted


def test_reopening_without_a_reason_is_refused(office_user):
    round = adoption_round(office=office_user)
    assignment = round.assignments.get()
    declare_none(assignment)
    sheet = submit_sheet(assignment, round.candidates.get())

    with pytest.raises(ValidationError) as refusal:
        services.reopen_sheet(sheet=sheet, reason="  ", by=office_user)

    assert codes(refusal.value) == {"reason_required"}
    sheet.refresh_from_db()
    assert sheet.is_submitted
    assert not round.events.filter(kind=RoundEvent.Kind.SHEET_REOPENED).exists()


def test_only_the_office_reopens_a_sheet(office_user):
    round = adoption_round(office=office_user)
    assignment = round.assignments.get()
    declare_none(assignment)
    sheet = submit_sheet(assignment, round.candidates.get())

    with pytest.raises(PermissionDenied):
        services.reopen_sheet(sheet=sheet, reason="自分で", by=assignment.evaluator)


def test_a_sheet_not_submitted_is_not_reopened(office_user):
    round = adoption_round(office=office_user)
    assignment = round.assignments.get()
    declare_none(assignment)
    sheet = services.save_sheet(
        assignment=assignment,
        candidate=round.candidates.get(),
        points={},
        by=assignment.evaluator,
    )

    with pytest.raises(ValidationError) as refusal:
        services.reopen_sheet(sheet=sheet, reason="確認", by=office_user)

    assert codes(refusal.value) == {"not_submitted"}
