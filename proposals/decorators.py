"""Who may open the city's pages: for anyone else they do not exist (404), as an unseen case
does; a visitor who is not signed in is sent to sign in first."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from .permissions import is_city_staff, is_office


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
