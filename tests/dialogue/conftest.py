import pytest
from django.urls import reverse
from django.utils import timezone

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


def recipients(mail) -> set[str]:
    return {*mail.to, *mail.cc, *mail.bcc}


def dialogue_url(name, case, *args):
    """A dialogue page of a case: dialogue:<name> with the case and any further arguments."""
    return reverse(f"dialogue:{name}", args=[case.pk, *args])


def meeting_data(**changes):
    """What the meeting record form posts: a complete record held today, with some changes."""
    return {
        "kind": "dialogue",
        "held_on": timezone.localdate().isoformat(),
        "form": "in_person",
        "city_attendees": "環境政策課 三島 次郎",
        "business_attendees": "担当 花子",
        "summary": "試行の範囲について意見交換した。",
        "next_steps": "事業者が試行計画を作る。",
        **changes,
    }
