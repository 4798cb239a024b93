"""The office reads the dialogue in the admin; writing happens on the portal's pages (services)."""

from django.contrib import admin
from django.http import Http404
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from proposals.admin.history import ReadOnlyHistoryAdmin
from proposals.selectors import visible_proposals

from .models import MeetingRecord, Message, MessageAttachment


class ReadOnlyAdmin(admin.ModelAdmin):
    """Messages are never edited, and records are corrected on the case's pages (services)."""

    show_full_result_count = False  # no second COUNT of every row under a filtered list

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(proposal__in=visible_proposals(request.user).values("pk"))
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MessageAttachmentInline(admin.TabularInline):
    model = MessageAttachment
    extra = 0
    can_delete = False
    fields = ("download", "size", "file_type", "uploaded_by")
    readonly_fields = fields

    @admin.display(description=_("file type"))
    def file_type(self, attachment):
        return attachment.type_label  # 「PDF」, never "application/pdf" (issue 13 §2)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file name"))
    def download(self, attachment):
        # Through the checked download view: the storage has no public URL.
        return format_html(
            '<a href="{}">{}</a>',
            attachment.get_absolute_url(),
            attachment.original_name,
        )


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "proposal", "side", "author", "is_internal")
    list_filter = ("side", "is_internal")
    list_select_related = ("proposal", "author")
    search_fields = ("proposal__reference", "proposal__title")
    date_hierarchy = "created_at"
    fields = ("proposal", "side", "author", "is_internal", "created_at", "body")
    inlines = (MessageAttachmentInline,)


@admin.register(MeetingRecord)
class MeetingRecordAdmin(ReadOnlyAdmin, ReadOnlyHistoryAdmin):
    list_display = ("held_on", "proposal", "kind", "form", "is_shared_with_proposer")
    list_filter = ("kind", "form", "is_shared_with_proposer")
    list_select_related = ("proposal",)
    search_fields = ("proposal__reference", "proposal__title")
    date_hierarchy = "held_on"
    fields = (
        "proposal",
        "kind",
        "held_on",
        "form",
        "city_attendees",
        "business_attendees",
        "summary",
        "next_steps",
        "is_shared_with_proposer",
        "created_by",
        "created_at",
        "updated_by",
        "updated_at",
    )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """The list of changes stays; simple_history's old-version form does not: its POST
        would write the old version back, and a read-only admin has nothing to restore."""
        raise Http404
