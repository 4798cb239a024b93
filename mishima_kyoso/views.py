"""Pages of the portal as a whole: home, policies, language switch, health and readiness."""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connections
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from cocreation_list.models import Field
from cocreation_list.selectors import public_themes
from mishima_kyoso.common.caching import public_page


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


readiness_logger = logging.getLogger("kyoso.readyz")


@never_cache
@require_safe
def readyz(request):
    """For the load balancer and the deployment: can this process do its work now?

    Database, cache and file storage each answer a small request, and the job queue's oldest
    job due has not waited longer than KYOSO_READYZ_MAX_JOB_WAIT_SECONDS (else no worker runs).
    200 when all is well, 503 naming what is not. No session, no template; the reasons are
    logged, never shown.
    """
    from jobs.queue import oldest_waiting_since
    from mishima_kyoso.health import check_storage

    answer = {}
    for name, check in (
        ("database", _check_databases),
        ("cache", _check_cache),
        ("storage", check_storage),
    ):
        try:
            check()
        except Exception as error:  # any failure means "not ready"; the reason goes to the log
            readiness_logger.warning("Readiness check %s failed: %r", name, error)
            answer[name] = "error"
        else:
            answer[name] = "ok"
    try:
        since = oldest_waiting_since()
    except Exception as error:
        readiness_logger.warning("Readiness check jobs failed: %r", error)
        answer["jobs"] = {"oldest_waiting_seconds": None, "error": "unavailable"}
    else:
        waited = max(0, int((timezone.now() - since).total_seconds())) if since else 0
        answer["jobs"] = {"oldest_waiting_seconds": waited}
        if waited > settings.KYOSO_READYZ_MAX_JOB_WAIT_SECONDS:
            readiness_logger.warning("Readiness check jobs failed: waiting %s s", waited)
            answer["jobs"]["error"] = "waiting too long"
    ready = all(answer[name] == "ok" for name in ("database", "cache", "storage")) and (
        "error" not in answer["jobs"]
    )
    return JsonResponse(answer, status=200 if ready else 503)


def _check_databases():
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()


def _check_cache():
    key = f"kyoso:readyz:{uuid.uuid4().hex}"
    cache.set(key, "ok", 5)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)


def admin_view_on_site(request, content_type_id, object_id):
    """The admin's "view on site" jump, inside the admin's sign-in, for public objects only.

    Django's shortcut redirects to any object's page after looking it up, which would tell a
    visitor (it answers outside the admin's login) or a member of staff whether a draft theme
    or a case number exists. Here the model is asked: an object whose `is_public` is not true,
    or that has none (a case, a round), answers 404 like one that does not exist.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.http import Http404

    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type else None
    if model is None or not hasattr(model, "is_public"):
        raise Http404
    try:
        obj = model._default_manager.get(pk=object_id)
    except (model.DoesNotExist, ValueError, ValidationError) as missing:
        raise Http404 from missing
    if not obj.is_public:
        raise Http404
    return HttpResponseRedirect(obj.get_absolute_url())
