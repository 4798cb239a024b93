"""Every write of the evaluation app (評価・選定): rounds, evaluators, conflicts, scores, decisions.

Keyword-only, the acting user as `by=`, one transaction each, every check before the first
write, mail after the commit. A refusal (PermissionDenied or ValidationError with a `code`)
leaves nothing half-saved. The case moves only through proposals.workflow.transition(), the
round only through rounds.advance(), and what a round's status allows is asked of rounds.py.
"""

import random
from string import ascii_uppercase

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from municipality.selectors import words
from proposals.models import Proposal
from proposals.workflow import PROPOSALS, TRANSITIONS, A, transition

from . import notifications, rounds
from .aggregation import round_results
from .models import (
    Candidate,
    ConflictDeclaration,
    CriteriaSet,
    Criterion,
    EvaluatorAssignment,
    Round,
    RoundEvent,
    Score,
    ScoreSheet,
)
from .permissions import grant_evaluator, is_candidate_member, is_office, revoke_evaluator

# The workflow step a round's decision takes: a round of that kind exists while the case can
# still take it (採否 in planning, the selection while selecting).
DECIDING_STEP = {Round.Kind.ADOPTION_REVIEW: A.ADOPT, Round.Kind.SELECTION: A.SELECT}


def _office_only(user) -> None:
    if not is_office(user):
        raise PermissionDenied


def _refuse(message, code):
    raise ValidationError(message, code=code)


def label_for(index: int) -> str:
    """A, B, … Z, AA, AB, … (spreadsheet style)."""
    label = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        label = ascii_uppercase[remainder] + label
    return label


def _locked(round) -> Round:
    return Round.objects.select_for_update().get(pk=round.pk)


def _log(round, kind, *, by, subject="", reason="") -> RoundEvent:
    return RoundEvent.objects.create(
        round=round, kind=kind, actor=by, subject=subject[:255], reason=reason
    )


def _evaluator_name(user) -> str:
    return user.get_full_name()


# Rounds and candidates -----------------------------------------------------------------------


def eligible_candidates(case: Proposal, kind: str) -> list[Proposal]:
    """The cases a round of this kind scores: the case alone for an adoption review; for a
    selection, the case and every application to its open call still in the selection."""
    if kind == Round.Kind.ADOPTION_REVIEW:
        return [case]
    cases = [case]
    call = getattr(case, "call", None)  # no open call: the proposer alone (a direct agreement)
    if call is not None:
        selecting = TRANSITIONS[A.SELECT].sources
        cases += list(call.applications.filter(status__in=selecting).order_by("submitted_at", "pk"))
    return cases


def _check_case(case: Proposal, kind: str) -> None:
    step = TRANSITIONS[DECIDING_STEP[kind]]
    if case.kind not in PROPOSALS or not step.applies_to(case):
        _refuse(
            _(
                "An adoption review is for a case in planning, a selection for a case selecting "
                "its implementer. Check the status of the case."
            ),
            "wrong_status",
        )


@transaction.atomic
def create_round(
    *, case, kind, title, criteria_set, scoring_due_on, is_anonymised=True, by
) -> Round:
    """A draft round of the case with its candidates (provisional labels until it opens)."""
    _office_only(by)
    case = Proposal.objects.select_for_update().get(pk=case.pk)
    if kind not in Round.Kind.values:
        _refuse(_("Choose the kind of round."), "wrong_kind")
    _check_case(case, kind)
    if Round.objects.filter(proposal=case, kind=kind).exclude(status__in=rounds.DECIDED).exists():
        _refuse(
            _("This case already has a round of this kind that is not decided yet."),
            "round_exists",
        )
    round = Round(
        proposal=case,
        kind=kind,
        title=title,
        criteria_set=criteria_set,
        scoring_due_on=scoring_due_on,
        is_anonymised=is_anonymised,
        created_by=by,
    )
    round.full_clean()
    round.save()
    for index, candidate in enumerate(eligible_candidates(case, kind)):
        Candidate.objects.create(
            round=round,
            proposal=candidate,
            label=label_for(index),
            is_original_proposer=candidate.pk == case.pk,
        )
    _log(round, RoundEvent.Kind.CREATED, by=by)
    return round


def _check_being_prepared(allowed: bool) -> None:
    """`allowed`: the rule of rounds.py for the step (may_open, may_refresh_candidates)."""
    if not allowed:
        _refuse(_("This can only be done while the round is being prepared."), "not_draft")


def _check_no_member_evaluator(round) -> None:
    for assignment in round.assignments.select_related("evaluator__membership"):
        if is_candidate_member(assignment.evaluator, round):
            _refuse(
                _(
                    "%(name)s belongs to the organisation of a candidate and cannot evaluate "
                    "this round. Remove them first."
                )
                % {"name": _evaluator_name(assignment.evaluator)},
                "candidate_member",
            )


@transaction.atomic
def refresh_candidates(*, round, by) -> Round:
    """While the round is a draft: add new applications, drop withdrawn ones."""
    _office_only(by)
    round = _locked(round)
    _check_being_prepared(rounds.may_refresh_candidates(round))
    wanted = {case.pk: case for case in eligible_candidates(round.proposal, round.kind)}
    current = {candidate.proposal_id: candidate for candidate in round.candidates.all()}
    for proposal_pk, candidate in current.items():
        if proposal_pk not in wanted:
            candidate.delete()
    kept = [candidate for pk, candidate in current.items() if pk in wanted]
    for index, candidate in enumerate(kept):  # provisional labels: A, B, … without gaps
        candidate.label = f"_{index}"
        candidate.save(update_fields=["label"])
    for index, candidate in enumerate(kept):
        candidate.label = label_for(index)
        candidate.save(update_fields=["label"])
    for index, (proposal_pk, case) in enumerate(
        ((pk, case) for pk, case in wanted.items() if pk not in current), start=len(kept)
    ):
        Candidate.objects.create(
            round=round,
            proposal=case,
            label=label_for(index),
            is_original_proposer=proposal_pk == round.proposal_id,
        )
    _check_no_member_evaluator(round)
    return round


# Evaluators ----------------------------------------------------------------------------------


def _check_open_for_evaluators(round) -> None:
    if not rounds.may_change_evaluators(round):
        _refuse(_("Evaluators can be changed only before the scoring is closed."), "round_closed")


@transaction.atomic
def assign_evaluator(*, round, evaluator, by) -> EvaluatorAssignment:
    """選定委員: a city member of staff or an external account, never a candidate's member."""
    _office_only(by)
    round = _locked(round)
    _check_open_for_evaluators(round)
    if not evaluator.is_active:
        _refuse(_("This account is not active."), "inactive")
    if round.assignments.filter(evaluator=evaluator).exists():
        _refuse(_("This person is already an evaluator of this round."), "already_assigned")
    if is_candidate_member(evaluator, round):
        # 共創指針 原則3: a candidate never scores itself.
        _refuse(
            _("A member of a candidate's organisation cannot evaluate this round."),
            "candidate_member",
        )
    assignment = EvaluatorAssignment.objects.create(
        round=round, evaluator=evaluator, assigned_by=by
    )
    grant_evaluator(round, evaluator)
    if not evaluator.is_evaluator:
        evaluator.is_evaluator = True  # drives the navigation link only
        evaluator.save(update_fields=["is_evaluator"])
    if rounds.may_score(round):  # scoring is open: the new evaluator gets the link now
        notifications.notify_round_opened(round.pk, [assignment.pk])
    return assignment


@transaction.atomic
def remove_evaluator(*, assignment, by) -> None:
    """Before the scoring closes; an evaluator who has submitted a sheet stays on record."""
    _office_only(by)
    round = _locked(assignment.round)
    _check_open_for_evaluators(round)
    assignment = EvaluatorAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.sheets.filter(submitted_at__isnull=False).exists():
        _refuse(
            _("This evaluator has submitted score sheets, which stay on record."),
            "has_submitted_sheets",
        )
    evaluator = assignment.evaluator
    assignment.delete()
    revoke_evaluator(round, evaluator)
    if not evaluator.evaluator_assignments.exists():
        evaluator.is_evaluator = False
        evaluator.save(update_fields=["is_evaluator"])


@transaction.atomic
def open_round(*, round, by) -> Round:
    """Scoring starts: labels drawn at random, so that A is not always the original proposer."""
    _office_only(by)
    round = _locked(round)
    _check_being_prepared(rounds.may_open(round))
    candidates = list(round.candidates.all())
    if not candidates:
        _refuse(_("The round has no candidate."), "no_candidates")
    assignment_pks = list(round.assignments.values_list("pk", flat=True))
    if not assignment_pks:
        _refuse(_("Assign at least one evaluator first."), "no_evaluators")
    _check_no_member_evaluator(round)
    random.SystemRandom().shuffle(candidates)
    for index, candidate in enumerate(candidates):  # two passes: labels are unique in a round
        candidate.label = f"_{index}"
        candidate.save(update_fields=["label"])
    for index, candidate in enumerate(candidates):
        candidate.label = label_for(index)
        candidate.save(update_fields=["label"])
    round.save(update_fields=rounds.advance(round, rounds.OPEN))
    _log(round, RoundEvent.Kind.OPENED, by=by)
    notifications.notify_round_opened(round.pk, assignment_pks)
    return round


@transaction.atomic
def close_round(*, round, by) -> Round:
    """Scoring ends; sheets not submitted count as missing scores."""
    _office_only(by)
    round = _locked(round)
    if not rounds.may_close(round):
        _refuse(_("Only a round being scored can be closed."), "round_not_open")
    round.save(update_fields=rounds.advance(round, rounds.CLOSE))
    _log(round, RoundEvent.Kind.CLOSED, by=by)
    return round


# Conflicts and scores (the evaluator) ---------------------------------------------------------


def _evaluators_own(assignment, by) -> EvaluatorAssignment:
    """The assignment, locked, if it is the acting user's own in an open round."""
    if not by.is_authenticated or assignment.evaluator_id != by.pk:
        raise PermissionDenied
    assignment = EvaluatorAssignment.objects.select_for_update().get(pk=assignment.pk)
    if not rounds.may_score(assignment.round):
        _refuse(_("Scoring of this round is not open."), "round_not_open")
    return assignment


@transaction.atomic
def declare_conflicts(*, assignment, declarations: dict, by) -> EvaluatorAssignment:
    """利害関係の申告: every candidate at once, before scoring; final once made.

    `declarations` maps a candidate pk to (has_conflict, note).
    """
    assignment = _evaluators_own(assignment, by)
    if assignment.declared_at is not None:
        _refuse(_("You have already declared your conflicts of interest."), "already_declared")
    candidates = {candidate.pk: candidate for candidate in assignment.round.candidates.all()}
    if set(declarations) != set(candidates):
        _refuse(
            _("Answer for every candidate whether you have a conflict of interest."),
            "incomplete_declaration",
        )
    now = timezone.now()
    for candidate_pk, (has_conflict, note) in sorted(
        declarations.items(), key=lambda item: candidates[item[0]].label
    ):
        candidate = candidates[candidate_pk]
        declaration = ConflictDeclaration(
            assignment=assignment,
            candidate=candidate,
            has_conflict=bool(has_conflict),
            note=(note or "").strip(),
            declared_at=now,
        )
        declaration.full_clean(exclude=["assignment", "candidate"])
        declaration.save()
        if declaration.has_conflict:
            _log(
                assignment.round,
                RoundEvent.Kind.CONFLICT_DECLARED,
                by=by,
                subject=f"{_evaluator_name(by)} / {candidate.label}",
                reason=declaration.note,
            )
    assignment.declared_at = now
    assignment.save(update_fields=["declared_at"])
    return assignment


def has_conflict(assignment, candidate) -> bool:
    return assignment.declarations.filter(candidate=candidate, has_conflict=True).exists()


def points_field(criterion) -> str:
    """The name under which a criterion's points are refused (the scoring form's field)."""
    return f"points_{criterion.pk}"


def comment_field(criterion) -> str:
    return f"comment_{criterion.pk}"


@transaction.atomic
def save_sheet(
    *,
    assignment,
    candidate,
    points: dict,
    comments: dict | None = None,
    comment="",
    submit=False,
    complete=False,
    by,
) -> ScoreSheet:
    """評価票: save partial scores, or submit a complete sheet (then locked).

    `points` maps a criterion pk to its points (None: not scored yet); `comments` a criterion
    pk to a comment on it. Refusals per criterion come keyed by the form's field names.
    `complete`: save, refusing missing points as a submission would (the evaluator's pages
    submit only through the confirmation, submission.submit_sheets).
    """
    assignment = _evaluators_own(assignment, by)
    round = assignment.round
    if candidate.round_id != round.pk:
        raise PermissionDenied
    if assignment.declared_at is None:
        _refuse(_("Declare your conflicts of interest before scoring."), "declare_first")
    if has_conflict(assignment, candidate):
        _refuse(
            _("You declared a conflict of interest with this candidate: you do not score it."),
            "conflict",
        )
    sheet, _created = ScoreSheet.objects.select_for_update().get_or_create(
        assignment=assignment, candidate=candidate
    )
    if sheet.is_submitted:
        _refuse(
            _("This sheet has been submitted. Ask the %(office)s to reopen it to change it.")
            % words(),
            "submitted",
        )
    comments = comments or {}
    criteria = list(round.criteria_set.criteria.all())
    errors = {}
    for criterion in criteria:
        value = points.get(criterion.pk)
        note = (comments.get(criterion.pk) or "").strip()
        if value is not None and not 0 <= value <= criterion.max_points:
            errors[points_field(criterion)] = ValidationError(
                _("Give %(name)s between 0 and %(max)s points.")
                % {"name": criterion.name, "max": criterion.max_points},
                code="out_of_range",
            )
        elif value is None and (submit or complete):
            errors[points_field(criterion)] = ValidationError(
                _("Give points for %(name)s before submitting.") % {"name": criterion.name},
                code="incomplete",
            )
        elif value is None and note:
            errors[points_field(criterion)] = ValidationError(
                _("Give points for %(name)s to keep your comment on it.")
                % {"name": criterion.name},
                code="comment_without_points",
            )
        if len(note) > Score._meta.get_field("comment").max_length:
            errors[comment_field(criterion)] = ValidationError(
                _("A comment on a criterion may have at most %(limit)s characters.")
                % {"limit": Score._meta.get_field("comment").max_length},
                code="too_long",
            )
    if errors:
        raise ValidationError(errors)
    sheet.comment = (comment or "").strip()
    sheet.full_clean(exclude=["assignment", "candidate"])
    kept = {score.criterion_id: score for score in sheet.scores.all()}
    for criterion in criteria:
        value = points.get(criterion.pk)
        score = kept.get(criterion.pk)
        if value is None:
            if score is not None:
                score.delete()  # kept in the history
            continue
        note = (comments.get(criterion.pk) or "").strip()
        if score is None:
            Score.objects.create(sheet=sheet, criterion=criterion, points=value, comment=note)
        elif (score.points, score.comment) != (value, note):
            score.points, score.comment = value, note
            score.save(update_fields=["points", "comment"])
    if submit:
        sheet.submitted_at = timezone.now()
    sheet.save()
    return sheet


@transaction.atomic
def reopen_sheet(*, sheet, reason, by) -> ScoreSheet:
    """The office unlocks a submitted sheet, with its reason on the round's log."""
    _office_only(by)
    sheet = (
        ScoreSheet.objects.select_for_update()
        .select_related("assignment__round", "assignment__evaluator", "candidate")
        .get(pk=sheet.pk)
    )
    round = sheet.assignment.round
    if not rounds.may_reopen_sheet(round):
        _refuse(
            _("A sheet can be reopened only while the round is being scored."), "round_not_open"
        )
    if not sheet.is_submitted:
        _refuse(_("This sheet has not been submitted."), "not_submitted")
    if not (reason or "").strip():
        _refuse(_("Enter the reason for reopening the sheet."), "reason_required")
    sheet.submitted_at = None
    sheet.save()
    _log(
        round,
        RoundEvent.Kind.SHEET_REOPENED,
        by=by,
        subject=f"{_evaluator_name(sheet.assignment.evaluator)} / {sheet.candidate.label}",
        reason=reason.strip(),
    )
    notifications.notify_sheet_reopened(sheet.pk)
    return sheet


# Decisions -----------------------------------------------------------------------------------


def _closed_round_of_kind(round, kind) -> Round:
    round = _locked(round)
    if round.kind != kind:
        _refuse(_("This decision is not for this kind of round."), "wrong_kind")
    if not rounds.may_decide(round):
        _refuse(_("Close the scoring before deciding."), "round_not_closed")
    return round


def _decided(round, *, by, reason, public_reason, subject) -> None:
    rounds.advance(round, rounds.DECIDE)
    round.decision_reason = reason.strip()
    round.public_reason = public_reason.strip()
    round.save()
    _log(round, RoundEvent.Kind.DECIDED, by=by, subject=subject, reason=reason.strip())


@transaction.atomic
def decide_adoption(
    *,
    round,
    adopt: bool,
    reason,
    public_reason,
    by,
    ppp_method="",
    opportunity="",
    direct_reason="",
) -> Round:
    """採否: the adoption review's result moves the case (adopted or not adopted)."""
    _office_only(by)
    round = _closed_round_of_kind(round, Round.Kind.ADOPTION_REVIEW)
    if adopt:
        details = {"ppp_method": ppp_method, "opportunity": opportunity}
        if (direct_reason or "").strip():
            details["direct_reason"] = direct_reason.strip()
        transition(
            round.proposal, A.ADOPT, by=by, reason=reason, public_reason=public_reason, **details
        )
    else:
        transition(round.proposal, A.NOT_ADOPT, by=by, reason=reason, public_reason=public_reason)
    round.is_adopted = bool(adopt)
    _decided(
        round,
        by=by,
        reason=reason,
        public_reason=public_reason,
        subject=_("Adopted") if adopt else _("Not adopted"),
    )
    return round


@transaction.atomic
def decide_selection(*, round, selected, reason, public_reason, by) -> Round:
    """選定: the selected candidate's case is selected, every other one still selecting is not;
    all in one transaction, so a refusal of any step changes nothing."""
    _office_only(by)
    round = _closed_round_of_kind(round, Round.Kind.SELECTION)
    if selected.round_id != round.pk:
        _refuse(_("Choose one of this round's candidates."), "not_a_candidate")
    # 最低基準点: a candidate below the minimum pass mark (or never scored) is not selected.
    result = next(
        item for item in round_results(round).candidates if item.candidate.pk == selected.pk
    )
    if not result.passed:
        _refuse(
            _(
                "This candidate did not reach the minimum pass mark and cannot be selected. "
                "Choose a candidate who passed."
            ),
            "below_pass_mark",
        )
    transition(selected.proposal, A.SELECT, by=by, reason=reason, public_reason=public_reason)
    not_select = TRANSITIONS[A.NOT_SELECT]
    others = round.candidates.exclude(pk=selected.pk).select_related("proposal")
    for candidate in others:
        if not_select.applies_to(candidate.proposal):
            transition(
                candidate.proposal,
                A.NOT_SELECT,
                by=by,
                reason=reason,
                public_reason=public_reason,
            )
    round.selected = selected
    _decided(round, by=by, reason=reason, public_reason=public_reason, subject=selected.label)
    return round


# Criteria sets -------------------------------------------------------------------------------


def is_in_use(criteria_set) -> bool:
    """A set scored by a round that has opened is fixed: copy it to make a new one."""
    return criteria_set.rounds.filter(status__in=rounds.OPENED).exists()


@transaction.atomic
def copy_criteria_set(*, criteria_set, by) -> CriteriaSet:
    _office_only(by)
    copy = CriteriaSet.objects.create(
        name=_("Copy of %(name)s") % {"name": criteria_set.name},
        description=criteria_set.description,
        pass_mark=criteria_set.pass_mark,
        proposer_bonus=criteria_set.proposer_bonus,
        is_default=False,
    )
    for criterion in criteria_set.criteria.all():
        Criterion.objects.create(
            criteria_set=copy,
            group=criterion.group,
            name=criterion.name,
            description=criterion.description,
            scale=criterion.scale,
            max_points=criterion.max_points,
            weight=criterion.weight,
            order=criterion.order,
        )
    return copy
