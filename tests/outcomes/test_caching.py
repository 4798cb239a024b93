"""The public pages of outcomes are cached, and a publication, a call or a published indicator
result shows at once (the data version is bumped)."""

import pytest
from django.urls import reverse

from outcomes.services import withdraw_publication
from proposals.models import OpenCall
from tests.scenarios import published

from .data import confidential_case, monitored, secret_call

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.KYOSO_PUBLIC_PAGE_CACHE_SECONDS = 300
    from django.core.cache import cache

    cache.clear()


def test_visitor_gets_the_second_view_of_the_results_without_a_query(
    client, office_user, django_assert_num_queries
):
    published(confidential_case(office=office_user), office=office_user)
    client.get(reverse("outcomes:results"))

    with django_assert_num_queries(0):
        assert client.get(reverse("outcomes:results")).status_code == 200


def test_visitor_sees_a_new_publication_and_a_withdrawal_at_once(client, office_user):
    case = confidential_case(office=office_user)
    assert case.title not in client.get(reverse("outcomes:results")).content.decode()

    publication = published(case, office=office_user)
    assert case.title in client.get(reverse("outcomes:results")).content.decode()

    withdraw_publication(publication=publication, by=office_user)
    assert case.title not in client.get(reverse("outcomes:results")).content.decode()


def test_visitor_sees_a_newly_published_indicator_result_and_call_at_once(client, office_user):
    case = confidential_case(office=office_user)
    publication = published(case, office=office_user)
    call = secret_call(office=office_user, case=case)
    result = monitored(case, office=office_user, public=False, value="4321")
    OpenCall.objects.filter(pk=call.pk).update(status=OpenCall.Status.DRAFT)
    assert "4321" not in client.get(publication.get_absolute_url()).content.decode()
    assert call.title not in client.get(reverse("outcomes:calls")).content.decode()

    result.is_public = True
    result.save()
    call.refresh_from_db()
    call.status = OpenCall.Status.PUBLISHED
    call.save()

    assert "4321" in client.get(publication.get_absolute_url()).content.decode()
    assert call.title in client.get(reverse("outcomes:calls")).content.decode()
