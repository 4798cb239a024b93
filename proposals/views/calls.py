"""The office's pages of an open call (公募): write it while it is a draft, publish it, read it
with the applications once published.

Cases are looked up through access.staff_case(): a case that is not the user's answers 404;
a call that is not theirs to write, 403.
"""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import staff_required
from mishima_kyoso.common.forms import add_refusal

from .. import calls
from ..access import staff_case
from ..forms.calls import ConfirmForm, OpenCallForm
from ..models import OpenCall, Proposal
from ..selectors import call_applications, case_call


def public_call_url(call: OpenCall | None) -> str:
    """The outcomes app's public page of a published call, if that page exists."""
    if call is None or call.number is None:
        return ""
    try:
        return reverse("outcomes:call", args=[call.number])
    except NoReverseMatch:  # the public pages are not installed
        return ""


def _call_case(request, pk) -> Proposal:
    case = staff_case(request.user, pk)
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
    call = case_call(case)
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
                add_refusal(form, refusal)
            else:
                messages.success(request, _("The open call has been saved as a draft."))
                return redirect(_call_url(case))
    elif request.method == "POST":
        raise PermissionDenied
    applications = list(call_applications(call)) if call is not None and call.is_published else []
    return render(
        request,
        "proposals/staff/call_edit.html",
        {
            "proposal": case,
            "call": call,
            "form": form,
            "public_url": public_call_url(call),
            "applications": applications,
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def call_publish(request, pk):
    """Publish the draft call, after a confirmation: it gets its public number."""
    case = _call_case(request, pk)
    call = case_call(case)
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
            add_refusal(form, refusal)
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
