"""The office's view of proposals in the admin (issue 5 adds triage and actions)."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Proposal, ProposalAttachment, ProposalTransition, ProposalVersion
from .selectors import visible_proposals


class TransitionInline(admin.TabularInline):
    model = ProposalTransition
    extra = 0
    can_delete = False
    fields = ("created_at", "action", "source", "target", "actor", "reason")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class VersionInline(admin.TabularInline):
    model = ProposalVersion
    extra = 0
    can_delete = False
    fields = ("number", "created_at", "created_by", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = ProposalAttachment
    extra = 0
    can_delete = False
    fields = ("download", "size", "content_type", "uploaded_by", "uploaded_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file name"))
    def download(self, attachment):
        # Through the checked download view: the storage has no public URL.
        return format_html(
            '<a href="{}">{}</a>', attachment.get_absolute_url(), attachment.original_name
        )


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ("reference", "title", "kind", "status", "organization", "submitted_at")
    list_display_links = ("reference", "title")
    list_filter = ("status", "kind", "theme", "field", "fiscal_year")
    list_select_related = ("organization",)
    search_fields = ("reference", "title", "organization__name")
    inlines = (VersionInline, AttachmentInline, TransitionInline)

    def get_queryset(self, request):
        return visible_proposals(request.user)

    def get_readonly_fields(self, request, obj=None):
        # The office reads cases here; the content belongs to the proposer.
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
