"""The office's admin of the formal documents: the series' prefixes and suffixes are set
here; the documents issued are read (they are issued by the workflow's steps only)."""

from django.contrib import admin

from accounts.roles import is_office

from .models import DocumentSeries, IssuedDocument


class OfficeOnly:
    def has_module_permission(self, request):
        return is_office(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_office(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DocumentSeries)
class DocumentSeriesAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("name", "kind", "prefix", "suffix")
    fields = ("kind", "name", "prefix", "suffix")
    readonly_fields = ("kind",)

    def has_change_permission(self, request, obj=None):
        return is_office(request.user) and super().has_change_permission(request, obj)


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(OfficeOnly, admin.ModelAdmin):
    list_display = ("number", "kind", "proposal", "issued_at", "is_ready")
    list_filter = ("kind", "fiscal_year")
    list_select_related = ("proposal",)
    search_fields = ("number", "proposal__reference", "proposal__title")
    fields = ("number", "kind", "proposal", "transition", "issued_at", "original_name", "size")
    readonly_fields = fields

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(boolean=True, description=IssuedDocument._meta.get_field("file").verbose_name)
    def is_ready(self, obj):
        return obj.is_ready
