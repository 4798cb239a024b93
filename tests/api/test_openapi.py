"""The OpenAPI document lists every endpoint; there is no interactive docs page (Swagger UI is
not accessible: the OpenAPI document is what programs read)."""

import json
import re

import pytest
from django.urls import get_resolver

from api.v1 import api

pytestmark = pytest.mark.django_db

OPENAPI = "/api/v1/openapi.json"


def _operation_paths() -> set[str]:
    """Every operation the API serves, from the URL patterns ninja builds."""
    patterns, _app, _namespace = api.urls
    paths = set()
    for pattern in patterns:
        route = str(pattern.pattern)
        if route in ("openapi.json", "docs", ""):
            continue
        paths.add("/api/v1/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route))
    return paths


def test_reuser_finds_every_endpoint_in_the_openapi_document(client):
    response = client.get(OPENAPI)

    assert response.status_code == 200
    document = json.loads(response.content)
    assert set(document["paths"]) == _operation_paths()
    assert set(document["paths"]) >= {
        "/api/v1/themes",
        "/api/v1/themes/{number}",
        "/api/v1/calls",
        "/api/v1/calls/{number}",
        "/api/v1/decisions",
        "/api/v1/decisions/{pk}",
        "/api/v1/statistics",
    }
    for path, operations in document["paths"].items():
        assert set(operations) == {"get"}, path  # read only
        assert "429" in operations["get"]["responses"], path


def test_the_api_is_mounted_in_the_site_urls():
    assert get_resolver().resolve("/api/v1/themes").url_name


def test_there_is_no_inaccessible_docs_page(client):
    assert client.get("/api/v1/docs").status_code == 404


@pytest.mark.parametrize("page", ["/themes/", "/results/"])
def test_visitor_finds_the_api_from_the_open_data_sections(client, page):
    html = client.get(page).content.decode()

    assert 'href="/api/v1/openapi.json"' in html
