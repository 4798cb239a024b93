"""The office moderates the citizens' voice here: publish or decline (actions, through the
services), and write a suggestion's public reply. Nothing is added here (citizens send through
the public forms) or deleted (the history is kept); a citizen's contact data is read only."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.roles import is_office
from proposals.admin.history import ReadOnlyHistoryAdmin

from . import services
from .models import IssueSuggestion, ServiceFeedback


class ModerationAdmin(ReadOnlyHistoryAdmin):
    actions = ("publish_selected", "decline_selected")
    list_filter = ("status",)
    show_full_result_count = False
    date_hierarchy = "created_at"

    def has_module_permission(self, request):
        return is_office(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_office(request.user) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return is_office(request.user) and super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _moderate(self, request, queryset, step):
        for item in queryset:
            step(item, by=request.user)
        return queryset.count()

    @admin.action(description=_("Publish the selected items"), permissions=["change"])
    def publish_selected(self, request, queryset):
        count = self._moderate(request, queryset, services.publish)
        self.message_user(
            request,
            ngettext("%(count)d item published.", "%(count)d items published.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Decline the selected items"), permissions=["change"])
    def decline_selected(self, request, queryset):
        count = self._moderate(request, queryset, services.decline)
        self.message_user(
            request,
            ngettext("%(count)d item declined.", "%(count)d items declined.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(IssueSuggestion)
class IssueSuggestionAdmin(ModerationAdmin):
    list_display = ("title", "field", "status", "created_at", "moderated_at")
    list_select_related = ("field",)
    list_filter = ("status", "field")
    search_fields = ("title", "body")
    # The office may correct the text before publishing (e.g. remove a private detail) and
    # writes the public reply; the contact data is for a reply by mail, never public.
    fields = (
        "title",
        "body",
        "field",
        "reply",
        "name",
        "email",
        "status",
        "created_at",
        "moderated_by",
        "moderated_at",
    )
    readonly_fields = ("name", "email", "status", "created_at", "moderated_by", "moderated_at")

    def save_model(self, request, obj, form, change):
        services.edit_suggestion(suggestion=obj, by=request.user, fields=form.changed_data)


@admin.register(ServiceFeedback)
class ServiceFeedbackAdmin(ModerationAdmin):
    list_display = ("__str__", "agreement", "respondent", "rating", "status", "created_at")
    list_select_related = ("agreement",)
    list_filter = ("status", "respondent", "rating")
    search_fields = ("body", "agreement__title", "agreement__proposal__reference")
    fields = (
        "agreement",
        "respondent",
        "rating",
        "body",
        "status",
        "created_at",
        "moderated_by",
        "moderated_at",
    )
    readonly_fields = fields
