"""Two-factor authentication required for whoever reads confidential content."""

from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage import default_storage
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .roles import reads_confidential_content


class StaffTwoFactorMiddleware:
    """Send a member of staff or an evaluator (roles.reads_confidential_content) without an
    authenticator app to its setup, from any page.

    On in production (KYOSO_2FA_REQUIRED). The account pages (/accounts/…), where
    the authenticator is set up and where one signs out, stay reachable, and so do the
    static files, the language switch and the health check.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.KYOSO_2FA_REQUIRED
            and user is not None
            and user.is_authenticated
            and not request.path.startswith(self._open_paths())
            and reads_confidential_content(user)
            and not _has_totp(user)
        ):
            return self._to_setup(request)
        return self.get_response(request)

    @staticmethod
    def _open_paths():
        account_pages = reverse("account_login").rsplit("login/", 1)[0]  # "/accounts/"
        return (account_pages, settings.STATIC_URL, reverse("switch_language"), "/healthz")

    @staticmethod
    def _to_setup(request):
        response = redirect(reverse("mfa_activate_totp"))
        # This middleware answers before the message middleware runs (it sits outside it in
        # MIDDLEWARE), so the notice goes straight into the message storage.
        notices = default_storage(request)
        if request.user.is_staff:
            notice = _(
                "Staff accounts must use two-factor authentication. Set up an authenticator app."
            )
        else:
            notice = _(
                "Accounts that read proposals in confidence must use two-factor "
                "authentication. Set up an authenticator app."
            )
        notices.add(constants.WARNING, notice)
        notices.update(response)
        return response


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
