"""失敗した処理 for the office: jobs that raised, still being retried or given up, and a
retry by hand. django-q2's own pages (successes, schedules, the queue) are for superusers."""

from django.conf import settings
from django.contrib import admin, messages
from django.template.defaultfilters import truncatechars
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_q.tasks import async_task

from .models import FailedJob
from .queue import label_of, retry_delay


@admin.register(FailedJob)
class FailedJobAdmin(admin.ModelAdmin):
    list_display = ("job", "state", "attempt_count", "started", "stopped", "error")
    list_filter = ("group",)
    search_fields = ("func", "group")
    ordering = ("-stopped",)
    fields = ("job", "state", "attempt_count", "started", "stopped", "result", "args")
    readonly_fields = fields
    actions = ["retry_now"]
    show_full_result_count = False

    @admin.display(description=_("job"), ordering="func")
    def job(self, task):
        return label_of(task.func)

    @admin.display(description=_("state"))
    def state(self, task):
        if task.attempt_count >= settings.Q_CLUSTER["max_attempts"]:
            return _("Given up: retry it by hand once the cause is fixed")
        due = task.stopped + retry_delay(task.attempt_count)
        return _("Will be retried at %(time)s") % {
            "time": formats.date_format(due.astimezone(), "SHORT_DATETIME_FORMAT")
        }

    @admin.display(description=_("error"))
    def error(self, task):
        return truncatechars(str(task.result or "").splitlines()[0] if task.result else "", 80)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)

    @admin.action(description=_("Retry the selected jobs now"), permissions=["change"])
    def retry_now(self, request, queryset):
        count = 0
        for task in queryset:
            # Jobs are idempotent: a retry that overlaps a scheduled one does nothing twice.
            async_task(
                task.func,
                *(task.args or ()),
                q_options={"group": task.group},
                **(task.kwargs or {}),
            )
            task.delete()
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d job queued again.", "%(count)d jobs queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )
