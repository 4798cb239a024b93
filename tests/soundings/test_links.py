"""A sounding that led to a theme or an open call: linked on both pages (the reverse relation),
only while both are public."""

import pytest

from tests.factories.cocreation_list import ThemeFactory
from tests.factories.soundings import SoundingFactory
from tests.scenarios.calls import published_call

pytestmark = pytest.mark.django_db


def test_the_theme_and_the_sounding_link_each_other(client):
    theme = ThemeFactory(title="駅前広場の活用")
    sounding = SoundingFactory(title="駅前広場のサウンディング", theme=theme, summarised=True)
    SoundingFactory(title="下書きの関連サウンディング", theme=theme, draft=True)

    theme_page = client.get(theme.get_absolute_url()).content.decode()
    sounding_page = client.get(sounding.get_absolute_url()).content.decode()

    assert sounding.get_absolute_url() in theme_page
    assert "下書きの関連サウンディング" not in theme_page
    assert theme.get_absolute_url() in sounding_page


def test_a_draft_theme_is_not_linked_from_the_sounding(client):
    theme = ThemeFactory(title="非公開テーマ", draft=True)
    sounding = SoundingFactory(theme=theme)

    page = client.get(sounding.get_absolute_url()).content.decode()

    assert "非公開テーマ" not in page


def test_the_open_call_and_the_sounding_link_each_other(client, office_user):
    call = published_call(office=office_user)
    sounding = SoundingFactory(title="公募前のサウンディング", open_call=call)

    call_page = client.get(call.get_absolute_url()).content.decode()
    sounding_page = client.get(sounding.get_absolute_url()).content.decode()

    assert sounding.get_absolute_url() in call_page
    assert call.get_absolute_url() in sounding_page
