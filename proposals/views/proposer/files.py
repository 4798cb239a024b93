"""A case's files: added and removed from the case page or the confirmation page (the edit
page adds them with its own form, steps.edit), downloaded through the permission check.

A file form comes back to the page it was sent from (`next`, checked by pages.back_page):
a refusal is shown there beside the file field, a success redirects there.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ... import services
from ...access import proposers_case, visible_case
from ...checks import may_delete, may_edit
from ...files import private_download
from ...forms.proposal import AttachmentForm, ProposalForm, SubmitForm
from ...models import AccessLog, Proposal
from ...workflow import available_steps, submit_step
from .pages import (
    back_page,
    detail_context,
    edit_context,
    page_url,
    refuse,
    submit_context,
    submittable_problems,
)


@login_required
def upload(request, pk):
    """A file added to the case (multipart form, no script needed); errors beside the field,
    on the page the form was sent from."""
    case = proposers_case(request.user, pk)
    page = back_page(request, case)
    if request.method != "POST":
        return redirect(page_url(case, page))
    if not may_edit(case, request.user):
        return refuse(request, case, _("This proposal can no longer be changed."))
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            stored = services.add_attachment(
                case=case, by=request.user, uploaded=form.cleaned_data["file"]
            )
        except ValidationError as refusal:
            form.add_error("file", refusal)
        except Proposal.DoesNotExist as deleted:  # a colleague deleted the draft meanwhile
            raise Http404 from deleted
        else:
            messages.success(
                request, _("“%(name)s” has been added.") % {"name": stored.original_name}
            )
            return redirect(page_url(case, page))
    return _refused_on(request, case, page, form)


def _refused_on(request, case, page, upload_form):
    """The page the file came from again, with the refusal beside its file field."""
    if page == "submit" and submit_step(case) in available_steps(case, request.user):
        form = SubmitForm(initial={"seen_status": case.status}, case=case)
        context = submit_context(
            request,
            case,
            form=form,
            problems=submittable_problems(case),
            upload_form=upload_form,
        )
        return render(request, "proposals/submit.html", context)
    if page == "edit":
        form = ProposalForm(instance=case, revising=not case.is_draft)
        context = edit_context(request, case, form=form, upload_form=upload_form)
        return render(request, "proposals/edit.html", context)
    return render(
        request, "proposals/detail.html", detail_context(request, case, upload_form=upload_form)
    )


@login_required
def attachment(request, pk, file_pk):
    """Download through the permission check; the Japanese name goes out per RFC 5987."""
    case = visible_case(request.user, pk)
    stored = get_object_or_404(case.attachments.all(), pk=file_pk)
    # Every download is logged, the proposer's own included.
    return private_download(request, case, stored, kind=AccessLog.Kind.FILE)


@login_required
def attachment_delete(request, pk, file_pk):
    """A draft's file removed, after a confirmation; a submitted case's files stay on record.
    The confirmation comes back to the page it was opened from (`next`)."""
    case = proposers_case(request.user, pk)
    stored = get_object_or_404(case.attachments.all(), pk=file_pk)
    if not may_delete(case, request.user):
        return refuse(
            request,
            case,
            _("Files of a submitted proposal stay on record; add a corrected file instead."),
        )
    page = back_page(request, case)
    if request.method == "POST":
        try:
            services.remove_attachment(attachment=stored, by=request.user)
        except ValidationError as refusal:  # submitted by a colleague meanwhile
            return refuse(request, case, " ".join(refusal.messages))
        messages.success(
            request, _("“%(name)s” has been removed.") % {"name": stored.original_name}
        )
        return redirect(page_url(case, page))
    return render(
        request,
        "proposals/attachment_remove.html",
        {
            "proposal": case,
            "attachment": stored,
            "back_url": page_url(case, page),
            "next": page_url(case, page, anchor=""),
        },
    )
