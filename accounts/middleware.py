"""Two-factor authentication required for staff."""

from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage import default_storage
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class StaffTwoFactorMiddleware:
    """Send a staff member without an authenticator app to its setup, from any page.

    On in production (KYOSO_STAFF_2FA_REQUIRED). The account pages (/accounts/…), where
    the authenticator is set up and where one signs out, stay reachable, and so do the
    static files, the language switch and the health check.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.KYOSO_STAFF_2FA_REQUIRED
            and user is not None
            and user.is_authenticated
            and user.is_staff
            and not request.path.startswith(self._open_paths())
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
        notices.add(
            constants.WARNING,
            _("Staff accounts must use two-factor authentication. Set up an authenticator app."),
        )
        notices.update(response)
        return response


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
