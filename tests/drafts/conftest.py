"""Who writes in the drafts tests: a business member with a draft and a submitted case, and a
colleague of the same organisation who must never get their kept text or draft."""

import pytest
from django.conf import settings
from django.urls import reverse

from proposals.services import assign_department
from tests.factories.accounts import PASSWORD, VerifiedMemberFactory
from tests.factories.proposals import ProposalFactory
from tests.scenarios import submit

LOGIN_URL = reverse("account_login")


@pytest.fixture
def writer(db):
    return VerifiedMemberFactory(email="writer@biz.example.jp")


@pytest.fixture
def colleague(writer):
    return VerifiedMemberFactory(
        email="colleague@biz.example.jp", organization=writer.membership.organization
    )


@pytest.fixture
def draft(writer):
    return ProposalFactory(organization=writer.membership.organization, created_by=writer)


@pytest.fixture
def case(writer, office_user, department):
    """A submitted case of the writer's organisation, a department in charge."""
    submitted = submit(
        ProposalFactory(organization=writer.membership.organization, created_by=writer)
    )
    assign_department(case=submitted, department=department, by=office_user)
    submitted.refresh_from_db()
    return submitted


def signed_in(client, user):
    """Signed in, having opened a page (the portal then knows who writes on this browser)."""
    client.force_login(user)
    client.get(reverse("home"))
    return client


def end_session(client):
    """The session ended (expired, or its cookie gone): the other cookies stay."""
    client.cookies.pop(settings.SESSION_COOKIE_NAME, None)


def sign_in(client, user, url=LOGIN_URL):
    return client.post(url, {"login": user.email, "password": PASSWORD})


def kept_data(page) -> dict:
    """What the kept-text page posts back unchanged: {name: [values]}."""
    data = {}
    for item in page.context["kept_items"]:
        data.setdefault(item["name"], []).append(item["value"])
    return data
