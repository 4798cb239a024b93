"""An agreement document's file is deleted by the same job as a proposal's files (STYLE §13):
queued in the transaction that deletes its row (tests/proposals/test_file_deletion.py)."""

import os

import pytest
from django_q.models import OrmQ

from partnership import agreements
from proposals.jobs import delete_stored_file
from tests.factories.proposals import pdf_bytes, upload
from tests.scenarios import agreement_with_item, direct_agreement_case

pytestmark = pytest.mark.django_db


def _queued_deletions() -> list[tuple]:
    """The arguments of the deletion jobs waiting in the queue: (storage alias, name)."""
    return [
        tuple(row.task["args"])
        for row in OrmQ.objects.order_by("pk")
        if row.task.get("func") == delete_stored_file.job_path
    ]


def test_an_agreement_document_removed_before_signing_goes_by_the_same_job(office_user, run_jobs):
    case = direct_agreement_case(office=office_user)
    agreement = agreement_with_item(case, office=office_user)
    document = agreements.add_agreement_document(
        agreement=agreement, by=office_user, uploaded=upload("協定書 案.pdf", pdf_bytes())
    )
    name, path = document.file.name, document.file.path

    agreements.delete_agreement_document(document=document, by=office_user)
    queued = _queued_deletions()
    run_jobs()

    assert queued == [("private", name)]
    assert not agreement.documents.exists()
    assert not os.path.exists(path)
