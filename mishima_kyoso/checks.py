"""System checks of a deployment with several servers.

Production runs several gunicorn processes, on one machine or many: whatever they must agree
on lives in the shared cache (allauth's rate limits, the TOTP codes already used, the public
pages' data version). With a per-process cache each process counts and remembers alone, so a
password guesser gets five tries per process and an edit stays invisible on the others.

``manage.py check`` (and ``check --deploy``, ``migrate``, ``runserver``, ``qcluster``) runs
these checks; gunicorn runs none, so ``mishima_kyoso/wsgi.py`` calls
``refuse_to_start_on_errors()`` in production and a worker that finds an error does not boot
(gunicorn then stops with the message). Like Django's own, the messages are for the operator,
in English.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

TAG = "kyoso"

# Backends every process of every server shares; anything else (local memory, dummy, files
# on one machine's disk) is per process or per machine.
SHARED_CACHE_BACKENDS = frozenset(
    {
        "django.core.cache.backends.redis.RedisCache",
        "django.core.cache.backends.memcached.PyMemcacheCache",
        "django.core.cache.backends.memcached.PyLibMCCache",
        "django.core.cache.backends.db.DatabaseCache",
        "django_redis.cache.RedisCache",
    }
)

logger = logging.getLogger(__name__)


@checks.register(checks.Tags.caches, TAG)
def check_shared_cache(app_configs=None, **kwargs):
    """kyoso.E001: production with a per-process cache."""
    if not getattr(settings, "PRODUCTION", False):
        return []
    backend = settings.CACHES["default"]["BACKEND"]
    if backend in SHARED_CACHE_BACKENDS:
        return []
    return [
        checks.Error(
            f"Production mode runs with a per-process cache ({backend}): every web process "
            "would count failed sign-ins, used TOTP codes and the public pages' version alone.",
            hint="Set CACHE_URL to the shared Redis, e.g. CACHE_URL=redis://127.0.0.1:6379/1 "
            "(rediss:// for TLS).",
            obj="CACHES['default']",
            id="kyoso.E001",
        )
    ]


@checks.register(checks.Tags.security, TAG)
def check_client_address_behind_proxy(app_configs=None, **kwargs):
    """kyoso.W001: behind the TLS proxy, rate limits would count the proxy's address."""
    if not getattr(settings, "PRODUCTION", False) or not getattr(
        settings, "SECURE_PROXY_SSL_HEADER", None
    ):
        return []
    if settings.ALLAUTH_TRUSTED_PROXY_COUNT or settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER:
        return []
    return [
        checks.Warning(
            "The portal runs behind a TLS proxy (BEHIND_TLS_PROXY) but trusts no proxy for the "
            "client's address: sign-in rate limits would count every visitor as the proxy, so "
            "one person's failed sign-ins would block everyone's.",
            hint="Set KYOSO_TRUSTED_PROXY_COUNT to the number of proxies in front of gunicorn "
            "that append to X-Forwarded-For (usually 1), or KYOSO_TRUSTED_CLIENT_IP_HEADER.",
            id="kyoso.W001",
        )
    ]


@checks.register(TAG)
def check_base_url(app_configs=None, **kwargs):
    """kyoso.E002: production without the portal's public address, which every mail's links
    start with (KYOSO_BASE_URL); a link built from a request's host could point anywhere."""
    if not getattr(settings, "PRODUCTION", False):
        return []
    url = getattr(settings, "KYOSO_BASE_URL", "")
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc and parts.path in ("", "/"):
        return []
    return [
        checks.Error(
            f"KYOSO_BASE_URL is not the portal's public address ({url!r}): the links in every "
            "mail (verification, password reset, notifications) start with it.",
            hint="Set KYOSO_BASE_URL to the scheme and host the public reaches the portal at, "
            "e.g. KYOSO_BASE_URL=https://kyoso.city.example.jp",
            obj="KYOSO_BASE_URL",
            id="kyoso.E002",
        )
    ]


def refuse_to_start_on_errors() -> None:
    """Run the portal's own checks as a server starts; raise on an error, log the warnings.

    Silenced checks (SILENCED_SYSTEM_CHECKS) are skipped, as ``manage.py check`` does.
    """
    messages = [message for message in checks.run_checks(tags=[TAG]) if not message.is_silenced()]
    for message in messages:
        if not message.is_serious():
            logger.warning("%s", message)
    errors = [message for message in messages if message.is_serious()]
    if errors:
        raise ImproperlyConfigured(
            "The portal refuses to start (system check):\n"
            + "\n".join(str(error) for error in errors)  # with its hint, as `check` shows it
        )
