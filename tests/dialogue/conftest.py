from pathlib import Path

import pytest

from proposals.services import assign_department
from tests.factories.accounts import MemberFactory
from tests.factories.proposals import ProposalFactory
from tests.jobs import send_setup_mail
from tests.scenarios import submit

OFFICE_INBOX = "kyoso-intake@city.example.jp"
DEPARTMENT_INBOX = "kankyo-ka@city.example.jp"
CONTACT = "contact@biz.example.jp"


@pytest.fixture(autouse=True)
def _addresses(settings):
    settings.KYOSO_OFFICE_NOTIFY_EMAILS = [OFFICE_INBOX]


@pytest.fixture
def proposer(db):
    return MemberFactory(email="proposer@biz.example.jp")


@pytest.fixture
def colleague(proposer):
    return MemberFactory(
        email="colleague@biz.example.jp", organization=proposer.membership.organization
    )


@pytest.fixture
def case(proposer, colleague, office_user, department, department_user):
    """A submitted case of the proposer's organisation, with a department in charge."""
    department.email = DEPARTMENT_INBOX
    department.save()
    case = submit(
        ProposalFactory(
            organization=proposer.membership.organization,
            created_by=proposer,
            contact_email=CONTACT,
        )
    )
    assign_department(case=case, department=department, by=office_user)
    send_setup_mail()
    case.refresh_from_db()
    return case


def files_on_disk(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def recipients(mail) -> set[str]:
    return {*mail.to, *mail.cc, *mail.bcc}
