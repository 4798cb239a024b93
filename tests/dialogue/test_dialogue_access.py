"""Who gets which dialogue page: the matrix by role and page, department isolation, other
organisations (404, nothing learnt), anonymous visitors sent to sign in."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from dialogue.models import MeetingRecord, Message
from tests.factories.accounts import DepartmentFactory, DepartmentUserFactory, MemberFactory
from tests.factories.dialogue import pdf_upload, record, send
from tests.factories.proposals import ProposalFactory

from .conftest import dialogue_url, meeting_data

pytestmark = pytest.mark.django_db


LOGIN_URL = reverse("account_login")


PAGES = ["thread", "meetings", "meeting", "meeting_edit", "message_file"]


def _page_url(page, case, shared, file):
    args = {"meeting": [shared.pk], "meeting_edit": [shared.pk], "message_file": [file.pk]}
    return dialogue_url(page, case, *args.get(page, []))


def _case_with_a_shared_record_and_a_file(case, department_user):
    shared = record(case, by=department_user, shared=True)
    file = send(case, by=department_user, files=[pdf_upload()]).attachments.get()
    return shared, file


EXPECTED = {
    "proposer": {**dict.fromkeys(PAGES, 200), "meeting_edit": 403},
    "colleague": {**dict.fromkeys(PAGES, 200), "meeting_edit": 403},
    "office": dict.fromkeys(PAGES, 200),
    "department_in_charge": dict.fromkeys(PAGES, 200),
    "unassigned_department": dict.fromkeys(PAGES, 404),
    "other_member": dict.fromkeys(PAGES, 404),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_gets_what_the_matrix_says_for_each_page(
    client, case, colleague, office_user, department_user, role, page
):
    shared, file = _case_with_a_shared_record_and_a_file(case, department_user)
    users = {
        "proposer": case.created_by,
        "colleague": colleague,
        "office": office_user,
        "department_in_charge": department_user,
        "unassigned_department": DepartmentUserFactory(department=DepartmentFactory(code="toshi")),
        "other_member": MemberFactory(),
    }
    client.force_login(users[role])

    response = client.get(_page_url(page, case, shared, file))

    assert response.status_code == EXPECTED[role][page]


@pytest.mark.parametrize("role", ["unassigned_department", "other_member"])
def test_outsiders_cannot_post_and_learn_nothing(client, case, department_user, role):
    shared, _file = _case_with_a_shared_record_and_a_file(case, department_user)
    outsider = (
        DepartmentUserFactory(department=DepartmentFactory(code="toshi"))
        if role == "unassigned_department"
        else MemberFactory()
    )
    client.force_login(outsider)

    responses = [
        client.post(dialogue_url("thread", case), {"body": "x", "visibility": "internal"}),
        client.post(dialogue_url("meetings", case), meeting_data()),
        client.post(dialogue_url("meeting_edit", case, shared.pk), meeting_data(summary="改ざん")),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404]
    assert Message.objects.count() == 1 and MeetingRecord.objects.count() == 1
    shared.refresh_from_db()
    assert shared.summary != "改ざん"


def test_another_organisations_member_gets_404_for_a_file_even_through_their_own_case(
    client, case, department_user
):
    _shared, file = _case_with_a_shared_record_and_a_file(case, department_user)
    stranger = MemberFactory()
    own = ProposalFactory(organization=stranger.membership.organization, created_by=stranger)
    client.force_login(stranger)

    assert client.get(dialogue_url("message_file", own, file.pk)).status_code == 404


def test_department_loses_the_dialogue_when_unassigned(
    client, case, office_user, department, department_user
):
    from proposals.services import unassign_department

    client.force_login(department_user)
    assert client.get(dialogue_url("thread", case)).status_code == 200

    unassign_department(case=case, department=department, by=office_user)

    assert client.get(dialogue_url("thread", case)).status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitor_is_sent_to_login(client, case, department_user, page):
    shared, file = _case_with_a_shared_record_and_a_file(case, department_user)
    url = _page_url(page, case, shared, file)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={quote(url)}"
