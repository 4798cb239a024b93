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

from .roles import is_city_staff, is_department_staff, is_office

# Where the city's staff land and work (proposals' staff home), by URL name: accounts imports
# no app above it (DESIGN §6).
STAFF_HOME = "proposals:staff_home"


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
            if is_city_staff(request.user):  # the city works on its staff pages, not a business's
                return redirect(STAFF_HOME)
            if request.user.is_staff:  # an admin account that is neither office nor department
                return redirect("admin:index")
            messages.info(request, _("Register your organisation first; then you can propose."))
            return redirect("accounts:organization_create")
        return view(request, *args, **kwargs)

    return wrapped


# The admin: the office's tool ---------------------------------------------------------------

# The admin pages of a department's own work (their draft themes of the co-creation list: the
# theme admin limits them to their own department), and what those pages need.
DEPARTMENT_ADMIN_PAGES = ("cocreation_list_theme_",)
ADMIN_HELPERS = ("jsi18n", "autocomplete", "logout", "view_on_site")


def _admin_page_of_their_work(request) -> bool:
    match = getattr(request, "resolver_match", None)
    name = (match.url_name if match else None) or ""
    return name in ADMIN_HELPERS or name.startswith(DEPARTMENT_ADMIN_PAGES)


def departments_kept_out_of_the_admin(admin_view):
    """Wrap AdminSite.admin_view: department staff who open an admin page that is not about
    their own work (the admin index above all) go to the staff home instead (issue 13: a
    department user never lands on an admin page). The office, superusers and plain admin
    accounts use the admin as before."""

    def wrap(view, cacheable=False):
        guarded = admin_view(view, cacheable)

        @wraps(guarded)
        def inner(request, *args, **kwargs):
            user = request.user
            if (
                is_department_staff(user)
                and not is_office(user)
                and not _admin_page_of_their_work(request)
            ):
                return redirect(STAFF_HOME)
            return guarded(request, *args, **kwargs)

        return inner

    return wrap
