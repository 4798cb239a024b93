"""A stored file is deleted by a job queued in the transaction that deletes its row (STYLE §13):
a rollback keeps row and file, a commit cannot lose the deletion, a retry does no harm."""

import os

import pytest
from django.db import transaction
from django_q.models import OrmQ

from proposals import services
from proposals.jobs import delete_stored_file
from proposals.models import ProposalAttachment
from tests.factories.proposals import ProposalFactory, attach

pytestmark = pytest.mark.django_db


class Refused(Exception):
    """What makes the surrounding transaction roll back in these tests."""


def _queued_deletions() -> list[tuple]:
    """The arguments of the deletion jobs waiting in the queue: (storage alias, name)."""
    return [
        tuple(row.task["args"])
        for row in OrmQ.objects.order_by("pk")
        if row.task.get("func") == delete_stored_file.job_path
    ]


def test_a_removed_draft_file_stays_on_disk_until_its_deletion_job_runs(run_jobs):
    case = ProposalFactory()
    stored = attach(case)
    path = stored.file.path

    services.remove_attachment(attachment=stored, by=case.created_by)
    waiting = os.path.exists(path)
    ran = run_jobs()

    assert not ProposalAttachment.objects.exists()
    assert waiting and ran == 1
    assert not os.path.exists(path)


def test_a_deletion_rolled_back_keeps_the_row_and_the_file_and_queues_nothing(run_jobs):
    case = ProposalFactory()
    stored = attach(case)

    with pytest.raises(Refused), transaction.atomic():
        services.delete_draft(case=case, by=case.created_by)
        raise Refused
    run_jobs()

    assert ProposalAttachment.objects.filter(pk=stored.pk).exists()
    assert os.path.exists(stored.file.path)
    assert _queued_deletions() == []


def test_a_draft_deleted_queues_one_deletion_per_file(run_jobs):
    case = ProposalFactory()
    files = [attach(case, name=name).file for name in ("一つ目.pdf", "二つ目.pdf")]

    services.delete_draft(case=case, by=case.created_by)
    queued = _queued_deletions()
    run_jobs()

    assert sorted(queued) == sorted(("private", file.name) for file in files)
    assert not any(os.path.exists(file.path) for file in files)


def test_deleting_a_file_already_gone_is_no_error_so_a_retry_does_no_harm():
    stored = attach(ProposalFactory())
    name = stored.file.name

    delete_stored_file("private", name)
    delete_stored_file("private", name)

    assert not os.path.exists(stored.file.path)
