"""How django-allauth fits the portal: where people land after signing in; its mails queued."""

from http import HTTPStatus
from urllib.parse import urlsplit, urlunsplit

from allauth.account import app_settings as allauth_account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal.ratelimit import parse_rates
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from outbox.services import queue_email_message

from .decorators import STAFF_HOME
from .roles import is_city_staff
from .services import has_organization


def on_configured_site(url: str) -> str:
    """The same link on the portal's configured address (KYOSO_BASE_URL): a mail's links lead
    where the portal is served, whatever host the request named (or forged)."""
    parts = urlsplit(url)
    if not (parts.scheme and parts.netloc):
        if not url.startswith("/"):
            return url
        parts = urlsplit("http://placeholder" + url)
    base = urlsplit(settings.KYOSO_BASE_URL)
    path = base.path.rstrip("/") + parts.path
    return urlunsplit((base.scheme, base.netloc, path, parts.query, parts.fragment))


class ConfiguredSite:
    """What allauth's mail templates call the current site (current_site.domain, .name), from
    the configured address instead of the request or the Sites framework (example.com)."""

    name = _("Kyoso portal")

    @property
    def domain(self) -> str:
        return urlsplit(settings.KYOSO_BASE_URL).netloc

    def __str__(self):
        return self.domain


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """As allauth renders it (verification, password reset, login code, notices), queued
        for the job engine instead of sent from the request: a mail server that is down or
        slow never fails nor holds a sign-up."""
        request = allauth_context.request
        mail_context = {
            "request": request,
            "email": email,
            "current_site": ConfiguredSite(),
            **context,
        }
        # allauth builds its links (activate_url, password_reset_url, signup_url…) from the
        # request's host; the mails' links start with the configured address (KYOSO_BASE_URL).
        for key, value in mail_context.items():
            if key.endswith("_url") and isinstance(value, str):
                mail_context[key] = on_configured_site(value)
        queue_email_message(self.render_mail(template_prefix, email, mail_context))

    def get_login_redirect_url(self, request):
        """The office and department staff → the staff home (their queue); another admin
        account → the admin; an evaluator who is not a business → their rounds; a business
        without an organisation → its registration; everyone else → マイページ. A `next` in the
        request wins over all of these."""
        user = request.user
        if is_city_staff(user):
            return reverse(STAFF_HOME)
        if user.is_staff:
            return reverse("admin:index")
        if user.is_evaluator and not has_organization(user):
            return reverse("evaluation:my_rounds")
        if not has_organization(user):
            return reverse("accounts:organization_create")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        # After sign-up and e-mail verification the new user is signed in: same landing.
        if request.user.is_authenticated:
            return self.get_login_redirect_url(request)
        return super().get_signup_redirect_url(request)

    def pre_authenticate(self, request, **credentials):
        """allauth's failed sign-in limits (per client address, per account), and what the
        sign-in page answers when one is reached: 429 and the page that offers a one-time code
        by e-mail, since a stranger's wrong passwords must not keep the owner out. Elsewhere
        (re-authentication) allauth's form error stays."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as refusal:
            if refusal.code != "too_many_login_attempts" or not _is_sign_in_page(request):
                raise
            raise ImmediateHttpResponse(
                self.respond_sign_in_blocked(request, email=credentials.get("email", ""))
            ) from refusal

    def respond_sign_in_blocked(self, request, *, email):
        """429 Too Many Requests, saying why, with the form that mails the account a one-time
        sign-in code (allauth's login by code, limited by its own rate)."""
        response = render(
            request,
            "account/login_blocked.html",
            {
                "email": email,
                "redirect_field_name": REDIRECT_FIELD_NAME,
                "redirect_field_value": request.POST.get(REDIRECT_FIELD_NAME)
                or request.GET.get(REDIRECT_FIELD_NAME, ""),
            },
            status=HTTPStatus.TOO_MANY_REQUESTS,
        )
        response["Retry-After"] = str(_longest_failed_sign_in_window())
        add_never_cache_headers(response)
        return response


def _is_sign_in_page(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "account_login"


def _longest_failed_sign_in_window() -> int:
    """Seconds after which every failed sign-in counted now has left its window."""
    rates = parse_rates(allauth_account_settings.RATE_LIMITS.get("login_failed"))
    return int(max((rate.duration for rate in rates), default=60))
