"""The open calls (公募) in the admin: read only, with their history; the office writes and
publishes them on the case's call page."""

from django.contrib import admin

from ..models import OpenCall
from .history import ReadOnlyHistoryAdmin
from .read_only import OfficeReadOnlyMixin


@admin.register(OpenCall)
class OpenCallAdmin(OfficeReadOnlyMixin, ReadOnlyHistoryAdmin):
    list_display = ("number", "title", "proposal", "status", "starts_on", "ends_on")
    list_filter = ("status",)
    list_select_related = ("proposal",)
    search_fields = ("title", "proposal__reference")
