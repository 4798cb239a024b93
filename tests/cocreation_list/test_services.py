"""Publishing and closing themes: the office's decisions, refused with a code when not possible."""

import pytest
from django.core.exceptions import ValidationError

from cocreation_list.models import Theme
from cocreation_list.services import close_theme, publish_theme
from tests.factories.cocreation_list import ThemeFactory

pytestmark = pytest.mark.django_db


def test_office_publishes_a_draft_when_it_has_a_field_and_a_deadline(office_user):
    theme = ThemeFactory(draft=True)

    publish_theme(theme=theme, by=office_user)

    theme.refresh_from_db()
    assert theme.status == Theme.Status.PUBLISHED
    assert theme.published_at is not None
    assert list(Theme.objects.public()) == [theme]


def test_office_publishes_a_year_round_draft_without_a_deadline(office_user):
    theme = ThemeFactory(draft=True, year_round=True)

    publish_theme(theme=theme, by=office_user)

    theme.refresh_from_db()
    assert theme.status == Theme.Status.PUBLISHED


def test_office_is_refused_publishing_when_the_theme_has_no_field(office_user):
    theme = ThemeFactory(draft=True, fields=[])

    with pytest.raises(ValidationError) as refusal:
        publish_theme(theme=theme, by=office_user)

    assert refusal.value.code == "field_required"
    theme.refresh_from_db()
    assert theme.status == Theme.Status.DRAFT
    assert theme.published_at is None


def test_office_is_refused_publishing_when_a_dated_theme_has_no_deadline(office_user):
    theme = ThemeFactory(draft=True, accepts_until=None)

    with pytest.raises(ValidationError) as refusal:
        publish_theme(theme=theme, by=office_user)

    assert refusal.value.code == "period_required"
    theme.refresh_from_db()
    assert theme.status == Theme.Status.DRAFT
    assert theme.published_at is None


def test_office_is_refused_publishing_when_the_theme_is_already_published(office_user):
    theme = ThemeFactory()
    before = Theme.objects.values().get(pk=theme.pk)

    with pytest.raises(ValidationError) as refusal:
        publish_theme(theme=theme, by=office_user)

    assert refusal.value.code == "already_published"
    assert Theme.objects.values().get(pk=theme.pk) == before


def test_office_reopens_a_closed_theme_keeping_its_first_publication_date(office_user):
    theme = ThemeFactory(closed=True)
    published_at = theme.published_at

    publish_theme(theme=theme, by=office_user)

    theme.refresh_from_db()
    assert theme.status == Theme.Status.PUBLISHED
    assert theme.published_at == published_at
    assert theme.closed_at is None


def test_office_closes_a_published_theme_and_it_stays_public(office_user):
    theme = ThemeFactory()

    close_theme(theme=theme, by=office_user)

    theme.refresh_from_db()
    assert theme.status == Theme.Status.CLOSED
    assert theme.closed_at is not None
    assert list(Theme.objects.public()) == [theme]
    assert theme.is_accepting() is False


@pytest.mark.parametrize("trait", ["draft", "closed"])
def test_office_is_refused_closing_when_the_theme_is_not_published(office_user, trait):
    theme = ThemeFactory(**{trait: True})
    before = Theme.objects.values().get(pk=theme.pk)

    with pytest.raises(ValidationError) as refusal:
        close_theme(theme=theme, by=office_user)

    assert refusal.value.code == "not_published"
    assert Theme.objects.values().get(pk=theme.pk) == before


def test_office_publishes_from_the_database_state_when_the_instance_is_stale(office_user):
    theme = ThemeFactory(draft=True)
    stale = Theme.objects.get(pk=theme.pk)
    publish_theme(theme=theme, by=office_user)

    with pytest.raises(ValidationError) as refusal:
        publish_theme(theme=stale, by=office_user)

    assert refusal.value.code == "already_published"
