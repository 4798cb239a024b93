"""Who may open which of the proposer's pages: the permission matrix by role and page, for a
submitted case and a draft; anonymous visitors are sent to sign in."""

from urllib.parse import quote

import pytest

from tests.factories.accounts import (
    DepartmentFactory,
    DepartmentUserFactory,
    MemberFactory,
    OfficeUserFactory,
)
from tests.factories.proposals import ProposalFactory, attach
from tests.proposals.helpers import DASHBOARD_URL, FREE_URL, LOGIN_URL, case_url
from tests.scenarios import submit

pytestmark = pytest.mark.django_db


PAGES = [
    "detail",
    "edit",
    "submit",
    "withdraw",
    "delete",
    "version",
    "attachment",
    "attachment_delete",
    "upload",
]


def _page_url(name, case, attachment):
    if name == "version":
        return case_url("version", case, 1)
    if name in ("attachment", "attachment_delete"):
        return case_url(name, case, attachment.pk)
    return case_url(name, case)


def _submitted_case_with_a_file():
    case = ProposalFactory(complete=True)
    attachment = attach(case, name="提案概要.pdf")
    return submit(case), attachment


# Office staff read a case and its files; they do not act for the business (403).
# Anyone without a grant does not learn that the case exists (404).
EXPECTED = {
    "proposer": dict.fromkeys(PAGES, 200),
    "colleague": dict.fromkeys(PAGES, 200),
    "other_member": dict.fromkeys(PAGES, 404),
    "department_user": dict.fromkeys(PAGES, 404),
    "office": {
        **dict.fromkeys(PAGES, 403),
        "detail": 200,
        "version": 200,
        "attachment": 200,
    },
}


# The case is submitted: submitting again, deleting it or removing its file is no longer
# possible, so its proposers are sent back to the case with a message (302); the upload URL
# takes only POST, and a GET goes back to the case's files.
for role in ("proposer", "colleague"):
    EXPECTED[role].update(submit=302, delete=302, attachment_delete=302, upload=302)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_gets_what_the_permission_matrix_says_for_each_page(client, role, page):
    case, attachment = _submitted_case_with_a_file()
    users = {
        "proposer": case.created_by,
        "colleague": MemberFactory(organization=case.organization),
        "other_member": MemberFactory(),
        "department_user": DepartmentUserFactory(department=DepartmentFactory(code="toshi")),
        "office": OfficeUserFactory(),
    }
    client.force_login(users[role])

    response = client.get(_page_url(page, case, attachment))

    assert response.status_code == EXPECTED[role][page]
    if response.status_code == 302:
        assert response.url.startswith(case.get_absolute_url())


DRAFT_EXPECTED = {
    **dict.fromkeys(PAGES, 200),
    "withdraw": 302,  # a draft is deleted, not withdrawn
    "version": 404,  # versions start with the submission
    "upload": 302,
}


@pytest.mark.parametrize("page", PAGES)
def test_proposer_opens_each_page_of_a_draft(client, page):
    case = ProposalFactory(complete=True)
    attachment = attach(case)
    client.force_login(case.created_by)

    response = client.get(_page_url(page, case, attachment))

    assert response.status_code == DRAFT_EXPECTED[page]


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitor_is_sent_to_login_for_each_page(client, page):
    case, attachment = _submitted_case_with_a_file()
    url = _page_url(page, case, attachment)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={quote(url)}"


@pytest.mark.parametrize("url", [DASHBOARD_URL, FREE_URL])
def test_anonymous_visitor_is_sent_to_login_for_the_dashboard_and_a_new_proposal(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={quote(url)}"


def test_other_organisations_member_gets_404_for_a_file_even_through_their_own_case(client):
    mine = ProposalFactory()
    theirs = ProposalFactory()
    secret = attach(theirs, name="他社の資料.pdf")
    client.force_login(mine.created_by)

    response = client.get(case_url("attachment", mine, secret.pk))

    assert response.status_code == 404
