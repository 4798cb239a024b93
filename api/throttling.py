"""The API's rate limit: N requests a window per client address, counted in the shared cache.

The same mechanism as the sign-in throttling (allauth's rate limits, ACCOUNT_RATE_LIMITS):
counted in the default cache (Redis in production), so every process sees the same count,
with a lock around each count, and the client's address taken the same way (behind the TLS
proxy: the address the trusted proxies added, KYOSO_TRUSTED_PROXY_COUNT). Over the limit the
API answers 429 with Retry-After and a JSON error in the reader's language.
"""

import math
import time
from functools import wraps
from http import HTTPStatus

from allauth.core.internal import ratelimit
from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

APP = "kyoso.api"
ACTION = "read"


def _config() -> dict[str, str]:
    # Read at each request: a deployment (or a test) sets KYOSO_API_RATE_LIMIT, "" turns it off.
    return {ACTION: settings.KYOSO_API_RATE_LIMIT}


def _seconds_until_allowed(request) -> int:
    """When the oldest request counted in a full window leaves it (at least one second)."""
    now = time.time()
    waits = [1]
    for rate in ratelimit.get_rates(app=APP, action=ACTION, config=_config()):
        key = ratelimit.get_cache_key(request, app=APP, action=ACTION, rate=rate)
        history = [at for at in cache.get(key, []) if at > now - rate.duration]
        if len(history) >= rate.amount:
            waits.append(math.ceil(min(history) + rate.duration - now))
    return max(waits)


def too_many_requests(request) -> JsonResponse:
    seconds = _seconds_until_allowed(request)
    response = JsonResponse(
        {
            "detail": _("Too many requests. Please wait %(seconds)s seconds and try again.")
            % {"seconds": seconds},
            "retry_after": seconds,
        },
        status=HTTPStatus.TOO_MANY_REQUESTS,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response


def rate_limited(run):
    """Count the request before anything else (a cached answer counts too); refuse over it."""

    @wraps(run)
    def limited(request, *args, **kwargs):
        allowed = ratelimit.consume(
            request, app=APP, action=ACTION, config=_config(), limit_get=True
        )
        if allowed is None:
            return too_many_requests(request)
        return run(request, *args, **kwargs)

    return limited
