"""The office's view of django-q2's failed tasks, under the portal's own name and permissions."""

from django.utils.translation import gettext_lazy as _
from django_q.models import Failure


class FailedJob(Failure):
    """失敗した処理: a job that raised; retried with growing delays, then given up."""

    class Meta:
        proxy = True
        verbose_name = _("failed job")
        verbose_name_plural = _("failed jobs")
