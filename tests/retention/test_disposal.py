"""Retention and disposal: the daily job lists what is past its period, once; nothing is
disposed of before the office approves; disposal keeps a minimal record and no file."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from jobs.queue import enqueue
from mishima_kyoso.common.files import private_storage
from proposals.models import AccessLog, Proposal
from retention.jobs import list_records_due
from retention.models import DisposalCandidate, DisposalRecord, RecordClass
from retention.services import approve_disposal
from tests.disclosure.roles import answer_of, people_around
from tests.factories.dialogue import pdf_upload, send
from tests.factories.proposals import attach
from tests.scenarios import case_at

pytestmark = pytest.mark.django_db
S = Proposal.Status
SIX_YEARS = 6 * 366


@pytest.fixture
def old_declined(office_user, department, run_jobs):
    case = case_at(S.RECEIVED, office=office_user, departments=[department])
    attach(case, name="提案書.pdf")
    send(case, body="資料を添付します。", files=[pdf_upload("補足.pdf")])
    case = case_at_declined(case, office_user)
    run_jobs()  # the documents and mails of the steps, done before any disposal
    return case


def long_ago(days=SIX_YEARS):
    return timezone.now() - datetime.timedelta(days=days)


def case_at_declined(case, office, *, days=SIX_YEARS):
    """Declined through the workflow, its log dated back (as demo/backdating.py does)."""
    from proposals.workflow import A, transition
    from tests.scenarios import VALID

    case = transition(case, A.DECLINE, by=office, **VALID[A.DECLINE])
    case.transitions.update(created_at=long_ago(days))
    return case


def test_the_job_lists_a_case_past_its_period_once_however_often_it_runs(
    old_declined, office_user, run_jobs
):
    recent = case_at(S.DECLINED, office=office_user)

    list_records_due()
    enqueue(list_records_due)
    enqueue(list_records_due)
    run_jobs()

    [candidate] = DisposalCandidate.objects.filter(proposal__isnull=False)
    assert (candidate.proposal, candidate.record_class) == (old_declined, RecordClass.CLOSED_CASE)
    assert not DisposalCandidate.objects.filter(proposal=recent).exists()


def test_a_due_case_is_not_disposed_of_before_the_office_approves(old_declined, department_user):
    list_records_due()
    candidate = DisposalCandidate.objects.get(proposal=old_declined)

    with pytest.raises(PermissionDenied):
        approve_disposal(candidate=candidate, by=department_user)

    assert Proposal.objects.filter(pk=old_declined.pk).exists()
    assert not DisposalRecord.objects.exists()


def test_an_approved_disposal_keeps_the_minimal_record_and_no_file_in_the_storage(
    client, old_declined, office_user, run_jobs
):
    files = [row.file.name for row in old_declined.attachments.all()] + [
        row.file.name
        for message in old_declined.messages.all()
        for row in message.attachments.all()
    ]
    storage = private_storage()
    assert len(files) == 2 and all(storage.exists(name) for name in files)
    reference, submitted_at = old_declined.reference, old_declined.submitted_at
    list_records_due()
    candidate = DisposalCandidate.objects.get(proposal=old_declined)
    client.force_login(office_user)

    client.post(reverse("retention:approve", args=[candidate.pk]))
    run_jobs()

    record = DisposalRecord.objects.get()
    assert (record.reference, record.decision, record.approved_by) == (
        reference,
        S.DECLINED,
        office_user,
    )
    assert record.submitted_on == timezone.localdate(submitted_at)
    assert record.closed_on == timezone.localdate(long_ago())
    assert not Proposal.objects.filter(pk=old_declined.pk).exists()
    assert not Proposal.history.filter(id=old_declined.pk).exists()
    assert not any(storage.exists(name) for name in files)


def test_access_log_entries_past_their_period_go_after_approval_and_recent_ones_stay(
    office_user, old_declined
):
    case = case_at(S.RECEIVED, office=office_user)
    AccessLog.objects.create(user=office_user, proposal=case, kind="content", at=long_ago(4 * 366))
    recent = AccessLog.objects.create(user=office_user, proposal=case, kind="content")

    list_records_due()
    list_records_due()
    candidate = DisposalCandidate.objects.get(record_class=RecordClass.ACCESS_LOG)
    assert AccessLog.objects.count() == 2
    approve_disposal(candidate=candidate, by=office_user)

    assert list(AccessLog.objects.all()) == [recent]


def test_an_account_without_activity_is_anonymised_after_approval(office_user):
    from tests.factories.accounts import MemberFactory

    idle = MemberFactory(email="idle@example.jp")
    type(idle).objects.filter(pk=idle.pk).update(date_joined=long_ago(4 * 366))
    MemberFactory(email="active@example.jp")

    list_records_due()
    candidate = DisposalCandidate.objects.get(record_class=RecordClass.INACTIVE_ACCOUNT)
    assert candidate.user == idle
    approve_disposal(candidate=candidate, by=office_user)

    idle.refresh_from_db()
    assert (idle.is_active, idle.full_name, idle.has_usable_password()) == (False, "", False)
    assert "idle" not in idle.email


def test_only_the_office_opens_the_disposal_page_and_it_answers_in_constant_queries(
    client, office_user, department_user, old_declined, django_assert_max_num_queries
):
    people = people_around(old_declined, office=office_user, department_user=department_user)
    url = reverse("retention:candidates")
    for role, user in people.items():
        expected = {"office": 200, "anonymous": 302}.get(role, 404)
        assert answer_of(client, user, url).status_code == expected, role

    list_records_due()
    client.force_login(office_user)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(3):
        case_at_declined(case_at(S.RECEIVED, office=office_user), office_user)
    list_records_due()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["candidates"]) > 1
    assert len(many) == len(few)
