"""The citizens' public pages: suggest an issue, read the published suggestions with the office's
replies, and give feedback on a service in operation. No account needed; every sending is
counted per address first (antispam.allowed), then checked by the form (honeypot, signed
timestamp), then written by the service."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from mishima_kyoso.common.caching import public_page
from mishima_kyoso.common.forms import add_refusal
from mishima_kyoso.common.pagination import ListPaginator
from outcomes.selectors import published_outcomes

from . import antispam, selectors, services
from .forms import FeedbackForm, SuggestionForm

SUGGESTIONS_PER_PAGE = getattr(settings, "KYOSO_SUGGESTIONS_PER_PAGE", 20)


def _sent(request, form, write) -> bool:
    """Write when the form passes; otherwise show the refusal with a fresh token."""
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            return True
    form.renew_token()
    return False


@never_cache
@require_http_methods(["GET", "POST"])
def suggest(request):
    """/voice/suggest/: a citizen suggests an issue for the co-creation list."""
    if request.method == "POST" and not antispam.allowed(request):
        return antispam.too_many_requests(request)
    form = SuggestionForm(request.POST or None)
    if request.method == "POST":

        def write(data):
            services.submit_suggestion(
                title=data["title"],
                body=data["body"],
                field=data["field"],
                name=data["name"],
                email=data["email"],
            )

        if _sent(request, form, write):
            messages.success(
                request,
                _(
                    "Thank you for your suggestion. The office reads every suggestion; it is "
                    "published here after the office has checked it."
                ),
            )
            return redirect("citizens:suggestions")
    return render(request, "citizens/suggest.html", {"form": form})


@public_page
@require_GET
def suggestions(request):
    """/voice/suggestions/: the published suggestions with the office's replies, newest first."""
    paginator = ListPaginator(selectors.published_suggestions(), SUGGESTIONS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "citizens/suggestions.html",
        {"page_obj": page, "suggestions": list(page.object_list)},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def feedback(request, pk):
    """/results/<pk>/feedback/: feedback on the service in operation behind a published
    decision; the feedback the office has published is listed below the form."""
    publication = get_object_or_404(published_outcomes(), pk=pk)
    agreement = selectors.running_service(publication)
    if agreement is None:
        raise Http404
    if request.method == "POST" and not antispam.allowed(request):
        return antispam.too_many_requests(request)
    form = FeedbackForm(request.POST or None)
    result_url = reverse("outcomes:result", args=[pk])
    if request.method == "POST":

        def write(data):
            services.submit_feedback(
                agreement=agreement,
                body=data["body"],
                respondent=data["respondent"],
                rating=data["rating"],
            )

        if _sent(request, form, write):
            messages.success(
                request,
                _(
                    "Thank you for your feedback. The city reads it with the monitoring of the "
                    "service."
                ),
            )
            return redirect(result_url)
    return render(
        request,
        "citizens/feedback.html",
        {
            "form": form,
            "publication": publication,
            "result_url": result_url,
            "published": list(selectors.published_feedback(agreement)[:20]),
        },
    )
