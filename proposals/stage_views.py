"""Pages of stage 3 before the selection: the open call (the office) and the applications to
it (businesses).

Staff pages look cases up through staff_views._case (selectors.staff_case_pages): a case that
is not the user's answers 404, a page or a write that is not theirs 403.
"""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import calls, services
from .checks import check_may_apply
from .decorators import staff_required
from .models import OpenCall, Proposal
from .selectors import published_calls
from .staff_views import _case as _staff_case
from .stage_forms import ApplicationStartForm, ConfirmForm, OpenCallForm
from .views import member_required


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
        published_calls().select_related("proposal"),
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
