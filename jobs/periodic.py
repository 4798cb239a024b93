"""Periodic jobs: one django-q2 schedule per job declared with `every=`, kept in step on migrate.

The schedules are rows in the database; each worker's scheduler takes the due ones under a row
lock (SELECT … FOR UPDATE on PostgreSQL, the database's write lock on SQLite) and moves their
next run on in the same transaction that enqueues the job, so a period's job is enqueued once
however many workers run. A period missed while no worker ran is run once, not caught up.
"""

import datetime

from django.utils import timezone

from .queue import EVERY, REGISTRY

PREFIX = "kyoso:"  # schedules this module owns; others (made in the admin) are left alone


def sync_schedules(**kwargs) -> None:
    """Create, update and remove the schedules of the periodic jobs (post_migrate)."""
    from django_q.models import Schedule

    wanted = {PREFIX + job.path: job for job in REGISTRY.values() if job.every}
    Schedule.objects.filter(name__startswith=PREFIX).exclude(name__in=wanted).delete()
    for name, job in wanted.items():
        schedule_type = EVERY[job.every]
        current = Schedule.objects.filter(name=name).first()
        if current and current.func == job.path and current.schedule_type == schedule_type:
            continue
        Schedule.objects.update_or_create(
            name=name,
            defaults={
                "func": job.path,
                "schedule_type": schedule_type,
                "repeats": -1,
                "next_run": _first_run(job.every),
            },
        )


def _first_run(every: str) -> datetime.datetime:
    """The next full hour, or 03:00 local time for a daily job (quiet hours)."""
    now = timezone.localtime()
    if every == "hourly":
        return now.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1)
    run = now.replace(hour=3, minute=0, second=0, microsecond=0)
    return run if run > now else run + datetime.timedelta(days=1)
