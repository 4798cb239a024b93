"""The notification list, opening one, marking all as read, and the unread count in the header."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.models import Kind, Notification
from outbox.services import queue_mail
from tests.factories.accounts import (
    DepartmentUserFactory,
    MemberFactory,
    OfficeUserFactory,
    UserFactory,
)
from tests.factories.evaluation import EvaluatorFactory

from .conftest import LIST_URL, MARK_ALL_URL, open_url, start_dialogue

pytestmark = pytest.mark.django_db

DASHBOARD_URL = "/my/"


def notify(user, count=1, *, link="/my/", kind=Kind.MESSAGE):
    for number in range(count):
        queue_mail(subject=f"お知らせ {number}", body="本文", to=[user.email], kind=kind, link=link)
    return list(Notification.objects.filter(user=user))


def header_link(response) -> str:
    """The text of the お知らせ link in the account menu."""
    html = response.content.decode()
    found = re.search(rf'<a href="{LIST_URL}"[^>]*>([^<]*)</a>', html)
    assert found, "no notification link in the header"
    return found.group(1)


ROLES = {
    "office": lambda: OfficeUserFactory(),
    "department": lambda: DepartmentUserFactory(),
    "business": lambda: MemberFactory(),
    "evaluator": lambda: EvaluatorFactory(),
}


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_its_own_notifications_and_no_one_elses(client, role):
    user = ROLES[role]()
    mine = notify(user, 2)
    other = notify(UserFactory(), 1)[0]
    client.force_login(user)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert set(response.context["notifications"]) == set(mine)
    assert open_url(other) not in response.content.decode()


def test_the_list_is_newest_first_and_says_which_are_unread_in_words(client, member):
    first, second = notify(member, 2)
    Notification.objects.filter(pk=first.pk).update(read_at=first.created_at)
    client.force_login(member)

    response = client.get(LIST_URL)

    listed = response.context["notifications"]
    assert [n.pk for n in listed] == sorted([first.pk, second.pk], reverse=True)
    html = response.content.decode()
    assert 'class="notification-state unread"' in html
    assert 'class="notification-state read"' in html


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in (LIST_URL, open_url(Notification(pk=1)), MARK_ALL_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(
    client, case, member, office_user
):
    start_dialogue(case, office_user)
    notification = Notification.objects.get(user=member)
    client.force_login(member)

    response = client.get(open_url(notification))

    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert client.get(response["Location"]).status_code == 200


def test_a_notification_without_a_link_leads_back_to_the_list(client, member):
    notification = notify(member, link="")[0]
    client.force_login(member)

    response = client.get(open_url(notification))

    assert response["Location"] == LIST_URL


def test_another_users_notification_is_not_found_and_stays_unread(client, member):
    others = notify(UserFactory())[0]
    client.force_login(member)

    response = client.get(open_url(others))

    assert response.status_code == 404
    others.refresh_from_db()
    assert others.read_at is None


def test_mark_all_as_read_needs_a_post_and_marks_only_the_users_own(client, member):
    notify(member, 3)
    others = notify(UserFactory())[0]
    client.force_login(member)

    assert client.get(MARK_ALL_URL).status_code == 405
    response = client.post(MARK_ALL_URL)

    assert response["Location"] == LIST_URL
    assert not Notification.objects.filter(user=member, read_at__isnull=True).exists()
    others.refresh_from_db()
    assert others.read_at is None


def test_the_header_shows_the_unread_count_from_the_cache_without_a_query(client, member):
    client.force_login(member)
    client.get(DASHBOARD_URL)  # warm the caches (content types, the unread count)
    with CaptureQueriesContext(connection) as before:
        response = client.get(DASHBOARD_URL)
    queries_before = len(before)  # read now: the next request empties Django's query log
    assert response.context["notification_menu"].unread == 0
    assert not re.search(r"\d", header_link(response))

    notifications = notify(member, 3)
    client.get(DASHBOARD_URL)  # counted once after the change, then kept in the cache
    with CaptureQueriesContext(connection) as after:
        response = client.get(DASHBOARD_URL)

    assert len(after) == queries_before
    assert response.context["notification_menu"].unread == 3
    assert "3" in header_link(response)

    client.get(open_url(notifications[0]))
    response = client.get(DASHBOARD_URL)
    assert "2" in header_link(response)
    client.post(MARK_ALL_URL)
    response = client.get(DASHBOARD_URL)
    assert not re.search(r"\d", header_link(response))


def test_the_header_count_adds_no_query_to_an_existing_page(
    client, member, django_assert_num_queries
):
    client.force_login(member)
    client.get(DASHBOARD_URL)
    with CaptureQueriesContext(connection) as without:
        client.get(DASHBOARD_URL)
    queries_without = len(without)  # read now: the next request empties Django's query log
    notify(member, 5)
    client.get(DASHBOARD_URL)

    with django_assert_num_queries(queries_without):
        response = client.get(DASHBOARD_URL)

    assert response.context["notification_menu"].unread == 5


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_takes_the_same_number_of_queries_for_1_or_30_notifications(
    client, member, count, django_assert_num_queries
):
    notify(member, count)
    client.force_login(member)
    client.get(LIST_URL)  # warm the caches

    # session, user, the page's count, the page's notifications
    with django_assert_num_queries(4):
        response = client.get(LIST_URL)

    assert len(response.context["notifications"]) == min(count, 20)
