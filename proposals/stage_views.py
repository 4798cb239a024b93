"""Pages of stages 3 and 4: the open call, applications, the agreement and monitoring.

Staff pages look cases up through staff_views._case (selectors.staff_case_pages): a case that
is not the user's answers 404, a page or a write that is not theirs 403. The proposer's pages
look cases up through visible_proposals(), and answer 404 to anyone but the proposer and the
city's side of the case (an applicant never reaches the adopted case: no grant on it).
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import agreements, calls, monitoring, services
from .decorators import staff_required
from .files import private_download
from .forms import AttachmentForm
from .models import AccessLog, OpenCall, Proposal
from .permissions import is_proposer, works_on
from .selectors import visible_proposals
from .staff_views import _case as _staff_case
from .stage_forms import (
    ActionDoneForm,
    AgreementForm,
    ApplicationStartForm,
    ConfirmForm,
    ImprovementActionForm,
    OpenCallForm,
    ReportEditor,
    RoleRiskItemForm,
    SignForm,
)
from .views import member_required
from .workflow import CLOSED, A, available_actions, check_may_apply


def _add_refusal(form, refusal: ValidationError) -> None:
    if hasattr(refusal, "error_dict"):
        for name, errors in refusal.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, refusal)


def _public_call_url(call: OpenCall | None) -> str:
    """The outcomes app's public page of a published call, if that page exists."""
    if call is None or call.number is None:
        return ""
    try:
        return reverse("outcomes:call", args=[call.number])
    except Exception:  # the public pages are not installed
        return ""


# Open call (公募) — office ---------------------------------------------------------------------


def _call_case(request, pk) -> Proposal:
    case = _staff_case(request, pk)
    if not calls.may_write_call(case, request.user):
        raise PermissionDenied
    return case


def _call_url(case) -> str:
    return reverse("proposals:call_edit", args=[case.pk])


@staff_required
@require_http_methods(["GET", "POST"])
def call_edit(request, pk):
    """/staff/cases/<pk>/call/: write the call while it is a draft; read it once published."""
    case = _call_case(request, pk)
    call = calls.call_of(case)
    editable = call is None or not call.is_published
    form = None
    if editable:
        form = OpenCallForm(
            request.POST if request.method == "POST" else None,
            instance=copy.copy(call) if call is not None else None,
        )
        if request.method == "POST" and form.is_valid():
            try:
                call = calls.save_call(case=case, by=request.user, **form.cleaned_data)
            except ValidationError as refusal:
                _add_refusal(form, refusal)
            else:
                messages.success(request, _("The open call has been saved as a draft."))
                return redirect(_call_url(case))
    elif request.method == "POST":
        raise PermissionDenied
    applications = (
        list(
            call.applications.exclude(status=Proposal.Status.DRAFT)
            .select_related("organization")
            .order_by("submitted_at", "pk")
        )
        if call is not None and call.is_published
        else []
    )
    return render(
        request,
        "proposals/staff/call_edit.html",
        {
            "proposal": case,
            "call": call,
            "form": form,
            "public_url": _public_call_url(call),
            "applications": applications,
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def call_publish(request, pk):
    """Publish the draft call, after a confirmation: it gets its public number."""
    case = _call_case(request, pk)
    call = calls.call_of(case)
    if call is None:
        raise Http404
    if call.is_published:
        messages.info(request, _("This open call has already been published."))
        return redirect(_call_url(case))
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = calls.publish_call(call=call, by=request.user)
        except ValidationError as refusal:
            _add_refusal(form, refusal)
        else:
            messages.success(
                request,
                _("The open call has been published as No. %(number)s.") % {"number": call.number},
            )
            return redirect(_call_url(case))
    return render(
        request,
        "proposals/staff/call_publish.html",
        {"proposal": case, "call": call, "form": form},
    )


# Applications (公募への応募) — business -----------------------------------------------------


def _published_call(number) -> OpenCall:
    return get_object_or_404(
        OpenCall.objects.filter(status=OpenCall.Status.PUBLISHED).select_related("proposal"),
        number=number,
    )


@member_required
@require_http_methods(["GET", "POST"])
def create_application(request, number):
    """/calls/<number>/apply/: start an application, as a draft of the organisation."""
    call = _published_call(number)
    organization = request.user.membership.organization
    try:
        check_may_apply(call=call, organization=organization)
    except ValidationError as refusal:
        return render(
            request,
            "proposals/application_refused.html",
            {"call": call, "refusal": refusal, "public_url": _public_call_url(call)},
        )
    form = ApplicationStartForm(
        request.POST or None, initial=services.contact_defaults(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = services.create_application(call=call, by=request.user, **form.cleaned_data)
        except ValidationError as refusal:
            _add_refusal(form, refusal)
        else:
            messages.success(
                request,
                _("Your draft application has been saved. Fill in every section, then submit."),
            )
            return redirect("proposals:edit", case.pk)
    return render(
        request,
        "proposals/create_application.html",
        {"call": call, "form": form, "public_url": _public_call_url(call)},
    )


# Agreement (協定) ---------------------------------------------------------------------------


def _agreement_case(request, pk) -> Proposal:
    case = _staff_case(request, pk)
    if not agreements.has_agreement_page(case):
        raise Http404
    return case


def _agreement_url(case, anchor="") -> str:
    return reverse("proposals:staff_agreement", args=[case.pk]) + (f"#{anchor}" if anchor else "")


def _agreement_context(request, case, **forms) -> dict:
    user = request.user
    agreement = agreements.agreement_of(case)
    may_draft = agreements.may_draft(case, agreement, user)
    may_add = agreements.may_add_documents(case, agreement, user)
    context = {
        "proposal": case,
        "agreement": agreement,
        "items": list(agreement.items.all()) if agreement else [],
        "documents": list(agreement.documents.select_related("uploaded_by")) if agreement else [],
        "awaits_selection": agreements.awaits_selection(case),
        "may_draft": may_draft,
        "may_add_documents": may_add,
        "staff": True,
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
        agreement = agreements.agreement_of(case)
        if not agreements.may_draft(case, agreement, request.user):
            raise PermissionDenied
        form = AgreementForm(request.POST, instance=copy.copy(agreement))
        if form.is_valid():
            try:
                agreements.save_agreement(case=case, by=request.user, **form.cleaned_data)
            except ValidationError as refusal:
                _add_refusal(form, refusal)
            else:
                messages.success(request, _("The agreement has been saved."))
                return redirect(_agreement_url(case))
        return render(
            request,
            "proposals/staff/agreement.html",
            _agreement_context(request, case, agreement_form=form),
        )
    return render(request, "proposals/staff/agreement.html", _agreement_context(request, case))


def _drafting_case(request, pk):
    case = _agreement_case(request, pk)
    agreement = agreements.agreement_of(case)
    if agreement is None or not agreements.may_draft(case, agreement, request.user):
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
            _add_refusal(form, refusal)
        else:
            messages.success(request, _("The role and risk table has been updated."))
            return redirect(_agreement_url(case, "role-risk"))
    return render(
        request,
        "proposals/staff/agreement_item_form.html",
        {"proposal": case, "item": item, "form": form, "back_url": _agreement_url(case)},
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
        return redirect(_agreement_url(case, "role-risk"))
    return render(
        request,
        "proposals/staff/confirm_delete.html",
        {
            "proposal": case,
            "heading": _("Delete a row of the role and risk table"),
            "object_label": item.item,
            "back_url": _agreement_url(case, "role-risk"),
        },
    )


@staff_required
@require_POST
def agreement_document_upload(request, pk):
    case = _agreement_case(request, pk)
    agreement = agreements.agreement_of(case)
    if not agreements.may_add_documents(case, agreement, request.user):
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
            return redirect(_agreement_url(case, "documents"))
    return render(
        request,
        "proposals/staff/agreement.html",
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
            field = "signed_on" if getattr(refusal, "code", "").startswith("signed_on") else None
            if hasattr(refusal, "error_dict"):
                _add_refusal(form, refusal)
            else:
                form.add_error(field, refusal)
        else:
            messages.success(
                request,
                _("The signing has been recorded. The case is now “%(status)s”.")
                % {"status": case.get_status_display()},
            )
            return redirect(_agreement_url(case))
    return render(
        request,
        "proposals/staff/agreement.html",
        _agreement_context(request, case, sign_form=form),
    )


def _readable_case(request, pk, may_read) -> Proposal:
    """A case of the proposer's pages: seen, and the proposer's or the city side's."""
    case = get_object_or_404(visible_proposals(request.user), pk=pk)
    if not may_read(case, request.user):
        raise Http404
    return case


@login_required
@require_GET
def agreement(request, pk):
    """/proposals/<pk>/agreement/: the proposer reads the term, the table and the documents."""
    case = _readable_case(request, pk, agreements.may_read)
    if not agreements.has_agreement_page(case):
        raise Http404
    found = agreements.agreement_of(case)
    return render(
        request,
        "proposals/agreement.html",
        {
            "proposal": case,
            "agreement": found,
            "items": list(found.items.all()) if found else [],
            "documents": list(found.documents.all()) if found else [],
            "staff_url": (
                _agreement_url(case)
                if works_on(request.user, case) and not is_proposer(request.user, case)
                else None
            ),
        },
    )


@login_required
@require_GET
def agreement_document(request, pk, document_pk):
    """A document of the agreement through the permission check; every download is logged."""
    case = _readable_case(request, pk, agreements.may_read)
    found = agreements.agreement_of(case)
    if found is None:
        raise Http404
    document = get_object_or_404(found.documents.all(), pk=document_pk)
    return private_download(request, case, document, kind=AccessLog.Kind.FILE)


# Monitoring (モニタリング) --------------------------------------------------------------------


def _monitoring_case(request, pk) -> Proposal:
    case = _staff_case(request, pk)
    if not monitoring.has_monitoring_page(case):
        raise Http404
    return case


def _writing_case(request, pk) -> Proposal:
    case = _monitoring_case(request, pk)
    if not monitoring.may_monitor(case, request.user):
        raise PermissionDenied
    return case


def _monitoring_url(case, anchor="") -> str:
    return reverse("proposals:staff_monitoring", args=[case.pk]) + (f"#{anchor}" if anchor else "")


def _reports(case, *, shared_only=False):
    reports = case.monitoring_reports.select_related("created_by").prefetch_related(
        "results__indicator"
    )
    return list(reports.filter(is_shared=True) if shared_only else reports)


def _actions(case):
    return list(case.improvement_actions.select_related("report"))


@staff_required
@require_GET
def staff_monitoring(request, pk):
    """/staff/cases/<pk>/monitoring/: reports, improvement actions, liaison meetings."""
    case = _monitoring_case(request, pk)
    may_write = monitoring.may_monitor(case, request.user)
    return render(
        request,
        "proposals/staff/monitoring.html",
        {
            "proposal": case,
            "reports": _reports(case),
            "actions": _actions(case),
            "may_write": may_write,
            "is_closed": case.status in CLOSED,
            "done_form": ActionDoneForm() if may_write else None,
            "complete_url": (
                reverse("proposals:staff_action", args=[case.pk, A.COMPLETE])
                if A.COMPLETE in available_actions(case, request.user)
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
    indicators = list(monitoring.case_indicators(case))
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
        "proposals/staff/monitoring_report_form.html",
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
        "proposals/staff/confirm_delete.html",
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
            _add_refusal(form, refusal)
        else:
            messages.success(request, _("The improvement action has been saved."))
            return redirect(_monitoring_url(case, "actions"))
    return render(
        request,
        "proposals/staff/improvement_action_form.html",
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
        "proposals/staff/confirm_delete.html",
        {
            "proposal": case,
            "heading": _("Delete an improvement action"),
            "object_label": action.description,
            "back_url": _monitoring_url(case, "actions"),
        },
    )


@login_required
@require_GET
def monitoring_page(request, pk):
    """/proposals/<pk>/monitoring/: the shared reports and the improvement actions."""
    case = _readable_case(request, pk, monitoring.may_read)
    if not monitoring.has_monitoring_page(case):
        raise Http404
    return render(
        request,
        "proposals/monitoring.html",
        {
            "proposal": case,
            # The proposer reads the reports the city shares with them; the city reads all.
            "reports": _reports(case, shared_only=is_proposer(request.user, case)),
            "actions": _actions(case),
        },
    )
