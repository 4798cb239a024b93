"""The admin case list's CSV export (an action): the selected cases, every column, written as
the staff work list's export writes them (proposals/exports.py): UTF-8 with BOM, formula cells
neutralised, a Japanese file name. The cases come from the admin's queryset (the selector)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from ..exports import COLUMNS, cases_csv


@admin.action(description=gettext_lazy("Export the selected cases as CSV"))
def export_cases_csv(modeladmin, request, queryset):
    return cases_csv(
        queryset.prefetch_related("departments").order_by(*modeladmin.ordering), COLUMNS
    )
