"""Whole-page cache for the public pages (the co-creation list, the outcomes, the home page).

The public pages are the same for every anonymous visitor: they depend only on
the language, the URL, today's date (accepting or not, days left) and the data.
A version number, bumped whenever anything they show changes (each app names
its models with bump_on_change), is part of every key, so an edit in the admin
is visible on the next request.

Only visitors without a session or pending messages are served from the cache,
so nothing personal is ever stored or shown to someone else.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation

VERSION_KEY = "kyoso:public-pages:version"
PRIVATE_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


def data_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = str(time.time_ns())
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_data_version(**_kwargs) -> None:
    """Signal receiver: a change to the list's data makes every cached page stale."""
    cache.set(VERSION_KEY, str(time.time_ns()), None)


def _cache_key(request, prefix="kyoso:public-page:") -> str:
    query = "&".join(sorted(request.GET.urlencode().split("&")))
    raw = "|".join(
        (
            translation.get_language(),
            request.path,
            query,
            timezone.localdate().isoformat(),
            data_version(),
        )
    )
    return prefix + hashlib.sha256(raw.encode()).hexdigest()


def public_fragment(request, render):
    """The part of a public page that is the same for every visitor, signed in or not (a list
    and its filters, never the header): ``render()``'s result (a picklable value, usually a
    dict holding the HTML), cached under the same key material as the whole-page cache (the
    language, the URL, today's date and the data version) for KYOSO_LIST_CACHE_SECONDS."""
    seconds = settings.KYOSO_LIST_CACHE_SECONDS
    if not seconds or request.method not in ("GET", "HEAD"):
        return render()
    key = _cache_key(request, prefix="kyoso:public-fragment:")
    value = cache.get(key)
    if value is None:
        value = render()
        cache.set(key, value, seconds)
    return value


def _is_anonymous_visit(request) -> bool:
    return request.method in ("GET", "HEAD") and not any(
        name in request.COOKIES for name in PRIVATE_COOKIES
    )


def public_page(view):
    """Serve an anonymous visitor the cached page; render and store it on a miss."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        seconds = settings.KYOSO_PUBLIC_PAGE_CACHE_SECONDS
        if not seconds or not _is_anonymous_visit(request):
            return view(request, *args, **kwargs)
        key = _cache_key(request)
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and not response.streaming and not response.cookies:
                cache.set(key, response, seconds)
        return response

    return cached_view


def bump_on_change(*models, through=()) -> None:
    """Make a save or a deletion of these models, and a change of these many-to-many tables,
    bump the data version: for an app's AppConfig.ready(), once per model whatever app asks."""
    for model in models:
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(
                bump_data_version,
                sender=model,
                dispatch_uid=f"kyoso-public-pages-{name}-{model._meta.label}",
            )
    for table in through:
        m2m_changed.connect(
            bump_data_version,
            sender=table,
            dispatch_uid=f"kyoso-public-pages-m2m-{table._meta.label}",
        )
