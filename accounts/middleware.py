"""Two-factor authentication required for staff (issue 4 §1)."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class StaffTwoFactorMiddleware:
    """Send a staff member without an authenticator app to its setup, and nowhere else.

    On in production (KYOSO_STAFF_2FA_REQUIRED). The account pages, where the
    authenticator is set up and where one signs out, stay reachable.
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
            and not request.path.startswith(("/accounts/", "/static/", "/language/"))
            and not _has_totp(user)
        ):
            messages.warning(
                request,
                _("Staff accounts must use two-factor authentication. Set up an authenticator app."),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
