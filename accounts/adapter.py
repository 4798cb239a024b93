"""How django-allauth fits the portal: where people land after signing in."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_staff:
            return reverse("admin:index")
        if not hasattr(user, "membership"):
            return reverse("accounts:organization_create")
        return super().get_login_redirect_url(request)
