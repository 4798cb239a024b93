import pytest
from django.core.exceptions import ValidationError

from proposals.fiscal import fiscal_year, reference_number
from proposals.models import Proposal
from proposals.selectors import visible_proposals
from proposals.workflow import A, transition
from tests.factories.accounts import DepartmentUserFactory, MemberFactory
from tests.factories.proposals import ProposalFactory, submit

pytestmark = pytest.mark.django_db


def test_proposer_submits_and_gets_a_reference_number_and_mails(
    mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.KYOSO_OFFICE_NOTIFY_EMAILS = ["office@city.example.jp"]
    case = ProposalFactory()

    with django_capture_on_commit_callbacks(execute=True):
        case = submit(case)

    import datetime

    assert case.reference == reference_number(fiscal_year(datetime.date.today()), 1)
    assert case.status == Proposal.Status.RECEIVED
    assert case.versions.count() == 1
    assert len(mailoutbox) == 2
    assert case.outline not in mailoutbox[0].body


def test_second_submission_is_refused(mailoutbox):
    case = submit(ProposalFactory())
    with pytest.raises(ValidationError) as refusal:
        transition(case, A.SUBMIT, by=case.created_by)
    assert refusal.value.code == "wrong_status"


def test_visibility_by_organisation(office_user):
    mine = ProposalFactory()
    other = ProposalFactory()
    member = mine.created_by
    assert list(visible_proposals(member)) == [mine]
    assert set(visible_proposals(office_user)) == {mine, other}
    assert list(visible_proposals(DepartmentUserFactory())) == []
    assert list(visible_proposals(MemberFactory())) == []
