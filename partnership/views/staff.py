"""The city's pages of the agreement and the monitoring of a case (/staff/cases/<pk>/…).

The office writes the agreement; the departments in charge read it. The city's side (the
office and the departments in charge) writes the monitoring while the case runs. Cases are
looked up through proposals' access.staff_case(): a case that is not the user's answers 404,
a page or a write that is not theirs 403; for anyone but city staff every URL here answers
404 (staff_required), as in proposals' staff pages.
"""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import staff_required
from mishima_kyoso.common.forms import add_refusal
from proposals.access import staff_case
from proposals.audit import log_access
from proposals.checks import awaits_selection
from proposals.forms.proposal import AttachmentForm
from proposals.models import AccessLog, Proposal
from proposals.states import CLOSED, has_agreement_page, has_monitoring_page
from proposals.workflow import A, available_steps

from .. import agreements, monitoring, permissions, selectors
from ..forms import (
    ActionDoneForm,
    AgreementForm,
    ImprovementActionForm,
    ReportEditor,
    RoleRiskItemForm,
    SignForm,
)
from .living import living_context

# Where a refusal of the signing is shown, by its code.
SIGNING_FIELDS = {"signed_on_required": "signed_on", "signed_on_future": "signed_on"}


# Agreement (協定) ---------------------------------------------------------------------------


def _agreement_case(request, pk) -> Proposal:
    case = staff_case(request.user, pk)
    if not has_agreement_page(case):
        raise Http404
    return case


def agreement_url(case, anchor="") -> str:
    return reverse("partnership:staff_agreement", args=[case.pk]) + (f"#{anchor}" if anchor else "")


def _agreement_context(request, case, **forms) -> dict:
    """The agreement page's context; building it logs the read (once per page view)."""
    user = request.user
    log_access(user, case, AccessLog.Kind.AGREEMENT)
    agreement = selectors.agreement_of(case)
    may_draft = permissions.may_draft(case, agreement, user)
    may_add = permissions.may_add_documents(case, agreement, user)
    context = {
        "proposal": case,
        "agreement": agreement,
        "items": list(agreement.items.all()) if agreement else [],
        "documents": list(agreement.documents.select_related("uploaded_by")) if agreement else [],
        "awaits_selection": awaits_selection(case),
        "may_draft": may_draft,
        "may_add_documents": may_add,
        "staff": True,
        **living_context(case, agreement, user, shared_only=False),
    }
    if may_draft:
        context["agreement_form"] = forms.get("agreement_form") or AgreementForm(
            instance=copy.copy(agreement)
        )
        if agreement is not None:
            context["item_form"] = forms.get("item_form") or RoleRiskItemForm(
                initial={"order": (len(context["items"]) + 1) * 10}
            )
            context["sign_form"] = forms.get("sign_form") or SignForm()
    if may_add:
        context["document_form"] = forms.get("document_form") or AttachmentForm()
    return context


@staff_required
@require_http_methods(["GET", "POST"])
def staff_agreement(request, pk):
    """/staff/cases/<pk>/agreement/: the office writes; the departments in charge read."""
    case = _agreement_case(request, pk)
    if request.method == "POST":
        agreement = selectors.agreement_of(case)
        if not permissions.may_draft(case, agreement, request.user):
            raise PermissionDenied
        form = AgreementForm(request.POST, instance=copy.copy(agreement))
        if form.is_valid():
            try:
                agreements.save_agreement(case=case, by=request.user, **form.cleaned_data)
            except ValidationError as refusal:
                add_refusal(form, refusal)
            else:
                messages.success(request, _("The agreement has been saved."))
                return redirect(agreement_url(case))
        return render(
            request,
            "partnership/staff/agreement.html",
            _agreement_context(request, case, agreement_form=form),
        )
    return render(request, "partnership/staff/agreement.html", _agreement_context(request, case))


def _drafting_case(request, pk):
    case = _agreement_case(request, pk)
    agreement = selectors.agreement_of(case)
    if agreement is None or not permissions.may_draft(case, agreement, request.user):
        raise PermissionDenied
    return case, agreement


@staff_required
@require_http_methods(["GET", "POST"])
def agreement_item_edit(request, pk, item_pk=None):
    """A row of the role and risk table, added or changed (one form per row, no script)."""
    case, agreement = _drafting_case(request, pk)
    item = get_object_or_404(agreement.items.all(), pk=item_pk) if item_pk is not None else None
    form = RoleRiskItemForm(
        request.POST if request.method == "POST" else None,
        instance=copy.copy(item),
        initial=None if item else {"order": (agreement.items.count() + 1) * 10},
    )
    if request.method == "POST" and form.is_valid():
        try:
            agreements.save_role_risk_item(
                case=case, by=request.user, row=item, **form.cleaned_data
            )
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("The role and risk table has been updated."))
            return redirect(agreement_url(case, "role-risk"))
    return render(
        request,
        "partnership/staff/agreement_item_form.html",
        {"proposal": case, "item": item, "form": form, "back_url": agreement_url(case)},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def agreement_item_delete(request, pk, item_pk):
    case, agreement = _drafting_case(request, pk)
    item = get_object_or_404(agreement.items.all(), pk=item_pk)
    if request.method == "POST":
        try:
            agreements.delete_role_risk_item(row=item, by=request.user)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(request, _("The row has been deleted."))
        return redirect(agreement_url(case, "role-risk"))
    return render(
        request,
        "partnership/staff/confirm_delete.html",
        {
            "proposal": case,
            "heading": _("Delete a row of the role and risk table"),
            "object_label": item.item,
            "back_url": agreement_url(case, "role-risk"),
        },
    )


@staff_required
@require_POST
def agreement_document_upload(request, pk):
    case = _agreement_case(request, pk)
    agreement = selectors.agreement_of(case)
    if not permissions.may_add_documents(case, agreement, request.user):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            stored = agreements.add_agreement_document(
                agreement=agreement, by=request.user, uploaded=form.cleaned_data["file"]
            )
        except ValidationError as refusal:
            form.add_error("file", refusal)
        else:
            messages.success(
                request, _("“%(name)s” has been added.") % {"name": stored.original_name}
            )
            return redirect(agreement_url(case, "documents"))
    return render(
        request,
        "partnership/staff/agreement.html",
        _agreement_context(request, case, document_form=form),
    )


@staff_required
@require_POST
def agreement_sign(request, pk):
    """Record the signing: the case is agreed and goes into operation, or nothing changes."""
    case, agreement = _drafting_case(request, pk)
    form = SignForm(request.POST)
    if form.is_valid():
        try:
            case = agreements.sign_agreement(
                case=case, signed_on=form.cleaned_data["signed_on"], by=request.user
            )
        except ValidationError as refusal:
            add_refusal(form, refusal, fields_by_code=SIGNING_FIELDS)
        else:
            messages.success(
                request,
                _("The signing has been recorded. The case is now “%(status)s”.")
                % {"status": case.get_status_display()},
            )
            return redirect(agreement_url(case))
    return render(
        request,
        "partnership/staff/agreement.html",
        _agreement_context(request, case, sign_form=form),
    )


# Monitoring (モニタリング) --------------------------------------------------------------------


def _monitoring_case(request, pk) -> Proposal:
    case = staff_case(request.user, pk)
    if not has_monitoring_page(case):
        raise Http404
    return case


def _writing_case(request, pk) -> Proposal:
    case = _monitoring_case(request, pk)
    if not permissions.may_monitor(case, request.user):
        raise PermissionDenied
    return case


def _monitoring_url(case, anchor="") -> str:
    return reverse("partnership:staff_monitoring", args=[case.pk]) + (
        f"#{anchor}" if anchor else ""
    )


@staff_required
@require_GET
def staff_monitoring(request, pk):
    """/staff/cases/<pk>/monitoring/: reports, improvement actions, liaison meetings."""
    case = _monitoring_case(request, pk)
    may_write = permissions.may_monitor(case, request.user)
    log_access(request.user, case, AccessLog.Kind.MONITORING)
    return render(
        request,
        "partnership/staff/monitoring.html",
        {
            "proposal": case,
            "reports": list(selectors.case_reports(case)),
            "actions": list(selectors.case_actions(case)),
            "may_write": may_write,
            "is_closed": case.status in CLOSED,
            "done_form": ActionDoneForm() if may_write else None,
            "complete_url": (
                reverse("proposals:staff_step", args=[case.pk, A.COMPLETE])
                if A.COMPLETE in available_steps(case, request.user)
                else None
            ),
            "staff": True,
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def monitoring_report_edit(request, pk, report_pk=None):
    case = _writing_case(request, pk)
    report = (
        get_object_or_404(case.monitoring_reports.all(), pk=report_pk)
        if report_pk is not None
        else None
    )
    indicators = list(selectors.case_indicators(case))
    editor = ReportEditor(
        request.POST if request.method == "POST" else None,
        indicators=indicators,
        report=copy.copy(report) if report else None,
    )
    if request.method == "POST" and editor.is_valid():
        try:
            monitoring.save_monitoring_report(
                case=case, by=request.user, report=report, **editor.report_kwargs()
            )
        except ValidationError as refusal:
            editor.add_refusal(refusal)
        else:
            messages.success(request, _("The monitoring report has been saved."))
            return redirect(_monitoring_url(case, "reports"))
    return render(
        request,
        "partnership/staff/monitoring_report_form.html",
        {
            "proposal": case,
            "report": report,
            "editor": editor,
            "back_url": _monitoring_url(case, "reports"),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def monitoring_report_delete(request, pk, report_pk):
    case = _writing_case(request, pk)
    report = get_object_or_404(case.monitoring_reports.all(), pk=report_pk)
    if request.method == "POST":
        try:
            monitoring.delete_monitoring_report(report=report, by=request.user)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(request, _("The monitoring report has been deleted."))
        return redirect(_monitoring_url(case, "reports"))
    return render(
        request,
        "partnership/staff/confirm_delete.html",
        {
            "proposal": case,
            "heading": _("Delete a monitoring report"),
            "object_label": str(report),
            "back_url": _monitoring_url(case, "reports"),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def improvement_action_edit(request, pk, action_pk=None):
    case = _writing_case(request, pk)
    action = (
        get_object_or_404(case.improvement_actions.all(), pk=action_pk)
        if action_pk is not None
        else None
    )
    form = ImprovementActionForm(
        request.POST if request.method == "POST" else None, instance=copy.copy(action)
    )
    if request.method == "POST" and form.is_valid():
        try:
            monitoring.save_improvement_action(
                case=case, by=request.user, action=action, **form.cleaned_data
            )
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("The improvement action has been saved."))
            return redirect(_monitoring_url(case, "actions"))
    return render(
        request,
        "partnership/staff/improvement_action_form.html",
        {
            "proposal": case,
            "action": action,
            "form": form,
            "back_url": _monitoring_url(case, "actions"),
        },
    )


@staff_required
@require_POST
def improvement_action_done(request, pk, action_pk):
    case = _writing_case(request, pk)
    action = get_object_or_404(case.improvement_actions.all(), pk=action_pk)
    form = ActionDoneForm(request.POST)
    if form.is_valid():
        try:
            monitoring.complete_improvement_action(
                action=action, done_on=form.cleaned_data["done_on"], by=request.user
            )
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(request, _("The improvement action is marked done."))
    else:
        messages.error(request, " ".join(form.errors["done_on"]))
    return redirect(_monitoring_url(case, "actions"))


@staff_required
@require_http_methods(["GET", "POST"])
def improvement_action_delete(request, pk, action_pk):
    case = _writing_case(request, pk)
    action = get_object_or_404(case.improvement_actions.all(), pk=action_pk)
    if request.method == "POST":
        try:
            monitoring.delete_improvement_action(action=action, by=request.user)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(request, _("The improvement action has been deleted."))
        return redirect(_monitoring_url(case, "actions"))
    return render(
        request,
        "partnership/staff/confirm_delete.html",
        {
            "proposal": case,
            "heading": _("Delete an improvement action"),
            "object_label": action.description,
            "back_url": _monitoring_url(case, "actions"),
        },
    )
