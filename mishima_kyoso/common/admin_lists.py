"""The admin's lists: editable ones (list_editable) named for screen readers, and the rows'
action check boxes written without the form templates.

Django renders an editable column's inputs with no label (the column header is not tied to
them), which JIS X 8341-3 / WCAG 1.3.1 and 4.1.2 refuse: each input is named here by its
column and its row ("表示順 — 環境政策課").
"""

from django.contrib import admin
from django.contrib.admin import helpers
from django.utils.html import format_html
from django.utils.translation import gettext


class LabelledListEditableMixin:
    def get_changelist_form(self, request, **kwargs):
        base = super().get_changelist_form(request, **kwargs)

        class LabelledForm(base):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, **form_kwargs)
                for field in self.fields.values():
                    if self.instance.pk is not None:
                        field.widget.attrs["aria-label"] = f"{field.label} — {self.instance}"

        return LabelledForm


class LabelledListEditableAdmin(LabelledListEditableMixin, admin.ModelAdmin):
    pass


class LightActionCheckboxMixin:
    """Each row's check box for the list's actions, the HTML ModelAdmin.action_checkbox
    writes, without rendering a form widget through two templates per row (a hundred
    templates on a page of fifty cases)."""

    def action_checkbox(self, obj):
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )
