"""The proposer's steps on a case: edit (with its files), check and submit, withdraw, delete."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from mishima_kyoso.common.forms import add_refusal, refusal_code
from mishima_kyoso.common.ids import decode_id
from terms.forms import FIELD as TERMS_FIELD

from ... import services
from ...access import proposers_case
from ...checks import may_delete, may_edit
from ...forms.proposal import AttachmentForm, ProposalForm, SubmitForm, WithdrawForm
from ...models import Proposal, ProposalAttachment
from ...workflow import OVERTAKEN, REFUSAL_FIELDS, A, available_steps, submit_step, transition
from .pages import (
    JUST_SUBMITTED,
    edit_context,
    page_url,
    problems_of,
    refuse,
    submit_context,
    submittable_problems,
)

# The terms' refusals of a submission, shown by the boxes (terms.services.check_accepted).
TERMS_REFUSALS = {"terms_not_accepted": TERMS_FIELD, "terms_changed": TERMS_FIELD}

# The edit form's buttons besides "Save the draft": add the chosen file, remove a file, go on
# to the confirmation page. Each saves the sections first.
ATTACH, REMOVE, TO_SUBMIT = "attach", "remove_file", "to_submit"


class _FileRefused(Exception):
    """The chosen file was refused: the sections saved with it are rolled back."""


@login_required
def edit(request, pk):
    """Every section and the files; a draft is saved in place, a submitted case gets a new
    version. A file chosen here is added with the sections in one go, so nothing typed is lost
    on the way to the upload (no script needed)."""
    case = proposers_case(request.user, pk)
    if not may_edit(case, request.user):
        return refuse(request, case, _("This proposal can no longer be changed."))
    revising = not case.is_draft
    # The form works on a copy, so the page's heading keeps the saved title while errors show.
    form = ProposalForm(request.POST or None, instance=copy.copy(case), revising=revising)
    upload_form = None
    if request.method == "POST":
        attaching = ATTACH in request.POST or bool(request.FILES.get("file"))
        upload_form = AttachmentForm(request.POST, request.FILES) if attaching else None
        removing = _file_to_remove(request, case)
        if form.is_valid() and (upload_form is None or upload_form.is_valid()):
            try:
                saved, stored = _save(request, case, form, upload_form, revising=revising)
            except ValidationError as refusal:
                add_refusal(form, refusal)
            except _FileRefused:
                pass  # the error is beside the file field
            else:
                return _saved(request, saved, stored, revising=revising, removing=removing)
        elif upload_form is not None and upload_form.is_valid():
            # The browser does not keep a chosen file through a page with errors.
            upload_form.add_error(
                "file",
                _(
                    "The file has not been added because of the errors above. Correct them, "
                    "then choose the file again."
                ),
            )
    return render(
        request,
        "proposals/edit.html",
        edit_context(request, case, form=form, upload_form=upload_form),
    )


def _file_to_remove(request, case):
    """The file a "Remove" button of the edit form names, among this draft's files only."""
    token = request.POST.get(REMOVE)
    if not token:
        return None
    try:
        return case.attachments.get(pk=decode_id(token))
    except (ValueError, ProposalAttachment.DoesNotExist) as unknown:
        raise Http404 from unknown


def _save(request, case, form, upload_form, *, revising):
    """Save the sections and add the chosen file together: a refusal of either keeps neither
    (STYLE §6). An unchanged revision with a file only adds the file (no empty version)."""
    stored = None
    with transaction.atomic():
        saved = case
        changed = any(getattr(case, name) != value for name, value in form.content().items())
        if not revising or changed or upload_form is None:
            saved = services.update_proposal(
                case=case,
                by=request.user,
                note=form.cleaned_data.get("note", ""),
                **form.content(),
            )
        if upload_form is not None:
            try:
                stored = services.add_attachment(
                    case=saved, by=request.user, uploaded=upload_form.cleaned_data["file"]
                )
            except ValidationError as refusal:
                upload_form.add_error("file", refusal)
                raise _FileRefused from refusal
            except Proposal.DoesNotExist as deleted:  # a colleague deleted the draft meanwhile
                raise Http404 from deleted
        return saved, stored


def _saved(request, saved, stored, *, revising, removing):
    if revising and stored is None:
        messages.success(
            request,
            _(
                "Version %(number)s has been saved. The city sees the change; the earlier "
                "versions are kept."
            )
            % {"number": saved.version},
        )
    elif not revising:
        messages.success(request, _("Your draft has been saved."))
    if stored is not None:
        messages.success(request, _("“%(name)s” has been added.") % {"name": stored.original_name})
    if removing is not None:
        # The removal is confirmed on its own page, which comes back here.
        return redirect(
            reverse("proposals:attachment_delete", args=[saved.pk, removing.pk])
            + "?"
            + urlencode({"next": reverse("proposals:edit", args=[saved.pk])})
        )
    if TO_SUBMIT in request.POST and not revising:
        return redirect("proposals:submit", saved.pk)
    if ATTACH in request.POST:
        return redirect(page_url(saved, "edit"))
    return redirect(saved)


@login_required
def submit(request, pk):
    """GET: the whole content, the files and what is missing; POST: the submission itself.

    A proposal is submitted (SUBMIT), an application to an open call applies (APPLY). Files
    are added and removed here too (files.py, coming back to this page).
    """
    case = proposers_case(request.user, pk)
    step = submit_step(case)
    if step not in available_steps(case, request.user):
        return refuse(
            request, case, _("This proposal has already been submitted. Nothing has been changed.")
        )
    form = SubmitForm(request.POST or None, initial={"seen_status": case.status}, case=case)
    problems = submittable_problems(case)
    if request.method == "POST" and form.is_valid():
        try:
            case = transition(
                case,
                step,
                by=request.user,
                seen_status=form.cleaned_data["seen_status"],
                accepted=form.accepted(),
            )
        except ValidationError as refusal:
            if refusal_code(refusal) in TERMS_REFUSALS:  # a version published meanwhile
                add_refusal(form, refusal, fields_by_code=TERMS_REFUSALS)
            elif refusal_code(refusal) in OVERTAKEN:
                return refuse(
                    request,
                    case,
                    _("This proposal has already been submitted. Nothing has been changed."),
                )
            else:
                problems = problems_of(refusal)
        else:
            if step == A.APPLY:
                message = _(
                    "Your application has been submitted. Reference number: %(reference)s. A "
                    "receipt has been sent by e-mail."
                )
            else:
                message = _(
                    "Your proposal has been submitted. Reference number: %(reference)s. A receipt "
                    "has been sent by e-mail."
                )
            messages.success(request, message % {"reference": case.reference})
            # The case page shows the completion (完了) once: the reference, what happens next.
            request.session[JUST_SUBMITTED] = [
                *request.session.get(JUST_SUBMITTED, [])[-9:],
                case.pk,
            ]
            return redirect(case)
    return render(
        request,
        "proposals/submit.html",
        submit_context(request, case, form=form, problems=problems),
    )


@login_required
def withdraw(request, pk):
    """Withdrawal with a reason, recorded in the case's log; possible until the agreement."""
    case = proposers_case(request.user, pk)
    if A.WITHDRAW not in available_steps(case, request.user):
        return refuse(request, case, _("This proposal cannot be withdrawn in its current status."))
    form = WithdrawForm(request.POST or None, initial={"seen_status": case.status})
    if request.method == "POST" and form.is_valid():
        try:
            case = transition(
                case,
                A.WITHDRAW,
                by=request.user,
                seen_status=form.cleaned_data["seen_status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as refusal:
            if refusal_code(refusal) in OVERTAKEN:
                return refuse(
                    request, case, _("This proposal has just changed. Nothing has been withdrawn.")
                )
            add_refusal(form, refusal, fields_by_code=REFUSAL_FIELDS)
        else:
            messages.success(request, _("Your proposal has been withdrawn."))
            return redirect(case)
    return render(request, "proposals/withdraw.html", {"proposal": case, "form": form})


@login_required
def delete(request, pk):
    """A draft is deleted with its files, after a confirmation."""
    case = proposers_case(request.user, pk)
    if not may_delete(case, request.user):
        return refuse(
            request,
            case,
            _("Only a draft can be deleted; a submitted proposal can be withdrawn instead."),
        )
    if request.method == "POST":
        try:
            services.delete_draft(case=case, by=request.user)
        except ValidationError as refusal:  # submitted by a colleague meanwhile
            return refuse(request, case, " ".join(refusal.messages))
        messages.success(
            request, _("The draft “%(title)s” has been deleted.") % {"title": case.title}
        )
        return redirect("proposals:dashboard")
    return render(request, "proposals/delete.html", {"proposal": case})
