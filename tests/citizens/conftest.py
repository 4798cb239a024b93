import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limit(settings):
    """Each test starts with no sending counted (the counts live in the cache), under a limit
    high enough for its own sendings, except where a test lowers it."""
    settings.KYOSO_CITIZENS_RATE_LIMIT = "1000/m/ip"
    cache.clear()
    yield
    cache.clear()
