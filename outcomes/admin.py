"""The published decisions in the administration: read only, with their history.

Publishing and withdrawing go through the case's publication page (services.py).
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from proposals.admin.read_only import OfficeReadOnlyMixin

from .models import PublishedDecision


@admin.register(PublishedDecision)
class PublishedDecisionAdmin(OfficeReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ("title", "decision", "decided_at", "discloses_proposer", "published_at")
    list_filter = ("decision", "discloses_proposer")
    date_hierarchy = "decided_at"
    search_fields = ("title",)
    readonly_fields = [field.name for field in PublishedDecision._meta.fields]
