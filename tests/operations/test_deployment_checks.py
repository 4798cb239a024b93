"""Production refuses a per-process cache (kyoso.E001): `check`, `check --deploy` and gunicorn.

And the settings of several servers: CACHE_URL=redis://… selects Django's own Redis cache
with the portal's key prefix; the trusted proxy count reaches allauth. No Redis needed: the
checks and settings never connect to it.
"""

import json
import os
import secrets
import subprocess
import sys

from tests.operations.servers import INHERITED_SETTINGS, ROOT, Server, free_port

REDIS = "redis://127.0.0.1:6379/1"


def _environment(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(INHERITED_SETTINGS)}
    environment.update(DJANGO_SETTINGS_MODULE="mishima_kyoso.settings", **env)
    return environment


def _production(**env):
    return _environment(
        KYOSO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="kyoso.example.jp",
        **{"KYOSO_BASE_URL": "https://kyoso.example.jp", **env},
    )


def _run(args, env, timeout=120):
    result = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr


def _settings(*names, env):
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    returncode, output = _run(["-c", code], env)
    assert returncode == 0, output
    return json.loads(output.strip().splitlines()[-1])


# kyoso.E001 ----------------------------------------------------------------------------------


def test_production_without_a_shared_cache_fails_the_system_check():
    returncode, output = _run(["manage.py", "check"], _production())

    assert returncode != 0
    assert "kyoso.E001" in output
    assert "CACHE_URL" in output  # the hint says what to set


def test_production_without_a_shared_cache_fails_the_deployment_check_of_ci():
    """What .ci/run runs, without its CACHE_URL: it must fail."""
    returncode, output = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], _production()
    )

    assert returncode != 0
    assert "kyoso.E001" in output


def test_production_with_redis_passes_the_deployment_check_without_a_warning():
    returncode, output = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        _production(CACHE_URL=REDIS),
    )

    assert returncode == 0, output
    assert "System check identified no issues" in output


def test_development_keeps_the_per_process_cache_without_a_complaint():
    returncode, output = _run(["manage.py", "check"], _environment())

    assert returncode == 0, output
    assert "kyoso.E001" not in output


def test_gunicorn_refuses_to_start_in_production_with_a_per_process_cache():
    """gunicorn runs no system check: its workers do (mishima_kyoso/wsgi.py), and it stops."""
    command = Server.command(
        "--config", "gunicorn.conf.py",
        "--bind", f"127.0.0.1:{free_port()}",
        "--workers", "2",
    )  # fmt: skip
    returncode, output = _run(command[1:], _production(), timeout=90)

    assert returncode != 0
    assert "kyoso.E001" in output
    assert "Worker failed to boot" in output


def test_behind_the_tls_proxy_without_a_trusted_proxy_the_deployment_check_warns():
    returncode, output = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        _production(CACHE_URL=REDIS, BEHIND_TLS_PROXY="true"),
    )

    assert returncode != 0
    assert "kyoso.W001" in output


def test_behind_the_tls_proxy_with_its_count_the_deployment_check_is_silent():
    returncode, output = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        _production(CACHE_URL=REDIS, BEHIND_TLS_PROXY="true", KYOSO_TRUSTED_PROXY_COUNT="1"),
    )

    assert returncode == 0, output


# Settings ---------------------------------------------------------------------------------------


def test_redis_url_selects_djangos_own_redis_cache_with_the_portals_key_prefix():
    for url in (REDIS, "rediss://cache.internal:6380/2"):
        caches = _settings("CACHES", env=_production(CACHE_URL=url))["CACHES"]

        assert caches["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
        assert caches["default"]["LOCATION"] == url
        assert caches["default"]["KEY_PREFIX"] == "kyoso"


def test_sessions_stay_in_the_database_shared_by_every_server():
    engine = _settings("SESSION_ENGINE", env=_production(CACHE_URL=REDIS))["SESSION_ENGINE"]

    assert engine == "django.contrib.sessions.backends.db"


def test_trusted_proxy_count_reaches_allauth_and_is_none_by_default():
    assert _settings("ALLAUTH_TRUSTED_PROXY_COUNT", env=_environment()) == {
        "ALLAUTH_TRUSTED_PROXY_COUNT": 0
    }
    assert _settings(
        "ALLAUTH_TRUSTED_PROXY_COUNT", env=_environment(KYOSO_TRUSTED_PROXY_COUNT="1")
    ) == {"ALLAUTH_TRUSTED_PROXY_COUNT": 1}
