"""The agreements and the monitoring in the admin: the office's reading tool, read-only with
their history (they change on the staff pages, through the services)."""

from django.contrib import admin

from proposals.admin.history import ReadOnlyHistoryAdmin
from proposals.admin.read_only import OfficeReadOnlyMixin, ReadOnlyInline

from .models import (
    Agreement,
    AgreementChange,
    AgreementDocument,
    ImprovementAction,
    IncentiveRule,
    IndicatorResult,
    MonitoringReport,
    RoleRiskItem,
)


class RoleRiskItemInline(ReadOnlyInline):
    model = RoleRiskItem
    fields = ("order", "item", "city_role", "business_role", "risk_bearer", "risk_note")
    readonly_fields = fields


class AgreementDocumentInline(ReadOnlyInline):
    model = AgreementDocument
    fields = ("original_name", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields


class AgreementChangeInline(ReadOnlyInline):
    """Changes in the order they take effect; the current terms are on the staff page."""

    model = AgreementChange
    fields = (
        "effective_on",
        "kind",
        "ends_on",
        "terms",
        "reason",
        "city_signed_at",
        "city_signed_by",
        "business_signed_at",
        "business_signed_by",
        "document",
    )
    readonly_fields = fields


class IncentiveRuleInline(ReadOnlyInline):
    model = IncentiveRule
    fields = ("indicator", "comparison", "threshold", "effect_kind", "effect_value", "effect_text")
    readonly_fields = fields


@admin.register(Agreement)
class AgreementAdmin(OfficeReadOnlyMixin, ReadOnlyHistoryAdmin):
    list_display = ("title", "proposal", "starts_on", "ends_on", "signed_on")
    list_select_related = ("proposal",)
    search_fields = ("title", "proposal__reference")
    inlines = (
        RoleRiskItemInline,
        AgreementDocumentInline,
        AgreementChangeInline,
        IncentiveRuleInline,
    )


class IndicatorResultInline(ReadOnlyInline):
    model = IndicatorResult
    fields = ("indicator", "value", "note", "is_public")
    readonly_fields = fields


@admin.register(MonitoringReport)
class MonitoringReportAdmin(OfficeReadOnlyMixin, ReadOnlyHistoryAdmin):
    list_display = ("__str__", "proposal", "is_shared", "created_by", "created_at")
    list_select_related = ("proposal", "created_by")
    list_filter = ("is_shared",)
    inlines = (IndicatorResultInline,)


@admin.register(ImprovementAction)
class ImprovementActionAdmin(OfficeReadOnlyMixin, ReadOnlyHistoryAdmin):
    list_display = ("__str__", "proposal", "owner_side", "owner_name", "due_on", "done_on")
    list_select_related = ("proposal",)
    list_filter = ("owner_side",)
