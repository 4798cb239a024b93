"""The API's rate limit: per client address, counted in the shared cache, 429 with
Retry-After and a JSON error in the reader's language."""

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

THEMES = "/api/v1/themes"


@pytest.fixture
def low_limit(settings):
    settings.KYOSO_API_RATE_LIMIT = "3/m/ip"


def test_client_is_refused_after_the_limit_with_retry_after(client, low_limit):
    answers = [client.get(THEMES).status_code for _ in range(3)]

    refused = client.get(THEMES)

    assert answers == [200, 200, 200]
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    seconds = int(refused["Retry-After"])
    assert 1 <= seconds <= 60
    body = json.loads(refused.content.decode("utf-8"))
    assert body["retry_after"] == seconds
    assert body["detail"]  # in the reader's language (the ja catalogue has it)
    assert "no-cache" in refused["Cache-Control"]


def test_every_endpoint_and_the_openapi_document_count_towards_the_limit(client, low_limit):
    for path in ("/api/v1/statistics", "/api/v1/openapi.json", "/api/v1/calls"):
        assert client.get(path).status_code == 200

    assert client.get("/api/v1/decisions").status_code == 429


def test_cached_answers_count_too(client, low_limit, settings):
    settings.KYOSO_PUBLIC_PAGE_CACHE_SECONDS = 300
    for _ in range(3):
        client.get(THEMES)

    assert client.get(THEMES).status_code == 429


def test_the_count_is_shared_not_kept_per_connection(low_limit):
    """Another client (another worker process, as far as the count is concerned) from the same
    address finds the count where the first left it: it lives in the shared cache."""
    for _ in range(3):
        Client().get(THEMES)

    assert Client().get(THEMES).status_code == 429


def test_another_address_has_its_own_count(low_limit):
    for _ in range(4):
        Client(REMOTE_ADDR="192.0.2.1").get(THEMES)

    assert Client(REMOTE_ADDR="192.0.2.2").get(THEMES).status_code == 200


def test_an_empty_limit_turns_the_limit_off(client, settings):
    settings.KYOSO_API_RATE_LIMIT = ""

    assert {client.get(THEMES).status_code for _ in range(5)} == {200}
