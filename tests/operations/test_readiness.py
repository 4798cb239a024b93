"""/readyz: database, cache, files and the job queue, each really asked; /healthz stays cheap."""

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import timezone
from django_q.models import OrmQ

from jobs.jobs import clear_sessions
from jobs.queue import enqueue

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
READYZ = reverse("readyz")
ALL_OK = {"database": "ok", "cache": "ok", "storage": "ok", "jobs": {"oldest_waiting_seconds": 0}}


def test_load_balancer_is_told_ready_when_everything_answers(client):
    response = client.get(READYZ)

    assert response.status_code == 200
    assert response.json() == ALL_OK
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies  # no session, no CSRF cookie


def test_readiness_asks_nothing_of_the_session_or_the_user(client, django_assert_num_queries):
    client.get(READYZ)  # connections and caches warmed up

    # SELECT 1, and the oldest job due: nothing else (no session, no user, no template).
    with django_assert_num_queries(2):
        response = client.get(READYZ)

    assert response.status_code == 200


def test_health_check_stays_without_a_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))

    assert response.status_code == 200


def test_readiness_is_not_ready_when_the_cache_server_is_down(client, settings):
    # Nothing listens on port 1: every connection is refused, as with Redis stopped.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    response = client.get(READYZ)

    assert response.status_code == 503
    assert response.json() == {**ALL_OK, "cache": "error"}


@pytest.fixture
def broken_database():
    """A second database alias whose file cannot be opened (its folder does not exist)."""
    alias = "readyz_broken"
    broken = {"ENGINE": "django.db.backends.sqlite3", "NAME": "/nonexistent/kyoso/db.sqlite3"}
    connections.settings[alias] = connections.configure_settings(
        {"default": connections.settings["default"], alias: broken}
    )[alias]
    yield alias
    connections[alias].close()
    del connections[alias]
    del connections.settings[alias]


def test_readiness_is_not_ready_when_a_database_cannot_be_reached(client, broken_database):
    response = client.get(READYZ)

    assert response.status_code == 503
    assert response.json()["database"] == "error"
    assert response.json()["cache"] == "ok"


def test_readiness_reports_how_long_the_oldest_job_has_waited(client):
    enqueue(clear_sessions)
    OrmQ.objects.update(lock=timezone.now() - datetime.timedelta(seconds=30))

    response = client.get(READYZ)

    assert response.status_code == 200
    assert 30 <= response.json()["jobs"]["oldest_waiting_seconds"] < 40


def test_readiness_is_not_ready_when_jobs_wait_longer_than_allowed(client, settings):
    settings.KYOSO_READYZ_MAX_JOB_WAIT_SECONDS = 600
    enqueue(clear_sessions)
    # Due an hour ago and still queued: no worker is taking jobs.
    OrmQ.objects.update(lock=timezone.now() - datetime.timedelta(hours=1))

    response = client.get(READYZ)

    assert response.status_code == 503
    answer = response.json()
    assert answer["jobs"]["error"] == "waiting too long"
    assert 3600 <= answer["jobs"]["oldest_waiting_seconds"] < 3700
    assert (answer["database"], answer["cache"], answer["storage"]) == ("ok", "ok", "ok")


def test_a_job_retried_later_is_not_counted_as_waiting(client):
    enqueue(clear_sessions)
    # A failed job hidden until its next attempt (jobs.queue.back_off) is not late.
    OrmQ.objects.update(lock=timezone.now() + datetime.timedelta(hours=1))

    response = client.get(READYZ)

    assert response.status_code == 200
    assert response.json()["jobs"] == {"oldest_waiting_seconds": 0}


def test_readiness_refuses_a_post(client):
    response = client.post(READYZ)

    assert response.status_code == 405


def _production_redirect_exemptions():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, django; django.setup(); from django.conf import settings; "
            "print(json.dumps(settings.SECURE_REDIRECT_EXEMPT))",
        ],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "mishima_kyoso.settings",
            "KYOSO_ENV": "production",
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "example.jp",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout)


def test_probes_answer_over_plain_http_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = _production_redirect_exemptions()

    assert client.get(READYZ).status_code == 200
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("home")).status_code == 301  # the rest goes to HTTPS
