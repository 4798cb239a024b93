"""What the proposer's pages share: the context of the case page, the edit page and the
confirmation page (a file form on any of them comes back to it), the page a file form came
from, and the case's next action and four-stage tracker."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from mishima_kyoso.common.ids import encode_id
from terms.services import needs_acceptance

from ...checks import check_application_submittable, check_submittable, may_delete, may_edit
from ...forms.proposal import AttachmentForm
from ...models import Proposal, ProposalTransition
from ...next_steps import NEXT_STEPS, case_tracker, next_action
from ...permissions import is_proposer, works_on
from ...sections import content_sections
from ...selectors import case_goals
from ...states import stage_label
from ...workflow import PROPOSER_STEPS, A, available_steps

# The pages of the proposer's steps (workflow.PROPOSER_STEPS); the city's are on the staff pages.
STEP_URLS = {
    A.SUBMIT: "proposals:submit",
    A.APPLY: "proposals:submit",  # an application is submitted on the same confirmation page
    A.WITHDRAW: "proposals:withdraw",
}

# The pages of a case a file form may come back to (`next`): the case page, the edit page and
# the confirmation page. Anything else, another case's page or another site, is ignored.
BACK_PAGES = {
    "proposals:detail": "detail",
    "proposals:edit": "edit",
    "proposals:submit": "submit",
}

# The session key of the cases just submitted in this session: their page shows the
# completion (完了) once, with the reference number and what happens next.
JUST_SUBMITTED = "proposals_just_submitted"


def refuse(request, case, message):
    messages.error(request, message)
    return redirect(case)


def back_page(request, case) -> str:
    """Which page of this case the form came from: "detail", "edit" or "submit".

    `next` (posted, or in the query) is trusted only as a path on this site that resolves to
    one of BACK_PAGES for this very case; the URL sent back is rebuilt with reverse(), so
    nothing the request carries is ever echoed into a redirect.
    """
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if not candidate.startswith("/") or not url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return "detail"
    try:
        match = resolve(candidate.split("?", 1)[0].split("#", 1)[0])
    except Resolver404:
        return "detail"
    if match.view_name not in BACK_PAGES or match.kwargs.get("pk") != case.pk:
        return "detail"
    return BACK_PAGES[match.view_name]


def page_url(case, page: str, anchor: str = "#attachments") -> str:
    return reverse(f"proposals:{page}", args=[case.pk]) + anchor


def file_rows(attachments) -> list[dict]:
    """The files as the edit page lists them: a removal button names a file by its token."""
    return [{"file": file, "token": encode_id(file.pk)} for file in attachments]


def case_action(case, user, *, has_unread=None) -> dict | None:
    """The case's one next action for its proposer (next_steps.next_action); None for others."""
    if not is_proposer(user, case):
        return None
    code = next_action(case, user, has_unread=has_unread)
    return {"code": code, "label": NEXT_STEPS[code]}


def _timeline(case, attachments, transitions) -> list[dict]:
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
        for record in transitions
    ]
    events += [
        {"at": file.uploaded_at, "kind": "upload", "actor": file.uploaded_by, "file": file}
        for file in attachments
    ]
    return sorted(events, key=lambda event: event["at"])


def _staff_url(case, user) -> str | None:
    """The city's side reads the case here too; its own page is the staff case page."""
    if case.is_draft or is_proposer(user, case) or not works_on(user, case):
        return None
    return reverse("proposals:staff_case", args=[case.pk])


def detail_context(request, case, *, upload_form=None) -> dict:
    user = request.user
    editable = may_edit(case, user)
    attachments = list(case.attachments.select_related("uploaded_by"))
    transitions = list(case.transitions.select_related("actor"))
    if editable and upload_form is None:
        upload_form = AttachmentForm()
    just_submitted = request.session.get(JUST_SUBMITTED, [])
    completed = case.pk in just_submitted and not case.is_draft
    if case.pk in just_submitted:  # shown once, as a message is
        request.session[JUST_SUBMITTED] = [pk for pk in just_submitted if pk != case.pk]
    return {
        "proposal": case,
        "sections": content_sections(case.content(), department=case.preferred_department),
        "attachments": attachments,
        "timeline": _timeline(case, attachments, transitions),
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
        "tracker": case_tracker(case, ended_from=transitions[-1].source if transitions else None),
        # The case as cases.detail opens it carries the unread marker; a page shown after a
        # refused upload does not, and shows the workflow's next action.
        "action": case_action(case, user),
        "just_submitted": completed,
        "may_edit": editable,
        "may_delete": may_delete(case, user),
        "upload_form": upload_form if editable else None,
        # Read-only here; the city keeps them on the staff case page.
        "goals": list(case_goals(case)),
        "staff_url": _staff_url(case, user),
    }


def edit_context(request, case, *, form, upload_form=None) -> dict:
    return {
        "proposal": case,
        "form": form,
        "revising": not case.is_draft,
        "files": file_rows(case.attachments.all()),
        "upload_form": upload_form or AttachmentForm(),
        "may_remove_files": may_delete(case, request.user),
    }


def problems_of(refusal) -> dict:
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


def submittable_problems(case) -> dict:
    """What keeps the case from being submitted now (nothing: empty lists)."""
    try:
        if case.kind == Proposal.Kind.APPLICATION:
            check_application_submittable(case)
        else:
            check_submittable(case)
    except ValidationError as refusal:
        return problems_of(refusal)
    return {"missing": [], "other": [], "codes": []}


def submit_context(request, case, *, form, problems, upload_form=None) -> dict:
    return {
        "proposal": case,
        "form": form,
        "problems": problems,
        "sections": content_sections(case.content(), department=case.preferred_department),
        "attachments": case.attachments.all(),
        "upload_form": upload_form or AttachmentForm(),
        "may_remove_files": may_delete(case, request.user),
        # A new version of the terms since the user last accepted them is pointed out.
        "terms_updated": [item for item in needs_acceptance(request.user) if item.version > 1],
    }
