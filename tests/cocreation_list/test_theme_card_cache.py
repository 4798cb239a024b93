"""The theme cards are cached fragments: an edit shows on the next request, every visitor gets
the same public card whatever their role, and languages and days are kept apart."""

import pytest
from django.urls import reverse

from cocreation_list.services import close_theme
from tests.factories.accounts import DepartmentFactory, MemberFactory
from tests.factories.cocreation_list import ThemeFactory, field

pytestmark = pytest.mark.django_db

LIST_URL = reverse("cocreation_list:theme_list")


@pytest.fixture(autouse=True)
def _fragment_cache_on(settings):
    settings.KYOSO_FRAGMENT_CACHE_SECONDS = 3600


def _cards(client) -> str:
    """The list of cards of the first page, without the header nor the filter form."""
    page = client.get(LIST_URL).content.decode()
    return page.split('<ul class="theme-cards">', 1)[1].split('id="open-data"', 1)[0]


def test_signed_in_visitor_sees_a_title_edit_on_the_next_request(client):
    theme = ThemeFactory(title="旧タイトル")
    client.force_login(MemberFactory())
    assert "旧タイトル" in _cards(client)

    theme.title = "新タイトル"
    theme.save()

    cards = _cards(client)
    assert "新タイトル" in cards
    assert "旧タイトル" not in cards


def test_visitor_sees_a_closed_call_and_a_changed_field_on_the_next_request(client):
    theme = ThemeFactory(fields=[field("environment")])
    assert 'class="badge accepting"' in _cards(client)

    close_theme(theme=theme, by=None)
    theme.fields.set([field("welfare")])

    cards = _cards(client)
    assert 'class="badge closed"' in cards
    assert "福祉" in cards
    assert "環境" not in cards


def test_visitor_sees_a_renamed_department_on_the_next_request(client):
    department = DepartmentFactory(name="旧名課")
    ThemeFactory(department=department)
    assert "旧名課" in _cards(client)

    department.name = "新名課"
    department.save()

    assert "新名課" in _cards(client)


def test_every_role_gets_the_same_public_card_and_only_its_own_menu(client, office_user):
    ThemeFactory(title="公開テーマ")
    ThemeFactory(title="下書きテーマ", draft=True)
    client.force_login(office_user)
    office_page = client.get(LIST_URL).content.decode()  # the office fills the cache
    office_cards = _cards(client)

    client.force_login(MemberFactory())
    business_page = client.get(LIST_URL).content.decode()
    business_cards = _cards(client)
    client.logout()
    anonymous_cards = _cards(client)

    assert office_cards == business_cards == anonymous_cards
    assert "公開テーマ" in business_cards
    assert "下書きテーマ" not in office_cards
    # The header is each visitor's own: never stored with the cards.
    assert reverse("admin:index") in office_page
    assert reverse("admin:index") not in business_page


def test_languages_get_their_own_cards(client):
    ThemeFactory()
    japanese = _cards(client)
    client.get(reverse("switch_language"), {"language": "en", "next": LIST_URL})

    english = _cards(client)

    assert "募集中" in japanese
    assert "Accepting" in english
    assert "募集中" not in english


def test_the_cards_follow_the_day_of_the_request(client, monkeypatch):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    ThemeFactory(accepts_until=today)
    assert 'class="badge accepting"' in _cards(client)

    tomorrow = today + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)

    assert 'class="badge closed"' in _cards(client)
