"""The office's pages of disclosure requests (/staff/disclosure/), and the proposer's answer to
an opinion request. Thin: forms in, services and selectors do the rest."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import office_required
from mishima_kyoso.common.forms import add_refusal
from proposals.selectors import staff_cases

from . import selectors, services
from .forms import AnswerForm, DecisionForm, MarksForm, OpinionRequestForm, RequestForm


@office_required
def request_list(request):
    return render(
        request,
        "disclosure/request_list.html",
        {"requests": selectors.office_requests(request.user)},
    )


@office_required
def request_create(request):
    form = RequestForm(
        request.POST or None,
        cases=staff_cases(request.user),
        initial={"received_on": timezone.localdate()},
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            created = services.record_request(
                by=request.user,
                received_on=data["received_on"],
                requester=data["requester"],
                cases=data["cases"],
                decision_due_on=data["decision_due_on"],
            )
        except ValidationError as refusal:
            add_refusal(form, refusal, fields_by_code={"no_case": "references"})
        else:
            messages.success(request, _("The disclosure request has been recorded."))
            return redirect(created)
    return render(request, "disclosure/request_create.html", {"form": form})


@office_required
def request_detail(request, pk):
    disclosure = selectors.office_request(request.user, pk)
    return _detail(request, disclosure)


def _detail(request, disclosure, *, decision_form=None, opinion_form=None, status=200):
    marks = {}
    for mark in disclosure.marks.all():
        marks.setdefault(mark.case_id, []).append(mark)
    opinions = {opinion.case_id: opinion for opinion in disclosure.opinions.all()}
    cases = [
        {"case": case, "marks": marks.get(case.pk, []), "opinion": opinions.get(case.pk)}
        for case in disclosure.cases.all()
    ]
    return render(
        request,
        "disclosure/request_detail.html",
        {
            "disclosure": disclosure,
            "cases": cases,
            "is_open": disclosure.status in services.OPEN,
            "decision_form": decision_form
            or DecisionForm(initial={"decided_on": timezone.localdate()}),
            "opinion_form": opinion_form or OpinionRequestForm(),
        },
        status=status,
    )


@office_required
def marks_edit(request, pk, case_pk):
    disclosure = selectors.office_request(request.user, pk)
    case = selectors.request_case(disclosure, case_pk)
    attachments = list(case.attachments.all())
    marks = [mark for mark in disclosure.marks.all() if mark.case_id == case.pk]
    form = MarksForm(request.POST or None, case=case, attachments=attachments, marks=marks)
    if form.is_valid():
        sections, files = form.marks()
        try:
            services.set_marks(
                request=disclosure, case=case, by=request.user, sections=sections, files=files
            )
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("The non-disclosable parts have been saved."))
            return redirect(disclosure)
    return render(
        request,
        "disclosure/marks.html",
        {"disclosure": disclosure, "case": case, "form": form},
    )


@office_required
@require_POST
def opinion_request(request, pk, case_pk):
    disclosure = selectors.office_request(request.user, pk)
    case = selectors.request_case(disclosure, case_pk)
    form = OpinionRequestForm(request.POST)
    if form.is_valid():
        try:
            services.request_opinion(
                request=disclosure, case=case, by=request.user, due_on=form.cleaned_data["due_on"]
            )
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("The proposer has been asked for their opinion."))
            return redirect(disclosure)
    return _detail(request, disclosure, opinion_form=form, status=400)


@office_required
@require_POST
def decide(request, pk):
    disclosure = selectors.office_request(request.user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide(request=disclosure, by=request.user, **form.cleaned_data)
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect(disclosure)
    return _detail(request, disclosure, decision_form=form, status=400)


@office_required
@require_POST
def close(request, pk):
    disclosure = selectors.office_request(request.user, pk)
    try:
        services.close(request=disclosure, by=request.user)
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
    else:
        messages.success(request, _("The request has been closed."))
    return redirect(disclosure)


@office_required
def export(request, pk, case_pk, version):
    disclosure = selectors.office_request(request.user, pk)
    case = selectors.request_case(disclosure, case_pk)
    if version not in ("full", "disclosure"):
        raise Http404
    redacted = version == "disclosure"
    content = services.export_case_file(
        request=disclosure, case=case, by=request.user, redacted=redacted
    )
    name = f"{case.reference}_{'disclosure' if redacted else 'full'}.zip"
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def opinion_answer(request, pk):
    """The proposer's side: answer the city's opinion request on their case."""
    opinion = selectors.proposers_opinion(request.user, pk)
    form = AnswerForm(request.POST or None) if not opinion.answer else None
    if form is not None and form.is_valid():
        try:
            services.answer_opinion(opinion=opinion, by=request.user, **form.cleaned_data)
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("Your opinion has been sent to the city."))
            return redirect("disclosure:opinion", pk=opinion.pk)
    return render(request, "disclosure/opinion.html", {"opinion": opinion, "form": form})
