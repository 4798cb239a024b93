"""How django-allauth fits the portal: where people land after signing in."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from .services import has_organization


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        """Staff → the admin; an evaluator who is not a business → their rounds; a business
        without an organisation → its registration; everyone else → マイページ. A `next` in the
        request wins over all of these."""
        user = request.user
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
