"""Pages of the portal as a whole: home, policies, language switch, health check."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from cocreation_list.caching import public_page
from cocreation_list.models import Field
from cocreation_list.selectors import public_themes


@method_decorator(public_page, name="dispatch")
class HomeView(TemplateView):
    """What co-creation is, the system, the principles and stages, how to propose."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_themes"] = public_themes().accepting()[:3]
        return context


@method_decorator(public_page, name="dispatch")
class FreeProposalView(TemplateView):
    """自由提案型: any administrative field, listed here."""

    template_name = "free_proposal.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["fields"] = Field.objects.all()
        return context


def switch_language(request):
    """Set the language cookie and go back, with plain links (works without JavaScript).

    A GET is enough: the choice of language changes no data, and keeping the
    switch out of a form lets public pages carry no per-visitor CSRF token.
    """
    language = request.GET.get("language", "")
    next_url = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=True,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


@never_cache
def healthz(request):
    """For the load balancer, and the benchmark's minimal view: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


def admin_view_on_site(request, content_type_id, object_id):
    """The admin's "view on site" jump, for public objects only.

    Django's shortcut redirects to any object's page after looking it up, which would
    tell a staff member whether a case number exists even when it is not theirs.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.contenttypes.views import shortcut
    from django.http import Http404

    content_type = ContentType.objects.filter(pk=content_type_id).first()
    if content_type is None or content_type.app_label != "cocreation_list":
        raise Http404
    return shortcut(request, content_type_id, object_id)
