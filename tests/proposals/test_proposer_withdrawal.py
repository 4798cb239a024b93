"""Withdrawing a submitted case with a reason, and deleting a draft with its files."""

import pytest

from proposals.models import Proposal, ProposalAttachment
from tests.factories.proposals import attach
from tests.files import files_on_disk
from tests.jobs import send_setup_mail
from tests.proposals.helpers import DASHBOARD_URL, case_url, form_errors, messages_of
from tests.scenarios import submit

pytestmark = pytest.mark.django_db


# Withdrawal ----------------------------------------------------------------------------------


def test_proposer_withdraws_with_a_reason_and_it_is_recorded(
    signed_in, draft, mailoutbox, run_jobs
):
    case = submit(draft)
    send_setup_mail()  # the receipts

    shown = signed_in.get(case_url("withdraw", case))
    response = signed_in.post(
        case_url("withdraw", case),
        {"reason": "事業方針の変更のため。", "confirm": "on", "seen_status": "received"},
    )
    run_jobs()

    assert shown.status_code == 200
    assert response.url == case.get_absolute_url()
    case.refresh_from_db()
    assert case.status == Proposal.Status.WITHDRAWN
    step = case.transitions.get(step="withdraw")
    assert (step.reason, step.actor) == ("事業方針の変更のため。", case.created_by)
    assert "事業方針の変更のため。" in signed_in.get(case_url("detail", case)).content.decode()
    assert len(mailoutbox) == 1 and "事業方針" not in mailoutbox[0].body


def test_withdrawal_without_reason_or_confirmation_is_refused_and_nothing_changes(signed_in, draft):
    case = submit(draft)

    response = signed_in.post(
        case_url("withdraw", case), {"reason": "   ", "seen_status": "received"}
    )

    assert form_errors(response) == {"reason": ["required"], "confirm": ["required"]}
    case.refresh_from_db()
    assert case.status == Proposal.Status.RECEIVED and case.transitions.count() == 1


def test_draft_cannot_be_withdrawn_and_the_proposer_is_told(signed_in, draft):
    response = signed_in.post(
        case_url("withdraw", draft), {"reason": "理由", "confirm": "on", "seen_status": "draft"}
    )

    assert response.url == draft.get_absolute_url() and len(messages_of(response)) == 1
    draft.refresh_from_db()
    assert draft.is_draft


# Deletion ------------------------------------------------------------------------------------


def test_proposer_deletes_a_draft_with_its_files_after_confirmation(
    signed_in, draft, settings, run_jobs
):
    attach(draft)

    shown = signed_in.get(case_url("delete", draft))
    response = signed_in.post(case_url("delete", draft))
    run_jobs()

    assert shown.status_code == 200 and "提案概要.pdf" in shown.content.decode()
    assert response.url == DASHBOARD_URL
    assert not Proposal.objects.exists() and not ProposalAttachment.objects.exists()
    assert files_on_disk(settings) == []


def test_submitted_case_cannot_be_deleted(signed_in, draft):
    case = submit(draft)

    response = signed_in.post(case_url("delete", case))

    assert response.url == case.get_absolute_url()
    assert Proposal.objects.filter(pk=case.pk).exists()
