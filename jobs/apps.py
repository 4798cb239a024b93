from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """The job engine's wiring (django-q2): jobs enqueued in the deciding transaction, retried
    with growing delays, periodic jobs, failed jobs shown to the office."""

    name = "jobs"
    verbose_name = _("Jobs")

    def ready(self):
        from django.db.models.signals import post_migrate
        from django.utils.module_loading import autodiscover_modules
        from django_q.signals import post_execute_in_worker

        from . import periodic, queue

        # Each app's jobs live in its jobs.py: import them so that the registry is complete
        # in every process (web, worker, admin).
        autodiscover_modules("jobs")
        post_execute_in_worker.connect(queue.back_off, dispatch_uid="kyoso-job-back-off")
        post_migrate.connect(periodic.sync_schedules, sender=self)
