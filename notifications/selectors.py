"""Reads of the notifications: a user sees only their own."""

from django.core.cache import cache
from django.db.models import QuerySet

from .models import FIXED, Delivery, Kind, KindDefault, Notification, Preference
from .services import UNREAD_TIMEOUT, unread_key


def notifications_of(user) -> QuerySet[Notification]:
    """The notifications of `user`, newest first; none for anyone not signed in."""
    if not (user.is_authenticated and user.is_active):
        return Notification.objects.none()
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def unread_count(user) -> int:
    """How many of the user's notifications are unread: from the cache, counted on a miss."""
    if not (user.is_authenticated and user.is_active):
        return 0
    key = unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(user=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_TIMEOUT)
    return count


def current_deliveries(user) -> dict[str, str]:
    """How each kind is mailed to `user` now (their choice, else the office's default)."""
    defaults = dict(KindDefault.objects.values_list("kind", "delivery"))
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {
        kind: Delivery.IMMEDIATE
        if kind in FIXED
        else chosen.get(kind, defaults.get(kind, Delivery.IMMEDIATE))
        for kind in Kind.values
    }


def office_defaults() -> dict[str, str]:
    defaults = dict(KindDefault.objects.values_list("kind", "delivery"))
    return {kind: defaults.get(kind, Delivery.IMMEDIATE) for kind in Kind.values}
