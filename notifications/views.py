"""お知らせ pages: the user's list, opening one, marking all read, the mail settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import selectors, services
from .forms import PreferencesForm
from .models import FIXED, Kind

PER_PAGE = 20


@login_required
@require_GET
def notification_list(request):
    """The user's notifications, newest first, unread ones marked."""
    page = Paginator(selectors.notifications_of(request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/list.html",
        {"page_obj": page, "notifications": list(page.object_list)},
    )


@login_required
@require_GET
def open_notification(request, pk):
    """Mark it read and go where it points (a path of this site only)."""
    notification = get_object_or_404(selectors.notifications_of(request.user), pk=pk)
    services.mark_read(notification)
    link = notification.link
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts=None) and link.startswith("/"):
        return redirect(link)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request):
    services.mark_all_read(user=request.user)
    messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    """How each kind of event is mailed: at once, in a daily digest, or not at all."""
    current = selectors.current_deliveries(request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        services.set_preferences(user=request.user, choices=form.changed_choices())
        messages.success(request, _("Your notification settings have been saved."))
        return redirect("notifications:settings")
    fixed = [(Kind(kind).label, reason) for kind, reason in FIXED.items()]
    return render(request, "notifications/settings.html", {"form": form, "fixed": fixed})
