"""The office's admin of the terms: a new version is a new row (publish_version); published
versions and the acceptances are read, never changed."""

from django.contrib import admin

from accounts.roles import is_office

from . import services
from .models import Acceptance, TermsVersion


class OfficeOnly:
    def has_module_permission(self, request):
        return is_office(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_office(request.user) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TermsVersion)
class TermsVersionAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("title", "kind", "version", "effective_on", "created_at", "created_by")
    list_filter = ("kind",)
    fields = ("kind", "title", "body", "effective_on")

    def has_add_permission(self, request):
        return is_office(request.user) and super().has_add_permission(request)

    def save_model(self, request, obj, form, change):
        # The next version number of its kind, under a lock (services.publish_version).
        published = services.publish_version(
            kind=obj.kind,
            title=obj.title,
            body=obj.body,
            effective_on=obj.effective_on,
            by=request.user,
        )
        obj.pk, obj.version = published.pk, published.version
        obj._state.adding = False


@admin.register(Acceptance)
class AcceptanceAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("terms", "user", "organization", "context", "proposal", "accepted_at")
    list_filter = ("context", "terms__kind")
    list_select_related = ("terms", "user", "organization", "proposal")
    search_fields = ("user__email", "organization__name", "proposal__reference")
    date_hierarchy = "accepted_at"

    def has_add_permission(self, request):
        return False
