"""The proposer's dashboard, new proposals, the case page and its earlier versions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.decorators import member_required
from cocreation_list.models import Field, Theme
from mishima_kyoso.common.forms import add_refusal, refusal_code
from mishima_kyoso.common.pagination import ListPaginator

from ... import services
from ...access import visible_case
from ...audit import log_access
from ...checks import PROPOSAL_REQUIRED
from ...forms.proposal import FreeStartForm, StartForm
from ...models import VERSIONED_FIELDS, AccessLog, Proposal
from ...sections import content_sections
from ...selectors import listed, load_texts, organization_proposals
from ...states import stage_label
from .pages import case_action, detail_context

# Dashboard -----------------------------------------------------------------------------------


CASES_PER_PAGE = 50


@member_required
def dashboard(request):
    """/my/: the organisation's cases, newest activity first, each with its one next action;
    a page at a time (an organisation may have thousands)."""
    user = request.user
    cases = listed(
        organization_proposals(user), related=("organization", "theme", "field", "open_call")
    )
    page = ListPaginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    load_texts(page.object_list, PROPOSAL_REQUIRED)
    rows = []
    for case in page.object_list:
        action = case_action(case, user)  # reads the selector's has_unread annotation
        rows.append(
            {
                "case": case,
                "stage": stage_label(case.status),
                "next": action["code"],
                "next_label": action["label"],
            }
        )
    return render(
        request,
        "proposals/dashboard.html",
        {"rows": rows, "page_obj": page, "organization": user.membership.organization},
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


@login_required
def detail(request, pk):
    """/proposals/<pk>/: where the case is and what comes next, the content, the files, the
    timeline and the steps possible now; right after the submission, the completion (完了)."""
    # The organisation's own case comes with its unread marker (the next action reads it).
    case = _own_case(request.user, pk) or visible_case(request.user, pk)
    # 共創指針 原則3: a read by the city's side (office, department, evaluator) is logged;
    # the proposer's own reads are not (audit.log_access decides).
    log_access(request.user, case, AccessLog.Kind.CONTENT)
    return render(request, "proposals/detail.html", detail_context(request, case))


def _own_case(user, pk):
    return (
        organization_proposals(user)
        .select_related("created_by", "preferred_department", "open_call")
        .filter(pk=pk)
        .first()
    )


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
