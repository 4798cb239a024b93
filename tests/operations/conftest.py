"""The real Redis on 127.0.0.1:6379 (database 14, flushed) and a scratch portal beside it.

Without Redis these tests are skipped, with the reason, on a developer's machine; in CI
(CI set) they fail instead: CI must run them (.ci/run starts Redis).
"""

import os

import pytest

from tests.operations.servers import TEST_REDIS_URL as REDIS_URL
from tests.operations.servers import ScratchPortal


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def redis_db():
    """Redis database 14, empty; the tests' own (nothing else is flushed)."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=5)
    try:
        client.ping()
    except redis.exceptions.RedisError as error:
        reason = (
            f"Redis is not reachable on 127.0.0.1:6379 ({error}). Start it with: "
            "redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no"
        )
        if _in_ci():
            pytest.fail(f"{reason} CI must run the shared-state tests.", pytrace=False)
        pytest.skip(reason)
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


@pytest.fixture
def empty_redis(redis_db):
    """Nothing from another test: no rate limit, no used code, no cached page."""
    redis_db.flushdb()
    return redis_db


@pytest.fixture(scope="session")
def portal(redis_db, tmp_path_factory):
    """A migrated portal in production mode, with what the tests sign in with and edit."""
    scratch = ScratchPortal(tmp_path_factory.mktemp("portal"))
    scratch.prepare()
    scratch.seeded = scratch.seed(
        cache_url=REDIS_URL,
        members=["guessed", "guessed_local"],
        totp_members=["totp", "totp_local"],
        themes=["shared", "per_process"],
    )
    return scratch
