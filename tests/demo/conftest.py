"""The demo loaded once for the tests of this package, which only read it (see `demo`)."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test.utils import override_settings

from .shared import FAST_HASHERS, load_demo


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for the tests of this package, and rolled back after them, as
    TestCase.setUpTestData does: each test runs in a savepoint of this transaction. (The
    demo's cases go through every service and step of the workflow: loading it for each test
    would make these tests many times slower.)

    `output` is what the command printed, `media` where it stored the files.
    """
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(DEBUG=True, MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_HASHERS):
                output = load_demo()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield SimpleNamespace(output=output, media=media)
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def demo_settings(settings, tmp_path):
    """For a test that runs the command again: DEBUG on (pytest-django turns it off)."""
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    return settings


@pytest.fixture
def fresh_cache():
    """allauth's rate limits and the public pages live in the cache: start with none used."""
    cache.clear()
    yield
    cache.clear()
