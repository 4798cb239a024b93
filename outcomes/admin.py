"""The published decisions in the administration: read only, with their history; and the
city's publication policy (公表方針), which the office edits here.

Publishing and withdrawing go through the case's publication page (services.py).
"""

from django.contrib import admin

from accounts.roles import is_office
from proposals.admin.history import ReadOnlyHistoryAdmin
from proposals.admin.read_only import OfficeReadOnlyMixin

from .models import PublicationPolicy, PublishedDecision


@admin.register(PublishedDecision)
class PublishedDecisionAdmin(OfficeReadOnlyMixin, ReadOnlyHistoryAdmin):
    list_display = ("title", "decision", "decided_at", "discloses_proposer", "published_at")
    list_filter = ("decision", "discloses_proposer")
    date_hierarchy = "decided_at"
    show_full_result_count = False  # no second COUNT of every row under a filtered list
    search_fields = ("title",)
    readonly_fields = [field.name for field in PublishedDecision._meta.fields]


@admin.register(PublicationPolicy)
class PublicationPolicyAdmin(ReadOnlyHistoryAdmin):
    """One policy for the city: the office changes it (its group holds the permissions); it is
    never deleted, and a second one is never added."""

    list_display = ("__str__", "updated_at")
    fields = (
        "publishes_declines",
        "publishes_adoptions",
        "publishes_non_adoptions",
        "publishes_selections",
        "publishes_completions",
        "unsuccessful_title",
    )

    def has_module_permission(self, request):
        return is_office(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_office(request.user) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return is_office(request.user) and super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return (
            is_office(request.user)
            and not PublicationPolicy.objects.exists()
            and super().has_add_permission(request)
        )

    def has_delete_permission(self, request, obj=None):
        return False
