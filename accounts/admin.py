from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Department, User


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "phone", "email", "sort_order")
    list_editable = ("sort_order",)
    search_fields = ("name", "code")
    prepopulated_fields = {}


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "full_name", "department", "is_staff", "is_active")
    list_filter = ("is_staff", "is_active", "groups", "department")
    list_select_related = ("department",)
    search_fields = ("email", "full_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name", "department")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )

    def get_queryset(self, request):
        users = super().get_queryset(request)
        if not request.user.is_superuser:
            # Office staff manage accounts, but never a superuser's.
            users = users.filter(is_superuser=False)
        return users

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser or obj is None:
            return fieldsets
        # Without this, an office account could make itself a superuser.
        return tuple(
            (
                name,
                {
                    **options,
                    "fields": tuple(
                        field
                        for field in options["fields"]
                        if field not in ("is_superuser", "user_permissions")
                    ),
                },
            )
            for name, options in fieldsets
        )

    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "department", "password1", "password2"),
            },
        ),
    )
