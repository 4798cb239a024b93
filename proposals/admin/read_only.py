"""The office's reading tools in the admin, for every app's models: nothing is added, changed
or deleted by hand; cases change through the workflow and the services."""

from django.contrib import admin

from accounts.roles import is_office


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    # Every column named, each row by its record; no empty headers (issue 13 §2, axe).
    template = "admin/edit_inline/read_only_tabular.html"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OfficeReadOnlyMixin:
    """The office's reading tool: nobody else enters; nothing is added, changed or deleted here.

    Cases change through the workflow and the services (the actions below), logs never by
    hand; department staff work on the staff pages, businesses on the portal.
    """

    def has_module_permission(self, request):
        return is_office(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_office(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
