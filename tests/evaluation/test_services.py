"""Every rule of evaluation.services and its refusal code; a refusal leaves nothing half-saved."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from guardian.shortcuts import get_perms

from evaluation import services
from evaluation.models import (
    Candidate,
    ConflictDeclaration,
    Round,
    RoundEvent,
    Score,
    ScoreSheet,
)
from proposals.models import Opportunity, PPPMethod, Proposal, ProposalTransition
from tests.factories.accounts import MemberFactory
from tests.factories.evaluation import CriteriaSetFactory, EvaluatorFactory
from tests.scenarios import (
    adoption_round,
    application,
    case_at,
    closed_round,
    declare_none,
    full_points,
    selecting_case,
    selection_round,
    submit_sheet,
)

pytestmark = pytest.mark.django_db
S = Proposal.Status
R = Round.Status


def codes(refusal: ValidationError) -> set[str]:
    """Every code of a refusal, whether one error, a list or errors by field."""
    if hasattr(refusal, "error_dict"):
        return {error.code for errors in refusal.error_dict.values() for error in errors}
    return {error.code for error in refusal.error_list}


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


# Evaluators -----------------------------------------------------------------------------------


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


# open_round / close_round ---------------------------------------------------------------------


def test_opening_gives_labels_mails_the_evaluators_after_commit_and_logs(
    office_user, mailoutbox, run_jobs
):
    round = selection_round(office=office_user, applications=2, evaluators=2, opened=False)

    services.open_round(round=round, by=office_user)
    run_jobs()

    round.refresh_from_db()
    assert round.status == R.OPEN and round.opened_at is not None
    assert sorted(round.candidates.values_list("label", flat=True)) == ["A", "B", "C"]
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        round.assignments.values_list("evaluator__email", flat=True)
    )
    link = f"/evaluation/rounds/{round.pk}/"
    assert all(link in message.body for message in mailoutbox)
    # Links only: no candidate, no case title in the mail.
    case = round.proposal
    assert all(case.title not in message.body + message.subject for message in mailoutbox)
    assert RoundEvent.Kind.OPENED in round.events.values_list("kind", flat=True)


def test_labels_are_drawn_so_that_the_original_proposer_is_not_always_a(office_user):
    round = selection_round(office=office_user, applications=3, evaluators=1, opened=False)
    seen = set()
    for _attempt in range(30):
        Round.objects.filter(pk=round.pk).update(status=R.DRAFT)
        services.open_round(round=round, by=office_user)
        seen.add(round.candidates.get(is_original_proposer=True).label)
        if len(seen) > 1:
            break

    assert len(seen) > 1


def test_opening_without_an_evaluator_is_refused(office_user):
    round = adoption_round(office=office_user, evaluators=0, opened=False)

    with pytest.raises(ValidationError) as refusal:
        services.open_round(round=round, by=office_user)

    assert codes(refusal.value) == {"no_evaluators"}
    round.refresh_from_db()
    assert round.status == R.DRAFT


def test_opening_an_open_round_again_is_refused(office_user):
    round = adoption_round(office=office_user)

    with pytest.raises(ValidationError) as refusal:
        services.open_round(round=round, by=office_user)

    assert codes(refusal.value) == {"not_draft"}


def test_closing_keeps_missing_sheets_as_missing_and_logs(office_user):
    round = adoption_round(office=office_user, evaluators=2)

    services.close_round(round=round, by=office_user)

    round.refresh_from_db()
    assert round.status == R.CLOSED and round.closed_at is not None
    assert not ScoreSheet.objects.filter(candidate__round=round).exists()
    assert RoundEvent.Kind.CLOSED in round.events.values_list("kind", flat=True)


def test_closing_a_draft_is_refused(office_user):
    round = adoption_round(office=office_user, opened=False)

    with pytest.raises(ValidationError) as refusal:
        services.close_round(round=round, by=office_user)

    assert codes(refusal.value) == {"round_not_open"}


# Conflicts of interest ------------------------------------------------------------------------


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


# Score sheets ---------------------------------------------------------------------------------


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
    assert f"/evaluation/rounds/{round.pk}/candidates/{candidate.pk}/" in mailoutbox[0].body
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


# Decisions ------------------------------------------------------------------------------------


def test_decide_selection_moves_the_winner_to_selected_and_the_others_to_not_selected(
    office_user,
):
    round = closed_round(
        selection_round(office=office_user, applications=2, evaluators=1), by=office_user
    )
    winner = round.candidates.filter(is_original_proposer=False).first()

    services.decide_selection(
        round=round,
        selected=winner,
        reason="最高点",
        public_reason="評価の結果、最も優れていたため。",
        by=office_user,
    )

    round.refresh_from_db()
    assert (round.status, round.selected, round.public_reason) == (
        R.DECIDED,
        winner,
        "評価の結果、最も優れていたため。",
    )
    statuses = {
        c.proposal_id: c.proposal.status for c in round.candidates.select_related("proposal")
    }
    assert statuses == {
        c.proposal_id: (S.SELECTED if c == winner else S.NOT_SELECTED)
        for c in round.candidates.all()
    }
    assert RoundEvent.Kind.DECIDED in round.events.values_list("kind", flat=True)


def test_a_refused_selection_changes_nothing(office_user):
    round = closed_round(selection_round(office=office_user, evaluators=1), by=office_user)
    winner = round.candidates.first()

    with pytest.raises(ValidationError) as refusal:
        services.decide_selection(
            round=round, selected=winner, reason="最高点", public_reason="", by=office_user
        )

    assert codes(refusal.value) == {"public_reason_required"}
    round.refresh_from_db()
    assert round.status == R.CLOSED and round.selected is None
    assert set(
        Proposal.objects.filter(candidacies__round=round).values_list("status", flat=True)
    ) == {S.SELECTING}
    assert not ProposalTransition.objects.filter(step__in=["select", "not_select"]).exists()


def test_deciding_an_open_round_is_refused(office_user):
    round = selection_round(office=office_user, evaluators=1)

    with pytest.raises(ValidationError) as refusal:
        services.decide_selection(
            round=round,
            selected=round.candidates.first(),
            reason="理由",
            public_reason="公表理由",
            by=office_user,
        )

    assert codes(refusal.value) == {"round_not_closed"}


def test_choosing_a_candidate_of_another_round_is_refused(office_user):
    round = closed_round(selection_round(office=office_user, evaluators=1), by=office_user)
    other = closed_round(selection_round(office=office_user, evaluators=1), by=office_user)

    with pytest.raises(ValidationError) as refusal:
        services.decide_selection(
            round=round,
            selected=other.candidates.first(),
            reason="理由",
            public_reason="公表理由",
            by=office_user,
        )

    assert codes(refusal.value) == {"not_a_candidate"}
    assert not Candidate.objects.filter(proposal__status=S.SELECTED).exists()


def test_decide_adoption_adopts_the_case_with_its_ppp_details(office_user):
    round = closed_round(adoption_round(office=office_user), by=office_user)

    services.decide_adoption(
        round=round,
        adopt=True,
        reason="予算措置の見込みあり。",
        public_reason="市民の利便性向上が見込まれるため。",
        ppp_method=PPPMethod.OUTSOURCING,
        opportunity=Opportunity.DIRECT,
        direct_reason="特許技術を有するのは提案者のみのため。",
        by=office_user,
    )

    round.refresh_from_db()
    case = round.proposal
    case.refresh_from_db()
    assert (round.status, round.is_adopted) == (R.DECIDED, True)
    assert case.status == S.ADOPTED
    step = case.transitions.get(step=ProposalTransition.Steps.ADOPT)
    assert step.details == {
        "ppp_method": PPPMethod.OUTSOURCING,
        "opportunity": Opportunity.DIRECT,
        "direct_reason": "特許技術を有するのは提案者のみのため。",
    }
    assert step.public_reason == "市民の利便性向上が見込まれるため。"


def test_decide_adoption_not_adopting_moves_the_case_to_not_adopted(office_user):
    round = closed_round(adoption_round(office=office_user), by=office_user)

    services.decide_adoption(
        round=round,
        adopt=False,
        reason="費用対効果が低い。",
        public_reason="効果の検証が困難なため。",
        by=office_user,
    )

    round.proposal.refresh_from_db()
    round.refresh_from_db()
    assert round.proposal.status == S.NOT_ADOPTED
    assert round.is_adopted is False


def test_an_adoption_without_its_ppp_method_is_refused_and_nothing_changes(office_user):
    round = closed_round(adoption_round(office=office_user), by=office_user)

    with pytest.raises(ValidationError) as refusal:
        services.decide_adoption(
            round=round,
            adopt=True,
            reason="理由",
            public_reason="公表理由",
            opportunity=Opportunity.OPEN_CALL,
            by=office_user,
        )

    assert codes(refusal.value) == {"ppp_method_required"}
    round.refresh_from_db()
    assert round.status == R.CLOSED
    assert round.proposal.status == S.PLANNING


def test_an_adoption_decision_on_a_selection_round_is_refused(office_user):
    round = closed_round(selection_round(office=office_user, evaluators=1), by=office_user)

    with pytest.raises(ValidationError) as refusal:
        services.decide_adoption(
            round=round, adopt=False, reason="理由", public_reason="公表理由", by=office_user
        )

    assert codes(refusal.value) == {"wrong_kind"}


def test_after_a_decision_a_new_round_of_the_same_kind_may_be_created(office_user):
    round = closed_round(adoption_round(office=office_user), by=office_user)
    services.decide_adoption(
        round=round, adopt=False, reason="理由", public_reason="公表理由", by=office_user
    )

    with pytest.raises(ValidationError) as refusal:  # the case is not in planning any more
        new_round(round.proposal, Round.Kind.ADOPTION_REVIEW, by=office_user)

    assert codes(refusal.value) == {"wrong_status"}


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


def test_labels_run_past_z_spreadsheet_style():
    assert [services.label_for(i) for i in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]
