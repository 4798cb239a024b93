import json

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limit(settings):
    """Each test starts with no request counted (the counts live in the cache); a limit high
    enough for a test's own requests, except where a test lowers it."""
    settings.KYOSO_API_RATE_LIMIT = "1000/m/ip"
    cache.clear()
    yield
    cache.clear()


def get_json(client, path, **params):
    """The answer's JSON, after checking it is JSON in UTF-8."""
    response = client.get(path, params)
    assert response["Content-Type"] == "application/json; charset=utf-8", response.content
    return response.status_code, json.loads(response.content.decode("utf-8"))
