"""Production mode: refuses unsafe settings at start, and `check --deploy` is silent."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What a developer's shell or the test run may carry and production must not inherit.
STRIPPED = (
    "SECRET_KEY",
    "DEBUG",
    "KYOSO_ENV",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "CACHE_URL",
)


def _run(args, **env):
    environment = {key: value for key, value in os.environ.items() if key not in STRIPPED}
    environment.update(DJANGO_SETTINGS_MODULE="mishima_kyoso.settings", **env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _setup(**env):
    return _run(["-c", "import django; django.setup()"], **env)


def _secret_key():
    return secrets.token_urlsafe(60)[:60]


def test_production_refuses_to_start_without_a_secret_key():
    result = _setup(KYOSO_ENV="production")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_production_refuses_to_start_with_a_short_secret_key():
    result = _setup(KYOSO_ENV="production", SECRET_KEY="short-key")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_production_refuses_to_start_with_debug_on():
    result = _setup(KYOSO_ENV="production", DEBUG="true", SECRET_KEY=_secret_key())

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_production_starts_with_a_long_secret_key():
    result = _setup(KYOSO_ENV="production", SECRET_KEY=_secret_key())

    assert result.returncode == 0, result.stderr


def test_developer_starts_the_portal_without_any_setting():
    result = _setup()

    assert result.returncode == 0, result.stderr


def test_production_passes_the_deployment_check_without_a_warning():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        KYOSO_ENV="production",
        SECRET_KEY=_secret_key(),
        ALLOWED_HOSTS="example.jp",
        CACHE_URL="redis://127.0.0.1:6379/1",  # shared by the servers (kyoso.E001)
        KYOSO_BASE_URL="https://example.jp",  # the links of the mails (kyoso.E002)
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output
    assert "System check identified no issues" in output
