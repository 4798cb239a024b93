"""The log of confidential reads (DESIGN §5, issue 5 §7): who read what of a case, and when.

Every read of a case's content or of an earlier version by the city's side is logged, and
every file download by anyone; the proposer's own reads of their content are not.
"""

import pytest
from django.urls import reverse

from proposals.models import AccessLog
from proposals.services import assign_department
from tests.factories.accounts import DepartmentFactory, DepartmentUserFactory, MemberFactory
from tests.factories.proposals import ProposalFactory, attach
from tests.scenarios import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(office_user, department):
    """A received case with one file, its department in charge."""
    case = ProposalFactory(complete=True)
    attach(case, name="費用見積.pdf")
    case = submit(case)
    assign_department(case=case, department=department, by=office_user)
    return case


def _pages(case):
    file = case.attachments.get()
    return {
        "content": case.get_absolute_url(),
        "version": reverse("proposals:version", args=[case.pk, 1]),
        "file": reverse("proposals:attachment", args=[case.pk, file.pk]),
        "staff_case": reverse("proposals:staff_case", args=[case.pk]),
    }


def _entries():
    return list(AccessLog.objects.order_by("pk").values_list("user", "proposal", "kind"))


EXPECTED_KIND = {
    "content": AccessLog.Kind.CONTENT,
    "version": AccessLog.Kind.VERSION,
    "file": AccessLog.Kind.FILE,
    "staff_case": AccessLog.Kind.CONTENT,
}


@pytest.mark.parametrize("page", list(EXPECTED_KIND))
def test_office_reading_a_case_logs_one_entry_with_user_case_and_kind(
    client, case, office_user, page
):
    client.force_login(office_user)

    response = client.get(_pages(case)[page])

    assert response.status_code == 200
    assert _entries() == [(office_user.pk, case.pk, EXPECTED_KIND[page])]
    entry = AccessLog.objects.get()
    assert entry.at is not None


def test_a_file_download_names_the_file_and_a_version_read_names_the_version(
    client, case, office_user
):
    client.force_login(office_user)

    client.get(_pages(case)["file"])
    client.get(_pages(case)["version"])

    assert list(AccessLog.objects.order_by("pk").values_list("kind", "object_label")) == [
        (AccessLog.Kind.FILE, "費用見積.pdf"),
        (AccessLog.Kind.VERSION, "v1"),
    ]


@pytest.mark.parametrize("page", list(EXPECTED_KIND))
def test_department_staff_in_charge_are_logged_too(client, case, department, page):
    reader = DepartmentUserFactory(department=department)
    client.force_login(reader)

    client.get(_pages(case)[page])

    assert _entries() == [(reader.pk, case.pk, EXPECTED_KIND[page])]


def test_each_read_is_a_new_entry(client, case, office_user):
    client.force_login(office_user)

    for _ in range(3):
        client.get(_pages(case)["staff_case"])

    assert len(_entries()) == 3


def test_proposers_own_reads_log_nothing_but_their_file_downloads(client, case):
    colleague = MemberFactory(organization=case.organization)
    client.force_login(colleague)
    pages = _pages(case)

    for page in ("content", "version"):
        assert client.get(pages[page]).status_code == 200
    assert _entries() == []

    assert client.get(pages["file"]).status_code == 200
    assert _entries() == [(colleague.pk, case.pk, AccessLog.Kind.FILE)]


@pytest.mark.parametrize("page", list(EXPECTED_KIND))
def test_a_refused_read_logs_nothing(client, case, page):
    """Isolation: an unassigned department gets 404 on the case, its files and versions."""
    client.force_login(DepartmentUserFactory(department=DepartmentFactory(code="toshi")))

    response = client.get(_pages(case)[page])

    assert response.status_code == 404
    assert case.know_how not in response.content.decode()
    assert _entries() == []


def test_a_missing_file_logs_nothing(client, case, office_user):
    stored = case.attachments.get()
    stored.file.storage.delete(stored.file.name)
    client.force_login(office_user)

    assert client.get(_pages(case)["file"]).status_code == 404
    assert _entries() == []
