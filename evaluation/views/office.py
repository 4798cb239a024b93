"""The office's round management (共創推進室): a case's rounds, a round, its decision.

Office only: for anyone else signed in — department staff, businesses, evaluators — every URL
here answers 404, as the staff pages do for those they are not for. The rules are in services.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import office_required
from mishima_kyoso.common.forms import add_refusal
from proposals.selectors import staff_cases

from .. import rounds, services
from ..access import office_round
from ..aggregation import round_results
from ..forms import (
    AdoptionDecisionForm,
    EvaluatorForm,
    ReopenForm,
    RoundForm,
    SelectionDecisionForm,
)
from ..models import Round
from ..selectors import (
    case_round_list,
    round_assignments,
    round_candidates,
    round_criteria,
    round_events,
    round_sheets,
)


def _manage_url(round, anchor="") -> str:
    return reverse("evaluation:manage_round", args=[round.pk]) + (f"#{anchor}" if anchor else "")


def _refused(request, refusal: ValidationError) -> None:
    for message in refusal.messages:
        messages.error(request, message)


@office_required
@require_http_methods(["GET", "POST"])
def case_rounds(request, case_pk):
    """/staff/cases/<case_pk>/evaluation/: the case's rounds and a form to create one."""
    case = get_object_or_404(staff_cases(request.user), pk=case_pk)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round = services.create_round(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("The round has been created. Assign its evaluators."))
            return redirect(_manage_url(round))
    return render(
        request,
        "evaluation/staff/case_rounds.html",
        {"proposal": case, "rounds": list(case_round_list(case)), "form": form},
    )


def _progress(assignments, candidates) -> list[dict]:
    """Per evaluator: declared, the candidates they declared a conflict with, sheets submitted
    out of those they score; and each sheet that can be reopened."""
    rows = []
    total = len(candidates)
    for assignment in assignments:
        conflicts = [d.candidate for d in assignment.declarations.all() if d.has_conflict]
        sheets = list(assignment.sheets.all())
        rows.append(
            {
                "assignment": assignment,
                "declared": assignment.declared_at is not None,
                "conflicts": conflicts,
                "submitted": sum(1 for sheet in sheets if sheet.is_submitted),
                "to_score": total - len(conflicts),
                "sheets": sheets,
            }
        )
    return rows


def _manage_context(request, round, *, evaluator_form=None) -> dict:
    candidates = list(round_candidates(round, named=True))
    assignments = list(round_assignments(round))
    return {
        "round": round,
        "proposal": round.proposal,
        "criteria": round_criteria(round),
        "candidates": candidates,
        "progress": _progress(assignments, candidates),
        "events": list(round_events(round)),
        "round_state": rounds.RoundState.of(round),
        "evaluator_form": evaluator_form or EvaluatorForm(),
    }


@office_required
@require_http_methods(["GET"])
def manage_round(request, pk):
    """/staff/evaluation/rounds/<pk>/: status, criteria, candidates, evaluators, log, steps."""
    round = office_round(request.user, pk)
    return render(request, "evaluation/staff/round.html", _manage_context(request, round))


@office_required
@require_POST
def add_evaluator(request, pk):
    round = office_round(request.user, pk)
    form = EvaluatorForm(request.POST)
    if form.is_valid():
        try:
            services.assign_evaluator(round=round, evaluator=form.user, by=request.user)
        except ValidationError as refusal:
            form.add_error("email", refusal)
        else:
            messages.success(
                request, _("%(name)s is now an evaluator.") % {"name": form.user.get_full_name()}
            )
            return redirect(_manage_url(round, "evaluators"))
    return render(
        request,
        "evaluation/staff/round.html",
        _manage_context(request, round, evaluator_form=form),
    )


@office_required
@require_POST
def remove_evaluator(request, pk, assignment_pk):
    round = office_round(request.user, pk)
    assignment = get_object_or_404(round.assignments.select_related("evaluator"), pk=assignment_pk)
    try:
        services.remove_evaluator(assignment=assignment, by=request.user)
    except ValidationError as refusal:
        _refused(request, refusal)
    else:
        messages.success(
            request,
            _("%(name)s is no longer an evaluator of this round.")
            % {"name": assignment.evaluator.get_full_name()},
        )
    return redirect(_manage_url(round, "evaluators"))


def _round_step(service, success):
    """A POST view that takes one step of a round (open, close, refresh its candidates)."""

    @office_required
    @require_POST
    def view(request, pk):
        round = office_round(request.user, pk)
        try:
            service(round=round, by=request.user)
        except ValidationError as refusal:
            _refused(request, refusal)
        else:
            messages.success(request, success())
        return redirect(_manage_url(round))

    return view


refresh_candidates = _round_step(
    services.refresh_candidates, lambda: _("The candidates have been updated.")
)
open_round = _round_step(
    services.open_round,
    lambda: _("Scoring is open. The evaluators have been sent a link by e-mail."),
)
close_round = _round_step(services.close_round, lambda: _("Scoring is closed."))


@office_required
@require_http_methods(["GET", "POST"])
def reopen_sheet(request, pk, sheet_pk):
    """/staff/evaluation/rounds/<pk>/sheets/<sheet_pk>/reopen/: with a reason, logged."""
    round = office_round(request.user, pk)
    sheet = get_object_or_404(round_sheets(round), pk=sheet_pk)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reopen_sheet(sheet=sheet, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("The sheet has been reopened and its evaluator told."))
            return redirect(_manage_url(round, "evaluators"))
    return render(
        request,
        "evaluation/staff/reopen.html",
        {"round": round, "proposal": round.proposal, "sheet": sheet, "form": form},
    )


@office_required
@require_http_methods(["GET", "POST"])
def decide(request, pk):
    """/staff/evaluation/rounds/<pk>/decide/: the selected candidate, or adopt or not."""
    round = office_round(request.user, pk)
    is_selection = round.kind == Round.Kind.SELECTION
    data = request.POST if request.method == "POST" else None
    form = SelectionDecisionForm(data, round=round) if is_selection else AdoptionDecisionForm(data)
    if rounds.is_decided(round):
        messages.info(request, _("This round has already been decided."))
        return redirect(_manage_url(round))
    if not rounds.may_decide(round):
        messages.error(request, _("Close the scoring before deciding."))
        return redirect(_manage_url(round))
    if request.method == "POST" and form.is_valid():
        try:
            if is_selection:
                services.decide_selection(
                    round=round,
                    selected=form.cleaned_data["selected"],
                    reason=form.cleaned_data["reason"],
                    public_reason=form.cleaned_data["public_reason"],
                    by=request.user,
                )
            else:
                services.decide_adoption(round=round, by=request.user, **form.decide_kwargs())
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("The decision has been recorded and the case moved on."))
            return redirect(_manage_url(round))
    return render(
        request,
        "evaluation/staff/decide.html",
        {
            "round": round,
            "proposal": round.proposal,
            "form": form,
            "is_selection": is_selection,
            "results": round_results(round),
        },
    )
