"""The city's side of a case: the case page, its steps, its goals (the work list: worklist.py).

The staff pages exist for the office and department staff only. For anyone else signed in
(a business, an evaluator) every URL here answers 404, as an unseen case does: a business
learns nothing about the city's pages, not even that they exist. Every case is looked up
through access.staff_case() — the office's every submitted case, a department's assigned
ones, never a draft — so a case that is not the user's answers 404; a case they see but a step
or a goal that is not theirs answers 403. The rules are in the workflow and the services.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import staff_required
from mishima_kyoso.common.forms import add_refusal, refusal_code

from .. import deadlines, services
from ..access import staff_case
from ..audit import log_access
from ..checks import awaits_selection, may_plan
from ..forms.staff import GoalEditor, TransitionForm
from ..forms.triage import AssignDepartmentForm, UnassignDepartmentForm
from ..models import AccessLog, DepartmentAssignment, Proposal, ProposalTransition
from ..permissions import is_office
from ..sections import content_sections
from ..selectors import (
    applied_call,
    call_applications,
    case_call,
    case_goals,
)
from ..similarity import similar_items
from ..states import CALL, CLOSED, has_agreement_page, has_monitoring_page, stage_label
from ..workflow import (
    DECISIONS,
    OVERTAKEN,
    REFUSAL_FIELDS,
    STAFF_STEPS,
    available_steps,
    overtaken,
    transition,
)


def _case_url(case, anchor="") -> str:
    return reverse("proposals:staff_case", args=[case.pk]) + (f"#{anchor}" if anchor else "")


def _city_steps(case, user) -> list[str]:
    """The steps this user may take on the step form now (workflow.STAFF_STEPS); the others
    have pages of their own (the proposer's, a selection round's, the agreement's)."""
    return [step for step in available_steps(case, user) if step in STAFF_STEPS]


def _page_above(name, case, exists: bool) -> str | None:
    """A page of the case that an app above proposals serves (the partnership app's agreement
    and monitoring), by its URL name: proposals imports none of them (DESIGN §6)."""
    if not exists:
        return None
    try:
        return reverse(name, args=[case.pk])
    except NoReverseMatch:  # that app is not installed
        return None


def _stage_links(case, user) -> dict:
    """The stage pages of the case (open call, agreement, monitoring), and for the office the
    call and its applications."""
    open_call = case.kind != Proposal.Kind.APPLICATION and case.chose_open_call
    links = {
        "agreement_url": _page_above("partnership:staff_agreement", case, has_agreement_page(case)),
        "monitoring_url": _page_above(
            "partnership:staff_monitoring", case, has_monitoring_page(case)
        ),
        # 原則3: an open call or an application is decided by the selection round.
        "awaits_selection": awaits_selection(case),
        "call_url": None,
        "call": None,
        "applications": [],
        "applied_call": None,
    }
    if open_call and is_office(user):
        call = case_call(case)
        links["call"] = call
        if case.status in CALL:
            links["call_url"] = reverse("proposals:call_edit", args=[case.pk])
        if call is not None:
            links["applications"] = list(call_applications(call))
    if case.open_call_id is not None:
        links["applied_call"] = applied_call(case)
    return links


# The case ------------------------------------------------------------------------------------


def _assignment_history(case) -> list:
    """Every department put in charge of the case or taken off it, as simple_history recorded
    the assignments (the rows themselves go when a department is taken off)."""
    return list(
        DepartmentAssignment.history.filter(proposal_id=case.pk, history_type__in=("+", "-"))
        .select_related("history_user", "assigned_by", "department")
        .order_by("history_date", "history_id")
    )


def _timeline(case, versions, steps, attachments, assignments=()) -> list[dict]:
    """Every step with its actor and both reasons, every version, every file, every department
    put in charge or taken off; oldest first."""
    events = [
        {
            "at": version.created_at,
            "kind": "version",
            "actor": version.created_by,
            "version": version,
        }
        for version in versions
    ]
    events += [
        {
            "at": record.created_at,
            "kind": "transition",
            "actor": record.actor,
            "label": ProposalTransition.Steps(record.step).label,
            "source": Proposal.Status(record.source).label,
            "target": Proposal.Status(record.target).label,
            # Internal: shown on the staff pages only, never to the proposer.
            "reason": record.reason,
            "public_reason": record.public_reason,
            "details": record.recorded_details(),
        }
        for record in steps
    ]
    events += [
        {"at": file.uploaded_at, "kind": "upload", "actor": file.uploaded_by, "file": file}
        for file in attachments
    ]
    events += [
        {
            "at": record.history_date,
            "kind": "assigned" if record.history_type == "+" else "unassigned",
            # Who acted in the request that made the change; an assignment made outside one
            # (a command, the demo) names who assigned.
            "actor": record.history_user
            or (record.assigned_by if record.history_type == "+" else None),
            "department": record.department,
        }
        for record in assignments
    ]
    return sorted(events, key=lambda event: event["at"])


def _deadlines(case) -> list[dict]:
    """The case's response deadlines (deadlines.py), each named by what is owed, nearest first.

    The first response is owed once, after receipt; a reply is owed to each message the
    proposer sends while none is pending. Their dates are independent: the reply can fall due
    before the first response's date, so each is labelled and they are listed by date.
    """
    today = timezone.localdate()
    rows = []
    if case.first_response_due_on is not None:
        answered = case.first_responded_at
        rows.append(
            {
                "kind": "first_response",
                "label": _("Deadline for the first response"),
                "explanation": _(
                    "The city's first answer to the proposer, within %(days)s business days of "
                    "receipt (starting the dialogue, a message or a decision)."
                )
                % {"days": settings.KYOSO_FIRST_RESPONSE_DAYS},
                "due_on": case.first_response_due_on,
                "done_at": answered,
                "is_overdue": answered is None and case.first_response_due_on < today,
            }
        )
    if case.reply_due_on is not None:
        rows.append(
            {
                "kind": "reply",
                "label": _("Deadline for replying to the proposer's message"),
                "explanation": _(
                    "An answer to the proposer's unanswered message, within %(days)s business "
                    "days of the message."
                )
                % {"days": settings.KYOSO_REPLY_DAYS},
                "due_on": case.reply_due_on,
                "done_at": None,
                "is_overdue": case.reply_due_on < today,
            }
        )
    return sorted(rows, key=lambda row: row["due_on"])


def _may_triage(case, user) -> bool:
    """The office puts departments in charge of an open case (services.assign_department)."""
    return is_office(user) and case.status not in CLOSED


def _render_case(request, case, *, assign_form=None, unassign_form=None):
    """The case page, with the triage forms as posted when one was refused."""
    user = request.user
    # 共創指針 原則3: every staff read of the confidential content is on record.
    log_access(user, case, AccessLog.Kind.CONTENT)
    attachments = list(case.attachments.select_related("uploaded_by"))
    versions = list(case.versions.select_related("created_by"))
    steps = list(case.transitions.select_related("actor"))
    departments = [assignment.department for assignment in case.assignments.all()]
    may_triage = _may_triage(case, user)
    if may_triage and assign_form is None:
        assign_form = AssignDepartmentForm(assigned=departments)
    return render(
        request,
        "proposals/staff/case.html",
        {
            "proposal": case,
            "stage": stage_label(case.status),
            "departments": departments,
            "may_triage": may_triage,
            # A refused assignment keeps its form and its error, even on a case closed meanwhile.
            "assign_form": assign_form,
            "unassign_form": unassign_form,
            "is_overdue": deadlines.is_overdue(case),
            "deadlines": _deadlines(case),
            "sections": content_sections(case.content(), department=case.preferred_department),
            "attachments": attachments,
            "timeline": _timeline(case, versions, steps, attachments, _assignment_history(case)),
            "goals": list(case_goals(case)),
            # Staff only (this page): other cases and themes whose title reads like this one.
            "similar": similar_items(user, case),
            "may_plan": may_plan(case, user),
            "steps": [
                {
                    "code": step,
                    "label": ProposalTransition.Steps(step).label,
                    "is_decision": step in DECISIONS,
                }
                for step in _city_steps(case, user)
            ],
            "admin_url": (
                reverse("admin:proposals_proposal_change", args=[case.pk])
                if is_office(user)
                else None
            ),
            **_stage_links(case, user),
        },
    )


@staff_required
@require_GET
def case(request, pk):
    """/staff/cases/<pk>/: the whole case for the city, know-how included (the read is logged),
    and for the office its triage: departments in charge, workflow steps, the history."""
    return _render_case(request, staff_case(request.user, pk))


# Triage: departments in charge ---------------------------------------------------------------


def _triaged_case(request, pk) -> Proposal:
    """The case the office triages: seen (else 404), and the user is the office (else 403)."""
    case = staff_case(request.user, pk)
    if not is_office(request.user):
        raise PermissionDenied
    return case


@staff_required
@require_POST
def assign(request, pk):
    """Put a department in charge of the case, from its page (services.assign_department)."""
    case = _triaged_case(request, pk)
    departments = [assignment.department for assignment in case.assignments.all()]
    form = AssignDepartmentForm(request.POST, assigned=departments)
    if form.is_valid():
        department = form.cleaned_data["department"]
        try:
            services.assign_department(case=case, department=department, by=request.user)
        except ValidationError as refusal:
            add_refusal(form, refusal, fields_by_code={"already_assigned": "department"})
        else:
            messages.success(
                request,
                _("%(department)s is now in charge of this case; its staff will be notified.")
                % {"department": department.name},
            )
            return redirect(_case_url(case, "in-charge"))
    return _render_case(request, case, assign_form=form)


@staff_required
@require_POST
def unassign(request, pk):
    """Take a department off the case, from its page (services.unassign_department)."""
    case = _triaged_case(request, pk)
    departments = [assignment.department for assignment in case.assignments.all()]
    form = UnassignDepartmentForm(request.POST, assigned=departments)
    if form.is_valid():
        department = form.cleaned_data["department"]
        try:
            services.unassign_department(case=case, department=department, by=request.user)
        except ValidationError as refusal:  # taken off meanwhile
            add_refusal(form, refusal)
        else:
            messages.success(
                request,
                _("%(department)s is no longer in charge of this case.")
                % {"department": department.name},
            )
            return redirect(_case_url(case, "in-charge"))
    return _render_case(request, case, unassign_form=form)


# A step of the workflow ----------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def take_step(request, pk, step):
    """/staff/cases/<pk>/steps/<step>/: the step's form (GET), the step itself (POST)."""
    user = request.user
    case = staff_case(request.user, pk)
    if step not in STAFF_STEPS:
        raise Http404
    available = step in _city_steps(case, user)
    posted = request.method == "POST"
    if not available and not (
        posted and overtaken(case, user, step, request.POST.get("seen_status", ""))
    ):
        raise PermissionDenied
    form = TransitionForm(
        request.POST if posted else None, step=step, initial={"seen_status": case.status}
    )
    stale = False
    if posted:
        if not available:  # someone moved the case since this page was rendered
            stale = True
            form.is_valid()
        elif form.is_valid():
            try:
                case = transition(case, step, by=user, **form.transition_kwargs())
            except ValidationError as refusal:
                if refusal_code(refusal) in OVERTAKEN:  # someone else acted first
                    stale = True
                else:
                    add_refusal(form, refusal, fields_by_code=REFUSAL_FIELDS)
            else:
                messages.success(
                    request,
                    _("“%(step)s” has been recorded. The case is now “%(status)s”.")
                    % {
                        "step": ProposalTransition.Steps(step).label,
                        "status": case.get_status_display(),
                    },
                )
                return redirect(_case_url(case))
    if stale:
        form.add_error(
            None,
            ValidationError(
                _(
                    "Another member of staff has just updated this case, so nothing has been "
                    "changed. Reload the case to see what has changed before you act."
                ),
                code="stale",
            ),
        )
    return render(
        request,
        "proposals/staff/step.html",
        {
            "proposal": case,
            "step": step,
            "step_label": ProposalTransition.Steps(step).label,
            "is_decision": step in DECISIONS,
            "form": form,
            "stale": stale,
            "case_url": _case_url(case),
        },
    )


# Shared goals (目標共有) ---------------------------------------------------------------------


def _planned_case(request, pk) -> Proposal:
    """The case whose goals this person keeps: seen (else 404), in charge and open (else 403)."""
    case = staff_case(request.user, pk)
    if not may_plan(case, request.user):
        raise PermissionDenied
    return case


@staff_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, pk, goal_pk=None):
    """A new goal, or one changed; its indicators are replaced together with it."""
    case = _planned_case(request, pk)
    goal = get_object_or_404(case_goals(case), pk=goal_pk) if goal_pk is not None else None
    editor = GoalEditor(request.POST if request.method == "POST" else None, goal=goal)
    if request.method == "POST" and editor.is_valid():
        try:
            services.save_goal(case=case, by=request.user, goal=goal, **editor.goal_kwargs())
        except ValidationError as refusal:
            editor.add_refusal(refusal)
        else:
            messages.success(
                request,
                _("The shared goal has been saved.")
                if goal is None
                else _("The shared goal has been updated."),
            )
            return redirect(_case_url(case, "goals"))
    return render(
        request,
        "proposals/staff/goal_form.html",
        {"proposal": case, "goal": goal, "editor": editor, "case_url": _case_url(case, "goals")},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def goal_delete(request, pk, goal_pk):
    """A goal deleted with its indicators, after a confirmation (its history is kept)."""
    case = _planned_case(request, pk)
    goal = get_object_or_404(case_goals(case), pk=goal_pk)
    if request.method == "POST":
        try:
            services.delete_goal(goal=goal, by=request.user)
        except ValidationError as refusal:  # closed meanwhile
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(request, _("The shared goal has been deleted."))
        return redirect(_case_url(case, "goals"))
    return render(
        request,
        "proposals/staff/goal_delete.html",
        {"proposal": case, "goal": goal, "case_url": _case_url(case, "goals")},
    )
