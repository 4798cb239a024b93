"""The living agreement's pages: changes (amendments, renewals, extensions) with their
signing by both sides, and the incentive rules with their evaluation.

Both agreement pages (the city's and the proposer's) read living_context(): the current terms
(changes.current_terms) and the rules as the monitoring answers them. The office records and
signs changes for the city and states the rules on /staff/cases/<pk>/agreement/…; a member of
the business signs a change on /proposals/<pk>/agreement/changes/<id>/sign/.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import staff_required
from mishima_kyoso.common.forms import add_refusal
from proposals.access import proposers_case, staff_case
from proposals.states import has_agreement_page

from .. import changes, incentives, permissions, selectors
from ..forms import AgreementChangeForm, BusinessSigningForm, ChangeSigningForm, IncentiveRuleForm


def living_context(case, agreement, user, *, shared_only: bool) -> dict:
    """The current terms, every change, and the rules with their outcome (three queries)."""
    if agreement is None:
        return {"terms": None, "changes": [], "evaluations": []}
    terms = changes.current_terms(agreement)
    return {
        "terms": terms,
        "changes": terms.changes,
        "evaluations": incentives.evaluate_incentives(agreement, shared_only=shared_only),
        "may_record_changes": permissions.may_record_changes(case, agreement, user),
        "may_set_incentives": permissions.may_set_incentives(case, agreement, user),
        "may_sign_changes": permissions.may_sign_changes(case, user),
    }


def _agreement_url(case, anchor) -> str:
    return reverse("partnership:staff_agreement", args=[case.pk]) + f"#{anchor}"


def _staff_agreement(request, pk, may):
    """The case and its agreement, for an office page that `may` allow."""
    case = staff_case(request.user, pk)
    if not has_agreement_page(case):
        raise Http404
    agreement = selectors.agreement_of(case)
    if not may(case, agreement, request.user):
        raise PermissionDenied
    return case, agreement


# Changes (変更・更新・延長) ----------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def change_create(request, pk):
    """The office records a change of the signed agreement."""
    case, agreement = _staff_agreement(request, pk, permissions.may_record_changes)
    form = AgreementChangeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            changes.record_agreement_change(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(
                request,
                _("The change has been recorded. It applies once both sides have signed it."),
            )
            return redirect(_agreement_url(case, "changes"))
    return render(
        request,
        "partnership/staff/change_form.html",
        {
            "proposal": case,
            "agreement": agreement,
            "terms": changes.current_terms(agreement),
            "form": form,
            "back_url": _agreement_url(case, "changes"),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def change_sign(request, pk, change_pk):
    """The office records the city's signing of a change, with the signed document."""
    case, agreement = _staff_agreement(request, pk, permissions.may_record_changes)
    change = get_object_or_404(selectors.agreement_changes(agreement), pk=change_pk)
    if change.city_signed_at is not None:
        raise PermissionDenied
    form = ChangeSigningForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            changes.sign_change_for_city(
                change=change, by=request.user, uploaded=form.cleaned_data["file"]
            )
        except ValidationError as refusal:
            add_refusal(form, refusal, fields_by_code={"ends_on_not_later": None})
        else:
            messages.success(request, _("The city's signing has been recorded."))
            return redirect(_agreement_url(case, "changes"))
    return render(
        request,
        "partnership/change_sign.html",
        {
            "proposal": case,
            "change": change,
            "form": form,
            "multipart": True,
            "staff": True,
            "back_url": _agreement_url(case, "changes"),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def change_withdraw(request, pk, change_pk):
    case, agreement = _staff_agreement(request, pk, permissions.may_record_changes)
    change = get_object_or_404(selectors.agreement_changes(agreement), pk=change_pk)
    if request.method == "POST":
        try:
            changes.withdraw_agreement_change(change=change, by=request.user)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(request, _("The change has been withdrawn."))
        return redirect(_agreement_url(case, "changes"))
    return render(
        request,
        "partnership/staff/confirm_delete.html",
        {
            "proposal": case,
            "heading": _("Withdraw a change of the agreement"),
            "object_label": str(change),
            "back_url": _agreement_url(case, "changes"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def business_change_sign(request, pk, change_pk):
    """A member of the business reads a change and signs it for the business."""
    case = proposers_case(request.user, pk)
    if not has_agreement_page(case) or not permissions.may_sign_changes(case, request.user):
        raise PermissionDenied
    agreement = selectors.agreement_of(case)
    if agreement is None:
        raise Http404
    change = get_object_or_404(selectors.agreement_changes(agreement), pk=change_pk)
    if change.business_signed_at is not None:
        raise PermissionDenied
    back_url = reverse("partnership:agreement", args=[case.pk]) + "#changes"
    form = BusinessSigningForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            changes.sign_change_for_business(change=change, by=request.user)
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("Your signing of the change has been recorded."))
            return redirect(back_url)
    return render(
        request,
        "partnership/change_sign.html",
        {"proposal": case, "change": change, "form": form, "back_url": back_url},
    )


# Incentive rules (インセンティブ) -----------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def incentive_create(request, pk):
    """The office states an incentive rule on one of the case's indicators."""
    case, agreement = _staff_agreement(request, pk, permissions.may_set_incentives)
    form = IncentiveRuleForm(
        request.POST if request.method == "POST" else None,
        indicators=selectors.case_indicators(case),
    )
    if request.method == "POST" and form.is_valid():
        try:
            incentives.add_incentive_rule(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("The incentive rule has been added."))
            return redirect(_agreement_url(case, "incentives"))
    return render(
        request,
        "partnership/staff/incentive_form.html",
        {
            "proposal": case,
            "agreement": agreement,
            "form": form,
            "back_url": _agreement_url(case, "incentives"),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def incentive_delete(request, pk, rule_pk):
    case, agreement = _staff_agreement(request, pk, permissions.may_set_incentives)
    rule = get_object_or_404(selectors.incentive_rules(agreement), pk=rule_pk)
    if request.method == "POST":
        incentives.delete_incentive_rule(rule=rule, by=request.user)
        messages.success(request, _("The incentive rule has been deleted."))
        return redirect(_agreement_url(case, "incentives"))
    return render(
        request,
        "partnership/staff/confirm_delete.html",
        {
            "proposal": case,
            "heading": _("Delete an incentive rule"),
            "object_label": rule.indicator.name,
            "back_url": _agreement_url(case, "incentives"),
        },
    )
