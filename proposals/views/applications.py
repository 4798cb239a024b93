"""A business applies to a published open call (公募への応募): the application starts as a
draft of its organisation, written and submitted on the proposer's pages (views/proposer.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import member_required
from mishima_kyoso.common.forms import add_refusal

from .. import services
from ..checks import check_may_apply
from ..forms.proposal import ApplicationStartForm
from ..selectors import published_calls
from .calls import public_call_url


@member_required
@require_http_methods(["GET", "POST"])
def create_application(request, number):
    """/calls/<number>/apply/: start an application, as a draft of the organisation."""
    call = get_object_or_404(published_calls().select_related("proposal"), number=number)
    organization = request.user.membership.organization
    try:
        check_may_apply(call=call, organization=organization)
    except ValidationError as refusal:
        return render(
            request,
            "proposals/application_refused.html",
            {"call": call, "refusal": refusal, "public_url": public_call_url(call)},
        )
    form = ApplicationStartForm(
        request.POST or None, initial=services.contact_defaults(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = services.create_application(call=call, by=request.user, **form.cleaned_data)
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(
                request,
                _("Your draft application has been saved. Fill in every section, then submit."),
            )
            return redirect("proposals:edit", case.pk)
    return render(
        request,
        "proposals/create_application.html",
        {"call": call, "form": form, "public_url": public_call_url(call)},
    )
