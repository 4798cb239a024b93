"""Who may open a page, by who they are (roles.py, membership): the city's pages, a business's.

The city's pages do not exist for anyone else (404), as an unseen case does; a visitor who is
not signed in is sent to sign in first. Here, the lowest app that knows the roles, so that
every app above (proposals, evaluation, partnership, outcomes) guards its pages alike.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .roles import is_city_staff, is_office


def _only_for(allowed):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not allowed(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# The office or department staff (the staff case pages).
staff_required = _only_for(is_city_staff)
# The Co-creation Promotion Office only (rounds, publication).
office_required = _only_for(is_office)


def member_required(view):
    """Signed in and a member of an organisation; others register their organisation first."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if getattr(request.user, "membership", None) is None:
            if request.user.is_staff:  # city staff work in the admin, not on a business's pages
                return redirect("admin:index")
            messages.info(request, _("Register your organisation first; then you can propose."))
            return redirect("accounts:organization_create")
        return view(request, *args, **kwargs)

    return wrapped
