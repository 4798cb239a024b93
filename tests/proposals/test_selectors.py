"""The reads of open calls (proposals/selectors.py): the published calls, a case's call, the call
an application answers — one definition each, used by the public pages and the staff pages."""

import datetime

import pytest
from django.urls import reverse

from proposals import calls
from proposals.selectors import applied_call, case_call, published_calls
from tests.proposals.stage import (
    TODAY,
    adopted_case,
    applicant,
    application,
    call_fields,
    published_call,
)

pytestmark = pytest.mark.django_db


def test_published_calls_are_the_numbered_published_ones_newest_period_first(office_user):
    older = published_call(office=office_user, starts_on=TODAY() - datetime.timedelta(days=60))
    newer = published_call(office=office_user)
    draft = calls.save_call(case=adopted_case(office=office_user), by=office_user, **call_fields())

    listed = list(published_calls())

    assert listed == [newer, older]
    assert draft not in listed


def test_the_public_pages_and_the_application_page_find_only_published_calls(client, office_user):
    draft = calls.save_call(
        case=adopted_case(office=office_user), by=office_user, **call_fields(title="下書きの公募")
    )
    published = published_call(office=office_user)
    missing = published.number + 1

    public_list = client.get(reverse("outcomes:calls")).content.decode()
    client.force_login(applicant())
    apply = client.get(reverse("proposals:create_application", args=[published.number]))

    assert published.title in public_list and draft.title not in public_list
    assert client.get(reverse("outcomes:call", args=[published.number])).status_code == 200
    assert apply.status_code == 200
    for name in ("outcomes:call", "proposals:create_application"):
        assert client.get(reverse(name, args=[missing])).status_code == 404


def test_case_call_is_the_call_of_the_adopted_case_draft_or_published(office_user):
    case = adopted_case(office=office_user)
    assert case_call(case) is None

    draft = calls.save_call(case=case, by=office_user, **call_fields())
    assert case_call(case) == draft

    published = calls.publish_call(call=draft, by=office_user)
    assert case_call(case) == published
    assert case_call(adopted_case(office=office_user)) is None  # another case's: not this one


def test_applied_call_is_the_call_an_application_answers_with_its_case(
    office_user, django_assert_num_queries
):
    call = published_call(office=office_user)
    answer = application(call)

    with django_assert_num_queries(1):
        found = applied_call(answer)
        assert found.proposal.title  # the case joined: no second query

    assert found == call and found.proposal.pk == call.proposal_id
    assert applied_call(call.proposal) is None  # the adopted case answers no call
