"""The public-page cache never shows stale data after an edit nor anything personal."""

import pytest
from django.urls import reverse

from cocreation_list.services import close_theme
from tests.factories.cocreation_list import ThemeFactory, ThemeQuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.KYOSO_PUBLIC_PAGE_CACHE_SECONDS = 300
    from django.core.cache import cache

    cache.clear()


def test_visitor_gets_the_second_view_of_the_list_without_a_query(
    client, django_assert_num_queries
):
    ThemeFactory.create_batch(3)
    client.get(reverse("cocreation_list:theme_list"))

    with django_assert_num_queries(0):
        response = client.get(reverse("cocreation_list:theme_list"))

    assert response.status_code == 200


def test_visitor_sees_an_edit_of_a_theme_at_once_on_list_and_page(client):
    theme = ThemeFactory(title="旧タイトル")
    client.get(reverse("cocreation_list:theme_list"))
    client.get(theme.get_absolute_url())

    theme.title = "新タイトル"
    theme.save()

    assert "新タイトル" in client.get(reverse("cocreation_list:theme_list")).content.decode()
    assert "新タイトル" in client.get(theme.get_absolute_url()).content.decode()


def test_visitor_sees_a_new_answer_and_a_closed_call_at_once(client):
    theme = ThemeFactory()
    client.get(theme.get_absolute_url())

    ThemeQuestionFactory(theme=theme, question="共同提案は可能ですか", answer="可能です")
    close_theme(theme=theme, by=None)

    page = client.get(theme.get_absolute_url()).content.decode()
    assert "共同提案は可能ですか" in page
    assert 'class="badge closed"' in page


def test_visitor_with_a_session_is_never_served_from_the_cache(
    client, office_user, django_assert_max_num_queries
):
    ThemeFactory()
    client.get(reverse("cocreation_list:theme_list"))
    client.force_login(office_user)

    with django_assert_max_num_queries(50) as queries:
        client.get(reverse("cocreation_list:theme_list"))

    assert len(queries) > 0


def test_languages_are_cached_apart(client):
    ThemeFactory()
    japanese = client.get(reverse("cocreation_list:theme_list")).content.decode()
    client.get(reverse("switch_language"), {"language": "en", "next": "/themes/"})

    english = client.get(reverse("cocreation_list:theme_list")).content.decode()

    assert "共創リスト</h1>" in japanese
    assert "Co-creation list</h1>" in english


def test_a_page_that_is_not_found_is_not_cached_and_appears_once_published(client):
    draft = ThemeFactory(draft=True)
    assert client.get(draft.get_absolute_url()).status_code == 404

    from cocreation_list.services import publish_theme

    publish_theme(theme=draft, by=None)

    assert client.get(draft.get_absolute_url()).status_code == 200


@pytest.fixture
def _list_cache_on(settings):
    settings.KYOSO_LIST_CACHE_SECONDS = 300


@pytest.mark.usefixtures("_list_cache_on")
def test_signed_in_visitors_share_the_list_but_each_sees_their_own_header(
    client, office_user, department_user, django_assert_max_num_queries
):
    ThemeFactory(title="共有される一覧のテーマ")
    client.force_login(office_user)
    first = client.get(reverse("cocreation_list:theme_list")).content.decode()
    client.force_login(department_user)

    with django_assert_max_num_queries(4) as queries:  # the session and the user, no list
        second = client.get(reverse("cocreation_list:theme_list")).content.decode()

    assert not any("cocreation_list_theme" in query["sql"] for query in queries.captured_queries)
    assert "共有される一覧のテーマ" in first and "共有される一覧のテーマ" in second
    admin_link = f'href="{reverse("admin:index")}"'
    assert admin_link in first and admin_link not in second  # the office's header, not theirs


@pytest.mark.usefixtures("_list_cache_on")
def test_signed_in_visitor_sees_an_edit_and_the_chosen_filter_at_once(client, office_user):
    theme = ThemeFactory(title="旧タイトル")
    client.force_login(office_user)
    client.get(reverse("cocreation_list:theme_list"))

    theme.title = "新タイトル"
    theme.save()
    page = client.get(reverse("cocreation_list:theme_list")).content.decode()
    filtered = client.get(reverse("cocreation_list:theme_list"), {"q": "該当なしの語"})

    assert "新タイトル" in page
    assert "新タイトル" not in filtered.content.decode()
