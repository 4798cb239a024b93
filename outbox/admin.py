"""送信メール for the office: what left, what waits, what failed; sending again by hand.

The texts are never shown (a password-reset or invitation mail carries a personal link), and
are erased once the server has taken the mail.
"""

from django.contrib import admin, messages
from django.template.defaultfilters import truncatechars
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Mail


@admin.register(Mail)
class MailAdmin(admin.ModelAdmin):
    list_display = ("created_at", "subject", "recipients", "status", "attempts", "sent_at", "error")
    list_filter = ("status",)
    search_fields = ("subject", "message_id")
    date_hierarchy = "created_at"
    fields = (
        "subject",
        "recipients",
        "status",
        "attempts",
        "created_at",
        "last_attempt_at",
        "sent_at",
        "last_error",
        "message_id",
    )
    readonly_fields = fields
    actions = ["send_again"]
    show_full_result_count = False

    @admin.display(description=_("recipients"))
    def recipients(self, mail):
        return ", ".join(mail.to)

    @admin.display(description=_("last error"))
    def error(self, mail):
        return truncatechars(mail.last_error, 80)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # The list's action needs it; a mail itself is never edited.
        return obj is None and super().has_change_permission(request)

    @admin.action(description=_("Send the selected e-mails again now"), permissions=["change"])
    def send_again(self, request, queryset):
        count = sum(services.resend(mail, by=request.user) for mail in queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail will be sent again.",
                "%(count)d e-mails will be sent again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
