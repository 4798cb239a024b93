from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from mishima_kyoso import search
from mishima_kyoso.common.admin_lists import LabelledListEditableAdmin

from .models import Department, Invitation, Membership, Organization, User


@admin.register(Department)
class DepartmentAdmin(LabelledListEditableAdmin):
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


class MembershipInline(admin.TabularInline):
    """The organisation's members, as the portal shows them; joining goes by invitation."""

    model = Membership
    extra = 0
    fields = ("user", "user_email", "joined_at")
    readonly_fields = fields
    can_delete = False
    verbose_name = _("member")
    verbose_name_plural = _("members")

    @admin.display(description=_("e-mail address"))
    def user_email(self, membership):
        return membership.user.email

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    fields = ("email", "invited_by", "created_at", "expires_at", "accepted_at")
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("invited_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class _ReadOnlyAdmin(admin.ModelAdmin):
    """Read-only for everyone: businesses keep their own data on the organisation page
    (事業者情報), through the rules of accounts/services.py; the office looks it up here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organization)
class OrganizationAdmin(_ReadOnlyAdmin):
    list_display = ("name", "name_kana", "corporate_number", "size", "is_local", "member_count")
    list_filter = ("is_local", "size")
    search_fields = ("name", "name_kana", "corporate_number", "email", "memberships__user__email")
    fieldsets = (
        (None, {"fields": ("name", "name_kana", "corporate_number", "size", "is_local")}),
        (
            _("Address and contact"),
            {
                "fields": (
                    "postal_code",
                    "address",
                    "representative",
                    "contact_person",
                    "phone",
                    "email",
                )
            },
        ),
        (_("Record"), {"fields": ("created_at", "updated_at")}),
    )
    readonly_fields = (
        "name",
        "name_kana",
        "corporate_number",
        "size",
        "is_local",
        "postal_code",
        "address",
        "representative",
        "contact_person",
        "phone",
        "email",
        "created_at",
        "updated_at",
    )
    inlines = (MembershipInline, InvitationInline)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_member_count=Count("memberships"))

    def get_search_results(self, request, queryset, search_term):
        """Name and reading through the search index (mishima_kyoso.search, either kana and
        width); a corporate number or an e-mail address (the organisation's or a member's) as
        typed, looked at only when the word could be one."""
        for term in search.terms(search_term):
            condition = search.condition(term)
            if any(ch.isdigit() for ch in term):
                condition |= Q(corporate_number__contains=term)
            if term.isascii():
                members = Membership.objects.filter(user__email__icontains=term)
                condition |= Q(email__icontains=term) | Q(pk__in=members.values("organization"))
            queryset = queryset.filter(condition)
        return queryset, False

    @admin.display(description=_("members"), ordering="_member_count")
    def member_count(self, organization):
        return organization._member_count


@admin.register(Invitation)
class InvitationAdmin(_ReadOnlyAdmin):
    list_display = ("email", "organization", "invited_by", "created_at", "expires_at", "state")
    list_filter = (("accepted_at", admin.EmptyFieldListFilter),)
    list_select_related = ("organization", "invited_by")
    search_fields = ("email", "organization__name")
    date_hierarchy = "created_at"
    # The token is the invitation's secret: never shown, not even to the office.
    fields = ("organization", "email", "invited_by", "created_at", "expires_at", "accepted_at")
    readonly_fields = fields

    @admin.display(description=_("state"))
    def state(self, invitation):
        if invitation.accepted_at:
            return _("Accepted")
        if invitation.is_open:
            return _("Waiting for an answer")
        return _("Expired")
