"""The office's defaults per kind of event (お知らせの既定の設定), for users who have not chosen."""

from django.contrib import admin

from mishima_kyoso.common.admin_lists import LabelledListEditableAdmin

from .models import FIXED, KindDefault


@admin.register(KindDefault)
class KindDefaultAdmin(LabelledListEditableAdmin):
    list_display = ("kind", "delivery")
    list_editable = ("delivery",)
    list_display_links = None
    fields = ("kind", "delivery")
    readonly_fields = ("kind",)

    def has_add_permission(self, request):
        return False  # one row per kind, made by a migration

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.kind in FIXED:
            return ("kind", "delivery")
        return self.readonly_fields
