"""The office's admin for evaluation: criteria sets are authored here; rounds are only read.

A criteria set scored by a round that has opened is fixed (the results must stay explicable):
it is read-only, and the "Copy the criteria set" action makes an editable copy.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import is_office
from municipality.selectors import words
from proposals.admin.history import ReadOnlyHistoryAdmin
from proposals.admin.read_only import ReadOnlyInline

from . import services
from .models import Candidate, CriteriaSet, Criterion, EvaluatorAssignment, Round, RoundEvent


class OfficeOnly:
    """Office staff only (their group holds the model permissions)."""

    def has_module_permission(self, request):
        return is_office(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_office(request.user) and super().has_view_permission(request, obj)


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ("order", "group", "name", "description", "scale", "max_points", "weight")

    def _fixed(self, obj):
        return obj is not None and services.is_in_use(obj)

    def has_add_permission(self, request, obj=None):
        return not self._fixed(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._fixed(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._fixed(obj) and super().has_delete_permission(request, obj)


@admin.register(CriteriaSet)
class CriteriaSetAdmin(OfficeOnly, ReadOnlyHistoryAdmin):
    list_display = ("name", "pass_mark", "proposer_bonus", "is_default", "in_use")
    list_filter = ("is_default",)
    search_fields = ("name",)
    inlines = [CriterionInline]
    actions = ["copy_criteria_sets"]
    fields = ("name", "description", "pass_mark", "proposer_bonus", "is_default")

    @admin.display(boolean=True, description=gettext_lazy("used by an opened round"))
    def in_use(self, criteria_set):
        return services.is_in_use(criteria_set)

    def has_change_permission(self, request, obj=None):
        if obj is not None and services.is_in_use(obj):
            return False
        return is_office(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and services.is_in_use(obj):
            return False
        return is_office(request.user) and super().has_delete_permission(request, obj)

    def has_add_permission(self, request):
        return is_office(request.user) and super().has_add_permission(request)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and services.is_in_use(obj):
            messages.info(
                request,
                _(
                    "This criteria set has been used by a round that opened, so it can no "
                    "longer be changed. Copy it to make a new one (action “Copy the criteria "
                    "set” in the list)."
                ),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=gettext_lazy("Copy the criteria set"), permissions=["add"])
    def copy_criteria_sets(self, request, queryset):
        try:
            copies = [
                services.copy_criteria_set(criteria_set=criteria_set, by=request.user)
                for criteria_set in queryset
            ]
        except PermissionDenied:
            self.message_user(
                request, _("Only the %(office)s copies criteria sets.") % words(), messages.ERROR
            )
            return
        self.message_user(
            request,
            _("Copied: %(names)s") % {"names": ", ".join(copy.name for copy in copies)},
            messages.SUCCESS,
        )


class CandidateInline(ReadOnlyInline):
    model = Candidate
    fields = ("label", "proposal", "is_original_proposer")
    readonly_fields = fields


class EvaluatorAssignmentInline(ReadOnlyInline):
    model = EvaluatorAssignment
    fields = ("evaluator", "assigned_at", "declared_at")
    readonly_fields = fields


class EventInline(ReadOnlyInline):
    model = RoundEvent
    fields = ("at", "kind", "subject", "reason", "actor")
    readonly_fields = fields


@admin.register(Round)
class RoundAdmin(OfficeOnly, ReadOnlyHistoryAdmin):
    """For the record: rounds are created and run on the staff pages, through the services."""

    list_display = ("title", "proposal", "kind", "status", "scoring_due_on", "created_at")
    list_filter = ("kind", "status")
    search_fields = ("title", "proposal__reference", "proposal__title")
    list_select_related = ("proposal",)
    inlines = [CandidateInline, EvaluatorAssignmentInline, EventInline]
    readonly_fields = (
        "proposal",
        "kind",
        "title",
        "criteria_set",
        "is_anonymised",
        "score_normalisation",
        "scoring_due_on",
        "status",
        "opened_at",
        "closed_at",
        "decided_at",
        "selected",
        "is_adopted",
        "decision_reason",
        "public_reason",
        "created_by",
        "created_at",
    )
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
