"""Jobs: work done outside the request by the job engine (django-q2 with its ORM broker).

A job is enqueued as a row in the portal's own database, inside the caller's transaction: a
rollback takes the job with it, a commit makes it durable even if the web process dies the next
instant (STYLE §13). A worker (`manage.py qcluster`) runs it; a job that raises is retried with
growing delays (jobs.retry) for at least KYOSO_JOB_RETRY_HOURS, then kept as failed for the
office (admin: 失敗した処理), who can retry it by hand. Jobs are idempotent: a retry, or a
second worker taking a job whose worker died, never repeats an effect already made.

Each app declares its jobs in its own `jobs.py` with `@job(label)`; a periodic job says how
often (`every="hourly"`) and is scheduled by jobs.periodic.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_q.models import OrmQ, Task
from django_q.tasks import async_task

from .retry import delay_after

EVERY = {"hourly": "H", "daily": "D"}  # django-q2 schedule types


@dataclass(frozen=True)
class Job:
    path: str  # dotted path of the function, as the queue stores it
    label: str  # what the office reads in the admin
    every: str | None = None  # periodic: "hourly" or "daily"


REGISTRY: dict[str, Job] = {}


def job(label, *, every: str | None = None):
    """Declare a function as a job (`label` is shown to the office)."""
    if every is not None and every not in EVERY:
        raise ValueError(f"every must be one of {sorted(EVERY)}")

    def register(func):
        path = f"{func.__module__}.{func.__qualname__}"
        REGISTRY[path] = Job(path=path, label=label, every=every)
        func.job_path = path
        return func

    return register


def label_of(path: str) -> str:
    known = REGISTRY.get(path)
    return str(known.label) if known else path


def enqueue(func, *args, **kwargs) -> str:
    """Queue `func(*args, **kwargs)` in the current transaction; the job's id.

    Arguments are ids and plain values (never model instances or confidential text): the job
    reads what it needs when it runs.
    """
    path = getattr(func, "job_path", None)
    if path is None:
        raise ValueError(f"{func!r} is not declared with @job")
    with transaction.atomic():  # the job's row and the caller's writes commit together
        return async_task(path, *args, q_options={"group": path}, **kwargs)


def back_off(sender, func=None, task=None, **kwargs):
    """After a failed attempt, hide the job from the workers until its next retry is due.

    django-q2 leaves a failed job in the queue (ack_failures off) and counts its attempts; the
    ORM broker shows a queued job to the workers once its `lock` time has passed. Moving that
    time on by a growing delay is the whole retry policy. The last attempt is acknowledged by
    django-q2 itself (max_attempts) and stays as a failure in the admin.
    """
    if not task or task.get("success") or task.get("sync") or not task.get("ack_id"):
        return
    earlier = Task.objects.filter(id=task["id"]).values_list("attempt_count", flat=True).first()
    attempt = (earlier or 0) + 1
    OrmQ.objects.filter(pk=task["ack_id"]).update(lock=timezone.now() + retry_delay(attempt))


def retry_delay(attempt: int) -> datetime.timedelta:
    return datetime.timedelta(
        seconds=delay_after(
            attempt,
            first=settings.KYOSO_JOB_RETRY_FIRST_SECONDS,
            longest=settings.KYOSO_JOB_RETRY_LONGEST_SECONDS,
        )
    )


def oldest_waiting_since() -> datetime.datetime | None:
    """When the oldest job due now was queued (or was due); None when nothing waits."""
    return (
        OrmQ.objects.filter(lock__lte=timezone.now())
        .order_by("lock")
        .values_list("lock", flat=True)
        .first()
    )
