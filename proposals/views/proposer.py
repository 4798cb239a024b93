"""The proposer's pages: the dashboard, new proposals, the case, its files and versions.

Every lookup goes through access.py: a case the user may not see does not exist (404); a case
the user sees but may not act on answers 403. The rules are in services and workflow.
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.decorators import member_required
from cocreation_list.models import Field, Theme
from mishima_kyoso.common.forms import add_refusal, refusal_code
from terms.forms import FIELD as TERMS_FIELD
from terms.services import needs_acceptance

from .. import services
from ..access import proposers_case, visible_case
from ..audit import log_access
from ..checks import check_application_submittable, check_submittable, may_delete, may_edit
from ..files import private_download
from ..forms.proposal import (
    AttachmentForm,
    FreeStartForm,
    ProposalForm,
    StartForm,
    SubmitForm,
    WithdrawForm,
)
from ..models import VERSIONED_FIELDS, AccessLog, Proposal, ProposalTransition
from ..next_steps import NEXT_STEPS, next_step
from ..permissions import is_proposer, works_on
from ..sections import content_sections
from ..selectors import case_goals, organization_proposals
from ..states import stage_label
from ..workflow import (
    OVERTAKEN,
    PROPOSER_STEPS,
    REFUSAL_FIELDS,
    A,
    available_steps,
    submit_step,
    transition,
)

# The terms' refusals of a submission, shown by the boxes (terms.services.check_accepted).
TERMS_REFUSALS = {"terms_not_accepted": TERMS_FIELD, "terms_changed": TERMS_FIELD}


def _refuse(request, case, message):
    messages.error(request, message)
    return redirect(case)


# Dashboard -----------------------------------------------------------------------------------


@member_required
def dashboard(request):
    """/my/: the organisation's cases, newest activity first, with what to do next."""
    user = request.user
    rows = []
    for case in organization_proposals(user).select_related("open_call"):
        step = next_step(case, user)
        rows.append(
            {
                "case": case,
                "stage": stage_label(case.status),
                "next": step,
                "next_label": NEXT_STEPS[step],
            }
        )
    return render(
        request,
        "proposals/dashboard.html",
        {"rows": rows, "organization": user.membership.organization},
    )


# New proposals -------------------------------------------------------------------------------


@member_required
def create_theme(request, number):
    """テーマ提示型: only on a published theme that accepts proposals today."""
    theme = get_object_or_404(Theme.objects.public().select_related("department"), number=number)
    if not theme.is_accepting():
        return _theme_not_accepting(request, theme)
    form = StartForm(request.POST or None, initial=services.contact_defaults(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            case = services.create_theme_proposal(theme=theme, by=request.user, **form.cleaned_data)
        except ValidationError as refusal:
            if refusal_code(refusal) == "theme_closed":  # closed while the form was open
                return _theme_not_accepting(request, theme)
            add_refusal(form, refusal)
        else:
            return _created(request, case)
    return render(request, "proposals/create.html", {"form": form, "theme": theme})


def _theme_not_accepting(request, theme):
    return render(request, "proposals/theme_not_accepting.html", {"theme": theme})


@member_required
def create_free(request):
    """自由提案型: any field, optionally with the department the business has in mind."""
    initial = services.contact_defaults(request.user)
    chosen = Field.objects.filter(code=request.GET.get("field", "")).first()
    if chosen is not None:
        initial["field"] = chosen
    form = FreeStartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        content = dict(form.cleaned_data)
        try:
            case = services.create_free_proposal(
                field=content.pop("field"), by=request.user, **content
            )
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            return _created(request, case)
    return render(request, "proposals/create.html", {"form": form, "theme": None})


def _created(request, case):
    messages.success(
        request,
        _("Your draft has been saved. Fill in the sections you can now, or come back later."),
    )
    return redirect("proposals:edit", case.pk)


# The case ------------------------------------------------------------------------------------


def _timeline(case, attachments) -> list[dict]:
    """Creation, each version, each workflow step and each upload; newest last."""
    events = [{"at": case.created_at, "kind": "created", "actor": case.created_by}]
    events += [
        {
            "at": version.created_at,
            "kind": "version",
            "actor": version.created_by,
            "version": version,
        }
        for version in case.versions.select_related("created_by")
    ]
    events += [
        {
            "at": record.created_at,
            "kind": "transition",
            "actor": record.actor,
            "label": ProposalTransition.Steps(record.step).label,
            # The proposer reads their own reason (a withdrawal's) and the city's public one;
            # the city's internal reason stays on the staff pages (共創指針 原則3, 説明責任).
            "reason": record.reason if record.step in PROPOSER_STEPS else "",
            "public_reason": record.public_reason,
        }
        for record in case.transitions.select_related("actor")
    ]
    events += [
        {"at": file.uploaded_at, "kind": "upload", "actor": file.uploaded_by, "file": file}
        for file in attachments
    ]
    return sorted(events, key=lambda event: event["at"])


# The pages of the proposer's steps (workflow.PROPOSER_STEPS); the city's are on the staff pages.
STEP_URLS = {
    A.SUBMIT: "proposals:submit",
    A.APPLY: "proposals:submit",  # an application is submitted on the same confirmation page
    A.WITHDRAW: "proposals:withdraw",
}


def _detail_context(request, case, *, upload_form=None) -> dict:
    user = request.user
    editable = may_edit(case, user)
    attachments = list(case.attachments.select_related("uploaded_by"))
    if editable and upload_form is None:
        upload_form = AttachmentForm()
    return {
        "proposal": case,
        "sections": content_sections(case.content(), department=case.preferred_department),
        "attachments": attachments,
        "timeline": _timeline(case, attachments),
        "steps": [
            {
                "code": step,
                "label": ProposalTransition.Steps(step).label,
                "url": reverse(STEP_URLS[step], args=[case.pk]),
            }
            for step in available_steps(case, user)
            if step in STEP_URLS  # the city's steps are taken from the staff case page
        ],
        "stage": stage_label(case.status),
        "may_edit": editable,
        "may_delete": may_delete(case, user),
        "upload_form": upload_form if editable else None,
        # Read-only here; the city keeps them on the staff case page.
        "goals": list(case_goals(case)),
        "staff_url": _staff_url(case, user),
    }


def _staff_url(case, user) -> str | None:
    """The city's side reads the case here too; its own page is the staff case page."""
    if case.is_draft or is_proposer(user, case) or not works_on(user, case):
        return None
    return reverse("proposals:staff_case", args=[case.pk])


@login_required
def detail(request, pk):
    """/proposals/<pk>/: the content, the files, the timeline and the steps possible now."""
    case = visible_case(request.user, pk)
    # 共創指針 原則3: a read by the city's side (office, department, evaluator) is logged;
    # the proposer's own reads are not (audit.log_access decides).
    log_access(request.user, case, AccessLog.Kind.CONTENT)
    return render(request, "proposals/detail.html", _detail_context(request, case))


@login_required
def edit(request, pk):
    """Every section; a draft is saved in place, a submitted case gets a new version."""
    case = proposers_case(request.user, pk)
    if not may_edit(case, request.user):
        return _refuse(request, case, _("This proposal can no longer be changed."))
    revising = not case.is_draft
    # The form works on a copy, so the page's heading keeps the saved title while errors show.
    form = ProposalForm(request.POST or None, instance=copy.copy(case), revising=revising)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.update_proposal(
                case=case,
                by=request.user,
                note=form.cleaned_data.get("note", ""),
                **form.content(),
            )
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            if revising:
                messages.success(
                    request,
                    _(
                        "Version %(number)s has been saved. The city sees the change; the earlier "
                        "versions are kept."
                    )
                    % {"number": saved.version},
                )
            else:
                messages.success(request, _("Your draft has been saved."))
            if "to_submit" in request.POST and not revising:
                return redirect("proposals:submit", saved.pk)
            return redirect(saved)
    return render(
        request, "proposals/edit.html", {"proposal": case, "form": form, "revising": revising}
    )


def _problems(refusal: ValidationError) -> dict:
    """Sort a refusal of the submission into the sections to fill in and the other reasons."""
    missing, other, codes = [], [], []
    if hasattr(refusal, "error_dict"):
        for name in refusal.error_dict:
            missing.append(
                {
                    "name": name,
                    "label": Proposal._meta.get_field(name).verbose_name,
                    "anchor": f"id_{name}",
                }
            )
            codes += [error.code for error in refusal.error_dict[name]]
    else:
        other = refusal.messages
        codes = [error.code for error in refusal.error_list]
    return {"missing": missing, "other": other, "codes": codes}


def _check_submittable(case) -> None:
    if case.kind == Proposal.Kind.APPLICATION:
        check_application_submittable(case)
    else:
        check_submittable(case)


@login_required
def submit(request, pk):
    """GET: the whole content and what is missing; POST: the submission itself.

    A proposal is submitted (SUBMIT), an application to an open call applies (APPLY).
    """
    case = proposers_case(request.user, pk)
    step = submit_step(case)
    if step not in available_steps(case, request.user):
        return _refuse(
            request, case, _("This proposal has already been submitted. Nothing has been changed.")
        )
    form = SubmitForm(request.POST or None, initial={"seen_status": case.status}, case=case)
    problems = {"missing": [], "other": [], "codes": []}
    try:
        _check_submittable(case)
    except ValidationError as refusal:
        problems = _problems(refusal)
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
                return _refuse(
                    request,
                    case,
                    _("This proposal has already been submitted. Nothing has been changed."),
                )
            else:
                problems = _problems(refusal)
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
            return redirect(case)
    return render(
        request,
        "proposals/submit.html",
        {
            "proposal": case,
            "form": form,
            "problems": problems,
            "sections": content_sections(case.content(), department=case.preferred_department),
            "attachments": case.attachments.all(),
            # A new version of the terms since the user last accepted them is pointed out.
            "terms_updated": [item for item in needs_acceptance(request.user) if item.version > 1],
        },
    )


@login_required
def withdraw(request, pk):
    """Withdrawal with a reason, recorded in the case's log; possible until the agreement."""
    case = proposers_case(request.user, pk)
    if A.WITHDRAW not in available_steps(case, request.user):
        return _refuse(request, case, _("This proposal cannot be withdrawn in its current status."))
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
                return _refuse(
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
        return _refuse(
            request,
            case,
            _("Only a draft can be deleted; a submitted proposal can be withdrawn instead."),
        )
    if request.method == "POST":
        try:
            services.delete_draft(case=case, by=request.user)
        except ValidationError as refusal:  # submitted by a colleague meanwhile
            return _refuse(request, case, " ".join(refusal.messages))
        messages.success(
            request, _("The draft “%(title)s” has been deleted.") % {"title": case.title}
        )
        return redirect("proposals:dashboard")
    return render(request, "proposals/delete.html", {"proposal": case})


@login_required
def version(request, pk, number):
    """An earlier version, as it was saved, and which sections differ from the one before."""
    case = visible_case(request.user, pk)
    versions = {
        v.number: v
        for v in case.versions.filter(number__in=(number - 1, number)).select_related("created_by")
    }
    if number not in versions:
        raise Http404
    shown, previous = versions[number], versions.get(number - 1)
    log_access(request.user, case, AccessLog.Kind.VERSION, f"v{number}")
    changed = (
        [name for name in VERSIONED_FIELDS if previous.content.get(name) != shown.content.get(name)]
        if previous is not None
        else []
    )
    return render(
        request,
        "proposals/version.html",
        {
            "proposal": case,
            "version": shown,
            "sections": content_sections(shown.content),
            "changed": [Proposal._meta.get_field(name).verbose_name for name in changed],
            "previous": previous,
        },
    )


# Files ---------------------------------------------------------------------------------------


@login_required
def upload(request, pk):
    """A file added to the case (multipart form, no script needed); errors beside the field."""
    case = proposers_case(request.user, pk)
    if request.method != "POST":
        return redirect(reverse("proposals:detail", args=[case.pk]) + "#attachments")
    if not may_edit(case, request.user):
        return _refuse(request, case, _("This proposal can no longer be changed."))
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
            return redirect(reverse("proposals:detail", args=[case.pk]) + "#attachments")
    return render(
        request, "proposals/detail.html", _detail_context(request, case, upload_form=form)
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
    """A draft's file removed, after a confirmation; a submitted case's files stay on record."""
    case = proposers_case(request.user, pk)
    stored = get_object_or_404(case.attachments.all(), pk=file_pk)
    if not may_delete(case, request.user):
        return _refuse(
            request,
            case,
            _("Files of a submitted proposal stay on record; add a corrected file instead."),
        )
    if request.method == "POST":
        try:
            services.remove_attachment(attachment=stored, by=request.user)
        except ValidationError as refusal:  # submitted by a colleague meanwhile
            return _refuse(request, case, " ".join(refusal.messages))
        messages.success(
            request, _("“%(name)s” has been removed.") % {"name": stored.original_name}
        )
        return redirect(reverse("proposals:detail", args=[case.pk]) + "#attachments")
    return render(
        request, "proposals/attachment_delete.html", {"proposal": case, "attachment": stored}
    )
