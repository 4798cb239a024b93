"""The disclosure pages exist for the office only (404 for everyone else, sign-in first for a
visitor); the opinion page for the proposer of the case only. Lists and the request page answer
in the same number of queries however many rows they show."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from disclosure.services import record_request, request_opinion
from tests.scenarios import submitted_case

from .roles import answer_of, people_around

pytestmark = pytest.mark.django_db


def office_pages(disclosure, case):
    return [
        reverse("disclosure:requests"),
        reverse("disclosure:request_create"),
        reverse("disclosure:request", args=[disclosure.pk]),
        reverse("disclosure:marks", args=[disclosure.pk, case.pk]),
        reverse("disclosure:export", args=[disclosure.pk, case.pk, "full"]),
        reverse("disclosure:export", args=[disclosure.pk, case.pk, "disclosure"]),
    ]


def test_only_the_office_opens_the_disclosure_pages(
    client, disclosure, case, office_user, department_user
):
    people = people_around(case, office=office_user, department_user=department_user)
    for url in office_pages(disclosure, case):
        for role, user in people.items():
            status = answer_of(client, user, url).status_code
            expected = {"office": 200, "anonymous": 302}.get(role, 404)
            assert status == expected, (role, url, status)


def test_only_the_proposer_of_the_case_opens_its_opinion_request(
    client, disclosure, case, office_user, department_user
):
    opinion = request_opinion(
        request=disclosure,
        case=case,
        by=office_user,
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    url = reverse("disclosure:opinion", args=[opinion.pk])
    people = people_around(case, office=office_user, department_user=department_user)
    for role, user in people.items():
        status = answer_of(client, user, url).status_code
        expected = {"proposer": 200, "anonymous": 302}.get(role, 404)
        assert status == expected, (role, status)


def queries_of(client, url) -> int:
    client.get(url)  # warm the caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_request_list_and_page_answer_in_constant_queries(client, office_user):
    today = timezone.localdate()

    def another_request(count):
        return record_request(
            by=office_user,
            received_on=today,
            requester="市民B",
            cases=[submitted_case() for _ in range(count)],
            decision_due_on=today + datetime.timedelta(days=14),
        )

    client.force_login(office_user)
    small = another_request(1)
    list_small = queries_of(client, reverse("disclosure:requests"))
    page_small = queries_of(client, reverse("disclosure:request", args=[small.pk]))
    large = another_request(4)
    for _ in range(3):
        another_request(1)

    assert queries_of(client, reverse("disclosure:requests")) == list_small
    assert queries_of(client, reverse("disclosure:request", args=[large.pk])) == page_small
