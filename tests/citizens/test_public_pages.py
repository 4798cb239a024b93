"""What the public sees: published suggestions with the office's reply, published feedback on a
running service; never a pending or declined item, never a citizen's contact data."""

import pytest
from django.urls import reverse

from citizens import selectors, services
from mishima_kyoso.common.caching import data_version
from tests.factories.accounts import OfficeUserFactory

from .data import SECRET_EMAIL, SECRET_NAME, feedback, running_service, suggestion

pytestmark = pytest.mark.django_db
SUGGESTIONS = reverse("citizens:suggestions")


def test_published_suggestion_is_shown_with_the_office_reply(client, office_user):
    shown = suggestion(by=office_user, status="published", reply="共創リストへの掲載を検討します。")

    response = client.get(SUGGESTIONS)

    page = response.content.decode()
    assert response.context["suggestions"] == [shown]
    assert shown.title in page
    assert "共創リストへの掲載を検討します。" in page


def test_pending_and_declined_suggestions_are_never_public(client, office_user):
    pending = suggestion(title="保留中の提案SECRET")
    declined = suggestion(by=office_user, status="declined", title="不掲載の提案SECRET")

    page = client.get(SUGGESTIONS).content.decode()

    assert list(selectors.published_suggestions()) == []
    assert pending.title not in page
    assert declined.title not in page


def test_contact_data_is_never_public(client, office_user):
    suggestion(by=office_user, status="published", reply="ありがとうございます。")
    publication, agreement = running_service(office=office_user)
    feedback(agreement, by=office_user, status="published")

    pages = [
        client.get(SUGGESTIONS).content.decode(),
        client.get(reverse("citizens:feedback", args=[publication.pk])).content.decode(),
        client.get(reverse("outcomes:result", args=[publication.pk])).content.decode(),
    ]

    for page in pages:
        assert SECRET_NAME not in page
        assert SECRET_EMAIL not in page
    # The public reads do not even load the contact columns.
    public = selectors.published_suggestions().get()
    assert {"name", "email"} <= public.get_deferred_fields()


def test_only_published_feedback_is_listed_on_the_service_page(client, office_user):
    publication, agreement = running_service(office=office_user)
    shown = feedback(agreement, by=office_user, status="published", body="公開された声")
    feedback(agreement, body="確認待ちの声SECRET")
    feedback(agreement, by=office_user, status="declined", body="不掲載の声SECRET")

    response = client.get(reverse("citizens:feedback", args=[publication.pk]))

    assert response.context["published"] == [shown]
    assert "SECRET" not in response.content.decode()


def test_result_page_of_a_running_service_links_to_the_feedback_form(client, office_user):
    publication, _agreement = running_service(office=office_user)

    page = client.get(reverse("outcomes:result", args=[publication.pk])).content.decode()

    assert reverse("citizens:feedback", args=[publication.pk]) in page


def test_suggestions_are_paginated(client, office_user):
    for number in range(23):
        suggestion(by=office_user, status="published", title=f"課題 {number}")

    first = client.get(SUGGESTIONS)
    second = client.get(SUGGESTIONS, {"page": 2})

    assert len(first.context["suggestions"]) == 20
    assert len(second.context["suggestions"]) == 3


def test_the_footer_links_to_the_suggestions(client):
    assert SUGGESTIONS in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("count", [1, 15])
def test_suggestion_list_is_read_in_constant_queries(client, count, django_assert_num_queries):
    office = OfficeUserFactory()
    for number in range(count):
        suggestion(by=office, status="published", title=f"課題 {number}", reply="検討します。")
    client.get(SUGGESTIONS)  # warm the caches

    with django_assert_num_queries(2):  # the page's rows, and their count
        client.get(SUGGESTIONS)


@pytest.mark.parametrize("count", [1, 15])
def test_feedback_page_is_read_in_constant_queries(client, count, django_assert_num_queries):
    office = OfficeUserFactory()
    publication, agreement = running_service(office=office)
    for _ in range(count):
        feedback(agreement, by=office, status="published")
    url = reverse("citizens:feedback", args=[publication.pk])
    client.get(url)

    with django_assert_num_queries(3):  # the decision, the running service, its feedback
        client.get(url)


def test_the_cached_list_follows_moderation_and_ignores_new_sendings(
    client, settings, django_capture_on_commit_callbacks
):
    settings.KYOSO_PUBLIC_PAGE_CACHE_SECONDS = 300
    office = OfficeUserFactory()
    waiting = suggestion(title="確認待ちの提案")
    client.get(SUGGESTIONS)  # cached, empty
    version = data_version()

    with django_capture_on_commit_callbacks(execute=True):
        suggestion(title="もう一つの提案")  # a sending: nothing public changed
    unchanged = data_version()
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(waiting, by=office, reply="検討します。")

    assert unchanged == version
    assert data_version() != version
    assert "確認待ちの提案" in client.get(SUGGESTIONS).content.decode()
