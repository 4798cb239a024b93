from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from accounts import roles
from accounts.services import has_organization
from municipality.selectors import city


def site(request):
    """The city and office data every page shows (header, footer, contact): the city's profile,
    edited in the admin (municipality), one cache read.

    Language names stay in their own language (日本語, English), as a switch should show them.
    """
    return {"portal": city(), "site_languages": settings.LANGUAGES}


class AccountMenu:
    """Which links the header's account menu offers, by role (DESIGN §2).

    Navigation only: every page checks access itself. Nothing is read until the template asks,
    an anonymous visitor costs no query, and the staff roles reuse what accounts.roles caches
    on the user.
    """

    def __init__(self, user):
        self._user = user

    @cached_property
    def is_staff(self) -> bool:
        """The city's side (office, departments, admin accounts): the staff pages, not a
        business's."""
        user = self._user
        return bool(user.is_authenticated and user.is_active and user.is_staff)

    @cached_property
    def is_office(self) -> bool:
        """共創推進室: the admin is their tool; department staff never see it (issue 13)."""
        return self.is_staff and roles.is_office(self._user)

    @cached_property
    def is_evaluator(self) -> bool:
        user = self._user
        return bool(user.is_authenticated and user.is_evaluator)

    @cached_property
    def is_business(self) -> bool:
        """A business user: anyone signed in who is not staff, except an evaluator who belongs
        to no organisation (an external committee member has no マイページ nor 事業者情報)."""
        user = self._user
        if not user.is_authenticated or self.is_staff:
            return False
        if not user.is_evaluator:
            return True
        return has_organization(user)


def account_menu(request):
    """The header's account links per role (templates/base.html)."""
    return {"account_menu": AccountMenu(getattr(request, "user", None) or AnonymousUser())}
