"""The office's disposal pages (/staff/retention/), and a proposer's own export and account
closing (/my/export/, /my/close/)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import member_required, office_required
from accounts.services import close_account
from mishima_kyoso.common.forms import add_refusal

from . import exports, services
from .forms import CloseAccountForm


@office_required
def candidates(request):
    return render(
        request,
        "retention/candidates.html",
        {
            "candidates": services.pending_candidates(),
            "records": services.disposal_records()[:50],
        },
    )


@office_required
@require_POST
def approve(request, pk):
    candidate = get_object_or_404(services.pending_candidates(), pk=pk)
    try:
        services.approve_disposal(candidate=candidate, by=request.user)
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
    else:
        messages.success(request, _("The record has been disposed of."))
    return redirect("retention:candidates")


@member_required
def export_page(request):
    return render(
        request,
        "retention/export.html",
        {"case_count": exports.exported_cases(request.user).count()},
    )


@member_required
@require_POST
def export_download(request):
    content = exports.organization_export(request.user)
    name = f"kyoso_export_{timezone.localdate():%Y%m%d}.zip"
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def close(request):
    form = CloseAccountForm(request.POST or None)
    if form.is_valid():
        try:
            close_account(user=request.user, password=form.cleaned_data["password"])
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            logout(request)
            messages.success(request, _("Your account has been closed."))
            return redirect("home")
    return render(request, "retention/close.html", {"form": form})
