from functools import cached_property

from django.contrib.auth.models import AnonymousUser

from .selectors import unread_count


class NotificationMenu:
    """The header's お知らせ link: the unread count, read from the cache only when the template
    asks (nothing is read on a page that does not show it, and no query on a cache hit)."""

    def __init__(self, request):
        self._request = request

    @cached_property
    def unread(self) -> int:
        return unread_count(getattr(self._request, "user", None) or AnonymousUser())


def notification_menu(request):
    return {"notification_menu": NotificationMenu(request)}
