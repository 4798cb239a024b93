"""The job engine's guarantees (issue 10 §1), each with real workers (`manage.py qcluster`).

A scratch database (PostgreSQL when the suite runs on it, else a SQLite file), a real SMTP
server on loopback, and Python processes of their own for the web side, so that one can die
right after its commit.
"""

import os
import signal
import time

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from jobs.queue import label_of
from jobs.retry import attempts_for, delay_after
from outbox.jobs import deliver

from .mailserver import MailServer
from .workers import JobPortal

# A day of retries in the production settings, squeezed into seconds here: after 1, 2, 4, 4 s.
FAST_RETRIES = {
    "KYOSO_JOB_RETRY_FIRST_SECONDS": "1",
    "KYOSO_JOB_RETRY_LONGEST_SECONDS": "4",
    "KYOSO_JOB_RETRY_HOURS": "0.003",  # 10.8 s: five attempts
}
QUEUE = """
from django.db import transaction
from outbox.services import queue_mail
"""


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    scratch = JobPortal(tmp_path_factory.mktemp("jobs"), os.environ.get("DATABASE_URL", ""))
    try:
        scratch.migrate()
        yield scratch
    finally:
        scratch.close()


@pytest.fixture
def mail_server(portal):
    with MailServer() as server:
        portal.settings = {"EMAIL_URL": server.url, "EMAIL_TIMEOUT": "2"}
        yield server
        portal.settings = {}


def subjects(server):
    return sorted(item.subject for item in server.received)


def test_the_production_retries_last_at_least_a_day_with_growing_delays():
    first = settings.KYOSO_JOB_RETRY_FIRST_SECONDS
    longest = settings.KYOSO_JOB_RETRY_LONGEST_SECONDS
    attempts = settings.Q_CLUSTER["max_attempts"]
    delays = [delay_after(n, first=first, longest=longest) for n in range(1, attempts)]

    assert sum(delays) >= 24 * 3600
    assert delays == sorted(delays) and delays[0] < delays[-1]
    assert attempts == attempts_for(24, first=first, longest=longest)
    assert settings.Q_CLUSTER["retry"] > settings.Q_CLUSTER["timeout"]


def test_a_rolled_back_job_never_runs_and_a_committed_one_runs_though_the_web_process_died(
    portal, mail_server
):
    web = portal.run(
        QUEUE
        + """
import os, signal
try:
    with transaction.atomic():
        queue_mail(subject="rolled back", body="-", to=["a@example.jp"])
        raise RuntimeError("the request fails")
except RuntimeError:
    pass
with transaction.atomic():
    queue_mail(subject="committed", body="-", to=["a@example.jp"])
os.kill(os.getpid(), signal.SIGKILL)  # the web process dies right after the commit
""",
        check=False,
    )
    assert web.returncode == -signal.SIGKILL

    worker = portal.start_worker()
    mail_server.wait_for(1)
    time.sleep(2)  # time for anything else that would leave
    portal.stop(worker)

    assert subjects(mail_server) == ["committed"]
    assert portal.query(
        "from outbox.models import Mail\n"
        "print(json.dumps(list(Mail.objects.values_list('subject', 'status'))))"
    ) == [["committed", "sent"]]


def test_a_failing_job_is_retried_with_growing_delays_then_kept_for_the_office_to_retry(
    portal, mail_server
):
    mail_server.refusing = True  # 451 to every attempt
    portal.run(QUEUE + 'queue_mail(subject="retried", body="-", to=["b@example.jp"])')
    attempts = attempts_for(0.003, first=1, longest=4)

    portal.settings.update(FAST_RETRIES)  # the web side reads the same settings
    worker = portal.start_worker()
    given_up = portal.wait_until(
        "SELECT count(*) FROM django_q_task WHERE NOT success AND attempt_count = "  # noqa: S608
        f"{attempts} AND NOT EXISTS (SELECT 1 FROM django_q_ormq)",
        timeout=60,
    )
    time.sleep(2)  # nothing after the last attempt
    portal.stop(worker)

    assert given_up
    tried = mail_server.attempts
    gaps = [later - earlier for earlier, later in zip(tried, tried[1:], strict=False)]
    assert len(tried) == attempts == 5
    for gap, delay in zip(gaps, [1, 2, 4, 4], strict=True):
        assert delay - 0.2 <= gap <= delay + 3, (gaps, "each retry waits longer, up to 4 s")

    # The office sees it given up in the admin and retries it by hand once the cause is fixed.
    mail_server.refusing = False
    page = portal.query(
        """
from django.contrib.admin import helpers
from django.test import Client
from django_q.models import Failure
from tests.factories.accounts import VerifiedOfficeUserFactory
client = Client()
client.force_login(VerifiedOfficeUserFactory())
url = "/admin/jobs/failedjob/"
listed = client.get(url).content.decode()
task = Failure.objects.get()
done = client.post(url, {"action": "retry_now", helpers.ACTION_CHECKBOX_NAME: [task.pk]})
print(json.dumps([listed, done.status_code]))
""",
    )
    listed, status = page
    with translation.override("ja"):
        assert label_of(deliver.job_path) in listed
        assert gettext("Given up: retry it by hand once the cause is fixed") in listed
    assert status == 302

    worker = portal.start_worker()
    mail_server.wait_for(1)
    time.sleep(1)
    portal.stop(worker)
    assert subjects(mail_server) == ["retried"]


def test_a_job_taken_by_a_worker_that_dies_runs_again_on_another_worker(portal, tmp_path):
    trace = tmp_path / "trace.txt"
    portal.run(
        "from jobs.queue import enqueue\n"
        "from tests.operations.sample_jobs import slow_trace\n"
        f"enqueue(slow_trace, {str(trace)!r}, 2)"
    )
    timing = {"KYOSO_JOB_TIMEOUT": "4", "KYOSO_JOB_REDELIVER_SECONDS": "5"}

    first = portal.start_worker("first", **timing)
    deadline = time.monotonic() + 30
    while not (trace.exists() and "started" in trace.read_text()):
        assert time.monotonic() < deadline, "the job never started"
        time.sleep(0.1)
    portal.kill(first)  # mid-job: its worker, its pusher, its monitor, all at once
    second = portal.start_worker("second", **timing)
    deadline = time.monotonic() + 60
    while "done" not in trace.read_text():
        assert time.monotonic() < deadline, "the job was lost with its worker"
        time.sleep(0.2)
    portal.stop(second)

    assert trace.read_text().split() == ["started", "started", "done"]


def test_a_periodic_job_is_enqueued_once_per_period_however_many_workers_schedule_it(portal):
    """Three processes run the workers' scheduler at the same instant, twice (two periods)."""
    due_now = """
import datetime
from django.utils import timezone
from django_q.models import Schedule
Schedule.objects.update_or_create(
    name="test-periodic",
    defaults={"func": "jobs.jobs.clear_sessions", "schedule_type": Schedule.HOURLY,
              "repeats": -1, "next_run": timezone.now() - datetime.timedelta(seconds=1)},
)
"""
    scheduler_at = """
import time
from django_q.scheduler import scheduler
time.sleep(max(0, {start} - time.time()))
scheduler()
"""
    # The portal's own schedules fall due too when the test crosses a full hour: count this one's.
    queued_from_the_schedule = (
        "from django_q.models import OrmQ\n"
        "print(json.dumps(sum(q.task.get('group') == 'test-periodic' for q in OrmQ.objects.all())))"
    )
    enqueued = []
    for _period in range(2):
        portal.run(due_now)
        before = portal.query(queued_from_the_schedule)
        start = time.time() + 3
        racers = [portal.spawn(scheduler_at.format(start=start)) for _ in range(3)]
        for racer in racers:
            assert racer.wait(timeout=60) == 0, racer.stderr.read()
        after = portal.query(queued_from_the_schedule)
        moved_on = portal.query(
            "from django.utils import timezone\n"
            "from django_q.models import Schedule\n"
            "s = Schedule.objects.get(name='test-periodic')\n"
            "print(json.dumps(s.next_run > timezone.now()))"
        )
        enqueued.append((after - before, moved_on))

    assert enqueued == [(1, True), (1, True)]


def test_the_workers_run_a_due_periodic_job_once_with_two_clusters(portal, tmp_path):
    """End to end: two workers, each with its scheduler (it looks every 30 seconds)."""
    portal.run(
        """
import datetime
from django.utils import timezone
from django_q.models import OrmQ, Schedule, Task
OrmQ.objects.all().delete()
Task.objects.all().delete()
Schedule.objects.update_or_create(
    name="test-periodic",
    defaults={"func": "jobs.jobs.clear_sessions", "schedule_type": Schedule.HOURLY,
              "repeats": -1, "next_run": timezone.now() - datetime.timedelta(seconds=1)},
)
"""
    )
    workers = [portal.start_worker(f"cluster{n}") for n in range(2)]
    from_the_schedule = "SELECT count(*) FROM django_q_task WHERE \"group\" = 'test-periodic'"
    ran = portal.wait_until(from_the_schedule, timeout=75)
    time.sleep(3)
    for worker in workers:
        portal.stop(worker)
    [[total]] = portal.sql(from_the_schedule)

    assert ran == total == 1


def test_sessions_cleared_records_listed_and_digests_sent_daily_reminders_sent_hourly(portal):
    schedules = portal.query(
        "from django_q.models import Schedule\n"
        "print(json.dumps(sorted(Schedule.objects.filter(name__startswith='kyoso:')"
        ".values_list('func', 'schedule_type'))))"
    )

    assert schedules == [
        ["jobs.jobs.clear_sessions", "D"],
        ["notifications.jobs.send_digests", "D"],
        ["proposals.jobs.send_reminders", "H"],
        ["retention.jobs.list_records_due", "D"],
    ]
