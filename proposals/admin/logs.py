"""The audit logs in the admin: who read which confidential content (閲覧記録) and which
reminders went out. Read only, for the office."""

from django.contrib import admin
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from ..models import AccessLog, ReminderLog
from .read_only import OfficeReadOnlyMixin


class ReadOnlyLogAdmin(OfficeReadOnlyMixin, admin.ModelAdmin):
    """A log is read, never written by hand: office staff only."""

    # Logs grow with every read: no second COUNT of every row under a filtered list.
    show_full_result_count = False

    @admin.display(description=gettext_lazy("case"), ordering="proposal__reference")
    def case(self, entry):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:proposals_proposal_change", args=[entry.proposal_id]),
            entry.proposal.reference or "—",
        )


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyLogAdmin):
    """閲覧記録: who read which confidential content or downloaded which file, and when."""

    list_display = ("at", "who", "case", "kind", "object_label")
    list_display_links = None
    list_filter = ("kind", "at")
    list_select_related = ("user", "proposal")
    search_fields = ("proposal__reference", "user__email")
    search_help_text = gettext_lazy("Reference number or e-mail address")
    date_hierarchy = "at"
    fields = ("at", "who", "case", "kind", "object_label")
    readonly_fields = fields

    @admin.display(description=gettext_lazy("user"), ordering="user__email")
    def who(self, entry):
        user = entry.user
        return f"{user.full_name} <{user.email}>" if user.full_name else user.email


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyLogAdmin):
    """The reminders the hourly command has sent (send_reminders)."""

    list_display = ("sent", "case", "deadline_kind", "deadline")
    list_display_links = None
    list_filter = ("kind", "sent_at")
    list_select_related = ("proposal",)
    search_fields = ("proposal__reference",)
    fields = list_display
    readonly_fields = fields

    # The model's fields carry no verbose names: the columns name themselves here.
    @admin.display(description=gettext_lazy("sent at"), ordering="sent_at")
    def sent(self, reminder):
        return formats.localize(timezone.localtime(reminder.sent_at))

    @admin.display(description=gettext_lazy("what was due"), ordering="kind")
    def deadline_kind(self, reminder):
        return reminder.get_kind_display()

    @admin.display(description=gettext_lazy("deadline"), ordering="due_on")
    def deadline(self, reminder):
        return formats.date_format(reminder.due_on)
