"""The office's publication page of a case: /staff/cases/<pk>/publication/.

Office only: for anyone else, signed in or not, the page does not exist (404), as the staff
pages answer. The rules are in services.publish_decision.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import office_required
from mishima_kyoso.common.forms import add_refusal
from proposals.access import staff_case

from .. import selectors, services
from ..forms import PublishForm, decision_label


def _page_url(case) -> str:
    return reverse("outcomes:publish", args=[case.pk])


def _decision_forms(case, posted=None):
    """One form per decision not yet published; the posted one bound to its data."""
    items = []
    for decision in selectors.publishable_decisions(case):
        round = selectors.decided_selection_round(decision)
        bound = posted is not None and posted.get("transition") == str(decision.pk)
        form = PublishForm(
            posted if bound else None,
            decision=decision,
            has_round=round is not None,
            initial={
                "transition": decision.pk,
                # 共創指針 原則3: preset to the proposer's consent.
                "discloses_proposer": case.consent_to_publish,
                "title": "",
                "shows_candidate_names": False,
            },
        )
        items.append(
            {
                "step": decision,
                "label": decision_label(decision.step),
                "round": round,
                "form": form,
                "bound": bound,
            }
        )
    return items


@office_required
@require_http_methods(["GET", "POST"])
def publish(request, pk):
    """The case's decisions not yet published, each with its publication form, and the ones
    already published (which can be withdrawn)."""
    case = staff_case(request.user, pk)
    posted = request.POST if request.method == "POST" else None
    items = _decision_forms(case, posted)
    if posted is not None:
        item = next((item for item in items if item["bound"]), None)
        if item is None:  # published or gone meanwhile
            messages.error(request, _("This decision cannot be published any more."))
            return redirect(_page_url(case))
        form = item["form"]
        if form.is_valid():
            try:
                services.publish_decision(
                    transition=item["step"],
                    by=request.user,
                    discloses_proposer=form.cleaned_data["discloses_proposer"],
                    shows_candidate_names=form.cleaned_data.get("shows_candidate_names", False),
                    title=form.cleaned_data["title"],
                )
            except ValidationError as refusal:
                add_refusal(form, refusal)
            else:
                messages.success(request, _("The decision has been published."))
                return redirect(_page_url(case))
    return render(
        request,
        "outcomes/staff/publish.html",
        {
            "proposal": case,
            "items": items,
            "publications": [
                {"publication": publication, "label": decision_label(publication.decision)}
                for publication in selectors.case_publications(case)
            ],
            "is_application": case.kind == case.Kind.APPLICATION,
        },
    )


@office_required
@require_POST
def withdraw(request, pk, publication_pk):
    """Take one publication of this case off the public record."""
    case = staff_case(request.user, pk)
    publication = get_object_or_404(selectors.case_publications(case), pk=publication_pk)
    services.withdraw_publication(publication=publication, by=request.user)
    messages.success(request, _("The publication has been withdrawn."))
    return redirect(_page_url(case))
