"""Run queued jobs inside a test, through django-q2's own worker and monitor functions.

The jobs run in the test's process and transaction (`sync`: an exception is raised into the
test, the database connection is not recycled). The guarantees that need real worker
processes (a crash after the commit, retries, periodic jobs) are tested in tests/jobs/ with
`manage.py qcluster`.
"""

from multiprocessing import Value

from django.utils import timezone
from django_q.cluster import monitor, worker
from django_q.models import OrmQ
from django_q.queues import Queue
from django_q.signing import SignedPackage


def run_queued_jobs(*, rounds: int = 10, leave=()) -> int:
    """Run every job due now, then the jobs those queued, and so on; how many ran. Jobs whose
    function path is in `leave` stay queued for a later run."""
    ran = 0
    for _round in range(rounds):
        due = list(OrmQ.objects.filter(lock__lte=timezone.now()).order_by("pk"))
        tasks_due = [(row, SignedPackage.loads(row.payload)) for row in due]
        tasks_due = [(row, task) for row, task in tasks_due if task["func"] not in leave]
        if not tasks_due:
            return ran
        for row, task in tasks_due:
            task.update(ack_id=row.pk, sync=True)
            tasks, results = Queue(), Queue()
            tasks.put(task)
            tasks.put("STOP")
            worker(tasks, results, Value("f", -1))
            results.put("STOP")
            monitor(results)
            ran += 1
    raise AssertionError("jobs kept queueing jobs: a loop?")


def send_setup_mail() -> None:
    """Send the mail a test's setup queued (receipts, assignments…) and forget it, so that the
    test reads only the mail its own steps send. The formal documents the setup's steps issued
    stay queued: rendered (about half a second each) only by a test that runs the jobs."""
    from django.core import mail

    run_queued_jobs(leave={"documents.jobs.render_document"})
    mail.outbox.clear()
