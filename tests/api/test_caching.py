"""The API is cached like the public pages: same keys and data version, so an edit shows at
once, and nobody with a session is served from the cache."""

import pytest
from django.core.cache import cache

from tests.factories.cocreation_list import ThemeFactory
from tests.outcomes.data import S, confidential_case
from tests.scenarios import case_at, published

from .conftest import get_json

pytestmark = pytest.mark.django_db

THEMES = "/api/v1/themes"


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.KYOSO_PUBLIC_PAGE_CACHE_SECONDS = 300
    cache.clear()


def test_reuser_gets_the_second_answer_without_a_query(client, django_assert_num_queries):
    ThemeFactory.create_batch(3)
    first = get_json(client, THEMES)

    with django_assert_num_queries(0):
        second = get_json(client, THEMES)

    assert second == first


def test_reuser_sees_an_edit_of_a_theme_at_once(client):
    theme = ThemeFactory(title="旧タイトル")
    get_json(client, THEMES)
    get_json(client, f"{THEMES}/{theme.number}")

    theme.title = "新タイトル"
    theme.save()

    assert get_json(client, THEMES)[1]["results"][0]["title"] == "新タイトル"
    assert get_json(client, f"{THEMES}/{theme.number}")[1]["title"] == "新タイトル"


def test_reuser_sees_a_new_decision_and_new_statistics_at_once(client, office_user):
    case = confidential_case(office=office_user)
    assert get_json(client, "/api/v1/decisions")[1]["count"] == 0
    before = get_json(client, "/api/v1/statistics")[1]["adopted"]

    published(case, office=office_user)
    case_at(S.ADOPTED, office=office_user)

    assert get_json(client, "/api/v1/decisions")[1]["count"] == 1
    assert get_json(client, "/api/v1/statistics")[1]["adopted"] == before + 1


def test_other_filters_and_pages_are_cached_apart(client):
    ThemeFactory.create_batch(3)

    first = get_json(client, THEMES, limit=1)[1]
    second = get_json(client, THEMES, limit=1, offset=1)[1]

    assert first["results"] != second["results"]


def test_reuser_with_a_session_is_never_served_from_the_cache(
    client, office_user, django_assert_max_num_queries
):
    ThemeFactory()
    get_json(client, THEMES)
    client.force_login(office_user)

    with django_assert_max_num_queries(50) as queries:
        get_json(client, THEMES)

    assert len(queries) > 0


def test_a_not_found_answer_is_not_cached(client):
    draft = ThemeFactory(draft=True)
    assert get_json(client, f"{THEMES}/{draft.number}")[0] == 404

    from cocreation_list.services import publish_theme

    publish_theme(theme=draft, by=None)

    assert get_json(client, f"{THEMES}/{draft.number}")[0] == 200
