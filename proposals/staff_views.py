"""The city's side of a case (issue 5 §4): the work list, the case page, its steps, its goals.

The staff pages exist for the office and department staff only. For anyone else signed in
(a business, an evaluator) every URL here answers 404, as an unseen case does: a business
learns nothing about the city's pages, not even that they exist. Every case is looked up
through selectors.staff_cases() — the office's every submitted case, a department's assigned
ones, never a draft — so a case that is not the user's answers 404; a case they see but a step
or a goal that is not theirs answers 403. The rules are in the workflow and the services.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import deadlines, services
from .audit import log_access
from .checks import awaits_selection, may_plan
from .decorators import staff_required
from .models import AccessLog, Opportunity, PPPMethod, Proposal, ProposalTransition
from .permissions import is_office
from .selectors import applied_call, case_call, case_goals, staff_case_pages, staff_work_list
from .staff_forms import GoalEditor, TransitionForm, WorkListFilter
from .states import CALL, has_agreement_page, has_monitoring_page, stage_label
from .views import content_sections
from .workflow import DECISIONS, STAFF_STEPS, available_actions, overtaken, transition

CASES_PER_PAGE = 50
# Refusals of a step that someone else has taken first.
OVERTAKEN = ("stale", "wrong_status")
# Where a refusal of the workflow is shown, by its code.
REFUSAL_FIELDS = {"reason_required": "reason", "public_reason_required": "public_reason"}


def _case(request, pk) -> Proposal:
    return get_object_or_404(staff_case_pages(request.user), pk=pk)


def _case_url(case, anchor="") -> str:
    return reverse("proposals:staff_case", args=[case.pk]) + (f"#{anchor}" if anchor else "")


def _city_actions(case, user) -> list[str]:
    """The steps this user may take on the step form now (workflow.STAFF_STEPS); the others
    have pages of their own (the proposer's, a selection round's, the agreement's)."""
    return [action for action in available_actions(case, user) if action in STAFF_STEPS]


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
            links["applications"] = list(
                call.applications.exclude(status=Proposal.Status.DRAFT)
                .select_related("organization")
                .order_by("submitted_at", "pk")
            )
    if case.open_call_id is not None:
        links["applied_call"] = applied_call(case)
    return links


# Work list -----------------------------------------------------------------------------------


@staff_required
@require_GET
def work_list(request):
    """/staff/cases/: the cases in charge, nearest deadline first, filtered in the URL."""
    user = request.user
    cases = WorkListFilter(request.GET, queryset=staff_work_list(user))
    paginator = Paginator(cases.qs, CASES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    rows = [{"case": case, "stage": stage_label(case.status)} for case in page]
    return render(
        request,
        "proposals/staff/work_list.html",
        {
            "filter": cases,
            "rows": rows,
            "page_obj": page,
            "result_count": paginator.count,
            "querystring": query.urlencode(),
            "department": None if is_office(user) else user.department,
        },
    )


# The case ------------------------------------------------------------------------------------


def _step_details(step) -> list[dict]:
    """What a step recorded besides its reasons, labelled in the reader's language."""
    details = step.details or {}
    rows = []
    if details.get("ppp_method") in PPPMethod.values:
        rows.append(
            {
                "label": _("Public-private partnership method"),
                "value": PPPMethod(details["ppp_method"]).label,
            }
        )
    if details.get("opportunity") in Opportunity.values:
        rows.append(
            {
                "label": _("How other businesses get their chance"),
                "value": Opportunity(details["opportunity"]).label,
            }
        )
    if details.get("direct_reason"):
        rows.append(
            {"label": _("Reason for a direct agreement"), "value": details["direct_reason"]}
        )
    return rows


def _timeline(case, versions, steps, attachments) -> list[dict]:
    """Every step with its actor and both reasons, every version and every file; oldest first."""
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
            "at": step.created_at,
            "kind": "transition",
            "actor": step.actor,
            "label": ProposalTransition.Action(step.action).label,
            "source": Proposal.Status(step.source).label,
            "target": Proposal.Status(step.target).label,
            # Internal: shown on the staff pages only, never to the proposer.
            "reason": step.reason,
            "public_reason": step.public_reason,
            "details": _step_details(step),
        }
        for step in steps
    ]
    events += [
        {"at": file.uploaded_at, "kind": "upload", "actor": file.uploaded_by, "file": file}
        for file in attachments
    ]
    return sorted(events, key=lambda event: event["at"])


@staff_required
@require_GET
def case(request, pk):
    """/staff/cases/<pk>/: the whole case for the city, know-how included (the read is logged)."""
    user = request.user
    case = _case(request, pk)
    # 共創指針 原則3: every staff read of the confidential content is on record.
    log_access(user, case, AccessLog.Kind.CONTENT)
    attachments = list(case.attachments.select_related("uploaded_by"))
    versions = list(case.versions.select_related("created_by"))
    steps = list(case.transitions.select_related("actor"))
    return render(
        request,
        "proposals/staff/case.html",
        {
            "proposal": case,
            "stage": stage_label(case.status),
            "departments": [assignment.department for assignment in case.assignments.all()],
            "is_overdue": deadlines.is_overdue(case),
            "sections": content_sections(case.content(), department=case.preferred_department),
            "attachments": attachments,
            "timeline": _timeline(case, versions, steps, attachments),
            "goals": list(case_goals(case)),
            "may_plan": may_plan(case, user),
            "actions": [
                {
                    "code": action,
                    "label": ProposalTransition.Action(action).label,
                    "is_decision": action in DECISIONS,
                }
                for action in _city_actions(case, user)
            ],
            "admin_url": (
                reverse("admin:proposals_proposal_change", args=[case.pk])
                if is_office(user)
                else None
            ),
            **_stage_links(case, user),
        },
    )


# A step of the workflow ----------------------------------------------------------------------


def _add_refusal(form, refusal: ValidationError) -> bool:
    """Show the workflow's refusal beside its field; True if someone else acted first."""
    if hasattr(refusal, "error_dict"):  # the details a step needs (check_adoption_details)
        for name, errors in refusal.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return False
    code = getattr(refusal, "code", None)
    if code in OVERTAKEN:
        return True
    field = REFUSAL_FIELDS.get(code)
    form.add_error(field if field in form.fields else None, refusal)
    return False


@staff_required
@require_http_methods(["GET", "POST"])
def take_action(request, pk, action):
    """/staff/cases/<pk>/actions/<action>/: the step's form (GET), the step itself (POST)."""
    user = request.user
    case = _case(request, pk)
    if action not in STAFF_STEPS:
        raise Http404
    available = action in _city_actions(case, user)
    posted = request.method == "POST"
    if not available and not (
        posted and overtaken(case, user, action, request.POST.get("seen_status", ""))
    ):
        raise PermissionDenied
    form = TransitionForm(
        request.POST if posted else None, action=action, initial={"seen_status": case.status}
    )
    stale = False
    if posted:
        if not available:  # someone moved the case since this page was rendered
            stale = True
            form.is_valid()
        elif form.is_valid():
            try:
                case = transition(case, action, by=user, **form.transition_kwargs())
            except ValidationError as refusal:
                stale = _add_refusal(form, refusal)
            else:
                messages.success(
                    request,
                    _("“%(action)s” has been recorded. The case is now “%(status)s”.")
                    % {
                        "action": ProposalTransition.Action(action).label,
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
        "proposals/staff/action.html",
        {
            "proposal": case,
            "action": action,
            "action_label": ProposalTransition.Action(action).label,
            "is_decision": action in DECISIONS,
            "form": form,
            "stale": stale,
            "case_url": _case_url(case),
        },
    )


# Shared goals (目標共有) ---------------------------------------------------------------------


def _planned_case(request, pk) -> Proposal:
    """The case whose goals this person keeps: seen (else 404), in charge and open (else 403)."""
    case = _case(request, pk)
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
            services.save_goal(proposal=case, by=request.user, goal=goal, **editor.goal_kwargs())
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
